// HyperMinHash sketches in the server's HLL particle layout (particle_hll.c), byte for byte:
//   flags (1, always 0) | n_index_bits (1) | n_minhash_bits (1) | cached count (8, little-endian
//   as the server's x86-64 build stores it) | registers
// with 2^n_index_bits registers of 6 + n_minhash_bits bits each, packed big-endian bit first.
// A register holds the HLL value (position of the lowest set bit of the hash's second half,
// plus one) above the minhash bits. The estimators are the server's, in the same floating
// point order, so counts and similarities come out as the very numbers it gives.
#pragma once

#include <cstddef>
#include <cstdint>
#include <string>
#include <vector>

namespace aero::server::cdt {

constexpr size_t kHllHeaderSize = 11;

// A sketch's bytes for the functions below.
inline const uint8_t* hll_data(const std::string& h) { return reinterpret_cast<const uint8_t*>(h.data()); }

// Whether n is a usable index bit count (4..16).
bool hll_index_bits_ok(uint64_t n);
// Whether n is a usable minhash bit count (0, or 4..51).
bool hll_minhash_bits_ok(uint64_t n);
// Both, and together at most 64 bits.
bool hll_bits_ok(uint64_t index_bits, uint64_t minhash_bits);

// The particle size of a sketch with these bit counts.
size_t hll_size(uint32_t index_bits, uint32_t minhash_bits);

// Whether `bytes` is a sketch the server would accept as stored: flags 0, valid bit counts
// and the matching size.
bool hll_well_formed(const std::string& bytes);

// An empty sketch (all registers zero, no cached count).
std::string hll_new(uint32_t index_bits, uint32_t minhash_bits);

// MurmurHash3 x64 128 with seed 0: the two 64-bit halves h1 and h2.
void hll_murmur3(const uint8_t* data, size_t n, uint64_t& h1, uint64_t& h2);

// Adds one element (its compact msgpack bytes) to sketch h; true when a register grew, which
// also clears the cached count.
bool hll_add(std::string& h, const uint8_t* element, size_t n);

// Whether the element's register already holds at least the value the element would set.
bool hll_may_contain(const uint8_t* h, const uint8_t* element, size_t n);

// The cardinality estimate of sketch h (its cached count when that is not zero).
uint64_t hll_count(const uint8_t* h);

// Sets the cached count of sketch h.
void hll_set_cache(std::string& h, uint64_t count);

// The union of the sketches as one sketch of the smallest index bit count among them, and
// their common minhash bit count (0 when they differ).
std::string hll_union(const std::vector<const uint8_t*>& hs);

// h folded down to `index_bits` registers (h has no minhash bits).
std::string hll_fold(const uint8_t* h, uint32_t index_bits);

// The estimates of the union's size, the intersection's size and the Jaccard similarity of the
// sketches (two or more; an intersection without minhash bits handles at most three).
uint64_t hll_union_count(const std::vector<const uint8_t*>& hs);
uint64_t hll_intersect_count(const std::vector<const uint8_t*>& hs);
double hll_similarity(const std::vector<const uint8_t*>& hs);

}  // namespace aero::server::cdt
