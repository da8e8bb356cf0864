// HLL ops against the real server's answers: the values, sketches (their exact bytes, or an
// FNV-1a digest of them for the larger ones) and result codes below are what an Aerospike 8.1.2
// server gave for the same ops sent through the official client.
#include <gtest/gtest.h>

#include <cstdint>
#include <string>
#include <vector>

#include "core/proto/particle.h"
#include "tests/core/server/cdt/hll_test_util.h"

namespace aero::server::cdt {
namespace {

using namespace std::string_literals;

using namespace optest;

// Adding 300 elements to a new sketch of each shape: the registers updated, the count (the
// same after refresh_count, which caches it), and the sketch's bytes. 16 + 51 bits is too many.
TEST(HllOps, AddCountDescribe) {
    struct Row {
        int ib, mb, rc;
        int64_t added, count;
        uint64_t digest;
    };
    const std::vector<Row> rows = {
        {4, 0, 0, 46, 282, 0xc1c00086d752aa91ULL},
        {4, 4, 0, 54, 282, 0x6e570c090331a508ULL},
        {4, 16, 0, 59, 282, 0xf23b8db4980ff286ULL},
        {4, 51, 0, 58, 282, 0x803071beda50e0abULL},
        {5, 0, 0, 76, 371, 0xf405acc6e874bee6ULL},
        {5, 4, 0, 91, 371, 0xbae521a565d85050ULL},
        {5, 16, 0, 102, 371, 0x9ffe3a7933b61c1bULL},
        {5, 51, 0, 99, 371, 0x02121817c1f3704dULL},
        {6, 0, 0, 118, 305, 0x30ae709bfbc43df7ULL},
        {6, 4, 0, 139, 305, 0x0310ef094d6c2637ULL},
        {6, 16, 0, 147, 305, 0x4efe5155e79a95d8ULL},
        {6, 51, 0, 140, 305, 0xd745940c5eee93d2ULL},
        {8, 0, 0, 219, 306, 0xa9c8b59865e3ba31ULL},
        {8, 4, 0, 230, 306, 0xb7d5d4edb8840c22ULL},
        {8, 16, 0, 234, 306, 0x41ca88e87221ca07ULL},
        {8, 51, 0, 234, 306, 0xf06114d58be230dbULL},
        {12, 0, 0, 289, 295, 0x5300a34cd95d7f5fULL},
        {12, 4, 0, 293, 295, 0xa450a3640f240958ULL},
        {12, 16, 0, 292, 295, 0xe8c332b164a43baeULL},
        {12, 51, 0, 292, 295, 0x19cfc8a5bde10e2aULL},
        {16, 0, 0, 299, 300, 0xcee298773bf0c636ULL},
        {16, 4, 0, 299, 300, 0x48d1d6168e534ca9ULL},
        {16, 16, 0, 299, 300, 0xee609bdc625df3e1ULL},
        {16, 51, 4, 0, 0, 0},
    };
    for (const Row& r : rows) {
        SCOPED_TRACE(std::to_string(r.ib) + "/" + std::to_string(r.mb));
        Bin b = hll_bin();
        EXPECT_EQ(hll(b, true, P(kAdd).add(items(0, 300)).i(r.ib).i(r.mb).i(0)), r.rc);
        if (r.rc != 0) continue;
        EXPECT_EQ(last(), std::to_string(r.added));
        EXPECT_EQ(hll(b, false, P(kCount)), 0);
        EXPECT_EQ(last(), std::to_string(r.count));
        EXPECT_EQ(hll(b, false, P(kDescribe)), 0);
        EXPECT_EQ(last(), "list:92" + to_hex(std::string{char(r.ib), char(r.mb)}));
        EXPECT_EQ(hll(b, true, P(kUpdateCount)), 0);
        EXPECT_EQ(last(), std::to_string(r.count));
        EXPECT_EQ(b.type, proto::kParticleHll);
        EXPECT_EQ(fnv1a(b.value), r.digest);
    }
}

// The stored layout itself: header, little-endian cached count, then the registers.
TEST(HllOps, StoredBytes) {
    Bin b = hll_bin();
    ASSERT_EQ(hll(b, true, P(kAdd).add(items(0, 300)).i(4).i(0).i(0)), 0);
    EXPECT_EQ(to_hex(b.value), "0004000000000000000000" "1452081050c518a0c71071c4");
    ASSERT_EQ(hll(b, true, P(kUpdateCount)), 0);
    EXPECT_EQ(to_hex(b.value), "0004001a01000000000000" "1452081050c518a0c71071c4");
    b = hll_bin();
    ASSERT_EQ(hll(b, true, P(kAdd).add(items(0, 300)).i(6).i(4).i(0)), 0);
    ASSERT_EQ(hll(b, true, P(kUpdateCount)), 0);
    EXPECT_EQ(to_hex(b.value),
              "0006043101000000000000"
              "0744321c3c0b05d09c4b0f45608c530e05d0e43810c471982d0bc5e0f83a194a00c42c118190ec4016"
              "84d1288f0705f0e85f06c300c0490dc3f1c8311605210442118160f0250704b0747113c7d1b800");
}

// The official client's documentation example: three customers' viewed items.
TEST(HllOps, DocumentationExample) {
    Bin amy = hll_bin(), farnsworth = hll_bin(), scruffy = hll_bin();
    EXPECT_EQ(hll(amy, true, P(kAdd).add(items(0, 500)).i(12).i(24).i(0)), 0);
    EXPECT_EQ(last(), "488");
    EXPECT_EQ(hll(farnsworth, true, P(kAdd).add(items(0, 750)).i(12).i(24).i(0)), 0);
    EXPECT_EQ(last(), "724");
    EXPECT_EQ(hll(scruffy, true, P(kAdd).add(items(250, 1000)).i(12).i(24).i(0)), 0);
    EXPECT_EQ(last(), "728");
    EXPECT_EQ(fnv1a(amy.value), 0x93578578c6a3e965ULL);
    EXPECT_EQ(fnv1a(farnsworth.value), 0x460c7777aa4e1710ULL);
    EXPECT_EQ(fnv1a(scruffy.value), 0xa2dd9c79ecc2e03eULL);
    Val others = sketches({farnsworth.value, scruffy.value});
    EXPECT_EQ(hll(amy, false, P(kIntersectCount).add(others)), 0);
    EXPECT_EQ(last(), "251");
    EXPECT_EQ(hll(amy, false, P(kUnionCount).add(others)), 0);
    EXPECT_EQ(last(), "1010");
    EXPECT_EQ(hll(amy, false, P(kSimilarity).add(others)), 0);
    EXPECT_EQ(last(), "float:3fcfdb6db6db6db7");  // 0.24888392857142858
}

// Elements are hashed in the server's compact msgpack form: any integer form packs to its
// smallest, and a bin header becomes a str header only when a smaller one fits, so a 32-byte
// bin8 raw keeps its header (and hashes unlike the same str8 raw) while a 5-byte one does not.
TEST(HllOps, ElementForms) {
    Bin b = hll_bin();
    Val one_and_a_half{"\xcb\x3f\xf8" + std::string(6, '\0')};
    Val values = Val::list({Val::integer(1), Val::integer(-1), Val::integer(300), Val::integer(-300),
                            Val::integer(int64_t(1) << 40), Val::str("x"), Val::raw("raw", proto::kParticleBlob),
                            Val::raw("ba", proto::kParticleBlob), one_and_a_half, Val{"\xc3"}, Val{"\xc0"}});
    EXPECT_EQ(hll(b, true, P(kAdd).add(values).i(8).i(8).i(0)), 0);
    EXPECT_EQ(last(), "11");
    EXPECT_EQ(hll(b, false, P(kCount)), 0);
    EXPECT_EQ(last(), "10");
    EXPECT_EQ(fnv1a(b.value), 0x55f1f76a7e9b3280ULL);

    b = hll_bin();
    EXPECT_EQ(hll(b, true, P(kAdd).add(Val::list({Val::str(std::string(40, 's')), Val::str(std::string(300, 't')),
                                                  Val::raw(std::string(40, 'u'), proto::kParticleBlob),
                                                  Val::raw(std::string(300, 'v'), proto::kParticleBlob)}))
                             .i(10).i(6).i(0)),
              0);
    EXPECT_EQ(last(), "4");
    EXPECT_EQ(fnv1a(b.value), 0x0bb087c7d77c8023ULL);

    struct Raw {
        std::string payload;
        const char* added;
        uint64_t digest;
    };
    const std::string x31(31, 'x');
    const std::vector<Raw> raws = {
        {"\x95\x01\x91\xc4\x20\x04" + x31 + "\x08\x00\x00"s, "1", 0x3e5241cc77fede05ULL},  // bin8, 32 bytes
        {"\x95\x01\x91\xd9\x20\x04" + x31 + "\x08\x00\x00"s, "1", 0x3a5a2155c06564adULL},  // str8, 32 bytes
        {"\x95\x01\x91\xc4\x05\x04xxxx\x08\x00\x00"s, "1", 0x9cf2e94d5c78632fULL},
        {"\x95\x01\x93\xd3\x00\x00\x00\x00\x00\x00\x00\x05\xd0\x05\xcd\x00\x05\x08\x00\x00"s, "1",
         0xeea55b3a7228c033ULL},  // 5 three ways: one register
        {"\x95\x01\x92\xc7\x01\x05\x01\xc8\x00\x03\x05"s "abc\x08\x00\x00"s, "2",
         0xee48de5f72f24c0bULL},  // ext headers
    };
    for (const Raw& r : raws) {
        Bin h = hll_bin();
        EXPECT_EQ(hll(h, true, r.payload), 0);
        EXPECT_EQ(last(), r.added);
        EXPECT_EQ(fnv1a(h.value), r.digest);
    }
}

// Bit counts out of range are parameter errors; -1 means "the bin's", which a new bin does not
// have (26). Lists, maps and an empty element list are refused, and so is an element that is
// not msgpack.
TEST(HllOps, AddAndInitArguments) {
    struct Row {
        int ib, mb, rc;
    };
    for (const Row& r : std::vector<Row>{{3, 0, 4}, {17, 0, 4}, {4, 3, 4}, {4, 52, 4}, {16, 49, 4}, {15, 49, 0},
                                         {-1, 0, 26}, {8, -1, 0}, {-1, -1, 26}}) {
        SCOPED_TRACE(std::to_string(r.ib) + "/" + std::to_string(r.mb));
        Bin b = hll_bin();
        EXPECT_EQ(hll(b, true, P(kAdd).add(Val::list({Val::str("a")})).i(r.ib).i(r.mb).i(0)), r.rc);
        b = hll_bin();
        EXPECT_EQ(hll(b, true, P(kInit).i(r.ib).i(r.mb).i(0)), r.rc);
    }
    Bin b = hll_bin();
    EXPECT_EQ(hll(b, true, P(kAdd).add(Val::list({Val::list({Val::integer(1)})})).i(8).i(0).i(0)), 4);
    EXPECT_EQ(hll(b, true, P(kAdd).add(Val{"\x91\x81\xa2\x03\x61\x01"}).i(8).i(0).i(0)), 4);
    EXPECT_EQ(hll(b, true, P(kAdd).add(Val::list({})).i(8).i(0).i(0)), 4);
    EXPECT_EQ(hll(b, true, "\x95\x01\x91\xc1\x08\x00\x00"s), 4);
    EXPECT_EQ(hll(b, true, P(kAdd).add(Val::list({Val::str("a")}))), 26);  // no bit counts for a new bin
    EXPECT_EQ(b.type, proto::kParticleNull);
}

// CREATE_ONLY / UPDATE_ONLY / NO_FAIL on add (which takes no UPDATE_ONLY), and an existing
// bin's own bit counts winning over the op's.
TEST(HllOps, AddPolicies) {
    Bin b = hll_bin();
    EXPECT_EQ(hll(b, true, P(kAdd).add(Val::list({Val::str("a")})).i(8).i(0).i(kUpdateOnly)), 4);
    EXPECT_EQ(hll(b, true, P(kAdd).add(Val::list({Val::str("a")})).i(8).i(0).i(0)), 0);
    EXPECT_EQ(hll(b, true, P(kAdd).add(Val::list({Val::str("b")})).i(8).i(0).i(kCreateOnly)), 6);
    std::string before = b.value;
    EXPECT_EQ(hll(b, true, P(kAdd).add(Val::list({Val::str("b")})).i(8).i(0).i(kCreateOnly | kNoFail)), 0);
    EXPECT_EQ(last(), "none");
    EXPECT_EQ(b.value, before);
    EXPECT_EQ(fnv1a(b.value), 0xb5da814875e2bf0fULL);

    b = hll_bin();
    EXPECT_EQ(hll(b, true, P(kAdd).add(items(0, 10)).i(8).i(4).i(0)), 0);
    EXPECT_EQ(last(), "10");
    EXPECT_EQ(hll(b, true, P(kAdd).add(items(5, 20)).i(12).i(0).i(0)), 0);
    EXPECT_EQ(last(), "10");
    EXPECT_EQ(hll(b, false, P(kDescribe)), 0);
    EXPECT_EQ(last(), "list:920804");
    EXPECT_EQ(hll(b, false, P(kCount)), 0);
    EXPECT_EQ(last(), "20");
    EXPECT_EQ(fnv1a(b.value), 0xcdbd8ad571cd87e2ULL);
}

// init on a new bin and on one of 12/20 bits, with each policy: the bit counts it leaves
// (-1: no bin, or none changed by the failed op).
TEST(HllOps, Init) {
    struct Row {
        bool existing;
        int ib, mb, flags, rc, after_ib, after_mb;
    };
    const std::vector<Row> rows = {
        {false, 8, 0, 0, 0, 8, 0},
        {true, 8, 0, 0, 0, 8, 0},
        {false, 8, 0, 1, 0, 8, 0},
        {true, 8, 0, 1, 6, -1, -1},
        {false, 8, 0, 2, 17, -1, -1},
        {true, 8, 0, 2, 0, 8, 0},
        {false, 8, 0, 4, 0, 8, 0},
        {true, 8, 0, 4, 0, 8, 0},
        {false, 8, 0, 5, 0, 8, 0},
        {true, 8, 0, 5, 0, 12, 20},
        {false, 8, 0, 6, 0, -1, -1},
        {true, 8, 0, 6, 0, 8, 0},
        {false, 8, 4, 0, 0, 8, 4},
        {true, 8, 4, 0, 0, 8, 4},
        {false, 8, 4, 1, 0, 8, 4},
        {true, 8, 4, 1, 6, -1, -1},
        {false, 8, 4, 2, 17, -1, -1},
        {true, 8, 4, 2, 0, 8, 4},
        {false, 8, 4, 4, 0, 8, 4},
        {true, 8, 4, 4, 0, 8, 4},
        {false, 8, 4, 5, 0, 8, 4},
        {true, 8, 4, 5, 0, 12, 20},
        {false, 8, 4, 6, 0, -1, -1},
        {true, 8, 4, 6, 0, 8, 4},
        {false, -1, -1, 0, 26, -1, -1},
        {true, -1, -1, 0, 0, 12, 20},
        {false, -1, -1, 1, 26, -1, -1},
        {true, -1, -1, 1, 6, -1, -1},
        {false, -1, -1, 2, 17, -1, -1},
        {true, -1, -1, 2, 0, 12, 20},
        {false, -1, -1, 4, 26, -1, -1},
        {true, -1, -1, 4, 0, 12, 20},
        {false, -1, -1, 5, 26, -1, -1},
        {true, -1, -1, 5, 0, 12, 20},
        {false, -1, -1, 6, 0, -1, -1},
        {true, -1, -1, 6, 0, 12, 20},
        {false, 10, -1, 0, 0, 10, 0},
        {true, 10, -1, 0, 0, 10, 20},
        {false, 10, -1, 1, 0, 10, 0},
        {true, 10, -1, 1, 6, -1, -1},
        {false, 10, -1, 2, 17, -1, -1},
        {true, 10, -1, 2, 0, 10, 20},
        {false, 10, -1, 4, 0, 10, 0},
        {true, 10, -1, 4, 0, 10, 20},
        {false, 10, -1, 5, 0, 10, 0},
        {true, 10, -1, 5, 0, 12, 20},
        {false, 10, -1, 6, 0, -1, -1},
        {true, 10, -1, 6, 0, 10, 20},
        {false, -1, 6, 0, 26, -1, -1},
        {true, -1, 6, 0, 0, 12, 6},
        {false, -1, 6, 1, 26, -1, -1},
        {true, -1, 6, 1, 6, -1, -1},
        {false, -1, 6, 2, 17, -1, -1},
        {true, -1, 6, 2, 0, 12, 6},
        {false, -1, 6, 4, 26, -1, -1},
        {true, -1, 6, 4, 0, 12, 6},
        {false, -1, 6, 5, 26, -1, -1},
        {true, -1, 6, 5, 0, 12, 20},
        {false, -1, 6, 6, 0, -1, -1},
        {true, -1, 6, 6, 0, 12, 6},
        {false, 4, 51, 0, 0, 4, 51},
        {true, 4, 51, 0, 0, 4, 51},
        {false, 4, 51, 1, 0, 4, 51},
        {true, 4, 51, 1, 6, -1, -1},
        {false, 4, 51, 2, 17, -1, -1},
        {true, 4, 51, 2, 0, 4, 51},
        {false, 4, 51, 4, 0, 4, 51},
        {true, 4, 51, 4, 0, 4, 51},
        {false, 4, 51, 5, 0, 4, 51},
        {true, 4, 51, 5, 0, 12, 20},
        {false, 4, 51, 6, 0, -1, -1},
        {true, 4, 51, 6, 0, 4, 51},
        {false, 16, 48, 0, 0, 16, 48},
        {true, 16, 48, 0, 0, 16, 48},
        {false, 16, 48, 1, 0, 16, 48},
        {true, 16, 48, 1, 6, -1, -1},
        {false, 16, 48, 2, 17, -1, -1},
        {true, 16, 48, 2, 0, 16, 48},
        {false, 16, 48, 4, 0, 16, 48},
        {true, 16, 48, 4, 0, 16, 48},
        {false, 16, 48, 5, 0, 16, 48},
        {true, 16, 48, 5, 0, 12, 20},
        {false, 16, 48, 6, 0, -1, -1},
        {true, 16, 48, 6, 0, 16, 48},
    };
    for (const Row& r : rows) {
        SCOPED_TRACE(std::to_string(r.existing) + " " + std::to_string(r.ib) + "/" + std::to_string(r.mb) + " flags " +
                     std::to_string(r.flags));
        Bin b = hll_bin();
        if (r.existing) {
            ASSERT_EQ(hll(b, true, P(kAdd).add(items(0, 50)).i(12).i(20).i(0)), 0);
        }
        EXPECT_EQ(hll(b, true, P(kInit).i(r.ib).i(r.mb).i(r.flags)), r.rc);
        if (r.rc != 0) continue;
        EXPECT_EQ(last(), "none");
        if (r.after_ib < 0) {
            EXPECT_EQ(b.type, proto::kParticleNull);
            continue;
        }
        EXPECT_EQ(hll(b, false, P(kDescribe)), 0);
        EXPECT_EQ(last(), "list:92" + to_hex(std::string{char(r.after_ib), char(r.after_mb)}));
    }
    // Bit counts taken from the bin must still fit together (16/48 to 4/48 does).
    Bin b = hll_bin();
    EXPECT_EQ(hll(b, true, P(kAdd).add(items(0, 5)).i(16).i(48).i(0)), 0);
    EXPECT_EQ(hll(b, true, P(kInit)), 0);
    EXPECT_EQ(hll(b, true, P(kInit).i(4).i(-1)), 0);
    EXPECT_EQ(fnv1a(b.value), 0xa86910ae6ac054d3ULL);
    EXPECT_EQ(hll(b, true, P(kInit).i(16).i(-1)), 0);
    EXPECT_EQ(hll(b, true, P(kInit).i(-1).i(49)), 26);  // 16 + 49 bits
}

// fold to fewer index bits (to the same count it copies); only without minhash bits, never to
// more index bits; fold and refresh_count need a bin.
TEST(HllOps, FoldAndRefresh) {
    struct Row {
        int ib, rc;
        const char* count;
        uint64_t digest;
    };
    for (const Row& r : std::vector<Row>{{4, 0, "931", 0xc2ba877392c5fb8bULL},
                                         {8, 0, "922", 0x59f3e0ea4df17895ULL},
                                         {11, 0, "1007", 0x3bf65229e7afcbb0ULL},
                                         {12, 0, "1010", 0x5ba7fdc747a2565eULL},
                                         {13, 26, "", 0},
                                         {-1, 26, "", 0}}) {
        SCOPED_TRACE(r.ib);
        Bin b = hll_bin();
        ASSERT_EQ(hll(b, true, P(kAdd).add(items(0, 1000)).i(12).i(0).i(0)), 0);
        EXPECT_EQ(last(), "933");
        EXPECT_EQ(hll(b, true, P(kFold).i(r.ib)), r.rc);
        if (r.rc != 0) continue;
        EXPECT_EQ(last(), "none");
        EXPECT_EQ(hll(b, false, P(kCount)), 0);
        EXPECT_EQ(last(), r.count);
        EXPECT_EQ(fnv1a(b.value), r.digest);
    }
    Bin b = hll_bin();
    ASSERT_EQ(hll(b, true, P(kAdd).add(items(0, 10)).i(12).i(8).i(0)), 0);
    EXPECT_EQ(hll(b, true, P(kFold).i(8)), 26);
    Bin missing = hll_bin();
    EXPECT_EQ(hll(missing, true, P(kFold).i(8)), 17);
    EXPECT_EQ(hll(missing, true, P(kUpdateCount)), 17);
    EXPECT_EQ(hll(missing, false, P(kCount)), 0);  // a read of a missing bin answers nothing
    EXPECT_EQ(last(), "none");
    EXPECT_EQ(hll(missing, false, P(kDescribe)), 0);
    EXPECT_EQ(last(), "none");
}

TEST(HllOps, MayContain) {
    Bin b = hll_bin();
    ASSERT_EQ(hll(b, true, P(kAdd).add(items(0, 50)).i(10).i(6).i(0)), 0);
    EXPECT_EQ(last(), "49");
    struct Row {
        std::vector<Val> values;
        const char* answer;
    };
    for (const Row& r : std::vector<Row>{{{Val::str("item1")}, "1"},
                                         {{Val::str("item1"), Val::str("item2")}, "1"},
                                         {{Val::str("nope")}, "0"},
                                         {{Val::str("item1"), Val::str("nope")}, "0"},
                                         {{Val::integer(1), Val::str("item3")}, "0"}}) {
        EXPECT_EQ(hll(b, false, P(kMayContain).add(Val::list(r.values))), 0);
        EXPECT_EQ(last(), r.answer);
    }
}

// Another bin type is 12 before the arguments are looked at; a read of a missing bin answers
// nothing even when malformed; the rest are parameter errors.
TEST(HllOps, BinKindsAndMalformedPayloads) {
    for (uint8_t type : {proto::kParticleString, proto::kParticleBlob, proto::kParticleInteger}) {
        Bin b = make_bin(type, "abc");
        EXPECT_EQ(hll(b, true, P(kAdd).add(Val::list({Val::str("a")})).i(8).i(0).i(0)), 12);
        EXPECT_EQ(hll(b, true, std::string("\x91\x01")), 12);
        EXPECT_EQ(hll(b, false, P(kCount)), 12);
        EXPECT_EQ(hll(b, false, std::string("\x91\x33")), 12);
    }
    Bin missing = hll_bin();
    EXPECT_EQ(hll(missing, false, std::string("\x91\x33")), 0);
    EXPECT_EQ(last(), "none");
    Bin b = hll_bin();
    ASSERT_EQ(hll(b, true, P(kAdd).add(items(0, 10)).i(8).i(0).i(0)), 0);
    EXPECT_EQ(hll(b, false, P(kCount).i(0)), 4);                            // COUNT takes no arguments
    EXPECT_EQ(hll(b, false, P(kGetUnion).i(5)), 4);                         // not a sketch
    EXPECT_EQ(hll(b, false, P(kGetUnion).add(Val::raw("\x00\x08\x00\x00"s, 18))), 4);  // too short
    EXPECT_EQ(hll(b, true, P(kInit).i(8).i(0).i(kAllowFold)), 4);           // not an init flag
    EXPECT_EQ(hll(b, true, P(kInit).i(8).i(3).i(0)), 4);
    EXPECT_EQ(hll(b, true, P(kInit).i(16).i(49).i(0)), 4);
    EXPECT_EQ(hll(b, true, P(kFold).i(3)), 4);
    EXPECT_EQ(hll(b, true, P(kUpdateCount).i(0)), 4);
    EXPECT_EQ(hll(b, true, P(kCount)), 4);                                  // a read code in a modify op
    EXPECT_EQ(hll(b, false, P(kInit)), 4);
    EXPECT_EQ(hll(b, false, std::string("\x90")), 4);
}

// A stored sketch whose header does not match its size is the server's "unknown" error (1).
TEST(HllOps, CorruptBin) {
    Bin b = hll_bin();
    ASSERT_EQ(hll(b, true, P(kAdd).add(items(0, 10)).i(8).i(0).i(0)), 0);
    b.value.pop_back();
    EXPECT_EQ(hll(b, false, P(kCount)), 1);
    EXPECT_EQ(hll(b, true, P(kAdd).add(items(0, 1)).i(8).i(0).i(0)), 1);
}

}  // namespace
}  // namespace aero::server::cdt
