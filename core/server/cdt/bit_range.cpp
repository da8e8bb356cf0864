#include "core/server/cdt/bit_range.h"


namespace aero::server::cdt {

namespace {

// The bits of byte k that lie inside bit range [at, at+n) (n > 0).
uint8_t byte_mask(size_t k, uint64_t at, uint64_t n) {
    uint8_t m = 0xFF;
    if (k == at / 8) m &= uint8_t(0xFF >> (at % 8));
    uint64_t last_bit = at + n - 1;
    if (k == last_bit / 8) m &= uint8_t(0xFF << (7 - last_bit % 8));
    return m;
}

}  // namespace

std::string bits_get(const uint8_t* src, uint64_t at, uint64_t n) {
    std::string out(size_t((n + 7) / 8), '\0');
    if (n == 0) return out;
    size_t first = size_t(at / 8);
    unsigned shift = unsigned(at % 8);
    size_t last = size_t((at + n - 1) / 8);
    for (size_t i = 0; i < out.size(); i++) {
        size_t k = first + i;
        uint8_t v = uint8_t(src[k] << shift);
        if (shift != 0 && k + 1 <= last) v |= uint8_t(src[k + 1] >> (8 - shift));
        out[i] = char(v);
    }
    if (n % 8 != 0) out.back() = char(uint8_t(out.back()) & uint8_t(0xFF << (8 - n % 8)));
    return out;
}

void bits_put(uint8_t* dst, uint64_t at, uint64_t n, const uint8_t* src) {
    size_t first = size_t(at / 8);
    unsigned shift = unsigned(at % 8);
    for (uint64_t done = 0; done < n; done += 8) {
        unsigned k = n - done < 8 ? unsigned(n - done) : 8;
        uint8_t m = uint8_t(0xFF << (8 - k));  // the chunk's bits, at the top of a byte
        uint8_t v = src[done / 8] & m;
        size_t byte = first + size_t(done / 8);
        uint8_t hi = uint8_t(m >> shift);
        dst[byte] = uint8_t((dst[byte] & ~hi) | (v >> shift));
        if (shift + k > 8) {
            uint8_t lo = uint8_t(m << (8 - shift));
            dst[byte + 1] = uint8_t((dst[byte + 1] & ~lo) | uint8_t(v << (8 - shift)));
        }
    }
}

uint64_t bits_get_uint(const uint8_t* src, uint64_t at, uint32_t n) {
    std::string b = bits_get(src, at, n);
    uint64_t v = 0;
    for (char c : b) v = v << 8 | uint8_t(c);
    return v >> (8 * b.size() - n);
}

void bits_put_uint(uint8_t* dst, uint64_t at, uint32_t n, uint64_t v) {
    uint8_t be[8];
    uint64_t top = v << (64 - n);
    for (int i = 0; i < 8; i++) be[i] = uint8_t(top >> (56 - 8 * i));
    bits_put(dst, at, n, be);
}

uint64_t bits_count(const uint8_t* src, uint64_t at, uint64_t n) {
    if (n == 0) return 0;
    uint64_t count = 0;
    size_t last = size_t((at + n - 1) / 8);
    for (size_t k = size_t(at / 8); k <= last; k++) count += unsigned(__builtin_popcount(src[k] & byte_mask(k, at, n)));
    return count;
}

int64_t bits_find_first(const uint8_t* src, uint64_t from, uint64_t end, bool value) {
    if (end <= from) return -1;
    uint64_t n = end - from;
    size_t last = size_t((end - 1) / 8);
    for (size_t k = size_t(from / 8); k <= last; k++) {
        uint8_t x = uint8_t((value ? src[k] : ~src[k]) & byte_mask(k, from, n));
        if (x != 0) return int64_t(k * 8 + unsigned(__builtin_clz(x) - 24) - from);
    }
    return -1;
}

int64_t bits_find_last(const uint8_t* src, uint64_t from, uint64_t end, bool value) {
    if (end <= from) return -1;
    uint64_t n = end - from;
    size_t first = size_t(from / 8);
    for (size_t k = size_t((end - 1) / 8) + 1; k-- > first;) {
        uint8_t x = uint8_t((value ? src[k] : ~src[k]) & byte_mask(k, from, n));
        if (x != 0) return int64_t(k * 8 + 7 - unsigned(__builtin_ctz(x)) - from);
    }
    return -1;
}

}  // namespace aero::server::cdt
