// Bit ranges of a byte string, bits numbered from the most significant bit of byte 0 (the
// order of the server's bitwise ops). Callers check that every range lies inside the bytes.
#pragma once

#include <cstddef>
#include <cstdint>
#include <string>

namespace aero::server::cdt {

// The n bits of src starting at bit `at`, packed from bit 0 into ceil(n/8) bytes whose
// trailing bits are zero.
std::string bits_get(const uint8_t* src, uint64_t at, uint64_t n);

// Overwrites the n bits of dst starting at bit `at` with the first n bits of src (which holds
// at least ceil(n/8) bytes); every other bit of dst keeps its value.
void bits_put(uint8_t* dst, uint64_t at, uint64_t n, const uint8_t* src);

// The n bits (n <= 64) of src starting at bit `at`, as an unsigned big-endian number.
uint64_t bits_get_uint(const uint8_t* src, uint64_t at, uint32_t n);

// Stores the low n bits (n <= 64) of v at bit `at` of dst, most significant bit first.
void bits_put_uint(uint8_t* dst, uint64_t at, uint32_t n, uint64_t v);

// How many bits are set among the n bits of src starting at bit `at`.
uint64_t bits_count(const uint8_t* src, uint64_t at, uint64_t n);

// The index (from `from`) of the first bit equal to `value` in bits [from, end) of src, or
// -1 when there is none.
int64_t bits_find_first(const uint8_t* src, uint64_t from, uint64_t end, bool value);

// The index (from `from`) of the last bit equal to `value` in bits [from, end) of src, or
// -1 when there is none.
int64_t bits_find_last(const uint8_t* src, uint64_t from, uint64_t end, bool value);

}  // namespace aero::server::cdt
