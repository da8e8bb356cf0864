#include "core/server/index/wyhash.h"

namespace aero::server::index {

namespace {

constexpr uint64_t kSecret[4] = {0xa0761d6478bd642full, 0xe7037ed1a0b428dbull, 0x8ebc6af09c88c6e3ull,
                                 0x589965cc75374cc3ull};
// The seed the server's hash starts from.
constexpr uint64_t kSeed = 0x29FBB14cc886full ^ kSecret[0];

// The 128-bit product of a and b, folded by xor of its halves.
uint64_t mix(uint64_t a, uint64_t b) {
    unsigned __int128 r = static_cast<unsigned __int128>(a) * b;
    return uint64_t(r) ^ uint64_t(r >> 64);
}

uint64_t read64(const uint8_t* p) {
    uint64_t v = 0;
    for (int i = 7; i >= 0; i--) v = v << 8 | p[i];
    return v;
}

uint64_t read32(const uint8_t* p) { return uint64_t(p[0]) | uint64_t(p[1]) << 8 | uint64_t(p[2]) << 16 | uint64_t(p[3]) << 24; }

uint64_t read_short(const uint8_t* p, size_t k) { return uint64_t(p[0]) << 16 | uint64_t(p[k >> 1]) << 8 | p[k - 1]; }

}  // namespace

uint64_t wyhash64(const void* key, size_t len) {
    const auto* p = static_cast<const uint8_t*>(key);
    uint64_t seed = kSeed, a = 0, b = 0;
    if (len <= 16) {
        if (len >= 4) {
            size_t shift = (len >> 3) << 2;
            a = read32(p) << 32 | read32(p + shift);
            b = read32(p + len - 4) << 32 | read32(p + len - 4 - shift);
        } else if (len > 0) {
            a = read_short(p, len);
        }
    } else {
        size_t i = len;
        if (i > 48) {
            uint64_t see1 = seed, see2 = seed;
            do {
                seed = mix(read64(p) ^ kSecret[1], read64(p + 8) ^ seed);
                see1 = mix(read64(p + 16) ^ kSecret[2], read64(p + 24) ^ see1);
                see2 = mix(read64(p + 32) ^ kSecret[3], read64(p + 40) ^ see2);
                p += 48;
                i -= 48;
            } while (i > 48);
            seed ^= see1 ^ see2;
        }
        while (i > 16) {
            seed = mix(read64(p) ^ kSecret[1], read64(p + 8) ^ seed);
            i -= 16;
            p += 16;
        }
        a = read64(p + i - 16);
        b = read64(p + i - 8);
    }
    return mix(kSecret[1] ^ len, mix(a ^ kSecret[1], b ^ seed));
}

}  // namespace aero::server::index
