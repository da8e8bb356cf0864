#include "core/server/exp/compare.h"

#include <algorithm>
#include <cstring>

#include "core/proto/particle.h"
#include "core/server/cdt/value.h"

namespace aero::server::exp {

namespace {

using cdt::Type;
using cdt::Value;

// -1, 0 or 1 as the op reads it.
Val answer(uint8_t op, int c) {
    switch (op) {
    case kEq: return Val::boolean(c == 0);
    case kNe: return Val::boolean(c != 0);
    case kGt: return Val::boolean(c > 0);
    case kGe: return Val::boolean(c >= 0);
    case kLt: return Val::boolean(c < 0);
    default: return Val::boolean(c <= 0);
    }
}

template <typename T>
int three_way(T a, T b) { return a < b ? -1 : a > b ? 1 : 0; }

// A map the server's comparison walk parses with elements and no key order.
// As msgpack_cmp() flags it: a map with elements or with an order marker (an empty result map
// carries one) whose flags are not key-ordered.
bool unordered_map(const Value& v) {
    return v.is_map() && (!v.pairs.empty() || v.flags != 0 || v.marked) && !(v.flags & cdt::kMapKeyOrdered);
}

// msgpack_cmp() as cmp_msgpack() uses it: value.h's order, and whether the walk reached a
// non-empty map without key order in either operand, which makes the comparison unknown
// (unordered maps have no defined order). The walk stops at the first difference or wildcard.
int walk(const Value& a, const Value& b, bool& wild, bool& unordered) {
    unordered = unordered || unordered_map(a) || unordered_map(b);
    if (a.type == Type::kWildcard || b.type == Type::kWildcard) {
        wild = true;
        return 0;
    }
    if (a.type != b.type) return three_way(uint8_t(a.type), uint8_t(b.type));
    if (a.is_list()) {
        size_t n = std::min(a.items.size(), b.items.size());
        for (size_t k = 0; k < n; k++) {
            int c = walk(a.items[k], b.items[k], wild, unordered);
            if (c != 0 || wild) return c;
        }
        return three_way(a.items.size(), b.items.size());
    }
    if (a.is_map()) {
        if (int c = three_way(a.pairs.size(), b.pairs.size())) return c;
        for (size_t k = 0; k < a.pairs.size(); k++) {
            int c = walk(a.pairs[k].first, b.pairs[k].first, wild, unordered);
            if (c != 0 || wild) return c;
            c = walk(a.pairs[k].second, b.pairs[k].second, wild, unordered);
            if (c != 0 || wild) return c;
        }
        return 0;
    }
    return cdt::compare(a, b);
}

bool decode(std::string_view bytes, Value& out) {
    return cdt::decode(reinterpret_cast<const uint8_t*>(bytes.data()), bytes.size(), out);
}

int compare_bytes(std::string_view a, std::string_view b) {
    size_t n = std::min(a.size(), b.size());
    int c = n == 0 ? 0 : std::memcmp(a.data(), b.data(), n);
    if (c != 0) return c < 0 ? -1 : 1;
    return three_way(a.size(), b.size());
}

// A string-family value in the collection dialect: its particle byte, then its bytes.
Value typed_raw(Type type, uint8_t particle, std::string_view data) {
    Value v;
    v.type = type;
    v.raw.reserve(data.size() + 1);
    v.raw.push_back(char(particle));
    v.raw.append(data);
    return v;
}

// rt_value_to_msgpack_vec(): the value as an element of a list. False for a value that has
// no msgpack form (unknown, a remove marker).
bool as_element(const Val& v, Value& out) {
    using namespace aero::proto;
    switch (v.kind) {
    case Val::kNil: out = Value::nil(); return true;
    case Val::kBool: out = Value::boolean(v.b); return true;
    case Val::kInt: out = Value::integer(v.i); return true;
    case Val::kFloat: out = Value::real(v.d); return true;
    case Val::kStr: out = typed_raw(Type::kString, kParticleString, v.data); return true;
    case Val::kBlob: out = typed_raw(Type::kBytes, kParticleBlob, v.data); return true;
    case Val::kHll: out = typed_raw(Type::kBytes, kParticleHll, v.data); return true;
    case Val::kGeo: out = typed_raw(Type::kGeoJson, kParticleGeoJson, v.data); return true;
    case Val::kList: case Val::kMap: case Val::kOther: return decode(v.data, out);
    default: return false;
    }
}

// The value's GeoJSON shape: the literal's, or parsed from a bin's text (unknown if invalid).
bool shape_of(const Val& v, geo::Shape& tmp, const geo::Shape*& out) {
    if (v.kind != Val::kGeo) return false;
    if (v.shape) {
        out = v.shape;
        return true;
    }
    if (!geo::parse(v.data, tmp)) return false;
    out = &tmp;
    return true;
}

}  // namespace

Val compare_values(uint8_t op, const Val& a, const Val& b) {
    if (a.kind == Val::kUnknown) return a;
    if (b.kind == Val::kUnknown) return b;
    // Operands of one build type can still differ at run time only through a CALL on a nil
    // bin; the server has no answer for that (it asserts), so it is unknown here.
    if (a.kind != b.kind) return Val::unknown();
    switch (a.kind) {
    case Val::kNil: return answer(op, 0);
    case Val::kBool: return answer(op, three_way(int(a.b), int(b.b)));
    case Val::kInt: return answer(op, three_way(a.i, b.i));
    case Val::kFloat:
        // IEEE rules: every comparison with a NaN is false except "not equal".
        switch (op) {
        case kEq: return Val::boolean(a.d == b.d);
        case kNe: return Val::boolean(a.d != b.d);
        case kGt: return Val::boolean(a.d > b.d);
        case kGe: return Val::boolean(a.d >= b.d);
        case kLt: return Val::boolean(a.d < b.d);
        default: return Val::boolean(a.d <= b.d);
        }
    case Val::kStr:
    case Val::kBlob:
        return answer(op, compare_bytes(a.data, b.data));
    case Val::kList:
    case Val::kMap:
    case Val::kOther: {
        Value x, y;
        if (!decode(a.data, x) || !decode(b.data, y)) return Val::unknown();
        bool wild = false, unordered = false;
        int c = walk(x, y, wild, unordered);
        if (unordered) return Val::unknown();
        return answer(op, c);
    }
    default:
        return Val::unknown();
    }
}

Val in_list(const Val& v, const Val& list) {
    if (v.kind == Val::kUnknown || list.kind != Val::kList) return Val::unknown();
    Value elem, items;
    if (!as_element(v, elem) || !decode(list.data, items) || !items.is_list()) return Val::unknown();
    for (const Value& item : items.items)
        if (cdt::compare(elem, item) == 0) return Val::boolean(true);
    return Val::boolean(false);
}

Val geo_compare(const Val& a, const Val& b) {
    if (a.kind == Val::kUnknown) return a;
    if (b.kind == Val::kUnknown) return b;
    geo::Shape ta, tb;
    const geo::Shape *sa = nullptr, *sb = nullptr;
    if (!shape_of(a, ta, sa) || !shape_of(b, tb, sb)) return Val::unknown();
    return Val::boolean(geo::matches(*sa, *sb));
}

}  // namespace aero::server::exp
