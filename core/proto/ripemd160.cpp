#include "core/proto/ripemd160.h"

#include <cstring>

namespace aero::proto {

namespace {

// Message word and left-rotation of each of the 80 steps, for the left and the right line.
constexpr uint8_t kWordL[80] = {
    0, 1, 2,  3,  4,  5,  6,  7,  8,  9,  10, 11, 12, 13, 14, 15, 7,  4,  13, 1,  10, 6,  15, 3,  12, 0,  9,
    5, 2, 14, 11, 8,  3,  10, 14, 4,  9,  15, 8,  1,  2,  7,  0,  6,  13, 11, 5,  12, 1,  9,  11, 10, 0,  8,
    12, 4, 13, 3,  7,  15, 14, 5,  6,  2,  4,  0,  5,  9,  7,  12, 2,  10, 14, 1,  3,  8,  11, 6,  15, 13};
constexpr uint8_t kWordR[80] = {
    5,  14, 7,  0, 9, 2,  11, 4,  13, 6,  15, 8,  1,  10, 3,  12, 6,  11, 3,  7,  0,  13, 5,  10, 14, 15, 8,
    12, 4,  9,  1, 2, 15, 5,  1,  3,  7,  14, 6,  9,  11, 8,  12, 2,  10, 0,  4,  13, 8,  6,  4,  1,  3,  11,
    15, 0,  5,  12, 2, 13, 9,  7,  10, 14, 12, 15, 10, 4,  1,  5,  8,  7,  6,  2,  13, 14, 0,  3,  9,  11};
constexpr uint8_t kRotL[80] = {
    11, 14, 15, 12, 5,  8,  7,  9,  11, 13, 14, 15, 6,  7,  9,  8,  7,  6,  8,  13, 11, 9,  7,  15, 7,  12, 15,
    9,  11, 7,  13, 12, 11, 13, 6,  7,  14, 9,  13, 15, 14, 8,  13, 6,  5,  12, 7,  5,  11, 12, 14, 15, 14, 15,
    9,  8,  9,  14, 5,  6,  8,  6,  5,  12, 9,  15, 5,  11, 6,  8,  13, 12, 5,  12, 13, 14, 11, 8,  5,  6};
constexpr uint8_t kRotR[80] = {
    8,  9,  9,  11, 13, 15, 15, 5,  7,  7,  8,  11, 14, 14, 12, 6,  9,  13, 15, 7,  12, 8,  9,  11, 7,  7,  12,
    7,  6,  15, 13, 11, 9,  7,  15, 11, 8,  6,  6,  14, 12, 13, 5,  14, 13, 13, 7,  5,  15, 5,  8,  11, 14, 14,
    6,  14, 6,  9,  12, 9,  12, 5,  15, 8,  8,  5,  12, 9,  12, 5,  14, 6,  8,  13, 6,  5,  15, 13, 11, 11};
constexpr uint32_t kAddL[5] = {0x00000000, 0x5A827999, 0x6ED9EBA1, 0x8F1BBCDC, 0xA953FD4E};
constexpr uint32_t kAddR[5] = {0x50A28BE6, 0x5C4DD124, 0x6D703EF3, 0x7A6D76E9, 0x00000000};

inline uint32_t rol(uint32_t x, int n) { return (x << n) | (x >> (32 - n)); }

inline uint32_t load_le32(const uint8_t* p) {
    return uint32_t(p[0]) | uint32_t(p[1]) << 8 | uint32_t(p[2]) << 16 | uint32_t(p[3]) << 24;
}

// The five boolean functions; the left line uses them in order, the right line in reverse.
template <int F>
inline uint32_t mix(uint32_t x, uint32_t y, uint32_t z) {
    if constexpr (F == 0) return x ^ y ^ z;
    else if constexpr (F == 1) return (x & y) | (~x & z);
    else if constexpr (F == 2) return (x | ~y) ^ z;
    else if constexpr (F == 3) return (x & z) | (y & ~z);
    else return x ^ (y | ~z);
}

struct Line {
    uint32_t a, b, c, d, e;
};

// Sixteen steps of both lines; unrolled, so every table index is a constant.
template <int R>
inline void round16(Line& l, Line& r, const uint32_t* x) {
#pragma GCC unroll 16
    for (int i = 0; i < 16; i++) {
        const int j = R * 16 + i;
        uint32_t t = rol(l.a + mix<R>(l.b, l.c, l.d) + x[kWordL[j]] + kAddL[R], kRotL[j]) + l.e;
        l = {l.e, t, l.b, rol(l.c, 10), l.d};
        t = rol(r.a + mix<4 - R>(r.b, r.c, r.d) + x[kWordR[j]] + kAddR[R], kRotR[j]) + r.e;
        r = {r.e, t, r.b, rol(r.c, 10), r.d};
    }
}

void compress(uint32_t h[5], const uint8_t* block) {
    uint32_t x[16];
    for (int i = 0; i < 16; i++) x[i] = load_le32(block + 4 * i);
    Line l{h[0], h[1], h[2], h[3], h[4]};
    Line r = l;
    round16<0>(l, r, x);
    round16<1>(l, r, x);
    round16<2>(l, r, x);
    round16<3>(l, r, x);
    round16<4>(l, r, x);
    const uint32_t t = h[1] + l.c + r.d;
    h[1] = h[2] + l.d + r.e;
    h[2] = h[3] + l.e + r.a;
    h[3] = h[4] + l.a + r.b;
    h[4] = h[0] + l.b + r.c;
    h[0] = t;
}

}  // namespace

void Ripemd160::update(const uint8_t* p, size_t n) {
    total_ += n;
    while (n != 0) {
        const size_t take = n < 64 - fill_ ? n : 64 - fill_;
        std::memcpy(block_ + fill_, p, take);
        fill_ += take;
        p += take;
        n -= take;
        if (fill_ == 64) {
            compress(h_, block_);
            fill_ = 0;
        }
    }
}

void Ripemd160::finish(uint8_t out[kSize]) {
    block_[fill_++] = 0x80;
    if (fill_ > 56) {
        std::memset(block_ + fill_, 0, 64 - fill_);
        compress(h_, block_);
        fill_ = 0;
    }
    std::memset(block_ + fill_, 0, 56 - fill_);
    const uint64_t bits = total_ * 8;
    for (int i = 0; i < 8; i++) block_[56 + i] = uint8_t(bits >> (8 * i));
    compress(h_, block_);
    for (int i = 0; i < 5; i++)
        for (int k = 0; k < 4; k++) out[4 * i + k] = uint8_t(h_[i] >> (8 * k));
}

}  // namespace aero::proto
