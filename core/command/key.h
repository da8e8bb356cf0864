// A record key decoded from its msgpack form ([ns, set, user_key(, digest)]) with its digest.
#pragma once

#include <cstdint>
#include <string_view>

#include "core/proto/digest.h"
#include "core/status.h"

namespace aero {

struct Key {
    std::string_view ns;
    std::string_view set;
    uint8_t key_type = 0;  // particle type of the user key; 0 when only a digest was given
    const uint8_t* key_data = nullptr;
    size_t key_len = 0;
    uint8_t int_bytes[8] = {};  // big-endian form of an integer user key
    proto::Digest digest{};
};

// Views in `out` point into `p`, which must outlive it. Computes the digest unless the key
// carries one.
Status parse_key(const uint8_t* p, size_t n, Key& out);

}  // namespace aero
