#include "core/command/batch_target.h"

#include <cstring>

#include "core/proto/bytes.h"
#include "core/proto/msgpack.h"
#include "core/proto/particle.h"

namespace aero {

namespace mp = proto::msgpack;

namespace {

Status bad_layout(const std::string& why) { return Status(kErrParam, "batch target layout: " + why); }

// Writes a native-order integer of `size` bytes (the caller checked size is 1, 2, 4 or 8).
void put_int(uint8_t* at, uint32_t size, uint64_t v) {
    switch (size) {
    case 1: { uint8_t x = uint8_t(v); std::memcpy(at, &x, 1); break; }
    case 2: { uint16_t x = uint16_t(v); std::memcpy(at, &x, 2); break; }
    case 4: { uint32_t x = uint32_t(v); std::memcpy(at, &x, 4); break; }
    default: std::memcpy(at, &v, 8); break;
    }
}

void put_float(uint8_t* at, uint32_t size, double v) {
    if (size == 4) {
        float f = float(v);
        std::memcpy(at, &f, 4);
    } else {
        std::memcpy(at, &v, 8);
    }
}

}  // namespace

Status BatchTarget::parse_layout(const uint8_t* p, size_t n) {
    proto::Reader r(p, n);
    mp::Item map;
    if (!mp::read_item(r, map) || map.kind != mp::Item::kMap) return bad_layout("expected a map");
    for (uint32_t i = 0; i < map.len; i++) {
        mp::Item k, v;
        if (!mp::read_item(r, k) || k.kind != mp::Item::kStr) return bad_layout("keys must be strings");
        std::string_view key(reinterpret_cast<const char*>(k.data), k.len);
        if (key == "stride") {
            if (!mp::read_item(r, v) || v.kind != mp::Item::kInt || v.i <= 0 || v.i > INT32_MAX)
                return bad_layout("stride must be a positive int");
            stride = uint32_t(v.i);
        } else if (key == "fields") {
            if (!mp::read_item(r, v) || v.kind != mp::Item::kArray) return bad_layout("fields must be a list");
            for (uint32_t j = 0; j < v.len; j++) {
                mp::Item arr, name, offset, kind, size;
                if (!mp::read_item(r, arr) || arr.kind != mp::Item::kArray || arr.len != 4 || !mp::read_item(r, name) ||
                    name.kind != mp::Item::kStr || !mp::read_item(r, offset) || offset.kind != mp::Item::kInt ||
                    !mp::read_item(r, kind) || kind.kind != mp::Item::kStr || kind.len != 1 ||
                    !mp::read_item(r, size) || size.kind != mp::Item::kInt)
                    return bad_layout("a field is [name, offset, kind, size]");
                TargetField f{std::string(reinterpret_cast<const char*>(name.data), name.len), uint32_t(offset.i),
                              char(kind.data[0]), uint32_t(size.i)};
                bool numeric = f.kind == 'i' || f.kind == 'u' || f.kind == 'f';
                if (std::strchr("iufSV", f.kind) == nullptr) return bad_layout("unsupported kind for " + f.name);
                if (numeric && f.size != 1 && f.size != 2 && f.size != 4 && f.size != 8)
                    return bad_layout("numeric field " + f.name + " must be 1, 2, 4 or 8 bytes");
                if (f.kind == 'f' && f.size < 4) return bad_layout("float field " + f.name + " must be 4 or 8 bytes");
                if (offset.i < 0 || size.i <= 0) return bad_layout("field " + f.name + " has a bad offset or size");
                fields.push_back(std::move(f));
            }
        } else {
            return bad_layout("unknown key '" + std::string(key) + "'");
        }
    }
    for (const TargetField& f : fields)
        if (uint64_t(f.offset) + f.size > stride) return bad_layout("field " + f.name + " ends past the row");
    return Status::ok();
}

const TargetField* BatchTarget::field(std::string_view name) const {
    for (const TargetField& f : fields)
        if (f.name == name) return &f;
    return nullptr;
}

bool BatchTarget::store(size_t row, const TargetField& f, uint8_t particle, const uint8_t* value, size_t len) const {
    uint8_t* at = rows + row * stride + f.offset;
    switch (particle) {
    case proto::kParticleInteger: {
        if (len != 8 || f.kind == 'S' || f.kind == 'V') return false;
        int64_t v = int64_t(proto::load_u64(value));
        if (f.kind == 'f') put_float(at, f.size, double(v));
        else put_int(at, f.size, uint64_t(v));
        return true;
    }
    case proto::kParticleFloat:
        if (len != 8 || f.kind != 'f') return false;
        put_float(at, f.size, proto::bits_double(proto::load_u64(value)));
        return true;
    case proto::kParticleBool:
        if (len != 1 || (f.kind != 'i' && f.kind != 'u')) return false;
        put_int(at, f.size, value[0] != 0);
        return true;
    case proto::kParticleString:
    case proto::kParticleBlob:
        if (f.kind != 'S' && f.kind != 'V') return false;
        // Fixed-size bytes: longer values are cut, shorter ones keep the array's zero padding.
        std::memcpy(at, value, std::min<size_t>(len, f.size));
        return true;
    default:
        return false;
    }
}

}  // namespace aero
