#include "core/proto/digest.h"

#include <gtest/gtest.h>

#include <string>

namespace aero::proto {
namespace {

std::string hex(const Digest& d) {
    static const char* x = "0123456789abcdef";
    std::string s;
    for (uint8_t c : d) { s += x[c >> 4]; s += x[c & 15]; }
    return s;
}

Digest int_digest(std::string_view set, int64_t v) {
    uint8_t b[8];
    for (int i = 0; i < 8; i++) b[i] = uint8_t(uint64_t(v) >> (56 - 8 * i));
    Digest d;
    compute_digest(set, 1, b, 8, d);
    return d;
}

// Vectors from the protocol fact sheet (§6), computed with RIPEMD-160 independently.
TEST(Digest, IntegerKeys) {
    Digest d = int_digest("test", 1);
    EXPECT_EQ(hex(d), "f5f86f3d4855adffe8def9a0d902fac71f578b8f");
    EXPECT_EQ(partition_id(d.data()), 2293u);
    EXPECT_EQ(hex(int_digest("test", -1)), "b854fdf9b9741f645fdcd2b028b3747e7ec9d85b");
    EXPECT_EQ(hex(int_digest("", 1)), "a443f05d05d962202b59abb402afae1737dbf66a");
    Digest demo = int_digest("demo", 1);
    EXPECT_EQ(hex(demo), "b7f4b83889e2da67de683e1df6919a1eacc446c8");
    EXPECT_EQ(partition_id(demo.data()), 1207u);
}

TEST(Digest, StringAndBlobKeys) {
    Digest d;
    compute_digest("test", 3, reinterpret_cast<const uint8_t*>("key1"), 4, d);
    EXPECT_EQ(hex(d), "1c4acea7d4566aef2bdf4057a5d86f8d3ac9f4de");
    EXPECT_EQ(partition_id(d.data()), 2588u);
    const uint8_t blob[] = {1, 2, 3};
    compute_digest("test", 4, blob, 3, d);
    EXPECT_EQ(hex(d), "2299ae188f916ac309081816d815418f2676d365");
    EXPECT_EQ(partition_id(d.data()), 2338u);
}

}  // namespace
}  // namespace aero::proto
