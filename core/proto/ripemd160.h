// RIPEMD-160 (Dobbertin, Bosselaers and Preneel, 1996): the hash of every record key (§6).
//
// Written here rather than called through OpenSSL: every key of every command is hashed once,
// and OpenSSL 3's EVP layer takes about 250 ns for a short key where this takes about 135 ns
// (a batch of 1,000 keys spent 40 % of its client CPU in libcrypto). tests/core/proto checks it
// against OpenSSL on random inputs.
#pragma once

#include <cstddef>
#include <cstdint>

namespace aero::proto {

class Ripemd160 {
public:
    static constexpr size_t kSize = 20;

    void update(const uint8_t* p, size_t n);
    // Pads, hashes the last block and writes the 20-byte hash; the object is spent after it.
    void finish(uint8_t out[kSize]);

private:
    uint32_t h_[5] = {0x67452301, 0xEFCDAB89, 0x98BADCFE, 0x10325476, 0xC3D2E1F0};
    uint8_t block_[64];
    size_t fill_ = 0;
    uint64_t total_ = 0;
};

}  // namespace aero::proto
