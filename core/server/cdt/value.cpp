#include "core/server/cdt/value.h"

#include <algorithm>
#include <cstring>

#include "core/proto/msgpack.h"
#include "core/proto/particle.h"

namespace aero::server::cdt {

namespace {

using namespace aero::proto;
namespace mp = aero::proto::msgpack;

// The server's comparison-marker ext (CMP_EXT_TYPE) and its one-byte payloads.
constexpr int8_t kCmpExtType = int8_t(0xff);
constexpr uint8_t kCmpWildcard = 0x00;
constexpr uint8_t kCmpInf = 0x01;

// The order bits a stored collection may keep (the rest, e.g. the persisted-index bit, are
// storage details the server never shows to a client).
uint8_t list_order_bits(uint8_t ext_type) { return ext_type & kListOrdered; }
uint8_t map_order_bits(uint8_t ext_type) {
    // Value order on its own is not an order (as_msgpack.h: V_ORDERED "not allowed on its own").
    return (ext_type & kMapKeyOrdered) ? ext_type & kMapKeyValueOrdered : 0;
}

Type raw_type(const uint8_t* data, uint32_t len) {
    // bytes_internal_to_type(): an empty raw is bytes; the first byte names the rest.
    if (len == 0) return Type::kBytes;
    if (data[0] == kParticleString) return Type::kString;
    if (data[0] == kParticleGeoJson) return Type::kGeoJson;
    return Type::kBytes;
}

// A leading ext in a collection is its flags marker unless it is a comparison marker.
bool is_flags_marker(const mp::Item& it) { return it.ext_type != kCmpExtType; }

// Reads the flags marker that may lead a collection of n elements (for a map, the first key,
// whose value is skipped): it sets the order flags and takes one of the n. False on bad msgpack.
bool read_order_marker(Reader& r, bool is_map, int depth, uint32_t& n, uint8_t& flags) {
    if (n == 0 || !mp::starts_with_ext(r)) return true;
    Reader peek = r;
    mp::Item marker;
    if (!mp::read_item(peek, marker)) return false;
    if (!is_flags_marker(marker)) return true;
    uint8_t bits = uint8_t(marker.ext_type);
    flags = is_map ? map_order_bits(bits) : list_order_bits(bits);
    if (is_map && !mp::skip_value(peek, depth + 1)) return false;  // the marker's value
    r = peek;
    n--;
    return true;
}

void decode_ext(const mp::Item& it, Value& out) {
    if (it.ext_type == kCmpExtType && it.len == 1 && (it.data[0] == kCmpWildcard || it.data[0] == kCmpInf)) {
        out.type = it.data[0] == kCmpWildcard ? Type::kWildcard : Type::kInf;
        return;
    }
    out.type = Type::kExt;
    out.ext_type = it.ext_type;
    out.raw.assign(reinterpret_cast<const char*>(it.data), it.len);
}

void encode_ext_header(uint32_t n, int8_t type, Buffer& out) {
    switch (n) {
    case 1: out.push_back(0xd4); break;
    case 2: out.push_back(0xd5); break;
    case 4: out.push_back(0xd6); break;
    case 8: out.push_back(0xd7); break;
    case 16: out.push_back(0xd8); break;
    default:
        if (n <= UINT8_MAX) { out.push_back(0xc7); out.push_back(uint8_t(n)); }
        else if (n <= UINT16_MAX) { out.push_back(0xc8); put_u16(out, uint16_t(n)); }
        else { out.push_back(0xc9); put_u32(out, n); }
    }
    out.push_back(uint8_t(type));
}

// A collection's flags marker as the server packs it: an empty ext whose type is the flags.
void encode_flags_marker(uint8_t flags, Buffer& out) { encode_ext_header(0, int8_t(flags), out); }

template <typename T>
int three_way(T a, T b) { return a < b ? -1 : a > b ? 1 : 0; }

// msgpack_cmp_internal() walks both values as one flat stream and stops at the first
// wildcard, which makes the whole comparison equal: `wild` carries that stop outwards.
int cmp(const Value& a, const Value& b, bool& wild) {
    if (a.type == Type::kWildcard || b.type == Type::kWildcard) {
        wild = true;
        return 0;
    }
    if (a.type != b.type) return three_way(uint8_t(a.type), uint8_t(b.type));
    switch (a.type) {
    case Type::kInt: return three_way(a.i, b.i);
    case Type::kDouble: return three_way(a.d, b.d);
    case Type::kString:
    case Type::kBytes:
    case Type::kGeoJson:
    case Type::kExt: {
        size_t n = std::min(a.raw.size(), b.raw.size());
        int c = n == 0 ? 0 : std::memcmp(a.raw.data(), b.raw.data(), n);
        if (c != 0) return c < 0 ? -1 : 1;
        return three_way(a.raw.size(), b.raw.size());
    }
    case Type::kList: {
        size_t n = std::min(a.items.size(), b.items.size());
        for (size_t k = 0; k < n; k++) {
            int c = cmp(a.items[k], b.items[k], wild);
            if (c != 0 || wild) return c;
        }
        return three_way(a.items.size(), b.items.size());
    }
    case Type::kMap: {
        if (int c = three_way(a.pairs.size(), b.pairs.size())) return c;
        for (size_t k = 0; k < a.pairs.size(); k++) {
            int c = cmp(a.pairs[k].first, b.pairs[k].first, wild);
            if (c != 0 || wild) return c;
            c = cmp(a.pairs[k].second, b.pairs[k].second, wild);
            if (c != 0 || wild) return c;
        }
        return 0;
    }
    default:
        return 0;  // nil, booleans, infinity: equal within their type
    }
}

std::string be64(uint64_t v) {
    uint8_t t[8];
    store_u64(t, v);
    return std::string(reinterpret_cast<const char*>(t), 8);
}

Value of_type(Type type, uint8_t flags = 0) {
    Value v;
    v.type = type;
    v.flags = flags;
    return v;
}

}  // namespace

Value Value::boolean(bool b) { return of_type(b ? Type::kTrue : Type::kFalse); }

Value Value::integer(int64_t x) {
    Value v = of_type(Type::kInt);
    v.i = x;
    return v;
}

Value Value::real(double x) {
    Value v = of_type(Type::kDouble);
    v.d = x;
    return v;
}

Value Value::string(std::string_view text) {
    Value v = of_type(Type::kString);
    v.raw.reserve(text.size() + 1);
    v.raw.push_back(char(kParticleString));
    v.raw.append(text);
    return v;
}

Value Value::list(uint8_t flags) { return of_type(Type::kList, flags); }

Value Value::map(uint8_t flags) { return of_type(Type::kMap, flags); }

bool Value::has_nonstorage() const {
    switch (type) {
    case Type::kWildcard:
    case Type::kInf:
        return true;
    case Type::kExt:
        // msgpack_cmp_parse() also counts short comparison-type exts as non-storage.
        return ext_type == kCmpExtType && !raw.empty() && raw.size() < 4;
    case Type::kList:
        for (const Value& e : items)
            if (e.has_nonstorage()) return true;
        return false;
    case Type::kMap:
        for (const auto& [k, e] : pairs)
            if (k.has_nonstorage() || e.has_nonstorage()) return true;
        return false;
    default:
        return false;
    }
}

bool decode(Reader& r, Value& out, int depth) {
    if (depth > mp::kMaxDepth) return false;
    mp::Item it;
    if (!mp::read_item(r, it)) return false;
    out = Value{};
    switch (it.kind) {
    case mp::Item::kNil: return true;
    case mp::Item::kBool: out.type = it.b ? Type::kTrue : Type::kFalse; return true;
    case mp::Item::kInt: out.type = Type::kInt; out.i = it.i; return true;
    // Integers above INT64_MAX keep their 64 bits, as the server's msgpack_get_int64() reads
    // them (they then compare and encode as negative numbers).
    case mp::Item::kUint: out.type = Type::kInt; out.i = int64_t(it.u); return true;
    case mp::Item::kDouble: out.type = Type::kDouble; out.d = it.d; return true;
    case mp::Item::kStr:
    case mp::Item::kBin:
        out.type = raw_type(it.data, it.len);
        out.raw.assign(reinterpret_cast<const char*>(it.data), it.len);
        return true;
    case mp::Item::kExt: decode_ext(it, out); return true;
    case mp::Item::kArray: {
        out.type = Type::kList;
        uint32_t n = it.len;
        if (!read_order_marker(r, false, depth, n, out.flags)) return false;
        out.items.resize(n);
        for (uint32_t k = 0; k < n; k++)
            if (!decode(r, out.items[k], depth + 1)) return false;
        return true;
    }
    case mp::Item::kMap: {
        out.type = Type::kMap;
        uint32_t n = it.len;
        if (!read_order_marker(r, true, depth, n, out.flags)) return false;
        out.marked = n < it.len;
        out.pairs.resize(n);
        for (uint32_t k = 0; k < n; k++)
            if (!decode(r, out.pairs[k].first, depth + 1) || !decode(r, out.pairs[k].second, depth + 1))
                return false;
        return true;
    }
    }
    return false;
}

bool decode(const uint8_t* p, size_t n, Value& out) {
    Reader r(p, n);
    return decode(r, out) && r.left() == 0;
}

void encode(const Value& v, Buffer& out) {
    switch (v.type) {
    case Type::kNil: mp::pack_nil(out); return;
    case Type::kFalse: mp::pack_bool(out, false); return;
    case Type::kTrue: mp::pack_bool(out, true); return;
    case Type::kInt: mp::pack_int(out, v.i); return;
    case Type::kDouble: mp::pack_double(out, v.d); return;
    case Type::kString:
    case Type::kBytes:
    case Type::kGeoJson:
        mp::pack_raw_header(out, uint32_t(v.raw.size()));
        put_str(out, v.raw);
        return;
    case Type::kExt:
        encode_ext_header(uint32_t(v.raw.size()), v.ext_type, out);
        put_str(out, v.raw);
        return;
    case Type::kWildcard:
    case Type::kInf:
        encode_ext_header(1, kCmpExtType, out);
        out.push_back(v.type == Type::kWildcard ? kCmpWildcard : kCmpInf);
        return;
    case Type::kList:
        mp::pack_array_header(out, uint32_t(v.items.size() + (v.flags ? 1 : 0)));
        if (v.flags) encode_flags_marker(v.flags, out);
        for (const Value& e : v.items) encode(e, out);
        return;
    case Type::kMap:
        mp::pack_map_header(out, uint32_t(v.pairs.size() + (v.flags ? 1 : 0)));
        if (v.flags) {
            encode_flags_marker(v.flags, out);
            mp::pack_nil(out);
        }
        for (const auto& [k, e] : v.pairs) {
            encode(k, out);
            encode(e, out);
        }
        return;
    }
}

int compare(const Value& a, const Value& b) {
    bool wild = false;
    return cmp(a, b, wild);
}

void to_particle(const Value& v, uint8_t& particle, std::string& bytes) {
    bytes.clear();
    switch (v.type) {
    case Type::kNil: particle = kParticleNull; return;
    case Type::kFalse:
    case Type::kTrue:
        particle = kParticleBool;
        bytes.push_back(v.type == Type::kTrue ? 1 : 0);
        return;
    case Type::kInt: particle = kParticleInteger; bytes = be64(uint64_t(v.i)); return;
    case Type::kDouble: particle = kParticleFloat; bytes = be64(double_bits(v.d)); return;
    case Type::kString: particle = kParticleString; bytes = v.raw.substr(1); return;
    case Type::kBytes:
        // blob_from_msgpack(): the first byte is the blob's own type (blob or a language blob).
        particle = v.raw.empty() ? uint8_t(kParticleBlob) : uint8_t(v.raw[0]);
        if (!v.raw.empty()) bytes = v.raw.substr(1);
        return;
    case Type::kGeoJson:
        // geojson_from_msgpack(): no flags and no cells, then the JSON text.
        particle = kParticleGeoJson;
        bytes.assign(3, '\0');
        bytes.append(v.raw, 1);
        return;
    default: {
        particle = v.type == Type::kMap ? kParticleMap : kParticleList;
        Buffer out;
        encode(v, out);
        bytes.assign(reinterpret_cast<const char*>(out.data()), out.size());
        return;
    }
    }
}

bool from_particle(uint8_t particle, const uint8_t* p, size_t n, Value& out) {
    out = Value{};
    auto raw = [&](Type t, uint8_t first, const uint8_t* data, size_t len) {
        out.type = t;
        out.raw.reserve(len + 1);
        out.raw.push_back(char(first));
        out.raw.append(reinterpret_cast<const char*>(data), len);
        return true;
    };
    switch (particle) {
    case kParticleNull: return true;
    case kParticleInteger:
        if (n != 8) return false;
        out.type = Type::kInt;
        out.i = int64_t(load_u64(p));
        return true;
    case kParticleFloat:
        if (n != 8) return false;
        out.type = Type::kDouble;
        out.d = bits_double(load_u64(p));
        return true;
    case kParticleBool:
        if (n != 1) return false;
        out.type = p[0] ? Type::kTrue : Type::kFalse;
        return true;
    case kParticleString: return raw(Type::kString, kParticleString, p, n);
    case kParticleBlob:
    case kParticleJavaBlob:
    case kParticleCsharpBlob:
    case kParticlePythonBlob:
    case kParticleRubyBlob:
    case kParticlePhpBlob:
    case kParticleErlangBlob:
        return raw(Type::kBytes, particle, p, n);
    case kParticleGeoJson: {
        if (n < 3) return false;
        size_t skip = 3 + size_t(load_u16(p + 1)) * 8;
        if (skip > n) return false;
        return raw(Type::kGeoJson, kParticleGeoJson, p + skip, n - skip);
    }
    case kParticleList:
    case kParticleMap:
        return decode(p, n, out) && out.type == (particle == kParticleList ? Type::kList : Type::kMap);
    default:
        return false;  // HLL and unknown types are not collection values
    }
}

}  // namespace aero::server::cdt
