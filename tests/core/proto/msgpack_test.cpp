#include "core/proto/msgpack.h"

#include <gtest/gtest.h>

#include "core/proto/particle.h"

namespace aero::proto::msgpack {
namespace {

Buffer roundtrip_as(const Buffer& std_in) {
    Reader r(std_in.data(), std_in.size());
    Buffer as;
    EXPECT_TRUE(std_to_as(r, as).is_ok());
    Reader r2(as.data(), as.size());
    Buffer back;
    EXPECT_TRUE(as_to_std(r2, back).is_ok());
    return back;
}

TEST(Msgpack, StringsGainAndLoseTheParticlePrefix) {
    Buffer in;
    pack_array_header(in, 2);
    pack_str(in, "ab");
    pack_bin(in, "\x01\x02", 2);
    Reader r(in.data(), in.size());
    Buffer as;
    ASSERT_TRUE(std_to_as(r, as).is_ok());
    const Buffer expect = {0x92, 0xa3, 0x03, 'a', 'b', 0xa3, 0x04, 0x01, 0x02};
    EXPECT_EQ(as, expect);
    EXPECT_EQ(roundtrip_as(in), in);
}

TEST(Msgpack, NestedMapsAndScalarsRoundTrip) {
    Buffer in;
    pack_map_header(in, 3);
    pack_str(in, "i"); pack_int(in, -123456789012);
    pack_int(in, 7); pack_double(in, 2.5);
    pack_str(in, "l");
    pack_array_header(in, 3); pack_nil(in); pack_bool(in, true); pack_map_header(in, 0);
    EXPECT_EQ(roundtrip_as(in), in);
}

TEST(Msgpack, OrderedMapFlagsAreDropped) {
    // Ordered map {1: "a"} as the server sends it: count 2, the ext flags pair first.
    const Buffer as = {0x82, 0xc7, 0x00, 0x01, 0xc0, 0x01, 0xa2, 0x03, 'a'};
    Reader r(as.data(), as.size());
    Buffer out;
    ASSERT_TRUE(as_to_std(r, out).is_ok());
    const Buffer expect = {0x81, 0x01, 0xa1, 'a'};
    EXPECT_EQ(out, expect);
}

TEST(Msgpack, ParticlesFromStandardValues) {
    Buffer in;
    pack_int(in, -2);
    Reader r(in.data(), in.size());
    uint8_t type;
    Buffer out;
    ASSERT_TRUE(particle_from_std(r, type, out).is_ok());
    EXPECT_EQ(type, kParticleInteger);
    EXPECT_EQ(out, Buffer({0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xfe}));
    Buffer back;
    ASSERT_TRUE(particle_to_std(type, out.data(), out.size(), back).is_ok());
    EXPECT_EQ(back, in);
}

TEST(Msgpack, HostileInputIsRefused) {
    // An array claiming 2^32-1 elements with no bytes behind it.
    const Buffer liar = {0xdd, 0xff, 0xff, 0xff, 0xff};
    Reader r(liar.data(), liar.size());
    Buffer out;
    EXPECT_FALSE(std_to_as(r, out).is_ok());
    // Nesting beyond the limit.
    Buffer deep(kMaxDepth + 10, 0x91);
    deep.push_back(0xc0);
    Reader r2(deep.data(), deep.size());
    EXPECT_FALSE(as_to_std(r2, out).is_ok());
    // Truncated string.
    const Buffer cut = {0xa5, 'a'};
    Reader r3(cut.data(), cut.size());
    EXPECT_FALSE(skip_value(r3));
    // A u64 beyond the int64 range cannot be a bin.
    Buffer big;
    pack_uint(big, UINT64_MAX);
    Reader r4(big.data(), big.size());
    uint8_t type;
    EXPECT_FALSE(particle_from_std(r4, type, out).is_ok());
}

}  // namespace
}  // namespace aero::proto::msgpack
