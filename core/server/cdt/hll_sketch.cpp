#include "core/server/cdt/hll_sketch.h"

#include <cmath>

namespace aero::server::cdt {

namespace {

constexpr uint32_t kHllBits = 6;        // bits of the HLL value in a register
constexpr uint32_t kHllMaxValue = 64;   // the largest HLL value a hash can give
constexpr uint64_t kMaxCombinedBits = 64;

uint32_t index_bits(const uint8_t* h) { return h[1]; }
uint32_t minhash_bits(const uint8_t* h) { return h[2]; }
uint32_t register_count(const uint8_t* h) { return uint32_t(1) << index_bits(h); }

size_t registers_size(uint32_t ib, uint32_t mb) { return ((kHllBits + mb) * (size_t(1) << ib) + 7) / 8; }

// Registers are read and written through the 8 bytes that hold them (a register never spans
// more), treating bytes past the end of the registers as absent.
uint64_t load_window(const uint8_t* regs, size_t area, size_t byte) {
    uint64_t w = 0;
    for (size_t i = 0; i < 8; i++) w = w << 8 | (byte + i < area ? regs[byte + i] : 0);
    return w;
}

uint64_t get_register(const uint8_t* h, uint32_t r) {
    uint32_t n = kHllBits + minhash_bits(h);
    uint64_t bit = uint64_t(n) * r;
    uint64_t w = load_window(h + kHllHeaderSize, registers_size(index_bits(h), minhash_bits(h)), size_t(bit / 8));
    return (w >> (64 - bit % 8 - n)) & ((uint64_t(1) << n) - 1);
}

// Stores the low register-width bits of value (the server drops any higher ones too).
void set_register(uint8_t* h, uint32_t r, uint64_t value) {
    uint32_t n = kHllBits + minhash_bits(h);
    uint64_t bit = uint64_t(n) * r;
    size_t byte = size_t(bit / 8);
    uint8_t* regs = h + kHllHeaderSize;
    size_t area = registers_size(index_bits(h), minhash_bits(h));
    uint32_t shift = uint32_t(64 - bit % 8 - n);
    uint64_t mask = ((uint64_t(1) << n) - 1) << shift;
    uint64_t w = (load_window(regs, area, byte) & ~mask) | ((value << shift) & mask);
    for (size_t i = 0; i < 8 && byte + i < area; i++) regs[byte + i] = uint8_t(w >> (56 - 8 * i));
}

uint64_t load_le64(const uint8_t* p) {
    uint64_t v = 0;
    for (int i = 7; i >= 0; i--) v = v << 8 | p[i];
    return v;
}

uint8_t* mutable_bytes(std::string& h) { return reinterpret_cast<uint8_t*>(h.data()); }

// The register an element lands in and the value it would put there.
void hash_element(const uint8_t* h, const uint8_t* e, size_t n, uint32_t& reg, uint64_t& value) {
    uint64_t h1, h2;
    hll_murmur3(e, n, h1, h2);
    uint32_t ib = index_bits(h);
    uint32_t mb = minhash_bits(h);
    reg = uint16_t(h1) & uint16_t((1u << ib) - 1);
    uint64_t minhash = (h1 >> ib) & ((uint64_t(1) << mb) - 1);
    uint8_t hll_value = uint8_t((h2 == 0 ? 64 : __builtin_ctzll(h2)) + 1);
    value = uint64_t(hll_value) << mb | minhash;
}

uint64_t rotl(uint64_t x, int r) { return x << r | x >> (64 - r); }

uint64_t fmix(uint64_t k) {
    k ^= k >> 33;
    k *= 0xff51afd7ed558ccdULL;
    k ^= k >> 33;
    k *= 0xc4ceb9fe1a85ec53ULL;
    k ^= k >> 33;
    return k;
}

// Ertl's tau and sigma (arXiv 1702.01284), evaluated exactly as the server does.
double tau(double x) {
    if (x == 0.0 || x == 1.0) return 0.0;
    double prev;
    double y = 1.0;
    double z = 1 - x;
    do {
        x = sqrt(x);
        prev = z;
        y *= 0.5;
        z -= pow(1 - x, 2) * y;
    } while (prev != z);
    return z / 3;
}

double sigma(double x) {
    if (x == 1.0) return INFINITY;
    double prev;
    double y = 1;
    double z = x;
    do {
        x *= x;
        prev = z;
        z += x * y;
        y += y;
    } while (prev != z);
    return z;
}

double alpha(uint32_t ib) {
    switch (ib) {
    case 4: return 0.673;
    case 5: return 0.697;
    case 6: return 0.709;
    default: return 0.7213 / (1.0 + 1.079 / (1 << ib));
    }
}

// The bit counts a union or comparison of the sketches works with: the smallest index bit
// count, and the minhash bit count when the first sketch has some and all agree (else 0).
void common_bits(const std::vector<const uint8_t*>& hs, uint32_t& ib, uint32_t& mb) {
    ib = index_bits(hs[0]);
    mb = minhash_bits(hs[0]);
    for (size_t i = 1; i < hs.size(); i++) {
        if (ib > index_bits(hs[i])) ib = index_bits(hs[i]);
        if (mb != 0 && mb != minhash_bits(hs[i])) mb = 0;
    }
}

// Folds h into u (u has no more index bits than h). Without minhash bits only the HLL values
// are compared; with them, whole registers (both then have the same minhash bit count).
void union_into(std::string& u, const uint8_t* h) {
    uint8_t* up = mutable_bytes(u);
    uint32_t mask = register_count(up) - 1;
    uint32_t n = register_count(h);
    if (minhash_bits(up) == 0) {
        for (uint32_t r = 0; r < n; r++) {
            uint64_t v0 = get_register(up, r & mask);
            uint64_t v1 = uint8_t(get_register(h, r) >> minhash_bits(h));
            if (v0 < v1) set_register(up, r & mask, v1);
        }
        return;
    }
    for (uint32_t r = 0; r < n; r++) {
        uint64_t v0 = get_register(up, r & mask);
        uint64_t v1 = get_register(h, r);
        if (v0 < v1) set_register(up, r & mask, v1);
    }
    hll_set_cache(u, 0);
}

// Keeps in u only the registers equal to h's (u has no more index bits than h).
void intersect_into(std::string& u, const uint8_t* h) {
    uint8_t* up = mutable_bytes(u);
    uint32_t mask = register_count(up) - 1;
    uint32_t n = register_count(h);
    for (uint32_t r = 0; r < n; r++) {
        uint64_t v0 = get_register(up, r & mask);
        uint64_t v1 = get_register(h, r);
        set_register(up, r & mask, v0 == v1 ? v0 : 0);
    }
}

uint32_t used_registers(const uint8_t* h) {
    uint32_t used = 0;
    for (uint32_t r = 0; r < register_count(h); r++)
        if (get_register(h, r) != 0) used++;
    return used;
}

// The server's emptiness test looks at the first 2^index_bits bytes of the registers only.
bool has_data(const uint8_t* h) {
    const uint8_t* regs = h + kHllHeaderSize;
    for (uint32_t i = 0; i < register_count(h); i++)
        if (regs[i] != 0) return true;
    return false;
}

// The expected number of minhash collisions between two sets of the given sizes
// (HyperMinHash, arXiv 1710.08436).
double expected_collisions(uint32_t ib, uint32_t mb, uint64_t card0, uint64_t card1) {
    double cp = 0.0;
    uint32_t n = uint32_t(1) << ib;
    uint32_t buckets = uint32_t(1) << kHllBits;
    for (int32_t i = 1; uint32_t(i) <= buckets; i++) {
        double b1;
        double b2;
        if (uint32_t(i) != buckets) {
            b1 = pow(2, -i);
            b2 = pow(2, -i + 1);
        } else {
            b1 = 0.0;
            b2 = pow(2, -i + 1);
        }
        b1 /= n;
        b2 /= n;
        double pr_x = pow(1 - b1, double(card0)) - pow(1 - b2, double(card0));
        double pr_y = pow(1 - b1, double(card1)) - pow(1 - b2, double(card1));
        cp += pr_x * pr_y;
    }
    return cp * n / pow(2, mb);
}

// Intersection by inclusion-exclusion over HLL counts (no minhash bits): two or three sets.
uint64_t inclusion_exclusion(const std::vector<const uint8_t*>& hs) {
    uint64_t cu = hll_union_count(hs);
    uint64_t sum = 0;
    for (const uint8_t* h : hs) {
        uint64_t c = hll_count(h);
        if (sum + c < sum) {
            sum = UINT64_MAX;
            break;
        }
        sum += c;
    }
    if (hs.size() == 2) return sum > cu ? sum - cu : 0;
    uint64_t pairs = hll_intersect_count({hs[0], hs[1]}) + hll_intersect_count({hs[1], hs[2]}) +
                     hll_intersect_count({hs[0], hs[2]});
    int64_t result = int64_t(cu) - (int64_t(sum) - int64_t(pairs));
    return result < 0 ? 0 : uint64_t(result);
}

}  // namespace

bool hll_index_bits_ok(uint64_t n) { return n >= 4 && n <= 16; }

bool hll_minhash_bits_ok(uint64_t n) { return n == 0 || (n >= 4 && n <= 64 - kHllBits - 7); }

bool hll_bits_ok(uint64_t index_bits, uint64_t minhash_bits) {
    return hll_index_bits_ok(index_bits) && hll_minhash_bits_ok(minhash_bits) &&
           index_bits + minhash_bits <= kMaxCombinedBits;
}

size_t hll_size(uint32_t ib, uint32_t mb) { return kHllHeaderSize + registers_size(ib, mb); }

bool hll_well_formed(const std::string& bytes) {
    if (bytes.size() < kHllHeaderSize) return false;
    const uint8_t* h = hll_data(bytes);
    return h[0] == 0 && hll_bits_ok(h[1], h[2]) && hll_size(h[1], h[2]) == bytes.size();
}

std::string hll_new(uint32_t ib, uint32_t mb) {
    std::string h(hll_size(ib, mb), '\0');
    h[1] = char(ib);
    h[2] = char(mb);
    return h;
}

void hll_murmur3(const uint8_t* data, size_t n, uint64_t& out1, uint64_t& out2) {
    const uint64_t c1 = 0x87c37b91114253d5ULL;
    const uint64_t c2 = 0x4cf5ad432745937fULL;
    uint64_t h1 = 0;
    uint64_t h2 = 0;
    auto le64 = [](const uint8_t* p, size_t len) {
        uint64_t v = 0;
        for (size_t i = len; i-- > 0;) v = v << 8 | p[i];
        return v;
    };
    size_t blocks = n / 16;
    for (size_t i = 0; i < blocks; i++) {
        uint64_t k1 = le64(data + 16 * i, 8);
        uint64_t k2 = le64(data + 16 * i + 8, 8);
        h1 ^= rotl(k1 * c1, 31) * c2;
        h1 = rotl(h1, 27) + h2;
        h1 = h1 * 5 + 0x52dce729;
        h2 ^= rotl(k2 * c2, 33) * c1;
        h2 = rotl(h2, 31) + h1;
        h2 = h2 * 5 + 0x38495ab5;
    }
    const uint8_t* tail = data + 16 * blocks;
    size_t rest = n % 16;
    if (rest > 8) h2 ^= rotl(le64(tail + 8, rest - 8) * c2, 33) * c1;
    if (rest > 0) h1 ^= rotl(le64(tail, rest < 8 ? rest : 8) * c1, 31) * c2;
    h1 ^= n;
    h2 ^= n;
    h1 += h2;
    h2 += h1;
    h1 = fmix(h1);
    h2 = fmix(h2);
    h1 += h2;
    h2 += h1;
    out1 = h1;
    out2 = h2;
}

bool hll_add(std::string& h, const uint8_t* element, size_t n) {
    uint8_t* p = mutable_bytes(h);
    uint32_t reg;
    uint64_t value;
    hash_element(p, element, n, reg, value);
    if (get_register(p, reg) >= value) return false;
    set_register(p, reg, value);
    hll_set_cache(h, 0);
    return true;
}

bool hll_may_contain(const uint8_t* h, const uint8_t* element, size_t n) {
    uint32_t reg;
    uint64_t value;
    hash_element(h, element, n, reg, value);
    return value <= get_register(h, reg);
}

uint64_t hll_count(const uint8_t* h) {
    if (uint64_t cache = load_le64(h + 3); cache != 0) return cache;
    uint32_t n = register_count(h);
    uint32_t c[kHllMaxValue + 1] = {};
    for (uint32_t r = 0; r < n; r++) c[uint8_t(get_register(h, r) >> minhash_bits(h))]++;
    double z = n * tau(c[kHllMaxValue] / double(n));
    for (uint32_t k = kHllMaxValue; k > 0; k--) z = 0.5 * (z + c[k]);
    z += n * sigma(c[0] / double(n));
    return uint64_t(llroundl(alpha(index_bits(h)) * n * n / z));
}

void hll_set_cache(std::string& h, uint64_t count) {
    for (int i = 0; i < 8; i++) h[size_t(3 + i)] = char(uint8_t(count >> (8 * i)));
}

std::string hll_union(const std::vector<const uint8_t*>& hs) {
    uint32_t ib, mb;
    common_bits(hs, ib, mb);
    std::string u = hll_new(ib, mb);
    for (const uint8_t* h : hs) union_into(u, h);
    return u;
}

std::string hll_fold(const uint8_t* h, uint32_t ib) {
    if (ib == index_bits(h)) return std::string(reinterpret_cast<const char*>(h), hll_size(ib, 0));
    std::string u = hll_new(ib, 0);
    union_into(u, h);
    return u;
}

uint64_t hll_union_count(const std::vector<const uint8_t*>& hs) {
    std::string u = hll_union(hs);
    return hll_count(hll_data(u));
}

uint64_t hll_intersect_count(const std::vector<const uint8_t*>& hs) {
    uint32_t ib, mb;
    common_bits(hs, ib, mb);
    if (mb == 0) return inclusion_exclusion(hs);
    double j = hll_similarity(hs);
    if (std::isnan(j)) return 0;
    return uint64_t(llround(double(hll_union_count(hs)) * j));
}

double hll_similarity(const std::vector<const uint8_t*>& hs) {
    uint32_t ib, mb;
    common_bits(hs, ib, mb);
    if (mb == 0) return double(inclusion_exclusion(hs)) / double(hll_union_count(hs));
    bool one_has_data = false;
    bool one_is_empty = false;
    for (const uint8_t* h : hs) (has_data(h) ? one_has_data : one_is_empty) = true;
    if (one_is_empty) return one_has_data ? 0.0 : NAN;
    std::string agg = hll_union(hs);
    uint32_t n_union = used_registers(hll_data(agg));
    agg = hll_new(ib, mb);
    union_into(agg, hs[0]);
    for (size_t i = 1; i < hs.size(); i++) intersect_into(agg, hs[i]);
    uint32_t n_intersect = used_registers(hll_data(agg));
    double ec = 0.0;
    if (hs.size() == 2) ec = expected_collisions(ib, mb, hll_count(hs[0]), hll_count(hs[1]));
    double result = (n_intersect - ec) / double(n_union);
    return result < 0.0 ? 0.0 : result;
}

}  // namespace aero::server::cdt
