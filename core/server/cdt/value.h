// A collection value (list, map, or any element of one) decoded from Aerospike's msgpack
// dialect into a tree that the CDT operations change in place, and encoded back. Scalars keep
// their wire meaning; string-family values keep their leading particle-type byte, so that
// comparing two of them is the server's memcmp over the same bytes.
#pragma once

#include <algorithm>
#include <cstdint>
#include <string>
#include <utility>
#include <vector>

#include "core/proto/bytes.h"

namespace aero::server::cdt {

// The server's msgpack_type order (cf/include/msgpack_in.h): values of different types sort
// by this enum, so a nil is less than any bool, any int less than any string, and so on.
// Negative and positive integers are one type here; comparing them as signed numbers gives
// the server's NEGINT < INT order.
enum class Type : uint8_t {
    kNil,
    kFalse,
    kTrue,
    kInt,
    kString,  // raw with particle byte 3
    kList,
    kMap,
    kBytes,   // raw with any other particle byte (4 blob, 7..12 language blobs, ...)
    kDouble,
    kGeoJson,  // raw with particle byte 23
    kExt,      // a storage ext other than the order marker (kept as it came)
    kWildcard,  // non-storage: equal to anything (only in operation arguments)
    kInf,       // non-storage: greater than anything (only in operation arguments)
};

// Order flags a collection carries in its leading ext element (fact sheet §11.7).
constexpr uint8_t kListOrdered = 0x01;
constexpr uint8_t kMapKeyOrdered = 0x01;
constexpr uint8_t kMapKeyValueOrdered = 0x03;

struct MapEntry;

struct Value {
    Type type = Type::kNil;
    int64_t i = 0;
    double d = 0;
    std::string raw;                          // kString / kBytes / kGeoJson (with the particle byte), kExt (ext payload)
    int8_t ext_type = 0;                      // kExt
    uint8_t flags = 0;                        // kList / kMap: order flags (0 = unordered)
    bool marked = false;                      // kMap: it came with a flags marker (even one of no order)
    std::vector<Value> items;                 // kList
    std::vector<MapEntry> pairs;  // kMap, in stored order

    static Value nil();
    static Value boolean(bool b);
    static Value integer(int64_t v);
    static Value real(double v);
    static Value string(std::string_view text);  // adds the particle byte
    static Value list(uint8_t flags = 0);
    static Value map(uint8_t flags = 0);

    bool is_list() const { return type == Type::kList; }
    bool is_map() const { return type == Type::kMap; }
    bool is_int() const { return type == Type::kInt; }
    // Whether this holds a wildcard or infinity at any depth (such values may be compared
    // with but never stored).
    bool has_nonstorage() const;
};

// One key and value of a map. Not a std::pair: instantiating MapEntry inside
// Value, while Value is incomplete, is refused by clang's libstdc++ checks.
struct MapEntry {
    Value first;
    Value second;
};

inline Value Value::nil() { return Value{}; }

// Decodes one value of the dialect from r. False when malformed or nested deeper than
// msgpack::kMaxDepth. Ext elements that carry order flags (and their nil map value) are
// folded into `flags`; any index payload they hold is dropped.
bool decode(proto::Reader& r, Value& out, int depth = 0);
// Decodes a whole buffer holding exactly one value.
bool decode(const uint8_t* p, size_t n, Value& out);

// Encodes v in the dialect: an ordered collection starts with its ext marker, as the server
// stores it; integers take the smallest msgpack form.
void encode(const Value& v, proto::Buffer& out);

// The server's msgpack_cmp(): -1, 0 or 1. A wildcard equals anything; infinity is greater
// than anything but a wildcard; lists compare element-wise (a prefix is less); maps compare
// by size first, then element-wise in stored order.
int compare(const Value& a, const Value& b);

// Strict-weak-order helper for sorting and searching.
struct Less {
    bool operator()(const Value& a, const Value& b) const { return compare(a, b) < 0; }
};

// The position in sorted `items` of the first element not less than v: where an ordered list
// keeps v.
inline size_t lower_bound(const std::vector<Value>& items, const Value& v) {
    return size_t(std::lower_bound(items.begin(), items.end(), v, Less{}) - items.begin());
}

// A bin particle for an operation's result: the particle type and its wire bytes (integers
// and floats as 8 bytes big-endian, strings and blobs without the particle byte, bools as one
// byte, lists and maps in the dialect). A nil yields kParticleNull with no bytes.
void to_particle(const Value& v, uint8_t& particle, std::string& bytes);
// The reverse, for a stored bin; false for a type that is not a value (never for a good bin).
bool from_particle(uint8_t particle, const uint8_t* p, size_t n, Value& out);

}  // namespace aero::server::cdt
