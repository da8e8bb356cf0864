// The expression evaluator on hand-packed wire expressions. The answers are the real
// Aerospike CE 8.1.2 server's (checked with the official client against both servers).
#include <cmath>
#include <limits>

#include "core/proto/ttl.h"
#include "tests/core/server/exp/exp_test_util.h"

namespace aero::server::exp::test {
namespace {

using namespace aero::proto;

const E kTrue = Eq(IntBin("i"), I(7));
const E kFalse = Eq(IntBin("i"), I(8));
const E kUnknown = Eq(IntBin("missing"), I(1));

TEST_F(ExpTest, ComparisonsOfEveryType) {
    for (int op = 1; op <= 6; op++) {
        // eq ne gt ge lt le, against a smaller, an equal and a larger operand
        const char* want[6] = {"FTF", "TFT", "TFF", "TTF", "FFT", "FTT"};
        std::string got;
        for (int64_t v : {6, 7, 8}) got += filter(A({I(op), IntBin("i"), I(v)}));
        EXPECT_EQ(got, want[op - 1]) << "int op " << op;
        got.clear();
        for (double v : {2.0, 2.5, 3.0}) got += filter(A({I(op), Bin(7, "f"), D(v)}));
        EXPECT_EQ(got, want[op - 1]) << "float op " << op;
        got.clear();
        for (const char* v : {"hell", "hello", "hellp"}) got += filter(A({I(op), Bin(3, "s"), Str(v)}));
        EXPECT_EQ(got, want[op - 1]) << "string op " << op;
        got.clear();
        for (const char* v : {"\x01", "\x01\x02", "\x01\x03"}) got += filter(A({I(op), Bin(6, "b"), Typed(kParticleBlob, v)}));
        EXPECT_EQ(got, want[op - 1]) << "blob op " << op;
        got.clear();
        // lists: a prefix is less, elements compare in msgpack order
        for (E v : {A({I(126), A({I(1), I(2)})}), A({I(126), A({I(1), I(2), I(3), Str("a")})}), A({I(126), A({I(1), I(3)})})})
            got += filter(A({I(op), Bin(4, "l"), v}));
        EXPECT_EQ(got, want[op - 1]) << "list op " << op;
        got.clear();
        for (E v : {B(false), B(true)}) got += filter(A({I(op), Bin(1, "t"), v}));
        EXPECT_EQ(got, std::string(want[op - 1]).substr(0, 2)) << "bool op " << op;
    }
    EXPECT_EQ(filter(Eq(Nil(), Nil())), "T");
    EXPECT_EQ(filter(A({I(3), Nil(), Nil()})), "F");
    EXPECT_EQ(filter(A({I(4), Nil(), Nil()})), "T");
}

TEST_F(ExpTest, UnorderedMapsDoNotCompare) {
    E literal = Raw(std::string("\x82\xa2\x03x\x01\xa2\x03y\x02", 9));
    EXPECT_EQ(filter(Eq(Bin(5, "m"), literal)), "U") << "a map without key order has no order";
    E ordered = Raw(std::string("\x82\xc7\x00\x01\xc0\xa2\x03x\x01", 9));
    EXPECT_EQ(filter(Eq(Bin(5, "om"), ordered)), "T");
    EXPECT_EQ(filter(Eq(Bin(5, "om"), Raw("\x80"))), "F") << "sizes differ; the empty map has no order to lack";
}

TEST_F(ExpTest, MissingBinsAndWrongTypesAreUnknown) {
    EXPECT_EQ(filter(kUnknown), "U");
    EXPECT_EQ(filter(Eq(IntBin("s"), I(1))), "U") << "bin s is a string";
    EXPECT_EQ(filter(Eq(Bin(6, "s"), Typed(kParticleBlob, "x"))), "U");
    EXPECT_EQ(filter(Eq(A({I(0)}), A({I(0)}))), "U") << "the unknown op";
    EXPECT_EQ(filter(Eq(A({I(82), Name("missing")}), I(0))), "T") << "bin_type of a missing bin is 0";
    EXPECT_EQ(int_value(A({I(82), Name("s")})), kParticleString);
}

TEST_F(ExpTest, TrileanLogic) {
    EXPECT_EQ(filter(A({I(16), kTrue, kUnknown})), "U");
    EXPECT_EQ(filter(A({I(16), kUnknown, kFalse})), "F") << "a false operand decides and";
    EXPECT_EQ(filter(A({I(16), kTrue, kTrue})), "T");
    EXPECT_EQ(filter(A({I(17), kUnknown, kTrue})), "T") << "a true operand decides or";
    EXPECT_EQ(filter(A({I(17), kFalse, kUnknown})), "U");
    EXPECT_EQ(filter(A({I(17), kFalse, kFalse})), "F");
    EXPECT_EQ(filter(Not(kUnknown)), "U");
    EXPECT_EQ(filter(Not(kFalse)), "T");
    EXPECT_EQ(filter(A({I(19), kTrue, kFalse})), "T");
    EXPECT_EQ(filter(A({I(19), kTrue, kTrue})), "F");
    EXPECT_EQ(filter(A({I(19), kFalse, kFalse})), "F");
    EXPECT_EQ(filter(A({I(19), kTrue, kTrue, kUnknown})), "F") << "a second true ends it first";
    EXPECT_EQ(filter(A({I(19), kUnknown, kTrue, kTrue})), "U");
}

TEST_F(ExpTest, IntegerArithmeticWraps) {
    const int64_t max = std::numeric_limits<int64_t>::max(), min = std::numeric_limits<int64_t>::min();
    EXPECT_EQ(int_value(A({I(20), IntBin("i"), I(3), I(-20)})), -10);
    EXPECT_EQ(int_value(A({I(20), I(max), I(1)})), min);
    EXPECT_EQ(int_value(A({I(21), IntBin("i")})), -7) << "sub of one operand negates";
    EXPECT_EQ(int_value(A({I(21), IntBin("i"), I(10), I(1)})), -4);
    EXPECT_EQ(int_value(A({I(22), I(max), I(3)})), max - 2);
    EXPECT_EQ(int_value(A({I(23), IntBin("i"), I(2)})), 3);
    EXPECT_EQ(int_value(A({I(23), IntBin("neg"), I(2)})), -1) << "truncates toward zero";
    EXPECT_EQ(int_value(A({I(23), IntBin("i")})), 0) << "div of one operand is 1 / x";
    EXPECT_EQ(int_value(A({I(23), I(min), I(-1)})), min);
    EXPECT_TRUE(unknown(A({I(23), IntBin("i"), I(0)}))) << "integer division by zero";
    EXPECT_EQ(int_value(A({I(26), IntBin("neg"), I(2)})), -1);
    EXPECT_TRUE(unknown(A({I(26), IntBin("i"), I(0)})));
    EXPECT_EQ(int_value(A({I(27), IntBin("neg")})), 3);
    EXPECT_EQ(int_value(A({I(27), I(min)})), min);
    EXPECT_EQ(int_value(A({I(50), IntBin("i"), I(3), I(9)})), 3);
    EXPECT_EQ(int_value(A({I(51), IntBin("i"), I(3), I(9)})), 9);
    EXPECT_TRUE(unknown(A({I(20), IntBin("i"), IntBin("missing")})));
}

TEST_F(ExpTest, FloatArithmetic) {
    EXPECT_EQ(float_value(A({I(23), Bin(7, "f"), D(2.0)})), 1.25);
    EXPECT_TRUE(std::isinf(float_value(A({I(23), Bin(7, "f"), D(0.0)}))));
    EXPECT_EQ(float_value(A({I(23), Bin(7, "f")})), 0.4);
    EXPECT_EQ(float_value(A({I(24), Bin(7, "f"), D(2.0)})), 6.25);
    EXPECT_EQ(float_value(A({I(25), D(8.0), D(2.0)})), 3.0);
    EXPECT_EQ(float_value(A({I(27), D(-2.25)})), 2.25);
    EXPECT_EQ(float_value(A({I(28), Bin(7, "f")})), 2.0);
    EXPECT_EQ(float_value(A({I(29), Bin(7, "f")})), 3.0);
    EXPECT_EQ(int_value(A({I(30), D(-2.7)})), -2);
    EXPECT_EQ(int_value(A({I(30), D(1e300)})), std::numeric_limits<int64_t>::min());
    EXPECT_EQ(float_value(A({I(31), IntBin("i")})), 7.0);
    EXPECT_EQ(float_value(A({I(51), Bin(7, "f"), D(1.0), D(9.5)})), 9.5);
}

TEST_F(ExpTest, IntegerBitOps) {
    EXPECT_EQ(int_value(A({I(32), IntBin("i"), I(3)})), 3);
    EXPECT_EQ(int_value(A({I(33), IntBin("i"), I(8)})), 15);
    EXPECT_EQ(int_value(A({I(34), IntBin("i"), I(1)})), 6);
    EXPECT_EQ(int_value(A({I(35), IntBin("i")})), -8);
    EXPECT_EQ(int_value(A({I(36), IntBin("i"), I(2)})), 28);
    EXPECT_EQ(int_value(A({I(36), IntBin("i"), I(65)})), 14) << "the shift count is taken modulo 64";
    EXPECT_EQ(int_value(A({I(37), IntBin("neg"), I(1)})), int64_t(uint64_t(-3) >> 1));
    EXPECT_EQ(int_value(A({I(38), IntBin("neg"), I(1)})), -2);
    EXPECT_EQ(int_value(A({I(39), IntBin("neg")})), 63);
    EXPECT_EQ(int_value(A({I(40), IntBin("i"), B(true)})), 61);
    EXPECT_EQ(int_value(A({I(40), IntBin("i"), B(false)})), 0);
    EXPECT_EQ(int_value(A({I(40), I(0), B(true)})), -1);
    EXPECT_EQ(int_value(A({I(41), IntBin("i"), B(true)})), 63);
    EXPECT_EQ(int_value(A({I(41), I(0), B(true)})), -1);
    EXPECT_EQ(int_value(A({I(41), IntBin("neg"), B(false)})), 62);
}

TEST_F(ExpTest, RecordMetadata) {
    rec.void_time = 0;
    EXPECT_EQ(int_value(A({I(69)})), -1) << "ttl of a record that never expires";
    EXPECT_EQ(int_value(A({I(68)})), -1);
    rec.void_time = 500000000;
    EXPECT_EQ(int_value(A({I(68)})), (500000000 + kAerospikeEpochUnix) * 1000000000);
    EXPECT_EQ(int_value(A({I(66)})), 1700000000000 * 1000000);
    EXPECT_GT(int_value(A({I(67)})), 0);
    aero::server::Bin set = value(A({I(70)}));
    EXPECT_EQ(set.type, kParticleString);
    EXPECT_EQ(set.value, "demo");
    EXPECT_EQ(filter(A({I(71)})), "T");
    EXPECT_EQ(filter(A({I(72)})), "F");
    EXPECT_EQ(int_value(A({I(80), I(2)})), 1);
    EXPECT_TRUE(unknown(A({I(80), I(3)}))) << "the stored key is an integer";
    digest[16] = 10;
    EXPECT_EQ(int_value(A({I(64), I(3)})), 1);
    EXPECT_EQ(int_value(A({I(64), I(-7)})), 3);
    EXPECT_EQ(int_value(A({I(65)})), 0) << "device_size of an in-memory record";
    EXPECT_EQ(int_value(A({I(73)})), int_value(A({I(74)})));
}

TEST_F(ExpTest, RecordSizeAsTheServerStoresIt) {
    // The real server answered 176 for these bins under set "expcmp" with the string key "k1"
    // and a TTL: 35 header + 4 void time + 7 set + 4 key + 1 bin count + 111 bins + 4 end mark,
    // in 16-byte blocks.
    Record r;
    r.set_id = *ns.set_id("expcmp", true);
    r.key = std::string("\x03k1", 3);
    r.void_time = 1000;
    auto add = [&](const char* name, uint8_t type, std::string value) { r.bins.push_back({name, type, std::move(value)}); };
    add("i", kParticleInteger, be64(7));
    add("neg", kParticleInteger, be64(uint64_t(-3)));
    add("big", kParticleInteger, be64(uint64_t(std::numeric_limits<int64_t>::max())));
    add("f", kParticleFloat, be64(0x4004000000000000));
    add("s", kParticleString, "hello");
    add("b", kParticleBlob, std::string("\x01\x02", 2));
    add("l", kParticleList, std::string("\x94\x01\x02\x03\xa2\x03\x61", 7));
    add("m", kParticleMap, std::string("\x82\xa2\x03x\x01\xa2\x03y\x02", 9));
    add("t", kParticleBool, std::string(1, '\x01'));
    add("z", kParticleInteger, be64(0));
    add("e", kParticleString, "");
    rec = r;
    EXPECT_EQ(int_value(A({I(74)})), 176);
}

TEST_F(ExpTest, CondLetAndVar) {
    E c = A({I(123), Eq(IntBin("i"), I(1)), I(10), Eq(IntBin("i"), I(7)), I(20), I(30)});
    EXPECT_EQ(int_value(c), 20);
    EXPECT_EQ(int_value(A({I(123), kFalse, I(10), I(30)})), 30);
    EXPECT_TRUE(unknown(A({I(123), kUnknown, I(10), I(30)}))) << "an unknown condition";
    EXPECT_EQ(int_value(A({I(123), kTrue, I(10), A({I(0)})})), 10) << "an unknown branch takes any type";
    E let = A({I(125), Name("x"), A({I(20), IntBin("i"), I(1)}), Name("y"), A({I(124), Name("x")}),
               A({I(22), A({I(124), Name("x")}), A({I(124), Name("y")})})});
    EXPECT_EQ(int_value(let), 64);
    E shadow = A({I(125), Name("x"), I(1), A({I(125), Name("y"), I(2), A({I(20), A({I(124), Name("x")}), A({I(124), Name("y")})})})});
    EXPECT_EQ(int_value(shadow), 3);
    EXPECT_TRUE(unknown(A({I(122), I(2), I(0)}))) << "loop variables exist only inside CDT select";
}

TEST_F(ExpTest, RegexUsesThePosixFlagsAsSent) {
    auto rx = [&](int flags, const char* pattern, E subject) { return filter(A({I(7), I(flags), Name(pattern), subject})); };
    EXPECT_EQ(rx(0, "h.*o", Bin(3, "s")), "T");
    EXPECT_EQ(rx(0, "^HEL", Bin(3, "s")), "F");
    EXPECT_EQ(rx(2, "^HEL", Bin(3, "s")), "T") << "2 is REG_ICASE";
    EXPECT_EQ(rx(0, "l+o$", Bin(3, "s")), "F") << "+ is literal in a basic regex";
    EXPECT_EQ(rx(1, "l+o$", Bin(3, "s")), "T") << "1 is REG_EXTENDED";
    EXPECT_EQ(rx(0, "(", Bin(3, "s")), "F") << "a literal parenthesis in a basic regex";
    EXPECT_EQ(rx(1, "(", Bin(3, "s")), "4") << "an extended regex that does not compile";
    EXPECT_EQ(rx(0, "x", Bin(3, "missing")), "U");
    EXPECT_EQ(rx(0, "x", I(5)), "4") << "the subject must be a string";
}

TEST_F(ExpTest, InListAndMapParts) {
    EXPECT_EQ(filter(A({I(9), Str("a"), Bin(4, "l")})), "T");
    EXPECT_EQ(filter(A({I(9), I(7), Bin(4, "l")})), "F");
    EXPECT_EQ(filter(A({I(9), IntBin("missing"), Bin(4, "l")})), "U");
    EXPECT_EQ(filter(A({I(9), I(2), A({I(126), A({I(1), I(2)})})})), "T");
    EXPECT_EQ(value(A({I(101), Bin(5, "m")})).value, std::string("\x92\xa2\x03x\xa2\x03y", 7));
    EXPECT_EQ(value(A({I(102), Bin(5, "m")})).value, std::string("\x92\x01\x02", 3));
    EXPECT_TRUE(unknown(A({I(101), Bin(4, "l")}))) << "not a map";
}

TEST_F(ExpTest, CallsRunTheCollectionOps) {
    // [127, type, system, payload, bin]
    EXPECT_EQ(int_value(A({I(127), I(2), I(0), A({I(16)}), Bin(4, "l")})), 4) << "list size";
    EXPECT_EQ(int_value(A({I(127), I(2), I(0), A({I(19), I(7), I(1)}), Bin(4, "l")})), 2) << "list get by index";
    EXPECT_EQ(int_value(A({I(127), I(2), I(0), A({I(19), I(7), A({I(21), IntBin("i"), I(6)})}), Bin(4, "l")})), 2)
        << "an argument that is an expression";
    E append = A({I(127), I(4), I(0x40), A({I(1), I(9)}), Bin(4, "l")});
    EXPECT_EQ(value(append).value, std::string("\x95\x01\x02\x03\xa2\x03\x61\x09", 8)) << "modify on a copy";
    EXPECT_EQ(int_value(A({I(127), I(2), I(0), A({I(16)}), append})), 5);
    EXPECT_EQ(rec.find_bin("l")->value.size(), 7u) << "the bin itself is untouched";
    EXPECT_TRUE(unknown(A({I(127), I(3), I(0), A({I(19), I(7), I(1)}), Bin(4, "l")}))) << "declared string, got int";
    EXPECT_TRUE(unknown(A({I(127), I(2), I(0), A({I(16)}), Bin(4, "missing")})));
    EXPECT_TRUE(unknown(A({I(127), I(2), I(0), A({I(19), I(7), I(10)}), Bin(4, "l")}))) << "index out of range";
    EXPECT_EQ(int_value(A({I(127), I(2), I(0), A({I(97), I(7), Str("y")}), Bin(5, "m")})), 2) << "map get by key";
    EXPECT_EQ(int_value(A({I(127), I(2), I(1), A({I(51), I(0), I(16)}), Bin(6, "b")})), 2) << "bit count";
    EXPECT_EQ(value(A({I(127), I(6), I(0x41), A({I(3), I(0), I(8), Typed(kParticleBlob, "\xff")}), Bin(6, "b")})).value,
              "\xff\x02") << "bit set on a copy";
    EXPECT_EQ(filter(A({I(3), A({I(127), I(2), I(0), A({I(16)}), Bin(4, "l")}), I(3)})), "T");
}

TEST_F(ExpTest, GeoCompare) {
    put("pt", kParticleGeoJson, std::string("\x00\x00\x00", 3) + R"({"type":"Point","coordinates":[0.5,0.5]})");
    E square = Typed(kParticleGeoJson, R"({"type":"Polygon","coordinates":[[[0,0],[1,0],[1,1],[0,1],[0,0]]]})");
    E far = Typed(kParticleGeoJson, R"({"type":"Polygon","coordinates":[[[10,10],[11,10],[11,11],[10,11],[10,10]]]})");
    E circle = Typed(kParticleGeoJson, R"({"type":"AeroCircle","coordinates":[[0.5,0.5],1000]})");
    EXPECT_EQ(filter(A({I(8), Bin(8, "pt"), square})), "T");
    EXPECT_EQ(filter(A({I(8), square, Bin(8, "pt")})), "T");
    EXPECT_EQ(filter(A({I(8), Bin(8, "pt"), far})), "F");
    EXPECT_EQ(filter(A({I(8), Bin(8, "pt"), circle})), "T");
    EXPECT_EQ(filter(A({I(8), Bin(8, "missing"), square})), "U");
    EXPECT_EQ(filter(A({I(8), Bin(8, "pt"), Typed(kParticleGeoJson, "{bad")})), "4");
    EXPECT_EQ(filter(A({I(1), square, square})), "4") << "GeoJSON only compares through CMP_GEO";
}

TEST_F(ExpTest, MalformedExpressionsAreParameterErrors) {
    EXPECT_EQ(compile_rc(kTrue), 0);
    EXPECT_EQ(compile_rc(Raw("")), 4);
    EXPECT_EQ(compile_rc(Raw("\x90")), 4) << "empty list";
    EXPECT_EQ(compile_rc(Raw(kTrue.bytes + "\xc0")), 4) << "trailing bytes";
    EXPECT_EQ(compile_rc(Raw(kTrue.bytes.substr(0, kTrue.bytes.size() - 1))), 4) << "truncated";
    EXPECT_EQ(compile_rc(A({I(1), I(7)})), 4) << "too few operands";
    EXPECT_EQ(compile_rc(A({I(1), I(7), I(7), I(7)})), 4) << "too many";
    EXPECT_EQ(compile_rc(Eq(I(7), D(7))), 4) << "int and float do not mix";
    EXPECT_EQ(compile_rc(A({I(10), I(1), I(2)})), 4) << "no such op";
    EXPECT_EQ(compile_rc(A({I(-1), I(1), I(2)})), 4);
    EXPECT_EQ(compile_rc(A({I(16), kTrue})), 4) << "and needs two operands";
    EXPECT_EQ(compile_rc(A({I(16), kTrue, I(1)})), 4);
    EXPECT_EQ(compile_rc(A({I(20)})), 4);
    EXPECT_EQ(compile_rc(A({I(24), I(2), I(2)})), 4) << "pow takes floats";
    EXPECT_EQ(compile_rc(A({I(40), I(1), I(1)})), 4) << "lscan takes a bool";
    EXPECT_EQ(compile_rc(Bin(10, "i")), 4);
    EXPECT_EQ(compile_rc(Bin(2, "abcdefghijklmnop")), 4) << "16-byte bin name";
    EXPECT_EQ(compile_rc(Bin(2, "abcdefghijklmno")), 0);
    EXPECT_EQ(compile_rc(A({I(80), I(5)})), 4);
    EXPECT_EQ(compile_rc(A({I(64), I(0)})), 4) << "digest modulo 0";
    EXPECT_EQ(compile_rc(A({I(64), I(int64_t(1) << 32)})), 4) << "it is cut to 32 bits";
    EXPECT_EQ(compile_rc(A({I(123), kTrue, I(1), I(2), I(3)})), 4) << "cond without a default";
    EXPECT_EQ(compile_rc(A({I(123), kTrue, I(1), D(2)})), 4) << "branches of two types";
    EXPECT_EQ(compile_rc(A({I(125), Name("1x"), I(1), A({I(124), Name("1x")})})), 4);
    EXPECT_EQ(compile_rc(A({I(125), Name("x"), I(1), Name("x"), I(2), A({I(124), Name("x")})})), 4);
    EXPECT_EQ(compile_rc(A({I(125), Name("x"), A({I(124), Name("x")}), A({I(124), Name("x")})})), 4);
    EXPECT_EQ(compile_rc(A({I(125), Name("x"), I(1), A({I(124), Name("y")})})), 4);
    EXPECT_EQ(compile_rc(A({I(126), I(5)})), 4);
    EXPECT_EQ(compile_rc(Eq(A({I(1), I(2), I(3)}), Bin(4, "l"))), 4) << "a list literal must be quoted";
    EXPECT_EQ(compile_rc(Typed(7, "x")), 4) << "a language blob literal";
    EXPECT_EQ(compile_rc(Raw("\xa0")), 4) << "an empty string";
    EXPECT_EQ(compile_rc(Raw(std::string("\xd4\x05\x00", 3))), 4) << "a fixext1 that is no comparison marker";
    EXPECT_EQ(compile_rc(Raw(std::string("\xd5\x05\x00\x01", 4))), 4) << "an ext is no result";
    EXPECT_EQ(compile_rc(Raw(std::string("\x93\x01\xd5\x05\x00\x01\xd5\x05\x00\x01", 10))), 0) << "but two compare";
    EXPECT_EQ(compile_rc(Raw(std::string("\x93\x01\xd4\xff\x00\xd4\xff\x00", 8))), 0) << "so do wildcards";
    EXPECT_EQ(compile_rc(A({I(9), I(2), I(5)})), 4) << "in_list needs a list";
    EXPECT_EQ(compile_rc(A({I(127), I(2), I(7), A({I(16)}), Bin(4, "l")})), 4) << "no such system";
    EXPECT_EQ(compile_rc(A({I(127), I(2), I(0), A({I(16)}), IntBin("i")})), 4) << "CDT on an int";
    EXPECT_EQ(compile_rc(A({I(127), I(2), I(0), A({}), Bin(4, "l")})), 4);
    EXPECT_EQ(compile_rc(A({I(127), I(10), I(0), A({I(16)}), Bin(4, "l")})), 4);
    EXPECT_EQ(compile_rc(A({I(127), I(2), I(0), A({I(0xff), A({I(0x10), I(0)})}), Bin(4, "l")})), 4);
    EXPECT_EQ(compile_rc(A({I(122), I(2), I(3)})), 4);
    EXPECT_EQ(compile_rc(A({I(122), I(3), I(2)})), 4) << "the index variable is an int";
    EXPECT_EQ(compile_rc(A({I(74), I(1)})), 4);
    // Filters must be boolean.
    Program p;
    E add = A({I(20), I(1), I(2)});
    EXPECT_EQ(compile_filter(reinterpret_cast<const uint8_t*>(add.bytes.data()), add.bytes.size(), p), 4);
    EXPECT_EQ(filter(A({I(0)})), "U") << "the unknown op is a boolean";
    EXPECT_EQ(filter(I(0)), "4");
    EXPECT_EQ(filter(Nil()), "4");
    EXPECT_EQ(filter(A({I(123), kTrue, A({I(0)}), A({I(0)})})), "U") << "cond of unknowns is a boolean";
}

TEST_F(ExpTest, ResultsAsBins) {
    EXPECT_EQ(value(Bin(3, "s")).value, "hello");
    aero::server::Bin b = value(kTrue);
    EXPECT_EQ(b.type, kParticleBool);
    EXPECT_EQ(b.value, "\x01");
    EXPECT_EQ(value(Nil()).type, kParticleNull);
    aero::server::Bin list = value(A({I(126), A({I(1), Str("x")})}));
    EXPECT_EQ(list.type, kParticleList);
    EXPECT_EQ(list.value, std::string("\x92\x01\xa2\x03x", 5));
    EXPECT_TRUE(unknown(A({I(100)}))) << "a remove marker is no bin value";
    EXPECT_TRUE(unknown(A({I(0)})));
}

}  // namespace
}  // namespace aero::server::exp::test
