// Record key digest (RIPEMD-160 over set, key type and key bytes) and partition id (§6).
#pragma once

#include <array>
#include <cstddef>
#include <cstdint>
#include <string_view>

namespace aero::proto {

constexpr size_t kDigestSize = 20;
constexpr uint32_t kPartitions = 4096;
using Digest = std::array<uint8_t, kDigestSize>;

// key_type is the user key's particle type (1 integer, 3 string, 4 blob); key holds its wire
// bytes (8-byte big-endian for integers). Any thread.
void compute_digest(std::string_view set, uint8_t key_type, const uint8_t* key, size_t key_len, Digest& out);

inline uint32_t partition_id(const uint8_t* digest) {
    return (uint32_t(digest[0]) | uint32_t(digest[1]) << 8) & (kPartitions - 1);
}

}  // namespace aero::proto
