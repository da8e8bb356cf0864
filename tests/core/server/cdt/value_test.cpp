// Collection values: decoding and encoding Aerospike's msgpack dialect, the server's comparison
// order (msgpack_cmp), and the particles of results and stored bins.
#include <gtest/gtest.h>

#include <string>
#include <string_view>

#include "core/proto/msgpack.h"
#include "core/proto/particle.h"
#include "tests/core/server/cdt/cdt_test_util.h"

namespace aero::server::cdt {
namespace {

using namespace std::literals;
using test::I;
using test::L;
using test::M;
using test::S;
using test::text;

Value parse(std::string_view bytes) {
    Value v;
    EXPECT_TRUE(decode(reinterpret_cast<const uint8_t*>(bytes.data()), bytes.size(), v)) << test::hex(bytes);
    return v;
}

bool parses(std::string_view bytes) {
    Value v;
    return decode(reinterpret_cast<const uint8_t*>(bytes.data()), bytes.size(), v);
}

std::string bytes_of(const Value& v) {
    proto::Buffer b;
    encode(v, b);
    return std::string(b.begin(), b.end());
}

Value marker(uint8_t payload) { return parse("\xd4\xff"s + char(payload)); }

TEST(CdtValue, DecodesScalarsAndRawsWithTheirParticleByte) {
    EXPECT_EQ(text(parse("\x95\xc0\xc2\xc3\xd0\x80\xcb\x40\x04\x00\x00\x00\x00\x00\x00"sv)), "[nil, false, true, -128, 2.5]");
    // Strings keep particle byte 3; blobs 4; other bytes and an empty raw are bytes.
    EXPECT_EQ(text(parse("\x94\xa2\x03x\xc4\x02\x04\x01\xa2\x09\x01\xa0"sv)), "[\"x\", b\"01\", r\"0901\", r\"\"]");
    EXPECT_EQ(parse("\xa2\x17{"sv).type, Type::kGeoJson);
    EXPECT_EQ(parse("\xca\x3f\xc0\x00\x00"sv).d, 1.5);  // float32 reads as a double
    // An integer above INT64_MAX keeps its 64 bits, as the server reads an int64 argument.
    EXPECT_EQ(parse("\xcf\x80\x00\x00\x00\x00\x00\x00\x05"sv).i, INT64_MIN + 5);
}

TEST(CdtValue, FoldsOrderMarkersIntoFlags) {
    Value l = parse("\x93\xc7\x00\x01\x01\x02"sv);
    EXPECT_EQ(text(l), "o[1, 2]");
    EXPECT_EQ(bytes_of(l), "\x93\xc7\x00\x01\x01\x02"sv);
    // Only the order bits stay: the persisted-index bit (0x10) is a storage detail.
    EXPECT_EQ(text(parse("\x92\xc7\x00\x11\x01"sv)), "o[1]");
    EXPECT_EQ(text(parse("\x92\xc7\x00\x10\x01"sv)), "[1]");
    Value m = parse("\x82\xc7\x00\x03\xc0\xa2\x03k\x01"sv);
    EXPECT_EQ(text(m), "#3{\"k\": 1}");
    EXPECT_EQ(bytes_of(m), "\x82\xc7\x00\x03\xc0\xa2\x03k\x01"sv);
    // Value order alone is no order.
    EXPECT_EQ(text(parse("\x82\xc7\x00\x02\xc0\x01\x02"sv)), "{1: 2}");
    // A leading comparison marker is an element, not flags.
    Value w = parse("\x92\xd4\xff\x00\x01"sv);
    ASSERT_EQ(w.items.size(), 2u);
    EXPECT_EQ(w.items[0].type, Type::kWildcard);
    EXPECT_TRUE(w.has_nonstorage());
}

TEST(CdtValue, EncodesIntegersCompactly) {
    EXPECT_EQ(bytes_of(I(5)), "\x05"sv);
    EXPECT_EQ(bytes_of(I(-1)), "\xff"sv);
    EXPECT_EQ(bytes_of(I(300)), "\xcd\x01\x2c"sv);
    EXPECT_EQ(bytes_of(I(INT64_MIN)), "\xd3\x80\x00\x00\x00\x00\x00\x00\x00"sv);
    EXPECT_EQ(bytes_of(marker(1)), "\xd4\xff\x01"sv);
}

TEST(CdtValue, RefusesMalformedInput) {
    EXPECT_FALSE(parses(""sv));
    EXPECT_FALSE(parses("\xc1"sv));                  // never used
    EXPECT_FALSE(parses("\x92\x01"sv));              // short list
    EXPECT_FALSE(parses("\xdd\xff\xff\xff\xff\x01"sv));  // count larger than the bytes
    EXPECT_FALSE(parses("\xa5\x03" "ab"sv));         // short raw
    EXPECT_FALSE(parses("\x81\xc7\x00\x01"sv));      // map marker without its value
    EXPECT_FALSE(parses("\x01\x02"sv));              // trailing bytes
    std::string deep(proto::msgpack::kMaxDepth + 2, '\x91');
    EXPECT_FALSE(parses(deep + "\x01"));
    std::string ok(proto::msgpack::kMaxDepth, '\x91');
    EXPECT_TRUE(parses(ok + "\x01"));
}

int cmp(const Value& a, const Value& b) { return compare(a, b); }

TEST(CdtValue, ComparesAcrossTypesInTheServerOrder) {
    Value nil, f = Value::boolean(false), t = Value::boolean(true);
    Value list = L({}), map = M({}), blob = parse("\xa2\x04\x00"sv), dbl = Value::real(-5), geo = parse("\xa2\x17{"sv);
    const Value order[] = {nil, f, t, I(-9), I(3), S("a"), list, map, blob, dbl, geo, marker(1)};
    for (size_t a = 0; a < std::size(order); a++)
        for (size_t b = 0; b < std::size(order); b++)
            EXPECT_EQ(cmp(order[a], order[b]), a < b ? -1 : a > b ? 1 : 0) << a << " vs " << b;
}

TEST(CdtValue, ComparesWithinTypes) {
    EXPECT_LT(cmp(I(-2), I(-1)), 0);
    EXPECT_LT(cmp(I(INT64_MIN), I(0)), 0);
    EXPECT_LT(cmp(Value::real(1.5), Value::real(2)), 0);
    // Raws: memcmp over the shorter length, then the length.
    EXPECT_LT(cmp(S("ab"), S("b")), 0);
    EXPECT_LT(cmp(S("ab"), S("abc")), 0);
    EXPECT_EQ(cmp(S("ab"), S("ab")), 0);
    // Lists element-wise, a prefix first; maps by size first, then element-wise.
    EXPECT_LT(cmp(L({I(1), I(2)}), L({I(1), I(3)})), 0);
    EXPECT_LT(cmp(L({I(1)}), L({I(1), I(0)})), 0);
    EXPECT_GT(cmp(L({I(2)}), L({I(1), I(9)})), 0);
    EXPECT_LT(cmp(M({{I(9), I(9)}}), M({{I(1), I(1)}, {I(2), I(2)}})), 0);
    EXPECT_LT(cmp(M({{I(1), I(1)}}), M({{I(1), I(2)}})), 0);
    // Order flags do not take part.
    EXPECT_EQ(cmp(L({I(1)}, kListOrdered), L({I(1)})), 0);
}

TEST(CdtValue, WildcardEndsTheComparisonEqualAndInfinityIsLargest) {
    Value wild = marker(0), inf = marker(1);
    EXPECT_EQ(cmp(wild, I(5)), 0);
    EXPECT_EQ(cmp(L({I(1), wild}), L({I(1), I(2), I(3)})), 0);  // lengths no longer matter
    EXPECT_NE(cmp(L({I(2), wild}), L({I(1), I(2)})), 0);
    EXPECT_GT(cmp(inf, parse("\xa2\x17{"sv)), 0);
    EXPECT_EQ(cmp(inf, inf), 0);
    EXPECT_GT(cmp(L({I(1), inf}), L({I(1), L({I(9)})})), 0);
}

TEST(CdtValue, ResultParticles) {
    uint8_t p;
    std::string b;
    to_particle(I(-2), p, b);
    EXPECT_EQ(p, proto::kParticleInteger);
    EXPECT_EQ(b, "\xff\xff\xff\xff\xff\xff\xff\xfe"sv);
    to_particle(S("hi"), p, b);
    EXPECT_EQ(p, proto::kParticleString);
    EXPECT_EQ(b, "hi");
    to_particle(parse("\xa3\x09\x01\x02"sv), p, b);  // a Python blob keeps its own particle type
    EXPECT_EQ(p, proto::kParticlePythonBlob);
    EXPECT_EQ(b, "\x01\x02"sv);
    to_particle(Value::boolean(true), p, b);
    EXPECT_EQ(p, proto::kParticleBool);
    EXPECT_EQ(b, "\x01"sv);
    to_particle(parse("\xa3\x17{}"sv), p, b);  // GeoJSON: no flags, no cells, then the text
    EXPECT_EQ(p, proto::kParticleGeoJson);
    EXPECT_EQ(b, "\x00\x00\x00{}"sv);
    to_particle(L({I(1)}, kListOrdered), p, b);
    EXPECT_EQ(p, proto::kParticleList);
    EXPECT_EQ(b, "\x92\xc7\x00\x01\x01"sv);
    to_particle(Value::nil(), p, b);
    EXPECT_EQ(p, proto::kParticleNull);
    EXPECT_TRUE(b.empty());
}

TEST(CdtValue, StoredBinParticles) {
    Value v;
    auto from = [&](uint8_t type, std::string_view s) {
        return from_particle(type, reinterpret_cast<const uint8_t*>(s.data()), s.size(), v);
    };
    ASSERT_TRUE(from(proto::kParticleInteger, "\x00\x00\x00\x00\x00\x00\x01\x00"sv));
    EXPECT_EQ(v.i, 256);
    ASSERT_TRUE(from(proto::kParticleString, "ab"));
    EXPECT_EQ(text(v), "\"ab\"");
    ASSERT_TRUE(from(proto::kParticleGeoJson, "\x00\x00\x01\x00\x00\x00\x00\x00\x00\x00\x07{}"sv));
    EXPECT_EQ(v.raw, "\x17{}"sv);
    ASSERT_TRUE(from(proto::kParticleMap, "\x81\x01\x02"sv));
    EXPECT_EQ(text(v), "{1: 2}");
    EXPECT_FALSE(from(proto::kParticleList, "\x81\x01\x02"sv));  // a map is not a list
    EXPECT_FALSE(from(proto::kParticleInteger, "\x01"sv));
    EXPECT_FALSE(from(proto::kParticleHll, "\x01\x02"sv));
}

}  // namespace
}  // namespace aero::server::cdt
