// CALL (exp.c eval_call): a list, map, bit or HLL operation on a value, run by core/server/cdt
// exactly as an operate op would run it on a bin.
#include "core/proto/message.h"
#include "core/proto/msgpack.h"
#include "core/proto/particle.h"
#include "core/server/cdt/cdt.h"
#include "core/server/exp/program.h"

namespace aero::server::exp {

namespace {

using namespace aero::proto;
namespace mp = aero::proto::msgpack;

void pack_typed(Buffer& out, uint8_t particle, std::string_view data) {
    mp::pack_raw_header(out, uint32_t(data.size() + 1));
    out.push_back(particle);
    put_str(out, data);
}

// rt_value_to_msgpack_vec(): an evaluated argument in the payload. False when it has no
// msgpack form (unknown, a remove marker), which makes the call unknown.
bool pack_arg(const Val& v, Buffer& out) {
    switch (v.kind) {
    case Val::kNil: mp::pack_nil(out); return true;
    case Val::kBool: mp::pack_bool(out, v.b); return true;
    case Val::kInt: mp::pack_int(out, v.i); return true;
    case Val::kFloat: mp::pack_double(out, v.d); return true;
    case Val::kStr: pack_typed(out, kParticleString, v.data); return true;
    case Val::kBlob: pack_typed(out, kParticleBlob, v.data); return true;
    case Val::kHll: pack_typed(out, kParticleHll, v.data); return true;
    case Val::kGeo: pack_typed(out, kParticleGeoJson, v.data); return true;
    case Val::kList: case Val::kMap: case Val::kOther: put_str(out, v.data); return true;
    default: return false;
    }
}

// The value the op runs on, as a bin (a copy: a modify works locally). False for a value that
// is no list, map, blob or HLL.
bool as_bin(const Val& v, Bin& out) {
    if (v.bin) {
        out.type = v.bin->type;
        out.value = v.bin->value;
        return true;
    }
    switch (v.kind) {
    case Val::kNil: out.type = kParticleNull; return true;
    case Val::kList: out.type = kParticleList; break;
    case Val::kMap: out.type = kParticleMap; break;
    case Val::kBlob: out.type = kParticleBlob; break;
    case Val::kHll: out.type = kParticleHll; break;
    default: return false;
    }
    out.value = v.data;
    return true;
}

// The op type an operate op of this system would have.
bool op_type_of(uint32_t system, uint8_t& op) {
    bool modify = system & kCallModifyLocal;
    switch (system & ~kCallModifyLocal) {
    case kCallCdt: op = modify ? kOpCdtModify : kOpCdtRead; return true;
    case kCallBits: op = modify ? kOpBitModify : kOpBitRead; return true;
    case kCallHll: op = modify ? kOpHllModify : kOpHllRead; return true;
    default: return false;  // reachable only with a nil bin expression, which skips the check
    }
}

// The result particle as a value.
Val from_particle(uint8_t particle, std::string&& bytes) {
    const auto* p = reinterpret_cast<const uint8_t*>(bytes.data());
    switch (particle) {
    case kParticleNull: { Val v; v.kind = Val::kNil; return v; }
    case kParticleInteger: return bytes.size() == 8 ? Val::integer(int64_t(load_u64(p))) : Val::unknown();
    case kParticleFloat: return bytes.size() == 8 ? Val::real(bits_double(load_u64(p))) : Val::unknown();
    case kParticleBool: return Val::boolean(!bytes.empty() && p[0] != 0);
    case kParticleString: return Val::bytes(Val::kStr, std::move(bytes));
    case kParticleBlob: return Val::bytes(Val::kBlob, std::move(bytes));
    case kParticleHll: return Val::bytes(Val::kHll, std::move(bytes));
    case kParticleList: return Val::bytes(Val::kList, std::move(bytes));
    case kParticleMap: return Val::bytes(Val::kMap, std::move(bytes));
    case kParticleGeoJson: {
        // The particle is kept; the value's text is its JSON, which must parse.
        Val v = Val::bytes(Val::kGeo, std::move(bytes));
        v.data = geo::particle_json(*v.owned);
        geo::Shape shape;
        return geo::parse(v.data, shape) ? v : Val::unknown();
    }
    default: return Val::unknown();
    }
}

}  // namespace

Val eval_call(Runtime& rt, const Node& n) {
    Buffer payload;
    for (const CallPiece& piece : n.pieces) {
        if (piece.kid < 0) {
            put_str(payload, piece.raw);
            continue;
        }
        if (!pack_arg(eval(rt, n.kids[size_t(piece.kid)]), payload)) return Val::unknown();
    }
    Bin b;
    uint8_t op;
    if (!as_bin(eval(rt, n.kids.back()), b) || !op_type_of(n.system, op)) return Val::unknown();
    cdt::OpResult out;
    if (cdt::apply(op, kParticleBlob, b, payload.data(), payload.size(), out) != 0) return Val::unknown();
    uint8_t particle = kParticleNull;
    std::string bytes;
    if (n.system & kCallModifyLocal) {
        particle = b.type;
        bytes = std::move(b.value);
    } else if (out.has_value) {
        particle = out.particle;
        bytes = std::move(out.bytes);
    }
    // The declared type must be what the op produced.
    if (particle != particle_of(Type(n.num))) return Val::unknown();
    return from_particle(particle, std::move(bytes));
}

}  // namespace aero::server::exp
