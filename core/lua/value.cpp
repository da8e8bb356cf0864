#include "core/lua/value.h"

#include "core/proto/msgpack.h"
#include "core/proto/particle.h"

namespace aero::lua {

namespace {

using namespace aero::proto;
namespace mp = aero::proto::msgpack;

Status malformed() { return Status(kErrParam, "malformed msgpack value"); }

// A str-family value of the dialect: its first byte says text, bytes or GeoJSON.
Value raw_value(const uint8_t* p, uint32_t n) {
    if (n == 0) return Value::string("");
    std::string body(reinterpret_cast<const char*>(p + 1), n - 1);
    switch (p[0]) {
    case kParticleString: return Value::string(std::move(body));
    case kParticleGeoJson: return Value::geojson(std::move(body));
    default: {
        auto b = std::make_shared<Bytes>();
        b->data = std::move(body);
        b->particle = p[0];
        return Value::of(std::move(b));
    }
    }
}

Status decode_at(Reader& r, Value& out, int depth) {
    if (depth > mp::kMaxDepth) return malformed();
    mp::Item it;
    if (!mp::read_item(r, it)) return malformed();
    switch (it.kind) {
    case mp::Item::kNil: out = Value(); return Status::ok();
    case mp::Item::kBool: out = Value::boolean(it.b); return Status::ok();
    case mp::Item::kInt: out = Value::integer(it.i); return Status::ok();
    case mp::Item::kUint: out = Value::integer(int64_t(it.u)); return Status::ok();
    case mp::Item::kDouble: out = Value::number(it.d); return Status::ok();
    case mp::Item::kStr: out = raw_value(it.data, it.len); return Status::ok();
    case mp::Item::kBin: {
        auto b = std::make_shared<Bytes>();
        b->data.assign(reinterpret_cast<const char*>(it.data), it.len);
        out = Value::of(std::move(b));
        return Status::ok();
    }
    case mp::Item::kArray: {
        auto l = std::make_shared<List>();
        uint32_t n = it.len;
        // An ordered list starts with an ext holding its flags; a UDF sees only the elements.
        if (n > 0 && mp::starts_with_ext(r)) {
            if (!mp::skip_value(r)) return malformed();
            n--;
        }
        if (n > r.left()) return malformed();
        l->items.resize(n);
        for (uint32_t i = 0; i < n; i++)
            if (Status s = decode_at(r, l->items[i], depth + 1); !s.is_ok()) return s;
        out = Value::of(std::move(l));
        return Status::ok();
    }
    case mp::Item::kMap: {
        auto m = std::make_shared<Map>();
        uint32_t n = it.len;
        // A key-ordered map starts with an (ext, nil) pair holding its flags.
        if (n > 0 && mp::starts_with_ext(r)) {
            if (!mp::skip_value(r) || !mp::skip_value(r)) return malformed();
            n--;
        }
        if (n > r.left()) return malformed();
        for (uint32_t i = 0; i < n; i++) {
            Value k, v;
            if (Status s = decode_at(r, k, depth + 1); !s.is_ok()) return s;
            if (Status s = decode_at(r, v, depth + 1); !s.is_ok()) return s;
            m->entries[std::move(k)] = std::move(v);
        }
        out = Value::of(std::move(m));
        return Status::ok();
    }
    case mp::Item::kExt:
        // Comparison markers (wildcard, infinity) mean nothing to a UDF.
        out = Value();
        return Status::ok();
    }
    return malformed();
}

void pack_raw(Buffer& out, uint8_t particle, const std::string& s) {
    mp::pack_raw_header(out, uint32_t(s.size() + 1));
    out.push_back(particle);
    put_str(out, s);
}

int compare(const Value& a, const Value& b);

int compare_lists(const List& a, const List& b) {
    size_t n = std::min(a.items.size(), b.items.size());
    for (size_t i = 0; i < n; i++)
        if (int c = compare(a.items[i], b.items[i])) return c;
    return a.items.size() < b.items.size() ? -1 : a.items.size() > b.items.size();
}

int compare_maps(const Map& a, const Map& b) {
    if (a.entries.size() != b.entries.size()) return a.entries.size() < b.entries.size() ? -1 : 1;
    for (auto x = a.entries.begin(), y = b.entries.begin(); x != a.entries.end(); ++x, ++y) {
        if (int c = compare(x->first, y->first)) return c;
        if (int c = compare(x->second, y->second)) return c;
    }
    return 0;
}

template <typename T>
int three_way(const T& a, const T& b) { return a < b ? -1 : (b < a ? 1 : 0); }

int compare(const Value& a, const Value& b) {
    if (a.type != b.type) return a.type < b.type ? -1 : 1;
    switch (a.type) {
    case Value::kNil: return 0;
    case Value::kBool: return three_way(a.b, b.b);
    case Value::kInt: return three_way(a.i, b.i);
    case Value::kDouble: return three_way(a.d, b.d);
    case Value::kString:
    case Value::kGeoJson: return a.s.compare(b.s) < 0 ? -1 : a.s != b.s;
    case Value::kBytes: return a.bytes->data.compare(b.bytes->data) < 0 ? -1 : a.bytes->data != b.bytes->data;
    case Value::kList: return a.list == b.list ? 0 : compare_lists(*a.list, *b.list);
    case Value::kMap: return a.map == b.map ? 0 : compare_maps(*a.map, *b.map);
    }
    return 0;
}

}  // namespace

bool ValueLess::operator()(const Value& a, const Value& b) const { return compare(a, b) < 0; }

Status decode(Reader& r, Value& out) { return decode_at(r, out, 0); }

Status decode_args(const uint8_t* p, size_t n, std::vector<Value>& out) {
    out.clear();
    if (n == 0) return Status::ok();  // an empty field: no arguments (the Java client's form)
    Reader r(p, n);
    Value list;
    if (Status s = decode(r, list); !s.is_ok()) return s;
    if (list.type != Value::kList || r.left() != 0) return malformed();
    out = std::move(list.list->items);
    return Status::ok();
}

void encode(const Value& v, Buffer& out) {
    switch (v.type) {
    case Value::kNil: mp::pack_nil(out); return;
    case Value::kBool: mp::pack_bool(out, v.b); return;
    case Value::kInt: mp::pack_int(out, v.i); return;
    case Value::kDouble: mp::pack_double(out, v.d); return;
    case Value::kString: pack_raw(out, kParticleString, v.s); return;
    case Value::kGeoJson: pack_raw(out, kParticleGeoJson, v.s); return;
    case Value::kBytes: pack_raw(out, v.bytes->particle, v.bytes->data); return;
    case Value::kList:
        mp::pack_array_header(out, uint32_t(v.list->items.size()));
        for (const Value& x : v.list->items) encode(x, out);
        return;
    case Value::kMap:
        mp::pack_map_header(out, uint32_t(v.map->entries.size()));
        for (const auto& [k, x] : v.map->entries) {
            encode(k, out);
            encode(x, out);
        }
        return;
    }
}

void to_particle(const Value& v, uint8_t& particle, std::string& bytes) {
    bytes.clear();
    Buffer b;
    switch (v.type) {
    case Value::kNil: particle = kParticleNull; return;
    case Value::kBool: particle = kParticleBool; bytes.push_back(char(v.b)); return;
    case Value::kInt: particle = kParticleInteger; put_u64(b, uint64_t(v.i)); break;
    case Value::kDouble: particle = kParticleFloat; put_u64(b, double_bits(v.d)); break;
    case Value::kString: particle = kParticleString; bytes = v.s; return;
    case Value::kGeoJson:
        // The wire form: flags and a cell count of 0, then the text (the server adds cells).
        particle = kParticleGeoJson;
        bytes.assign(3, '\0');
        bytes += v.s;
        return;
    case Value::kBytes: particle = v.bytes->particle; bytes = v.bytes->data; return;
    case Value::kList: particle = kParticleList; encode(v, b); break;
    case Value::kMap: particle = kParticleMap; encode(v, b); break;
    }
    bytes.assign(b.begin(), b.end());
}

bool from_particle(uint8_t particle, const uint8_t* p, size_t n, Value& out) {
    switch (particle) {
    case kParticleNull: out = Value(); return true;
    case kParticleInteger:
    case kParticleFloat: {
        if (n != 8) return false;
        uint64_t u = load_u64(p);
        out = particle == kParticleInteger ? Value::integer(int64_t(u)) : Value::number(bits_double(u));
        return true;
    }
    case kParticleBool: out = Value::boolean(n > 0 && p[0] != 0); return true;
    case kParticleString: out = Value::string(std::string(reinterpret_cast<const char*>(p), n)); return true;
    case kParticleGeoJson: {
        // flags(1) + ncells(2) + ncells * 8 bytes of cell ids, then the JSON text.
        size_t skip = n >= 3 ? 3 + size_t(load_u16(p + 1)) * 8 : n + 1;
        if (skip > n) return false;
        out = Value::geojson(std::string(reinterpret_cast<const char*>(p + skip), n - skip));
        return true;
    }
    case kParticleList:
    case kParticleMap: {
        Reader r(p, n);
        return decode(r, out).is_ok();
    }
    case kParticleHll: return false;
    default: {
        auto b = std::make_shared<Bytes>();
        b->data.assign(reinterpret_cast<const char*>(p), n);
        b->particle = particle;
        out = Value::of(std::move(b));
        return true;
    }
    }
}

}  // namespace aero::lua
