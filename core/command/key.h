// A record key decoded from its msgpack form ([ns, set, user_key(, digest)]) with its digest.
#pragma once

#include <cstdint>
#include <string_view>

#include "core/proto/digest.h"
#include "core/status.h"

namespace aero {

struct Key {
    Key() = default;
    // A copy's key_data points at its own int_bytes when the original's pointed at its own.
    Key(const Key& o) { *this = o; }
    Key& operator=(const Key& o);

    std::string_view ns;
    std::string_view set;
    uint8_t key_type = 0;  // particle type of the user key; 0 when only a digest was given
    const uint8_t* key_data = nullptr;
    size_t key_len = 0;
    uint8_t int_bytes[8] = {};  // big-endian form of an integer user key
    proto::Digest digest{};
};

namespace proto::msgpack {
struct Item;
}

// Views in `out` point into `p`, which must outlive it. Computes the digest unless the key
// carries one.
Status parse_key(const uint8_t* p, size_t n, Key& out);
// The namespace and set items of a key array, checked, into `out`.
Status parse_key_names(const proto::msgpack::Item& ns, const proto::msgpack::Item& set, Key& out);
// A user key item (int, str or bytes; nil when `has_digest`) into `out`, whose namespace and set
// are set: computes the digest unless `has_digest`.
Status parse_user_key(const proto::msgpack::Item& user_key, bool has_digest, Key& out);

}  // namespace aero
