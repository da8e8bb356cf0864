#include "core/server/bin_value.h"

#include "core/proto/bytes.h"
#include "core/proto/message.h"
#include "core/proto/msgpack.h"
#include "core/proto/particle.h"
#include "core/server/cdt/map_storage.h"
#include "core/server/geo/geo.h"

namespace aero::server {

namespace {

using namespace aero::proto;

constexpr int kOk = 0;
constexpr int kUnknown = 1;  // AS_ERR_UNKNOWN, what the server answers for a map it refuses or a GeoJSON modify
constexpr int kParameter = 4;
constexpr int kIncompatibleType = 12;
constexpr int kInvalidGeoJson = 160;

// Integers may arrive in 1, 2, 4 or 8 bytes (zero-extended, as the server reads them).
bool read_integer(const uint8_t* v, size_t n, uint64_t& out) {
    switch (n) {
    case 8: out = load_u64(v); return true;
    case 4: out = load_u32(v); return true;
    case 2: out = load_u16(v); return true;
    case 1: out = v[0]; return true;
    default: return false;
    }
}

std::string u64_bytes(uint64_t x) {
    uint8_t t[8];
    store_u64(t, x);
    return std::string(reinterpret_cast<const char*>(t), 8);
}

bool is_single_msgpack_value(const uint8_t* v, size_t n) {
    Reader r(v, n);
    return msgpack::skip_value(r) && r.left() == 0;
}

bool is_concat_type(uint8_t t) {
    return t == kParticleString || t == kParticleBlob || (t >= kParticleJavaBlob && t <= kParticleErlangBlob);
}

int incr(Bin& b, uint8_t particle, const uint8_t* value, size_t n) {
    if (b.type == kParticleInteger) {
        uint64_t add;
        if (particle != kParticleInteger) return kIncompatibleType;
        if (!read_integer(value, n, add)) return kParameter;
        // Two's complement addition wraps, as the server's does.
        b.value = u64_bytes(load_u64(reinterpret_cast<const uint8_t*>(b.value.data())) + add);
        return kOk;
    }
    if (b.type == kParticleFloat) {
        if (particle != kParticleFloat) return kIncompatibleType;
        if (n != 8) return kParameter;
        double sum = bits_double(load_u64(reinterpret_cast<const uint8_t*>(b.value.data()))) +
                     bits_double(load_u64(value));
        b.value = u64_bytes(double_bits(sum));
        return kOk;
    }
    return kIncompatibleType;
}

int concat(Bin& b, uint8_t op, uint8_t particle, const uint8_t* value, size_t n) {
    if (!is_concat_type(b.type) || particle != b.type) return kIncompatibleType;
    const char* v = reinterpret_cast<const char*>(value);
    if (op == kOpAppend) b.value.append(v, n);
    else b.value.insert(0, v, n);
    return kOk;
}

}  // namespace

int write_bin_value(Bin& b, uint8_t particle, const uint8_t* value, size_t n) {
    const char* v = reinterpret_cast<const char*>(value);
    switch (particle) {
    case kParticleInteger: {
        uint64_t x;
        if (!read_integer(value, n, x)) return kParameter;
        b.value = u64_bytes(x);
        break;
    }
    case kParticleFloat:
        if (n != 8) return kParameter;
        b.value.assign(v, n);
        break;
    case kParticleBool:
        if (n != 1 || value[0] > 1) return kParameter;
        // One char, not assign(v, n): GCC 12 at -O3 sees a bogus overlap there (-Werror=restrict).
        b.value.assign(1, v[0]);
        break;
    case kParticleMap:
    case kParticleList: {
        if (!is_single_msgpack_value(value, n)) return kParameter;
        // Stored as the server's cdt_untrusted_rewrite() leaves it (map_from_wire(),
        // list_from_wire() answer AS_ERR_UNKNOWN for what it refuses).
        cdt::Value val;
        if (!cdt::decode(value, n, val) || cdt::prepare_storage_value(val) != 0) return kUnknown;
        Buffer out;
        cdt::encode(val, out);
        b.value.assign(reinterpret_cast<const char*>(out.data()), out.size());
        break;
    }
    case kParticleGeoJson: {
        // The client's flags and cells are ignored; the server computes its own (geojson_from_wire).
        std::string_view json = geo::particle_json(std::string_view(v, n));
        if (json.empty() || !geo::make_particle(json, b.value)) return kInvalidGeoJson;
        break;
    }
    case kParticleString:
    case kParticleBlob:
    case kParticleHll:
    case 16:  // vector: reserved, but the server accepts it as opaque bytes
        b.value.assign(v, n);
        break;
    default:
        if (!is_concat_type(particle)) return kParameter;  // the legacy language blobs
        b.value.assign(v, n);
        break;
    }
    b.type = particle;
    return kOk;
}

int modify_bin_value(Bin& b, uint8_t op, uint8_t particle, const uint8_t* value, size_t n) {
    if (b.type == kParticleNull) return write_bin_value(b, particle, value, n);
    // The GeoJSON particle refuses every modify op with -1 (geojson_incr_from_wire() and the
    // concat ones), whatever the op's value.
    if (b.type == kParticleGeoJson) return kUnknown;
    return op == kOpIncr ? incr(b, particle, value, n) : concat(b, op, particle, value, n);
}

}  // namespace aero::server
