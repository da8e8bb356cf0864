// The values a UDF sees, as mod-lua's as_val tree has them: scalars, and lists, maps and
// byte arrays shared by reference (a list stored in a map and changed through either name is
// one list, as in mod-lua). Decoded from and encoded to Aerospike's msgpack dialect (fact sheet
// §11.7: strings carry a particle-type byte), which is how UDF arguments, list and map bins and
// aggregation values travel. Knows nothing of Lua; any thread, one value per thread at a time.
#pragma once

#include <cstdint>
#include <map>
#include <memory>
#include <string>
#include <vector>

#include "core/proto/bytes.h"
#include "core/status.h"

namespace aero::lua {

struct List;
struct Map;
struct Bytes;

struct Value {
    enum Type : uint8_t { kNil, kBool, kInt, kDouble, kString, kBytes, kList, kMap, kGeoJson };
    Type type = kNil;
    bool b = false;
    int64_t i = 0;
    double d = 0;
    std::string s;  // kString text, kGeoJson text
    std::shared_ptr<Bytes> bytes;
    std::shared_ptr<List> list;
    std::shared_ptr<Map> map;

    static Value boolean(bool v) { Value x; x.type = kBool; x.b = v; return x; }
    static Value integer(int64_t v) { Value x; x.type = kInt; x.i = v; return x; }
    static Value number(double v) { Value x; x.type = kDouble; x.d = v; return x; }
    static Value string(std::string v) { Value x; x.type = kString; x.s = std::move(v); return x; }
    static Value geojson(std::string v) { Value x; x.type = kGeoJson; x.s = std::move(v); return x; }
    static Value of(std::shared_ptr<Bytes> v) { Value x; x.type = kBytes; x.bytes = std::move(v); return x; }
    static Value of(std::shared_ptr<List> v) { Value x; x.type = kList; x.list = std::move(v); return x; }
    static Value of(std::shared_ptr<Map> v) { Value x; x.type = kMap; x.map = std::move(v); return x; }
};

// A strict weak order over values (type first, then content), so maps can be keyed by any
// value; lists and maps compare by content.
struct ValueLess {
    bool operator()(const Value& a, const Value& b) const;
};

struct List {
    std::vector<Value> items;
};

struct Map {
    std::map<Value, Value, ValueLess> entries;
};

struct Bytes {
    std::string data;
    // The blob's particle type (4 plain bytes; 7..12 language blobs), as bytes.get_type tells.
    uint8_t particle = 4;
};

// Decodes one value of the Aerospike dialect at r (untrusted bytes: a malformed value or one
// nested deeper than proto::msgpack::kMaxDepth gives kErrParam).
Status decode(proto::Reader& r, Value& out);
// Decodes a whole msgpack array (a UDF_ARGLIST field) into its elements.
Status decode_args(const uint8_t* p, size_t n, std::vector<Value>& out);
// Appends v in the Aerospike dialect.
void encode(const Value& v, proto::Buffer& out);

// The bin particle a value is stored or returned as, with its wire bytes (integers and floats
// 8 bytes big-endian, lists and maps msgpack, GeoJSON as a client sends it: no cells). Nil
// gives particle 0 and no bytes.
void to_particle(const Value& v, uint8_t& particle, std::string& bytes);
// The value of a stored bin particle; false for a particle a UDF cannot see (HLL).
bool from_particle(uint8_t particle, const uint8_t* p, size_t n, Value& out);

}  // namespace aero::lua
