// aero-server's collection operations (core/server/cdt/): an input is one op on one of a few
// stored bins, as operate hands them to cdt::apply. Byte 0 picks the bin (none, a list, a
// nested map, a key-ordered map, a blob, an HLL), byte 1 the op type (CDT, bit or HLL, read or
// modify), the rest is the op's msgpack payload, contexts included. The op runs on a copy,
// then its result and the changed bin are decoded again, as a later command would.
#include <initializer_list>

#include "core/proto/message.h"
#include "core/proto/particle.h"
#include "core/server/cdt/cdt.h"
#include "core/server/cdt/value.h"

namespace {

using namespace aero::proto;
using aero::server::Bin;
namespace cdt = aero::server::cdt;

Bin stored(uint8_t type, std::initializer_list<uint8_t> bytes) {
    Bin b;
    b.name = "c";
    b.type = type;
    b.value.assign(bytes.begin(), bytes.end());
    return b;
}

// An HLL of 8 index bits, 0 minhash bits, with "a" and "b" added, made by the ops themselves.
Bin hll() {
    Bin b = stored(0, {});
    cdt::OpResult r;
    const uint8_t init[] = {0x93, 0x00, 0x08, 0x00};
    const uint8_t add[] = {0x92, 0x01, 0x92, 0xa2, 0x03, 'a', 0xa2, 0x03, 'b'};
    cdt::apply(kOpHllModify, kParticleBlob, b, init, sizeof init, r);
    cdt::apply(kOpHllModify, kParticleBlob, b, add, sizeof add, r);
    return b;
}

const Bin& pick(uint8_t which) {
    static const Bin bins[] = {
        stored(0, {}),
        // [1, "ab", [2, 3], 1.5]
        stored(kParticleList, {0x94, 0x01, 0xa3, 0x03, 'a', 'b', 0x92, 0x02, 0x03, 0xcb, 0x3f, 0xf8, 0, 0, 0, 0, 0, 0}),
        // {5: "v", "a": [1, {"x": 2}]}
        stored(kParticleMap, {0x82, 0x05, 0xa2, 0x03, 'v', 0xa2, 0x03, 'a', 0x92, 0x01, 0x81, 0xa2, 0x03, 'x', 0x02}),
        // key-ordered {1: 1, 2: [], 3: {}}
        stored(kParticleMap, {0x84, 0xc7, 0x00, 0x01, 0xc0, 0x01, 0x01, 0x02, 0x90, 0x03, 0x80}),
        stored(kParticleBlob, {0x0f, 0xf0, 0xaa, 0x55, 0x00, 0x01, 0x80, 0xff}),
        hll(),
    };
    return bins[which % (sizeof bins / sizeof bins[0])];
}

const uint8_t kOpTypes[] = {kOpCdtRead, kOpCdtModify, kOpBitRead, kOpBitModify, kOpHllRead, kOpHllModify};

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
    if (size < 2) return 0;
    Bin b = pick(data[0]);
    uint8_t op = kOpTypes[data[1] % sizeof kOpTypes];
    cdt::OpResult out;
    if (cdt::apply(op, kParticleBlob, b, data + 2, size - 2, out) != 0) return 0;
    cdt::Value v;
    if (out.has_value && (out.particle == kParticleList || out.particle == kParticleMap))
        cdt::from_particle(out.particle, reinterpret_cast<const uint8_t*>(out.bytes.data()), out.bytes.size(), v);
    if (b.type == kParticleList || b.type == kParticleMap) {
        // A stored collection must decode again: ops never leave bytes the server cannot read.
        if (!cdt::from_particle(b.type, reinterpret_cast<const uint8_t*>(b.value.data()), b.value.size(), v))
            __builtin_trap();
    }
    return 0;
}
