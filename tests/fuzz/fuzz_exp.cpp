// aero-server's expressions (core/server/exp/): an input is a packed expression as a client
// sends it (a filter's FILTER_EXP field, an EXP_READ / EXP_MODIFY op's tree). Byte 0 picks
// how it is used: bit 0 as a filter (compile_filter + matches) or as a value (compile +
// eval_to_bin), bit 1 on a record with a stored key and every bin type or on a bare one, and
// bit 2 says the tree is in the C ABI's form, which the client's encoder
// (core/proto/expression) turns into the wire form first. The rest is the tree. A value it
// computes is decoded again, as a reply would carry it.
#include <cstring>
#include <string>

#include "core/proto/bytes.h"
#include "core/proto/expression.h"
#include "core/proto/msgpack.h"
#include "core/proto/particle.h"
#include "core/server/exp/exp.h"
#include "core/server/storage.h"

namespace {

using namespace aero::proto;
namespace server = aero::server;
namespace exp = aero::server::exp;

std::string be64(uint64_t v) {
    uint8_t b[8];
    store_u64(b, v);
    return std::string(reinterpret_cast<char*>(b), 8);
}

struct World {
    server::Storage storage{{"test"}, 0, 1};
    server::Namespace& ns = *storage.find("test");
    Digest digest{};
    server::Record full, bare;

    World() {
        full.set_id = *ns.set_id("demo", true);
        full.key = std::string(1, char(kParticleString)) + "key";
        full.generation = 3;
        full.last_update_ms = 1700000000000;
        auto put = [&](const char* name, uint8_t type, std::string value) {
            full.bins.push_back(server::Bin{name, type, std::move(value)});
        };
        put("i", kParticleInteger, be64(7));
        put("f", kParticleFloat, be64(0x4004000000000000));  // 2.5
        put("s", kParticleString, "hello");
        put("b", kParticleBlob, std::string("\x0f\xf0", 2));
        put("t", kParticleBool, std::string(1, '\x01'));
        put("l", kParticleList, std::string("\x94\x01\x02\x03\xa2\x03\x61", 7));       // [1, 2, 3, "a"]
        put("m", kParticleMap, std::string("\x82\xa2\x03x\x01\xa2\x03y\x02", 9));      // {"x": 1, "y": 2}
        put("om", kParticleMap, std::string("\x82\xc7\x00\x01\xc0\xa2\x03x\x01", 9));  // k-ordered {"x": 1}
        bare.generation = 1;
        bare.bins.push_back(server::Bin{"i", kParticleInteger, be64(uint64_t(-1))});
    }
};

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
    static World world;
    if (size < 1) return 0;
    const uint8_t mode = data[0];
    const uint8_t* tree = data + 1;
    size_t n = size - 1;
    Buffer wire;
    if (mode & 4) {
        Reader r(tree, n);
        if (!write_expression(r, wire).is_ok()) return 0;
        tree = wire.data();
        n = wire.size();
    }
    exp::RecordView view{world.ns, world.digest, (mode & 2) ? world.bare : world.full};
    exp::Program program;
    if (mode & 1) {
        if (exp::compile_filter(tree, n, program) == 0) exp::matches(program, view);
        return 0;
    }
    if (exp::compile(tree, n, program) != 0) return 0;
    server::Bin out;
    if (exp::eval_to_bin(program, view, out) && out.type != 0) {
        Buffer decoded;
        msgpack::particle_to_std(out.type, reinterpret_cast<const uint8_t*>(out.value.data()), out.value.size(), decoded)
            .ignore();
    }
    return 0;
}
