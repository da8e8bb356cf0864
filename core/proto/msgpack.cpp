#include "core/proto/msgpack.h"

#include "core/proto/particle.h"

namespace aero::proto::msgpack {

namespace {

Status malformed(const char* what) { return Status(kErrParam, std::string("malformed msgpack: ") + what); }

}  // namespace

void pack_nil(Buffer& b) { b.push_back(0xc0); }
void pack_bool(Buffer& b, bool v) { b.push_back(v ? 0xc3 : 0xc2); }

void pack_int(Buffer& b, int64_t v) {
    if (v >= 0) return pack_uint(b, uint64_t(v));
    if (v >= -32) { b.push_back(uint8_t(v)); return; }
    if (v >= INT8_MIN) { b.push_back(0xd0); b.push_back(uint8_t(v)); return; }
    if (v >= INT16_MIN) { b.push_back(0xd1); put_u16(b, uint16_t(v)); return; }
    if (v >= INT32_MIN) { b.push_back(0xd2); put_u32(b, uint32_t(v)); return; }
    b.push_back(0xd3);
    put_u64(b, uint64_t(v));
}

void pack_uint(Buffer& b, uint64_t v) {
    if (v < 128) { b.push_back(uint8_t(v)); return; }
    if (v <= UINT8_MAX) { b.push_back(0xcc); b.push_back(uint8_t(v)); return; }
    if (v <= UINT16_MAX) { b.push_back(0xcd); put_u16(b, uint16_t(v)); return; }
    if (v <= UINT32_MAX) { b.push_back(0xce); put_u32(b, uint32_t(v)); return; }
    b.push_back(0xcf);
    put_u64(b, v);
}

void pack_double(Buffer& b, double v) { b.push_back(0xcb); put_u64(b, double_bits(v)); }

void pack_raw_header(Buffer& b, uint32_t n) {
    if (n < 32) { b.push_back(uint8_t(0xa0 | n)); return; }
    if (n <= UINT8_MAX) { b.push_back(0xd9); b.push_back(uint8_t(n)); return; }
    if (n <= UINT16_MAX) { b.push_back(0xda); put_u16(b, uint16_t(n)); return; }
    b.push_back(0xdb);
    put_u32(b, n);
}

void pack_str(Buffer& b, std::string_view s) { pack_raw_header(b, uint32_t(s.size())); put_str(b, s); }

void pack_bin(Buffer& b, const void* p, size_t n) {
    if (n <= UINT8_MAX) { b.push_back(0xc4); b.push_back(uint8_t(n)); }
    else if (n <= UINT16_MAX) { b.push_back(0xc5); put_u16(b, uint16_t(n)); }
    else { b.push_back(0xc6); put_u32(b, uint32_t(n)); }
    put_bytes(b, p, n);
}

void pack_ext(Buffer& b, int8_t type, const void* p, size_t n) {
    switch (n) {
    case 1: b.push_back(0xd4); break;
    case 2: b.push_back(0xd5); break;
    case 4: b.push_back(0xd6); break;
    case 8: b.push_back(0xd7); break;
    case 16: b.push_back(0xd8); break;
    default:
        if (n <= UINT8_MAX) { b.push_back(0xc7); b.push_back(uint8_t(n)); }
        else if (n <= UINT16_MAX) { b.push_back(0xc8); put_u16(b, uint16_t(n)); }
        else { b.push_back(0xc9); put_u32(b, uint32_t(n)); }
    }
    b.push_back(uint8_t(type));
    put_bytes(b, p, n);
}

void pack_array_header(Buffer& b, uint32_t n) {
    if (n < 16) { b.push_back(uint8_t(0x90 | n)); return; }
    if (n <= UINT16_MAX) { b.push_back(0xdc); put_u16(b, uint16_t(n)); return; }
    b.push_back(0xdd);
    put_u32(b, n);
}

void pack_map_header(Buffer& b, uint32_t n) {
    if (n < 16) { b.push_back(uint8_t(0x80 | n)); return; }
    if (n <= UINT16_MAX) { b.push_back(0xde); put_u16(b, uint16_t(n)); return; }
    b.push_back(0xdf);
    put_u32(b, n);
}

bool read_item(Reader& r, Item& out) {
    uint8_t t;
    if (!r.u8(t)) return false;
    auto raw = [&](Item::Kind k, uint32_t n) {
        out.kind = k;
        out.len = n;
        return r.bytes(n, out.data);
    };
    auto collection = [&](Item::Kind k, uint32_t n) {
        out.kind = k;
        out.len = n;
        // Every element takes at least one byte: a count larger than what is left is a lie,
        // and refusing it here stops callers from sizing anything by it.
        return uint64_t(n) * (k == Item::kMap ? 2 : 1) <= r.left();
    };
    auto ext = [&](uint32_t n) {
        uint8_t et;
        if (!r.u8(et)) return false;
        out.ext_type = int8_t(et);
        return raw(Item::kExt, n);
    };
    if (t <= 0x7f) { out.kind = Item::kInt; out.i = t; return true; }
    if (t >= 0xe0) { out.kind = Item::kInt; out.i = int8_t(t); return true; }
    if ((t & 0xf0) == 0x80) return collection(Item::kMap, t & 0x0f);
    if ((t & 0xf0) == 0x90) return collection(Item::kArray, t & 0x0f);
    if ((t & 0xe0) == 0xa0) return raw(Item::kStr, t & 0x1f);
    uint8_t u8v; uint16_t u16v; uint32_t u32v; uint64_t u64v;
    switch (t) {
    case 0xc0: out.kind = Item::kNil; return true;
    case 0xc2: out.kind = Item::kBool; out.b = false; return true;
    case 0xc3: out.kind = Item::kBool; out.b = true; return true;
    case 0xc4: return r.u8(u8v) && raw(Item::kBin, u8v);
    case 0xc5: return r.u16(u16v) && raw(Item::kBin, u16v);
    case 0xc6: return r.u32(u32v) && raw(Item::kBin, u32v);
    case 0xc7: return r.u8(u8v) && ext(u8v);
    case 0xc8: return r.u16(u16v) && ext(u16v);
    case 0xc9: return r.u32(u32v) && ext(u32v);
    case 0xca: {
        if (!r.u32(u32v)) return false;
        float f; std::memcpy(&f, &u32v, 4);
        out.kind = Item::kDouble; out.d = f; return true;
    }
    case 0xcb: if (!r.u64(u64v)) return false; out.kind = Item::kDouble; out.d = bits_double(u64v); return true;
    case 0xcc: if (!r.u8(u8v)) return false; out.kind = Item::kInt; out.i = u8v; return true;
    case 0xcd: if (!r.u16(u16v)) return false; out.kind = Item::kInt; out.i = u16v; return true;
    case 0xce: if (!r.u32(u32v)) return false; out.kind = Item::kInt; out.i = u32v; return true;
    case 0xcf:
        if (!r.u64(u64v)) return false;
        if (u64v > uint64_t(INT64_MAX)) { out.kind = Item::kUint; out.u = u64v; return true; }
        out.kind = Item::kInt; out.i = int64_t(u64v); return true;
    case 0xd0: if (!r.u8(u8v)) return false; out.kind = Item::kInt; out.i = int8_t(u8v); return true;
    case 0xd1: if (!r.u16(u16v)) return false; out.kind = Item::kInt; out.i = int16_t(u16v); return true;
    case 0xd2: if (!r.u32(u32v)) return false; out.kind = Item::kInt; out.i = int32_t(u32v); return true;
    case 0xd3: if (!r.u64(u64v)) return false; out.kind = Item::kInt; out.i = int64_t(u64v); return true;
    case 0xd4: return ext(1);
    case 0xd5: return ext(2);
    case 0xd6: return ext(4);
    case 0xd7: return ext(8);
    case 0xd8: return ext(16);
    case 0xd9: return r.u8(u8v) && raw(Item::kStr, u8v);
    case 0xda: return r.u16(u16v) && raw(Item::kStr, u16v);
    case 0xdb: return r.u32(u32v) && raw(Item::kStr, u32v);
    case 0xdc: return r.u16(u16v) && collection(Item::kArray, u16v);
    case 0xdd: return r.u32(u32v) && collection(Item::kArray, u32v);
    case 0xde: return r.u16(u16v) && collection(Item::kMap, u16v);
    case 0xdf: return r.u32(u32v) && collection(Item::kMap, u32v);
    default: return false;  // 0xc1 is never used
    }
}

bool skip_value(Reader& r, int depth) {
    if (depth > kMaxDepth) return false;
    Item it;
    if (!read_item(r, it)) return false;
    uint64_t n = it.kind == Item::kArray ? it.len : it.kind == Item::kMap ? uint64_t(it.len) * 2 : 0;
    for (uint64_t i = 0; i < n; i++)
        if (!skip_value(r, depth + 1)) return false;
    return true;
}

namespace {

// Writes a scalar item back in standard form (used where no dialect change applies).
void write_scalar(const Item& it, Buffer& out) {
    switch (it.kind) {
    case Item::kNil: pack_nil(out); break;
    case Item::kBool: pack_bool(out, it.b); break;
    case Item::kInt: pack_int(out, it.i); break;
    case Item::kUint: pack_uint(out, it.u); break;
    case Item::kDouble: pack_double(out, it.d); break;
    case Item::kStr: pack_str(out, std::string_view(reinterpret_cast<const char*>(it.data), it.len)); break;
    case Item::kBin: pack_bin(out, it.data, it.len); break;
    case Item::kExt:
        // fixext/ext headers are rebuilt with the smallest form that holds the payload.
        if (it.len == 1 || it.len == 2 || it.len == 4 || it.len == 8 || it.len == 16) {
            static const uint8_t fix[17] = {0, 0xd4, 0xd5, 0, 0xd6, 0, 0, 0, 0xd7, 0, 0, 0, 0, 0, 0, 0, 0xd8};
            out.push_back(fix[it.len]);
        } else if (it.len <= UINT8_MAX) {
            out.push_back(0xc7); out.push_back(uint8_t(it.len));
        } else if (it.len <= UINT16_MAX) {
            out.push_back(0xc8); put_u16(out, uint16_t(it.len));
        } else {
            out.push_back(0xc9); put_u32(out, it.len);
        }
        out.push_back(uint8_t(it.ext_type));
        put_bytes(out, it.data, it.len);
        break;
    default: break;
    }
}

}  // namespace

bool starts_with_ext(const Reader& r) {
    if (r.left() == 0) return false;
    uint8_t t = *r.pos();
    return t == 0xc7 || t == 0xc8 || t == 0xc9 || (t >= 0xd4 && t <= 0xd8);
}

Status std_to_as(Reader& r, Buffer& out, int depth) {
    if (depth > kMaxDepth) return malformed("nesting too deep");
    Item it;
    if (!read_item(r, it)) return malformed("truncated or invalid value");
    switch (it.kind) {
    case Item::kStr:
        pack_raw_header(out, it.len + 1);
        out.push_back(kParticleString);
        put_bytes(out, it.data, it.len);
        return Status::ok();
    case Item::kBin:
        pack_raw_header(out, it.len + 1);
        out.push_back(kParticleBlob);
        put_bytes(out, it.data, it.len);
        return Status::ok();
    case Item::kArray:
        pack_array_header(out, it.len);
        for (uint32_t i = 0; i < it.len; i++) {
            Status s = std_to_as(r, out, depth + 1);
            if (!s.is_ok()) return s;
        }
        return Status::ok();
    case Item::kMap:
        pack_map_header(out, it.len);
        for (uint64_t i = 0; i < uint64_t(it.len) * 2; i++) {
            Status s = std_to_as(r, out, depth + 1);
            if (!s.is_ok()) return s;
        }
        return Status::ok();
    case Item::kExt:
        // The ABI's comparison markers (wildcard, infinity) become the server's (§11.7).
        if (it.ext_type == kExtCompare && it.len == 1) {
            out.push_back(0xd4);
            out.push_back(kAsExtCompare);
            out.push_back(it.data[0]);
            return Status::ok();
        }
        if (it.ext_type == kExtGeoJson) {
            pack_raw_header(out, it.len + 1);
            out.push_back(kParticleGeoJson);
            put_bytes(out, it.data, it.len);
            return Status::ok();
        }
        write_scalar(it, out);
        return Status::ok();
    default:
        write_scalar(it, out);
        return Status::ok();
    }
}

Status as_to_std(Reader& r, Buffer& out, int depth) {
    if (depth > kMaxDepth) return malformed("nesting too deep");
    Item it;
    if (!read_item(r, it)) return malformed("truncated or invalid value");
    switch (it.kind) {
    case Item::kStr:
    case Item::kBin: {
        // Dialect strings carry their particle type in the first byte.
        if (it.len == 0) { pack_str(out, {}); return Status::ok(); }
        const uint8_t* p = it.data + 1;
        uint32_t n = it.len - 1;
        if (it.data[0] == kParticleString) pack_str(out, std::string_view(reinterpret_cast<const char*>(p), n));
        else if (it.data[0] == kParticleGeoJson) pack_ext(out, kExtGeoJson, p, n);
        else pack_bin(out, p, n);
        return Status::ok();
    }
    case Item::kArray:
    case Item::kMap: {
        bool is_map = it.kind == Item::kMap;
        uint32_t n = it.len;
        if (n > 0 && starts_with_ext(r)) {
            if (!skip_value(r, depth + 1) || (is_map && !skip_value(r, depth + 1)))
                return malformed("truncated collection flags");
            n--;
        }
        if (is_map) pack_map_header(out, n); else pack_array_header(out, n);
        for (uint64_t i = 0; i < (is_map ? uint64_t(n) * 2 : n); i++) {
            Status s = as_to_std(r, out, depth + 1);
            if (!s.is_ok()) return s;
        }
        return Status::ok();
    }
    default:
        write_scalar(it, out);
        return Status::ok();
    }
}

Status particle_from_std(Reader& r, uint8_t& type_out, Buffer& out) {
    const uint8_t* start = r.pos();
    Item it;
    if (!read_item(r, it)) return malformed("truncated or invalid bin value");
    switch (it.kind) {
    case Item::kNil: type_out = kParticleNull; return Status::ok();
    case Item::kBool: type_out = kParticleBool; out.push_back(it.b ? 1 : 0); return Status::ok();
    case Item::kInt: type_out = kParticleInteger; put_u64(out, uint64_t(it.i)); return Status::ok();
    case Item::kUint: return Status(kErrParam, "integer bin value exceeds the signed 64-bit range");
    case Item::kDouble: type_out = kParticleFloat; put_u64(out, double_bits(it.d)); return Status::ok();
    case Item::kStr: type_out = kParticleString; put_bytes(out, it.data, it.len); return Status::ok();
    case Item::kBin: type_out = kParticleBlob; put_bytes(out, it.data, it.len); return Status::ok();
    case Item::kExt:
        if (it.ext_type != kExtGeoJson) return Status(kErrParam, "msgpack ext values cannot be stored as bins");
        // A client sends no cells (flags 0, count 0): the server computes them from the text.
        type_out = kParticleGeoJson;
        out.push_back(0);
        put_u16(out, 0);
        put_bytes(out, it.data, it.len);
        return Status::ok();
    case Item::kArray:
    case Item::kMap: {
        type_out = it.kind == Item::kArray ? kParticleList : kParticleMap;
        Reader whole(start, size_t(r.pos() - start) + r.left());
        Status s = std_to_as(whole, out);
        if (!s.is_ok()) return s;
        r.skip(size_t(whole.pos() - r.pos()));
        return Status::ok();
    }
    }
    return malformed("unknown value kind");
}

Status particle_to_std(uint8_t type, const uint8_t* p, size_t n, Buffer& out) {
    switch (type) {
    case kParticleNull: pack_nil(out); return Status::ok();
    case kParticleInteger: {
        // The server may send 1, 2, 4 or 8 bytes; shorter forms are zero-extended.
        if (n != 1 && n != 2 && n != 4 && n != 8) return malformed("integer particle size");
        uint64_t v = 0;
        for (size_t i = 0; i < n; i++) v = v << 8 | p[i];
        pack_int(out, int64_t(v));
        return Status::ok();
    }
    case kParticleFloat:
        if (n != 8) return malformed("float particle size");
        pack_double(out, bits_double(load_u64(p)));
        return Status::ok();
    case kParticleString: pack_str(out, std::string_view(reinterpret_cast<const char*>(p), n)); return Status::ok();
    case kParticleBool:
        if (n != 1) return malformed("bool particle size");
        pack_bool(out, p[0] != 0);
        return Status::ok();
    case kParticleGeoJson: {
        // flags(1) + ncells(2) + ncells * 8 bytes of cell ids, then the JSON text.
        if (n < 3) return malformed("geojson particle size");
        size_t skip = 3 + size_t(load_u16(p + 1)) * 8;
        if (skip > n) return malformed("geojson cell count");
        pack_ext(out, kExtGeoJson, p + skip, n - skip);
        return Status::ok();
    }
    case kParticleList:
    case kParticleMap: {
        Reader r(p, n);
        Status s = as_to_std(r, out);
        if (!s.is_ok()) return s;
        if (r.left() != 0) return malformed("trailing bytes after collection");
        return Status::ok();
    }
    default:
        // Blobs, HLLs and legacy language blobs are all returned as raw bytes.
        pack_bin(out, p, n);
        return Status::ok();
    }
}

}  // namespace aero::proto::msgpack
