// Byte buffers and big-endian helpers shared by every encoder and decoder.
#pragma once

#include <cstddef>
#include <cstdint>
#include <cstring>
#include <string_view>
#include <vector>

namespace aero::proto {

using Buffer = std::vector<uint8_t>;

inline void put_u8(Buffer& b, uint8_t v) { b.push_back(v); }
inline void put_u16(Buffer& b, uint16_t v) {
    uint8_t t[2] = {uint8_t(v >> 8), uint8_t(v)};
    b.insert(b.end(), t, t + 2);
}
inline void put_u32(Buffer& b, uint32_t v) {
    uint8_t t[4] = {uint8_t(v >> 24), uint8_t(v >> 16), uint8_t(v >> 8), uint8_t(v)};
    b.insert(b.end(), t, t + 4);
}
inline void put_u64(Buffer& b, uint64_t v) {
    put_u32(b, uint32_t(v >> 32));
    put_u32(b, uint32_t(v));
}
inline void put_bytes(Buffer& b, const void* p, size_t n) {
    auto* c = static_cast<const uint8_t*>(p);
    b.insert(b.end(), c, c + n);
}
inline void put_str(Buffer& b, std::string_view s) { put_bytes(b, s.data(), s.size()); }

inline void store_u16(uint8_t* p, uint16_t v) { p[0] = uint8_t(v >> 8); p[1] = uint8_t(v); }
inline void store_u32(uint8_t* p, uint32_t v) {
    p[0] = uint8_t(v >> 24); p[1] = uint8_t(v >> 16); p[2] = uint8_t(v >> 8); p[3] = uint8_t(v);
}
inline void store_u64(uint8_t* p, uint64_t v) { store_u32(p, uint32_t(v >> 32)); store_u32(p + 4, uint32_t(v)); }

inline uint16_t load_u16(const uint8_t* p) { return uint16_t(p[0] << 8 | p[1]); }
inline uint32_t load_u32(const uint8_t* p) {
    return uint32_t(p[0]) << 24 | uint32_t(p[1]) << 16 | uint32_t(p[2]) << 8 | uint32_t(p[3]);
}
inline uint64_t load_u64(const uint8_t* p) { return uint64_t(load_u32(p)) << 32 | load_u32(p + 4); }

inline uint64_t double_bits(double d) { uint64_t u; std::memcpy(&u, &d, 8); return u; }
inline double bits_double(uint64_t u) { double d; std::memcpy(&d, &u, 8); return d; }

// A bounds-checked cursor over received bytes: every read says whether the bytes were there,
// because every length in a network message is hostile until checked.
class Reader {
public:
    Reader(const uint8_t* p, size_t n) : p_(p), end_(p + n) {}
    size_t left() const { return size_t(end_ - p_); }
    const uint8_t* pos() const { return p_; }
    bool skip(size_t n) { if (left() < n) return false; p_ += n; return true; }
    bool u8(uint8_t& v) { if (left() < 1) return false; v = *p_++; return true; }
    bool u16(uint16_t& v) { if (left() < 2) return false; v = load_u16(p_); p_ += 2; return true; }
    bool u32(uint32_t& v) { if (left() < 4) return false; v = load_u32(p_); p_ += 4; return true; }
    bool u64(uint64_t& v) { if (left() < 8) return false; v = load_u64(p_); p_ += 8; return true; }
    bool bytes(size_t n, const uint8_t*& out) { if (left() < n) return false; out = p_; p_ += n; return true; }

private:
    const uint8_t* p_;
    const uint8_t* end_;
};

}  // namespace aero::proto
