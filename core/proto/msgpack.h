// msgpack in two dialects.
//
// The C ABI speaks standard msgpack: str is text, bin is bytes. Aerospike stores lists and maps
// in its own dialect, where every string-family value carries a leading particle-type byte
// (0x03 text, 0x04 bytes, 0x17 GeoJSON ...) and ordered collections carry an ext marker
// (fact sheet §11.7). These functions convert between the two and between a standard value
// and a bin particle. They do no I/O and treat every input as hostile.
#pragma once

#include <cstdint>
#include <string_view>

#include "core/proto/bytes.h"
#include "core/status.h"

namespace aero::proto::msgpack {

// Nesting deeper than this is refused: it bounds recursion on hostile input, and no real
// record nests this deep (the Python layer refuses more than 64 levels on input).
constexpr int kMaxDepth = 128;

void pack_nil(Buffer& b);
void pack_bool(Buffer& b, bool v);
void pack_int(Buffer& b, int64_t v);
void pack_uint(Buffer& b, uint64_t v);
void pack_double(Buffer& b, double v);
void pack_str(Buffer& b, std::string_view s);
void pack_bin(Buffer& b, const void* p, size_t n);
// An ext value of `type` over n payload bytes (the fixext forms where n allows).
void pack_ext(Buffer& b, int8_t type, const void* p, size_t n);
void pack_array_header(Buffer& b, uint32_t n);
void pack_map_header(Buffer& b, uint32_t n);
// A str-family header over n bytes (Aerospike's dialect uses it for text, bytes and GeoJSON).
void pack_raw_header(Buffer& b, uint32_t n);

// The ABI's ext type for comparison markers (AERO_EXT_CMP, one payload byte: 0 wildcard,
// 1 infinity), and the server's (CMP_EXT_TYPE) that std_to_as() turns it into.
constexpr int8_t kExtCompare = 1;
// The ABI's ext type for a GeoJSON value (AERO_EXT_GEOJSON, payload the GeoJSON text): a
// GeoJSON bin, or a geo literal in an expression.
constexpr int8_t kExtGeoJson = 2;
constexpr uint8_t kAsExtCompare = 0xff;

// One decoded scalar or collection header of standard msgpack.
struct Item {
    enum Kind { kNil, kBool, kInt, kUint, kDouble, kStr, kBin, kArray, kMap, kExt } kind = kNil;
    bool b = false;
    int64_t i = 0;
    uint64_t u = 0;
    double d = 0;
    const uint8_t* data = nullptr;  // kStr, kBin, kExt payload
    uint32_t len = 0;               // byte length, or element count for kArray / kMap
    int8_t ext_type = 0;
};

// Reads the next item (for collections only the header). False when the bytes are malformed.
bool read_item(Reader& r, Item& out);
// Skips one whole value, nested content included.
bool skip_value(Reader& r, int depth = 0);
// Whether the next item is an ext: an Aerospike collection may start with one holding its
// order flags (followed by a nil value in a map). Peeks without consuming.
bool starts_with_ext(const Reader& r);

// Standard value -> bin particle: returns the particle type and appends its wire bytes.
Status particle_from_std(Reader& r, uint8_t& type_out, Buffer& out);
// Bin particle -> standard value appended to out (lists and maps converted from the dialect).
Status particle_to_std(uint8_t type, const uint8_t* p, size_t n, Buffer& out);

// Whole values between the two dialects.
Status std_to_as(Reader& r, Buffer& out, int depth = 0);
Status as_to_std(Reader& r, Buffer& out, int depth = 0);

}  // namespace aero::proto::msgpack
