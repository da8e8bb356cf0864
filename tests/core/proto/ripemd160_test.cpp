#include "core/proto/ripemd160.h"

#include <gtest/gtest.h>
#include <openssl/evp.h>

#include <random>
#include <string>
#include <vector>

namespace aero::proto {
namespace {

std::string hex(const uint8_t* d) {
    static const char* x = "0123456789abcdef";
    std::string s;
    for (size_t i = 0; i < Ripemd160::kSize; i++) { s += x[d[i] >> 4]; s += x[d[i] & 15]; }
    return s;
}

std::string ours(const std::string& m) {
    Ripemd160 h;
    h.update(reinterpret_cast<const uint8_t*>(m.data()), m.size());
    uint8_t out[Ripemd160::kSize];
    h.finish(out);
    return hex(out);
}

// The test vectors of the algorithm's authors.
TEST(Ripemd160, PublishedVectors) {
    EXPECT_EQ(ours(""), "9c1185a5c5e9fc54612808977ee8f548b2258d31");
    EXPECT_EQ(ours("a"), "0bdc9d2d256b3ee9daae347be6f4dc835a467ffe");
    EXPECT_EQ(ours("abc"), "8eb208f7e05d987a9b044a8e98c6b087f15a0bfc");
    EXPECT_EQ(ours("message digest"), "5d0689ef49d2fae572b881b123a85ffa21595f36");
    EXPECT_EQ(ours("abcdefghijklmnopqrstuvwxyz"), "f71c27109c692c1b56bbdceb5b9d2865b3708dbc");
    EXPECT_EQ(ours("abcdbcdecdefdefgefghfghighijhijkijkljklmklmnlmnomnopnopq"),
              "12a053384a9c0c88e405a06c27dcf49ada62eb2b");
    EXPECT_EQ(ours(std::string(1000000, 'a')), "52783243c1697bdbe16d37f97f68f08325dc1528");
}

// Random messages of every length around the block and padding boundaries, fed in random
// pieces, hash as OpenSSL hashes them whole.
TEST(Ripemd160, MatchesOpenSslOnRandomInput) {
    EVP_MD* md = EVP_MD_fetch(nullptr, "RIPEMD160", nullptr);
    if (md == nullptr) GTEST_SKIP() << "this OpenSSL has no RIPEMD-160";
    std::mt19937 rng(160);
    for (int round = 0; round < 20000; round++) {
        std::vector<uint8_t> m(rng() % 300);
        for (auto& b : m) b = uint8_t(rng());
        Ripemd160 h;
        size_t at = 0;
        while (at < m.size()) {
            const size_t n = std::min<size_t>(m.size() - at, rng() % 80);
            h.update(m.data() + at, n);
            at += n;
        }
        uint8_t got[Ripemd160::kSize], want[EVP_MAX_MD_SIZE];
        h.finish(got);
        unsigned int n = 0;
        ASSERT_EQ(EVP_Digest(m.data(), m.size(), want, &n, md, nullptr), 1);
        ASSERT_EQ(hex(got), hex(want)) << "length " << m.size();
    }
    EVP_MD_free(md);
}

}  // namespace
}  // namespace aero::proto
