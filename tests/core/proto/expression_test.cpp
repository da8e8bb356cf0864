#include "core/proto/expression.h"

#include <gtest/gtest.h>

#include <string>

#include "core/proto/msgpack.h"

namespace aero::proto {
namespace {

namespace mp = msgpack;

struct Converted {
    Status status;
    std::vector<uint8_t> wire;
};

Converted convert(std::initializer_list<uint8_t> abi) {
    Buffer in(abi), out;
    Reader r(in.data(), in.size());
    Converted c;
    c.status = write_expression(r, out);
    c.wire.assign(out.begin(), out.end());
    if (c.status.is_ok()) {
        EXPECT_EQ(r.left(), 0u);
    }
    return c;
}

using Bytes = std::vector<uint8_t>;

TEST(Expression, ValuesTakeTheDialectNamesStayPlain) {
    // [EQ, [BIN, STRING, "ab"], "xy"]: the bin name stays text, the literal gains 0x03.
    Converted c = convert({0x93, 0x01, 0x93, 0x51, 0x03, 0xa2, 'a', 'b', 0xa2, 'x', 'y'});
    ASSERT_TRUE(c.status.is_ok()) << c.status.message();
    EXPECT_EQ(c.wire, (Bytes{0x93, 0x01, 0x93, 0x51, 0x03, 0xa2, 'a', 'b', 0xa3, 0x03, 'x', 'y'}));
}

TEST(Expression, BlobsQuotedListsAndGeoLiterals) {
    // [IN_LIST, bin b"\x01", [QUOTE, ["a"]]]
    Converted c = convert({0x93, 0x09, 0xc4, 0x01, 0x01, 0x92, 0x7e, 0x91, 0xa1, 'a'});
    ASSERT_TRUE(c.status.is_ok()) << c.status.message();
    EXPECT_EQ(c.wire, (Bytes{0x93, 0x09, 0xa2, 0x04, 0x01, 0x92, 0x7e, 0x91, 0xa2, 0x03, 'a'}));
    // [GEO, ext 2 "{}", ext 2 "{}"]: GeoJSON text with the 0x17 particle byte.
    c = convert({0x93, 0x08, 0xd5, 0x02, '{', '}', 0xd5, 0x02, '{', '}'});
    ASSERT_TRUE(c.status.is_ok()) << c.status.message();
    EXPECT_EQ(c.wire, (Bytes{0x93, 0x08, 0xa3, 0x17, '{', '}', 0xa3, 0x17, '{', '}'}));
}

TEST(Expression, LetRegexAndVariablesKeepTheirText) {
    // [LET, "v", "s", [REGEX, 2, "^a", [VAR, "v"]]]
    Converted c = convert({0x94, 0x7d, 0xa1, 'v', 0xa1, 's', 0x94, 0x07, 0x02, 0xa2, '^', 'a', 0x92, 0x7c, 0xa1, 'v'});
    ASSERT_TRUE(c.status.is_ok()) << c.status.message();
    EXPECT_EQ(c.wire, (Bytes{0x94, 0x7d, 0xa1, 'v', 0xa2, 0x03, 's', 0x94, 0x07, 0x02, 0xa2, '^', 'a', 0x92, 0x7c,
                             0xa1, 'v'}));
}

TEST(Expression, CallsWrapTheirContextAndEvaluateArrayArguments) {
    // [CALL, INT, CDT, [GET_BY_KEY 97, VALUE 7, "k"], [BIN, MAP, "m"], [[MAP_KEY 0x22, "x"]]]
    Converted c = convert({0x96, 0x7f, 0x02, 0x00, 0x93, 0x61, 0x07, 0xa1, 'k', 0x93, 0x51, 0x05, 0xa1, 'm', 0x91,
                           0x92, 0x22, 0xa1, 'x'});
    ASSERT_TRUE(c.status.is_ok()) << c.status.message();
    EXPECT_EQ(c.wire, (Bytes{0x95, 0x7f, 0x02, 0x00, 0x93, 0xcc, 0xff, 0x92, 0x22, 0xa2, 0x03, 'x', 0x93, 0x61, 0x07,
                             0xa2, 0x03, 'k', 0x93, 0x51, 0x05, 0xa1, 'm'}));
    // An array argument is an expression: [CALL, INT, CDT, [GET_BY_INDEX 19, 7, [BIN, INT, "i"]], [BIN, LIST, "l"]]
    c = convert({0x95, 0x7f, 0x02, 0x00, 0x93, 0x13, 0x07, 0x93, 0x51, 0x02, 0xa1, 'i', 0x93, 0x51, 0x04, 0xa1, 'l'});
    ASSERT_TRUE(c.status.is_ok()) << c.status.message();
    EXPECT_EQ(c.wire, (Bytes{0x95, 0x7f, 0x02, 0x00, 0x93, 0x13, 0x07, 0x93, 0x51, 0x02, 0xa1, 'i', 0x93, 0x51, 0x04,
                             0xa1, 'l'}));
}

TEST(Expression, HllOperandsAreTypedAsHlls) {
    // [CALL, FLOAT, HLL, [SIMILARITY 54, [QUOTE, [bin "\x01"]]], [BIN, HLL, "h"]]
    Converted c = convert({0x95, 0x7f, 0x07, 0x02, 0x92, 0x36, 0x92, 0x7e, 0x91, 0xc4, 0x01, 0x01, 0x93, 0x51, 0x09,
                           0xa1, 'h'});
    ASSERT_TRUE(c.status.is_ok()) << c.status.message();
    EXPECT_EQ(c.wire, (Bytes{0x95, 0x7f, 0x07, 0x02, 0x92, 0x36, 0x92, 0x7e, 0x91, 0xa2, 0x12, 0x01, 0x93, 0x51, 0x09,
                             0xa1, 'h'}));
}

TEST(Expression, MalformedTreesAreParameterErrors) {
    for (auto bad : std::vector<std::vector<uint8_t>>{
             {0x91, 0x0a},                          // unknown code 10
             {0x90},                                // empty node
             {0x91, 0xa1, 'x'},                     // code not an int
             {0x92, 0x51, 0x02},                    // bin without a name
             {0x93, 0x51, 0x02, 0x05},              // bin name not text
             {0x93, 0x7d, 0xa1, 'v'},               // let without a scope
             {0x93, 0x7f, 0x02, 0x00},              // short call
             {0x92, 0x01},                          // truncated operands
         }) {
        Buffer in(bad.begin(), bad.end()), out;
        Reader r(in.data(), in.size());
        Status s = write_expression(r, out);
        EXPECT_EQ(s.code(), kErrParam) << "input of " << bad.size() << " bytes";
    }
}

TEST(Expression, TreesMayComePacked) {
    Buffer tree{0x91, 0x47};  // [KEY_EXISTS]
    Buffer bin;
    mp::pack_bin(bin, tree.data(), tree.size());
    bin.push_back(0xc0);  // what follows is not part of it
    const uint8_t* p = nullptr;
    size_t n = 0, used = 0;
    ASSERT_TRUE(expression_tree(bin.data(), bin.size(), p, n, used));
    EXPECT_EQ(Bytes(p, p + n), Bytes(tree.begin(), tree.end()));
    EXPECT_EQ(used, bin.size() - 1);
    ASSERT_TRUE(expression_tree(tree.data(), tree.size(), p, n, used));
    EXPECT_EQ(n, tree.size());
    Buffer scalar{0x05};
    EXPECT_FALSE(expression_tree(scalar.data(), scalar.size(), p, n, used));
}

}  // namespace
}  // namespace aero::proto
