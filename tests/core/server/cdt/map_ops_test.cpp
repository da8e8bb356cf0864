// Map ops (run_map_op). The expectations of every test but the last group are the answers of
// a real Aerospike CE 8.1.2 server to the same ops on the same map, which starts as that
// server stored it (sorted by key: the server sorts every map it stores).
#include <gtest/gtest.h>

#include <cstdio>
#include <optional>
#include <string>
#include <vector>

#include "core/server/cdt/ops.h"
#include "core/server/cdt/value.h"
#include "tests/core/server/cdt/cdt_test_util.h"

namespace aero::server::cdt {
namespace {

// Result types (the first argument of the get/remove ops) as the clients name them.
enum : int64_t {
    NONE = 0,
    INDEX = 1,
    REVERSE_INDEX = 2,
    RANK = 3,
    REVERSE_RANK = 4,
    COUNT = 5,
    KEY = 6,
    VALUE = 7,
    KEY_VALUE = 8,
    INDEX_RANGE = 9,
    REVERSE_INDEX_RANGE = 10,
    RANK_RANGE = 11,
    REVERSE_RANK_RANGE = 12,
    EXISTS = 13,
    UNORDERED_MAP = 16,
    ORDERED_MAP = 17,
    INVERTED = 0x10000,
};

enum : uint32_t {
    kSetType = 64, kAdd, kAddItems, kPut, kPutItems, kReplace, kReplaceItems,
    kIncrement = 73, kDecrement, kClear, kRemoveByKey, kRemoveByIndex, kRemoveByValue, kRemoveByRank,
    kRemoveByKeyList = 81, kRemoveAllByValue, kRemoveByValueList, kRemoveByKeyInterval, kRemoveByIndexRange,
    kRemoveByValueInterval, kRemoveByRankRange, kRemoveByKeyRelIndexRange, kRemoveByValueRelRankRange,
    kSize = 96, kGetByKey, kGetByIndex, kGetByValue, kGetByRank,
    kGetAllByValue = 102, kGetByKeyInterval, kGetByIndexRange, kGetByValueInterval, kGetByRankRange,
    kGetByKeyList, kGetByValueList, kGetByKeyRelIndexRange, kGetByValueRelRankRange,
};

using test::I;
using test::L;
using test::M;
using test::S;

Value D(double v) { return Value::real(v); }
Value B(bool b) { return Value::boolean(b); }
Value Nil() { return Value::nil(); }
Value Blob(std::string_view s, uint8_t particle = 4) {
    Value v;
    v.type = Type::kBytes;
    v.raw = std::string(1, char(particle)) + std::string(s);
    return v;
}
Value Wild() {
    Value v;
    v.type = Type::kWildcard;
    return v;
}
Value Inf() {
    Value v;
    v.type = Type::kInf;
    return v;
}

// A value as text: maps with order flags as #flags{...}.
std::string show(const Value& v) {
    auto join = [](const auto& items, auto fn) {
        std::string s;
        for (const auto& e : items) s += (s.empty() ? "" : ", ") + fn(e);
        return s;
    };
    switch (v.type) {
    case Type::kNil: return "nil";
    case Type::kFalse: return "false";
    case Type::kTrue: return "true";
    case Type::kInt: return std::to_string(v.i);
    case Type::kDouble: {
        char buf[32];
        std::snprintf(buf, sizeof buf, "%g", v.d);
        return buf;
    }
    case Type::kString: return "\"" + v.raw.substr(1) + "\"";
    case Type::kBytes: return "blob(" + v.raw.substr(1) + ")";
    case Type::kList: return "[" + join(v.items, show) + "]";
    case Type::kMap:
        return (v.flags ? "#" + std::to_string(v.flags) : "") + "{" +
               join(v.pairs, [](const auto& p) { return show(p.first) + ": " + show(p.second); }) + "}";
    default: return "?";
    }
}

// What one op did: its result code, its answer ("-" for none) and, for a modify, the map
// after it ("-" for no bin).
struct Outcome {
    int rc;
    std::string answer;
    std::string map;
    bool operator==(const Outcome&) const = default;
};
void PrintTo(const Outcome& o, std::ostream* os) { *os << "{" << o.rc << ", " << o.answer << ", " << o.map << "}"; }
Outcome R(int rc, std::string answer) { return {rc, std::move(answer), ""}; }
Outcome W(int rc, std::string answer, std::string map) { return {rc, std::move(answer), std::move(map)}; }

// An argument: a value, or a result type.
struct Arg {
    Arg(Value x) : v(std::move(x)) {}
    Arg(int64_t result_type) : v(Value::integer(result_type)) {}
    Value v;
};

// A map bin the ops run on in turn; a failed modify leaves it as it was.
class MapBin {
public:
    explicit MapBin(std::optional<Value> v) : exists_(v.has_value()), map_(v ? *v : Value{}) {}
    Outcome read(uint32_t code, std::vector<Arg> args) { return run(false, code, args); }
    Outcome modify(uint32_t code, std::vector<Arg> args) { return run(true, code, args); }

private:
    Outcome run(bool modify, uint32_t code, const std::vector<Arg>& args) {
        CdtCall call;
        call.code = code;
        for (const Arg& a : args) call.args.push_back(a.v);
        Value target = map_;
        CdtAnswer answer;
        int rc = run_map_op(target, exists_, modify, call, answer);
        Outcome o{rc, rc == 0 && answer.has_value ? show(answer.value) : "-", ""};
        if (!modify) {
            EXPECT_EQ(show(target), show(map_)) << "a read changed the map";
            return o;
        }
        if (rc == 0 && target.is_map()) {
            map_ = std::move(target);
            exists_ = true;
        }
        o.map = exists_ ? show(map_) : "-";
        return o;
    }

    bool exists_;
    Value map_;
};

TEST(MapOps, CodesAndTheirOpTypes) {
    EXPECT_FALSE(is_map_code(63));
    EXPECT_TRUE(is_map_code(kSetType));
    EXPECT_TRUE(is_map_code(kGetByValueRelRankRange));
    for (uint32_t code : {kSetType, kPut, kIncrement, kClear, kRemoveByKey, kRemoveByValueRelRankRange})
        EXPECT_TRUE(map_code_modifies(code)) << code;
    for (uint32_t code : std::vector<uint32_t>{71, 80, kSize, kGetByKey, kGetByValueRelRankRange})
        EXPECT_FALSE(map_code_modifies(code)) << code;
}

TEST(MapOps, NotAMapIsIncompatible) {
    CdtAnswer answer;
    Value target = L({I(1)});
    EXPECT_EQ(run_map_op(target, true, false, CdtCall{kSize, {}}, answer), 12);
    EXPECT_EQ(run_map_op(target, true, true, CdtCall{kPut, {S("a"), I(1)}}, answer), 12);
}

// One key: each result type, found and missing; range types answer [index, count].
TEST(MapOps, GetByKeyAnswersEachResultType) {
    MapBin b(M({{S("a"), I(1)}, {S("b"), I(2)}, {S("c"), I(3)}, {S("d"), I(2)}}));
    EXPECT_EQ(b.read(kGetByKey, {NONE, S("b")}), R(0, "-"));
    EXPECT_EQ(b.read(kGetByKey, {INDEX, S("b")}), R(0, "1"));
    EXPECT_EQ(b.read(kGetByKey, {REVERSE_INDEX, S("b")}), R(0, "2"));
    EXPECT_EQ(b.read(kGetByKey, {RANK, S("b")}), R(0, "1"));
    EXPECT_EQ(b.read(kGetByKey, {REVERSE_RANK, S("b")}), R(0, "2"));
    EXPECT_EQ(b.read(kGetByKey, {COUNT, S("b")}), R(0, "1"));
    EXPECT_EQ(b.read(kGetByKey, {KEY, S("b")}), R(0, "\"b\""));
    EXPECT_EQ(b.read(kGetByKey, {VALUE, S("b")}), R(0, "2"));
    EXPECT_EQ(b.read(kGetByKey, {KEY_VALUE, S("b")}), R(0, "#8{\"b\": 2}"));
    EXPECT_EQ(b.read(kGetByKey, {INDEX_RANGE, S("b")}), R(0, "[1, 1]"));
    EXPECT_EQ(b.read(kGetByKey, {REVERSE_INDEX_RANGE, S("b")}), R(0, "[2, 1]"));
    EXPECT_EQ(b.read(kGetByKey, {RANK_RANGE, S("b")}), R(26, "-"));
    EXPECT_EQ(b.read(kGetByKey, {REVERSE_RANK_RANGE, S("b")}), R(26, "-"));
    EXPECT_EQ(b.read(kGetByKey, {EXISTS, S("b")}), R(0, "true"));
    EXPECT_EQ(b.read(kGetByKey, {UNORDERED_MAP, S("b")}), R(0, "{\"b\": 2}"));
    EXPECT_EQ(b.read(kGetByKey, {ORDERED_MAP, S("b")}), R(0, "#1{\"b\": 2}"));
    EXPECT_EQ(b.read(kGetByKey, {NONE, S("z")}), R(0, "-"));
    EXPECT_EQ(b.read(kGetByKey, {INDEX, S("z")}), R(0, "-1"));
    EXPECT_EQ(b.read(kGetByKey, {REVERSE_INDEX, S("z")}), R(0, "-1"));
    EXPECT_EQ(b.read(kGetByKey, {RANK, S("z")}), R(0, "-1"));
    EXPECT_EQ(b.read(kGetByKey, {REVERSE_RANK, S("z")}), R(0, "-1"));
    EXPECT_EQ(b.read(kGetByKey, {COUNT, S("z")}), R(0, "0"));
    EXPECT_EQ(b.read(kGetByKey, {KEY, S("z")}), R(0, "-"));
    EXPECT_EQ(b.read(kGetByKey, {VALUE, S("z")}), R(0, "-"));
    EXPECT_EQ(b.read(kGetByKey, {KEY_VALUE, S("z")}), R(0, "#8{}"));
    EXPECT_EQ(b.read(kGetByKey, {INDEX_RANGE, S("z")}), R(0, "[-1, 0]"));
    EXPECT_EQ(b.read(kGetByKey, {REVERSE_INDEX_RANGE, S("z")}), R(0, "[-1, 0]"));
    EXPECT_EQ(b.read(kGetByKey, {RANK_RANGE, S("z")}), R(26, "-"));
    EXPECT_EQ(b.read(kGetByKey, {REVERSE_RANK_RANGE, S("z")}), R(26, "-"));
    EXPECT_EQ(b.read(kGetByKey, {EXISTS, S("z")}), R(0, "false"));
    EXPECT_EQ(b.read(kGetByKey, {UNORDERED_MAP, S("z")}), R(0, "{}"));
    EXPECT_EQ(b.read(kGetByKey, {ORDERED_MAP, S("z")}), R(0, "#1{}"));
    EXPECT_EQ(b.read(kGetByKey, {14, S("b")}), R(26, "-"));
    EXPECT_EQ(b.read(kGetByKey, {INDEX | INVERTED, S("b")}), R(26, "-"));
}

TEST(MapOps, GetByKeyOnKeyOrderedMap) {
    MapBin b(M({{S("a"), I(1)}, {S("b"), I(2)}, {S("c"), I(3)}, {S("d"), I(2)}}, 1));
    EXPECT_EQ(b.read(kGetByKey, {INDEX, S("c")}), R(0, "2"));
    EXPECT_EQ(b.read(kGetByKey, {REVERSE_INDEX, S("c")}), R(0, "1"));
    EXPECT_EQ(b.read(kGetByKey, {RANK, S("c")}), R(0, "3"));
    EXPECT_EQ(b.read(kGetByKey, {KEY_VALUE, S("c")}), R(0, "#8{\"c\": 3}"));
    EXPECT_EQ(b.read(kGetByKey, {INDEX_RANGE, S("c")}), R(0, "[2, 1]"));
    EXPECT_EQ(b.read(kGetByKey, {RANK_RANGE, S("c")}), R(26, "-"));
    EXPECT_EQ(b.read(kGetByKey, {ORDERED_MAP, S("c")}), R(0, "#1{\"c\": 3}"));
    EXPECT_EQ(b.read(kGetByKey, {VALUE, S("zz")}), R(0, "-"));
    EXPECT_EQ(b.read(kGetByKey, {KEY | INVERTED, S("a")}), R(26, "-"));
}

// Negative from the end; out of bounds is 26; one-element ops refuse INVERTED.
TEST(MapOps, GetByIndexAndRank) {
    MapBin b(M({{S("a"), I(1)}, {S("b"), I(2)}, {S("c"), I(3)}, {S("d"), I(2)}}));
    EXPECT_EQ(b.read(kGetByIndex, {VALUE, I(1)}), R(0, "2"));
    EXPECT_EQ(b.read(kGetByIndex, {KEY, I(-1)}), R(0, "\"d\""));
    EXPECT_EQ(b.read(kGetByIndex, {INDEX, I(-4)}), R(0, "0"));
    EXPECT_EQ(b.read(kGetByIndex, {KEY_VALUE, I(0)}), R(0, "#8{\"a\": 1}"));
    EXPECT_EQ(b.read(kGetByIndex, {VALUE, I(4)}), R(26, "-"));
    EXPECT_EQ(b.read(kGetByIndex, {VALUE, I(-5)}), R(26, "-"));
    EXPECT_EQ(b.read(kGetByIndex, {VALUE | INVERTED, I(0)}), R(26, "-"));
    EXPECT_EQ(b.read(kGetByIndex, {RANK_RANGE, I(0)}), R(26, "-"));
    EXPECT_EQ(b.read(kGetByIndex, {INDEX_RANGE, I(2)}), R(0, "[2, 1]"));
    EXPECT_EQ(b.read(kGetByRank, {KEY, I(0)}), R(0, "\"a\""));
    EXPECT_EQ(b.read(kGetByRank, {RANK, I(-1)}), R(0, "3"));
    EXPECT_EQ(b.read(kGetByRank, {REVERSE_RANK, I(0)}), R(0, "3"));
    EXPECT_EQ(b.read(kGetByRank, {INDEX, I(3)}), R(0, "2"));
    EXPECT_EQ(b.read(kGetByRank, {VALUE, I(4)}), R(26, "-"));
    EXPECT_EQ(b.read(kGetByRank, {INDEX_RANGE, I(0)}), R(26, "-"));
    EXPECT_EQ(b.read(kGetByRank, {RANK_RANGE, I(1)}), R(0, "[1, 1]"));
}

// BY_VALUE answers for the first match, ALL_BY_VALUE for all; ranks of equal values are consecutive.
TEST(MapOps, GetByValue) {
    MapBin b(M({{S("a"), I(1)}, {S("b"), I(2)}, {S("c"), I(3)}, {S("d"), I(2)}}));
    EXPECT_EQ(b.read(kGetByValue, {KEY, I(2)}), R(0, "\"b\""));
    EXPECT_EQ(b.read(kGetByValue, {RANK, I(2)}), R(0, "1"));
    EXPECT_EQ(b.read(kGetByValue, {COUNT, I(2)}), R(0, "1"));
    EXPECT_EQ(b.read(kGetByValue, {VALUE, I(9)}), R(0, "-"));
    EXPECT_EQ(b.read(kGetByValue, {INDEX, I(9)}), R(0, "-1"));
    EXPECT_EQ(b.read(kGetByValue, {INDEX_RANGE, I(2)}), R(26, "-"));
    EXPECT_EQ(b.read(kGetByValue, {RANK_RANGE, I(2)}), R(0, "[1, 1]"));
    EXPECT_EQ(b.read(kGetAllByValue, {KEY, I(2)}), R(0, "[\"b\", \"d\"]"));
    EXPECT_EQ(b.read(kGetAllByValue, {RANK, I(2)}), R(0, "[1, 2]"));
    EXPECT_EQ(b.read(kGetAllByValue, {INDEX, I(2)}), R(0, "[1, 3]"));
    EXPECT_EQ(b.read(kGetAllByValue, {KEY_VALUE, I(2)}), R(0, "#8{\"b\": 2, \"d\": 2}"));
    EXPECT_EQ(b.read(kGetAllByValue, {KEY | INVERTED, I(2)}), R(0, "[\"a\", \"c\"]"));
    EXPECT_EQ(b.read(kGetAllByValue, {COUNT | INVERTED, I(2)}), R(0, "2"));
    EXPECT_EQ(b.read(kGetAllByValue, {KEY | INVERTED, I(9)}), R(0, "[\"a\", \"b\", \"c\", \"d\"]"));
    EXPECT_EQ(b.read(kGetAllByValue, {RANK_RANGE, I(2)}), R(0, "[1, 2]"));
    EXPECT_EQ(b.read(kGetAllByValue, {REVERSE_RANK_RANGE, I(9)}), R(0, "[4, 0]"));
    EXPECT_EQ(b.read(kGetAllByValue, {KEY, Wild()}), R(0, "[\"a\", \"b\", \"c\", \"d\"]"));
}

// End excluded; a missing end is past the largest key; nil sorts first.
TEST(MapOps, KeyInterval) {
    MapBin b(M({{S("a"), I(1)}, {S("b"), I(2)}, {S("c"), I(3)}, {S("d"), I(2)}}));
    EXPECT_EQ(b.read(kGetByKeyInterval, {KEY, S("b"), S("d")}), R(0, "[\"b\", \"c\"]"));
    EXPECT_EQ(b.read(kGetByKeyInterval, {KEY, S("b")}), R(0, "[\"b\", \"c\", \"d\"]"));
    EXPECT_EQ(b.read(kGetByKeyInterval, {KEY, Nil(), S("c")}), R(0, "[\"a\", \"b\"]"));
    EXPECT_EQ(b.read(kGetByKeyInterval, {KEY, S("bb"), Inf()}), R(0, "[\"c\", \"d\"]"));
    EXPECT_EQ(b.read(kGetByKeyInterval, {INDEX, S("b"), S("d")}), R(0, "[1, 2]"));
    EXPECT_EQ(b.read(kGetByKeyInterval, {REVERSE_INDEX, S("b"), S("d")}), R(0, "[1, 2]"));
    EXPECT_EQ(b.read(kGetByKeyInterval, {INDEX_RANGE, S("b"), S("d")}), R(0, "[1, 2]"));
    EXPECT_EQ(b.read(kGetByKeyInterval, {REVERSE_INDEX_RANGE, S("b"), S("d")}), R(0, "[1, 2]"));
    EXPECT_EQ(b.read(kGetByKeyInterval, {COUNT, S("x"), S("y")}), R(0, "0"));
    EXPECT_EQ(b.read(kGetByKeyInterval, {VALUE, S("c"), S("a")}), R(0, "[]"));
    EXPECT_EQ(b.read(kGetByKeyInterval, {KEY | INVERTED, S("b"), S("d")}), R(0, "[\"a\", \"d\"]"));
    EXPECT_EQ(b.read(kGetByKeyInterval, {INDEX | INVERTED, S("b"), S("d")}), R(0, "[0, 3]"));
    EXPECT_EQ(b.read(kGetByKeyInterval, {INDEX_RANGE | INVERTED, S("b"), S("d")}), R(26, "-"));
    EXPECT_EQ(b.read(kGetByKeyInterval, {RANK_RANGE, S("a")}), R(26, "-"));
    EXPECT_EQ(b.read(kGetByKeyInterval, {RANK, S("a"), S("c")}), R(0, "[0, 1]"));
}

// Counts past the end are cut; a negative start before 0 shortens the count; INVERTED selects the rest.
TEST(MapOps, IndexRange) {
    MapBin b(M({{S("a"), I(1)}, {S("b"), I(2)}, {S("c"), I(3)}, {S("d"), I(2)}}));
    EXPECT_EQ(b.read(kGetByIndexRange, {KEY, I(1), I(2)}), R(0, "[\"b\", \"c\"]"));
    EXPECT_EQ(b.read(kGetByIndexRange, {KEY, I(-2)}), R(0, "[\"c\", \"d\"]"));
    EXPECT_EQ(b.read(kGetByIndexRange, {KEY, I(1), I(0)}), R(0, "[]"));
    EXPECT_EQ(b.read(kGetByIndexRange, {KEY, I(2), I(9)}), R(0, "[\"c\", \"d\"]"));
    EXPECT_EQ(b.read(kGetByIndexRange, {KEY, I(-9), I(3)}), R(0, "[]"));
    EXPECT_EQ(b.read(kGetByIndexRange, {KEY, I(9), I(1)}), R(0, "[]"));
    EXPECT_EQ(b.read(kGetByIndexRange, {KEY, I(-9), I(5)}), R(0, "[]"));
    EXPECT_EQ(b.read(kGetByIndexRange, {INDEX, I(1), I(2)}), R(0, "[1, 2]"));
    EXPECT_EQ(b.read(kGetByIndexRange, {REVERSE_INDEX, I(1), I(2)}), R(0, "[1, 2]"));
    EXPECT_EQ(b.read(kGetByIndexRange, {RANK, I(1), I(2)}), R(0, "[1, 3]"));
    EXPECT_EQ(b.read(kGetByIndexRange, {INDEX_RANGE, I(1), I(2)}), R(0, "[1, 2]"));
    EXPECT_EQ(b.read(kGetByIndexRange, {REVERSE_INDEX_RANGE, I(1), I(2)}), R(0, "[1, 2]"));
    EXPECT_EQ(b.read(kGetByIndexRange, {KEY | INVERTED, I(1), I(2)}), R(0, "[\"a\", \"d\"]"));
    EXPECT_EQ(b.read(kGetByIndexRange, {KEY | INVERTED, I(0), I(2)}), R(0, "[\"c\", \"d\"]"));
    EXPECT_EQ(b.read(kGetByIndexRange, {KEY | INVERTED, I(2)}), R(0, "[\"a\", \"b\"]"));
    EXPECT_EQ(b.read(kGetByIndexRange, {INDEX | INVERTED, I(1), I(2)}), R(0, "[0, 3]"));
    EXPECT_EQ(b.read(kGetByIndexRange, {COUNT | INVERTED, I(1), I(0)}), R(0, "4"));
    EXPECT_EQ(b.read(kGetByIndexRange, {INDEX_RANGE | INVERTED, I(1), I(2)}), R(26, "-"));
    EXPECT_EQ(b.read(kGetByIndexRange, {RANK_RANGE, I(0), I(1)}), R(26, "-"));
    EXPECT_EQ(b.read(kGetByIndexRange, {KEY_VALUE, I(1), I(-1)}), R(0, "#8{\"b\": 2, \"c\": 3, \"d\": 2}"));
}

TEST(MapOps, IndexRangeInvertedOnKeyOrderedMap) {
    MapBin b(M({{S("a"), I(1)}, {S("b"), I(2)}, {S("c"), I(3)}, {S("d"), I(2)}}, 1));
    EXPECT_EQ(b.read(kGetByIndexRange, {KEY | INVERTED, I(1), I(2)}), R(0, "[\"a\", \"d\"]"));
    EXPECT_EQ(b.read(kGetByIndexRange, {INDEX | INVERTED, I(1), I(2)}), R(0, "[0, 3]"));
    EXPECT_EQ(b.read(kGetByIndexRange, {RANK | INVERTED, I(1), I(2)}), R(0, "[0, 2]"));
    EXPECT_EQ(b.read(kGetByIndexRange, {COUNT | INVERTED, I(1), I(2)}), R(0, "2"));
    EXPECT_EQ(b.read(kGetByIndexRange, {INDEX_RANGE | INVERTED, I(1), I(2)}), R(26, "-"));
    EXPECT_EQ(b.read(kGetByIndexRange, {ORDERED_MAP | INVERTED, I(1), I(2)}), R(0, "#1{\"a\": 1, \"d\": 2}"));
}

TEST(MapOps, ValueInterval) {
    MapBin b(M({{S("a"), I(1)}, {S("b"), I(2)}, {S("c"), I(3)}, {S("d"), I(2)}}));
    EXPECT_EQ(b.read(kGetByValueInterval, {KEY, I(2), I(3)}), R(0, "[\"b\", \"d\"]"));
    EXPECT_EQ(b.read(kGetByValueInterval, {VALUE, I(2)}), R(0, "[2, 3, 2]"));
    EXPECT_EQ(b.read(kGetByValueInterval, {INDEX, I(2), I(3)}), R(0, "[1, 3]"));
    EXPECT_EQ(b.read(kGetByValueInterval, {RANK, I(2), I(3)}), R(0, "[1, 2]"));
    EXPECT_EQ(b.read(kGetByValueInterval, {RANK_RANGE, I(2), I(3)}), R(0, "[1, 2]"));
    EXPECT_EQ(b.read(kGetByValueInterval, {INDEX_RANGE, I(2), I(3)}), R(26, "-"));
    EXPECT_EQ(b.read(kGetByValueInterval, {KEY, I(5), I(9)}), R(0, "[]"));
    EXPECT_EQ(b.read(kGetByValueInterval, {RANK_RANGE, I(5), I(9)}), R(0, "[4, 0]"));
    EXPECT_EQ(b.read(kGetByValueInterval, {KEY, Nil(), Inf()}), R(0, "[\"a\", \"b\", \"c\", \"d\"]"));
    EXPECT_EQ(b.read(kGetByValueInterval, {KEY | INVERTED, I(2), I(3)}), R(0, "[\"a\", \"c\"]"));
    EXPECT_EQ(b.read(kGetByValueInterval, {RANK | INVERTED, I(2), I(3)}), R(0, "[0, 3]"));
    EXPECT_EQ(b.read(kGetByValueInterval, {KEY | INVERTED, I(5), I(9)}), R(0, "[\"a\", \"b\", \"c\", \"d\"]"));
    EXPECT_EQ(b.read(kGetByValueInterval, {KEY_VALUE, I(1), I(3)}), R(0, "#8{\"a\": 1, \"b\": 2, \"d\": 2}"));
    EXPECT_EQ(b.read(kGetByValueInterval, {ORDERED_MAP, I(1), I(3)}), R(0, "#1{\"a\": 1, \"b\": 2, \"d\": 2}"));
}

// Rank order is by value, equal values by key; element answers come in rank order.
TEST(MapOps, RankRange) {
    MapBin b(M({{S("a"), I(1)}, {S("b"), I(2)}, {S("c"), I(3)}, {S("d"), I(2)}}));
    EXPECT_EQ(b.read(kGetByRankRange, {KEY, I(1), I(2)}), R(0, "[\"b\", \"d\"]"));
    EXPECT_EQ(b.read(kGetByRankRange, {VALUE, I(1), I(2)}), R(0, "[2, 2]"));
    EXPECT_EQ(b.read(kGetByRankRange, {INDEX, I(0), I(3)}), R(0, "[0, 1, 3]"));
    EXPECT_EQ(b.read(kGetByRankRange, {RANK, I(1), I(2)}), R(0, "[1, 2]"));
    EXPECT_EQ(b.read(kGetByRankRange, {KEY, I(-1)}), R(0, "[\"c\"]"));
    EXPECT_EQ(b.read(kGetByRankRange, {KEY, I(0), I(0)}), R(0, "[]"));
    EXPECT_EQ(b.read(kGetByRankRange, {RANK_RANGE, I(1), I(2)}), R(0, "[1, 2]"));
    EXPECT_EQ(b.read(kGetByRankRange, {REVERSE_RANK_RANGE, I(1), I(2)}), R(0, "[1, 2]"));
    EXPECT_EQ(b.read(kGetByRankRange, {INDEX_RANGE, I(1), I(2)}), R(26, "-"));
    EXPECT_EQ(b.read(kGetByRankRange, {KEY_VALUE, I(0), I(3)}), R(0, "#8{\"a\": 1, \"b\": 2, \"d\": 2}"));
    EXPECT_EQ(b.read(kGetByRankRange, {ORDERED_MAP, I(0), I(3)}), R(0, "#1{\"a\": 1, \"b\": 2, \"d\": 2}"));
    EXPECT_EQ(b.read(kGetByRankRange, {KEY | INVERTED, I(1), I(2)}), R(0, "[\"a\", \"c\"]"));
    EXPECT_EQ(b.read(kGetByRankRange, {INDEX | INVERTED, I(1), I(2)}), R(0, "[0, 2]"));
    EXPECT_EQ(b.read(kGetByRankRange, {RANK_RANGE | INVERTED, I(1), I(2)}), R(26, "-"));
    EXPECT_EQ(b.read(kGetByRankRange, {KEY, I(9), I(1)}), R(0, "[]"));
}

// Index answers follow the list's order; a repeated key answers once on an unordered map.
TEST(MapOps, KeyList) {
    MapBin b(M({{S("a"), I(1)}, {S("b"), I(2)}, {S("c"), I(3)}, {S("d"), I(2)}}));
    EXPECT_EQ(b.read(kGetByKeyList, {INDEX, L({S("c"), S("a")})}), R(0, "[2, 0]"));
    EXPECT_EQ(b.read(kGetByKeyList, {REVERSE_INDEX, L({S("c"), S("a")})}), R(0, "[1, 3]"));
    EXPECT_EQ(b.read(kGetByKeyList, {KEY, L({S("c"), S("a"), S("z")})}), R(0, "[\"a\", \"c\"]"));
    EXPECT_EQ(b.read(kGetByKeyList, {INDEX, L({S("a"), S("a")})}), R(0, "[0]"));
    EXPECT_EQ(b.read(kGetByKeyList, {COUNT, L({S("a"), S("a"), S("z")})}), R(0, "1"));
    EXPECT_EQ(b.read(kGetByKeyList, {INDEX, L({})}), R(0, "[]"));
    EXPECT_EQ(b.read(kGetByKeyList, {RANK, L({})}), R(26, "-"));
    EXPECT_EQ(b.read(kGetByKeyList, {RANK, L({S("a")})}), R(26, "-"));
    EXPECT_EQ(b.read(kGetByKeyList, {INDEX | INVERTED, L({S("b")})}), R(0, "[0, 2, 3]"));
    EXPECT_EQ(b.read(kGetByKeyList, {KEY | INVERTED, L({S("b"), S("c")})}), R(0, "[\"a\", \"d\"]"));
    EXPECT_EQ(b.read(kGetByKeyList, {EXISTS, L({S("z")})}), R(0, "false"));
    EXPECT_EQ(b.read(kGetByKeyList, {EXISTS | INVERTED, L({S("a"), S("b"), S("c"), S("d")})}), R(0, "false"));
    EXPECT_EQ(b.read(kGetByKeyList, {KEY_VALUE, L({S("d"), S("a")})}), R(0, "#8{\"a\": 1, \"d\": 2}"));
}

// A repeated key answers twice on a key-ordered map.
TEST(MapOps, KeyListOnKeyOrderedMap) {
    MapBin b(M({{S("a"), I(1)}, {S("b"), I(2)}, {S("c"), I(3)}, {S("d"), I(2)}}, 1));
    EXPECT_EQ(b.read(kGetByKeyList, {INDEX, L({S("c"), S("a")})}), R(0, "[2, 0]"));
    EXPECT_EQ(b.read(kGetByKeyList, {INDEX, L({S("a"), S("a")})}), R(0, "[0, 0]"));
    EXPECT_EQ(b.read(kGetByKeyList, {COUNT, L({S("a"), S("a")})}), R(0, "1"));
    EXPECT_EQ(b.read(kGetByKeyList, {REVERSE_INDEX | INVERTED, L({S("b")})}), R(0, "[3, 1, 0]"));
    EXPECT_EQ(b.read(kGetByKeyList, {RANK, L({S("a")})}), R(26, "-"));
    EXPECT_EQ(b.read(kGetByKeyList, {KEY, L({Wild()})}), R(0, "[\"a\", \"b\", \"c\", \"d\"]"));
}

TEST(MapOps, ValueList) {
    MapBin b(M({{S("a"), I(1)}, {S("b"), I(2)}, {S("c"), I(3)}, {S("d"), I(2)}}));
    EXPECT_EQ(b.read(kGetByValueList, {KEY, L({I(2), I(1)})}), R(0, "[\"a\", \"b\", \"d\"]"));
    EXPECT_EQ(b.read(kGetByValueList, {RANK, L({I(2), I(1)})}), R(0, "[1, 2, 0]"));
    EXPECT_EQ(b.read(kGetByValueList, {INDEX, L({I(2), I(1)})}), R(0, "[0, 1, 3]"));
    EXPECT_EQ(b.read(kGetByValueList, {RANK | INVERTED, L({I(2)})}), R(0, "[0, 3]"));
    EXPECT_EQ(b.read(kGetByValueList, {COUNT, L({I(9)})}), R(0, "0"));
    EXPECT_EQ(b.read(kGetByValueList, {RANK, L({})}), R(0, "[]"));
    EXPECT_EQ(b.read(kGetByValueList, {RANK_RANGE, L({})}), R(26, "-"));
    EXPECT_EQ(b.read(kGetByValueList, {VALUE | INVERTED, L({I(2), I(3)})}), R(0, "[1]"));
}

// Indexes relative to where the key is or would be; ranks relative to the value's rank.
TEST(MapOps, RelativeRanges) {
    MapBin b(M({{S("a"), I(1)}, {S("b"), I(2)}, {S("c"), I(3)}, {S("d"), I(2)}}));
    EXPECT_EQ(b.read(kGetByKeyRelIndexRange, {KEY, S("b"), I(0), I(2)}), R(0, "[\"b\", \"c\"]"));
    EXPECT_EQ(b.read(kGetByKeyRelIndexRange, {KEY, S("bb"), I(-1)}), R(0, "[\"b\", \"c\", \"d\"]"));
    EXPECT_EQ(b.read(kGetByKeyRelIndexRange, {KEY, S("a"), I(-2), I(3)}), R(0, "[\"a\"]"));
    EXPECT_EQ(b.read(kGetByKeyRelIndexRange, {KEY, S("z"), I(-1), I(1)}), R(0, "[\"d\"]"));
    EXPECT_EQ(b.read(kGetByKeyRelIndexRange, {INDEX, S("c"), I(-1), I(2)}), R(0, "[1, 2]"));
    EXPECT_EQ(b.read(kGetByValueRelRankRange, {KEY, I(2), I(0), I(2)}), R(0, "[\"b\", \"d\"]"));
    EXPECT_EQ(b.read(kGetByValueRelRankRange, {KEY, I(2), I(-1)}), R(0, "[\"a\", \"b\", \"d\", \"c\"]"));
    EXPECT_EQ(b.read(kGetByValueRelRankRange, {KEY, I(0), I(-2), I(3)}), R(0, "[\"a\"]"));
    EXPECT_EQ(b.read(kGetByValueRelRankRange, {VALUE, I(9), I(-1)}), R(0, "[3]"));
    EXPECT_EQ(b.read(kGetByValueRelRankRange, {RANK, I(2), I(1), I(1)}), R(0, "[2]"));
}

TEST(MapOps, SizeAndClear) {
    MapBin b(M({{S("a"), I(1)}, {S("b"), I(2)}, {S("c"), I(3)}, {S("d"), I(2)}}));
    EXPECT_EQ(b.read(kSize, {}), R(0, "4"));
    EXPECT_EQ(b.modify(kClear, {}), W(0, "-", "{}"));
    EXPECT_EQ(b.read(kSize, {}), R(0, "0"));
}

// The wrong op type for a code is a parameter error.
TEST(MapOps, ReadOfModifyCodeAndModifyOfReadCode) {
    MapBin b(M({{S("a"), I(1)}, {S("b"), I(2)}, {S("c"), I(3)}, {S("d"), I(2)}}));
    EXPECT_EQ(b.read(kRemoveByKey, {INDEX, S("a")}), R(4, "-"));
    EXPECT_EQ(b.modify(kGetByKey, {INDEX, S("a")}), W(4, "-", "{\"a\": 1, \"b\": 2, \"c\": 3, \"d\": 2}"));
    EXPECT_EQ(b.modify(kSize, {}), W(4, "-", "{\"a\": 1, \"b\": 2, \"c\": 3, \"d\": 2}"));
    EXPECT_EQ(b.read(kClear, {}), R(4, "-"));
    EXPECT_EQ(b.read(71, {}), R(4, "-"));
    EXPECT_EQ(b.modify(80, {INDEX, S("a")}), W(4, "-", "{\"a\": 1, \"b\": 2, \"c\": 3, \"d\": 2}"));
    EXPECT_EQ(b.read(101, {INDEX, I(1)}), R(4, "-"));
}

TEST(MapOps, Removes) {
    MapBin b(M({{S("a"), I(1)}, {S("b"), I(2)}, {S("c"), I(3)}, {S("d"), I(2)}}));
    EXPECT_EQ(b.modify(kRemoveByKey, {VALUE, S("b")}), W(0, "2", "{\"a\": 1, \"c\": 3, \"d\": 2}"));
    EXPECT_EQ(b.modify(kRemoveByKey, {VALUE, S("b")}), W(0, "-", "{\"a\": 1, \"c\": 3, \"d\": 2}"));
    EXPECT_EQ(b.modify(kRemoveByIndex, {KEY, I(-1)}), W(0, "\"d\"", "{\"a\": 1, \"c\": 3}"));
    EXPECT_EQ(b.modify(kRemoveByValue, {KEY, I(1)}), W(0, "\"a\"", "{\"c\": 3}"));
    EXPECT_EQ(b.modify(kRemoveByRank, {NONE, I(0)}), W(0, "-", "{}"));
}

TEST(MapOps, RemoveRanges) {
    MapBin b(M({{I(1), S("a")}, {I(2), S("b")}, {I(3), S("c")}, {I(4), S("d")}, {I(5), S("e")}, {I(6), S("f")}}, 1));
    EXPECT_EQ(b.modify(kRemoveByIndexRange, {COUNT, I(1), I(2)}), W(0, "2", "#1{1: \"a\", 4: \"d\", 5: \"e\", 6: \"f\"}"));
    EXPECT_EQ(b.modify(kRemoveByRankRange, {KEY, I(-1)}), W(0, "[6]", "#1{1: \"a\", 4: \"d\", 5: \"e\"}"));
    EXPECT_EQ(b.modify(kRemoveByKeyInterval, {KEY_VALUE, I(3), I(5)}), W(0, "#8{4: \"d\"}", "#1{1: \"a\", 5: \"e\"}"));
    EXPECT_EQ(b.modify(kRemoveByValueInterval, {VALUE | INVERTED, S("a"), S("c")}), W(0, "[\"e\"]", "#1{1: \"a\"}"));
    EXPECT_EQ(b.modify(kRemoveByKeyRelIndexRange, {NONE, I(5), I(-1)}), W(0, "-", "#1{}"));
}

TEST(MapOps, RemoveLists) {
    MapBin b(M({{S("a"), I(1)}, {S("b"), I(2)}, {S("c"), I(3)}, {S("d"), I(1)}, {S("e"), I(5)}}));
    EXPECT_EQ(b.modify(kRemoveByKeyList, {KEY, L({S("e"), S("b"), S("zz")})}), W(0, "[\"b\", \"e\"]", "{\"a\": 1, \"c\": 3, \"d\": 1}"));
    EXPECT_EQ(b.modify(kRemoveAllByValue, {KEY, I(1)}), W(0, "[\"a\", \"d\"]", "{\"c\": 3}"));
    EXPECT_EQ(b.modify(kRemoveByValueList, {VALUE | INVERTED, L({I(3)})}), W(0, "[]", "{\"c\": 3}"));
}

TEST(MapOps, RemoveInvertedAll) {
    MapBin b(M({{S("a"), I(1)}, {S("b"), I(2)}, {S("c"), I(3)}, {S("d"), I(2)}}));
    EXPECT_EQ(b.modify(kRemoveByIndexRange, {COUNT | INVERTED, I(0), I(0)}), W(0, "4", "{}"));
}

// A remove or clear on a missing bin succeeds, answers nothing and makes no bin.
TEST(MapOps, RemovesDoNothingWithoutABin) {
    MapBin b(std::nullopt);
    EXPECT_EQ(b.modify(kRemoveByKey, {VALUE, S("a")}), W(0, "-", "-"));
    EXPECT_EQ(b.modify(kRemoveByIndexRange, {S("not even an int"), I(0)}), W(0, "-", "-"));
    EXPECT_EQ(b.modify(kClear, {}), W(0, "-", "-"));
}

// A new key goes to its sorted place in a sorted map.
TEST(MapOps, PutAnswersSizeAndKeepsOrder) {
    MapBin b(M({{S("b"), I(1)}, {S("d"), I(2)}}));
    EXPECT_EQ(b.modify(kPut, {S("c"), I(3)}), W(0, "3", "{\"b\": 1, \"c\": 3, \"d\": 2}"));
    EXPECT_EQ(b.modify(kPut, {S("a"), I(0)}), W(0, "4", "{\"a\": 0, \"b\": 1, \"c\": 3, \"d\": 2}"));
    EXPECT_EQ(b.modify(kPut, {S("e"), I(9)}), W(0, "5", "{\"a\": 0, \"b\": 1, \"c\": 3, \"d\": 2, \"e\": 9}"));
    EXPECT_EQ(b.modify(kPut, {S("c"), L({I(1), I(2)})}), W(0, "5", "{\"a\": 0, \"b\": 1, \"c\": [1, 2], \"d\": 2, \"e\": 9}"));
    EXPECT_EQ(b.modify(kPut, {I(7), S("int")}), W(0, "6", "{7: \"int\", \"a\": 0, \"b\": 1, \"c\": [1, 2], \"d\": 2, \"e\": 9}"));
    EXPECT_EQ(b.modify(kPut, {Blob("k"), I(1)}), W(0, "7", "{7: \"int\", \"a\": 0, \"b\": 1, \"c\": [1, 2], \"d\": 2, \"e\": 9, blob(k): 1}"));
}

// CREATE_ONLY 1, UPDATE_ONLY 2, NO_FAIL 4 (answers the size unchanged).
TEST(MapOps, PutWriteFlags) {
    MapBin b(M({{S("a"), I(1)}}));
    EXPECT_EQ(b.modify(kPut, {S("a"), I(2), I(0), I(1)}), W(24, "-", "{\"a\": 1}"));
    EXPECT_EQ(b.modify(kPut, {S("b"), I(2), I(0), I(2)}), W(23, "-", "{\"a\": 1}"));
    EXPECT_EQ(b.modify(kPut, {S("a"), I(2), I(0), I(5)}), W(0, "1", "{\"a\": 1}"));
    EXPECT_EQ(b.modify(kPut, {S("b"), I(2), I(0), I(6)}), W(0, "1", "{\"a\": 1}"));
    EXPECT_EQ(b.modify(kPut, {S("a"), I(3), I(0), I(2)}), W(0, "1", "{\"a\": 3}"));
    EXPECT_EQ(b.modify(kPut, {S("b"), I(3), I(0), I(1)}), W(0, "2", "{\"a\": 3, \"b\": 3}"));
    EXPECT_EQ(b.modify(kPut, {S("c"), I(3), I(0), I(3)}), W(23, "-", "{\"a\": 3, \"b\": 3}"));
    EXPECT_EQ(b.modify(kPut, {S("c"), I(3), I(0), I(7)}), W(0, "2", "{\"a\": 3, \"b\": 3}"));
}

// ADD creates only, REPLACE updates only.
TEST(MapOps, LegacyAddAndReplace) {
    MapBin b(M({{S("a"), I(1)}}));
    EXPECT_EQ(b.modify(kAdd, {S("a"), I(2)}), W(24, "-", "{\"a\": 1}"));
    EXPECT_EQ(b.modify(kAdd, {S("b"), I(2)}), W(0, "2", "{\"a\": 1, \"b\": 2}"));
    EXPECT_EQ(b.modify(kReplace, {S("c"), I(3)}), W(23, "-", "{\"a\": 1, \"b\": 2}"));
    EXPECT_EQ(b.modify(kReplace, {S("a"), I(9)}), W(0, "2", "{\"a\": 9, \"b\": 2}"));
    EXPECT_EQ(b.modify(kAddItems, {M({{S("b"), I(0)}})}), W(24, "-", "{\"a\": 9, \"b\": 2}"));
    EXPECT_EQ(b.modify(kAddItems, {M({{S("c"), I(0)}, {S("d"), I(1)}})}), W(0, "4", "{\"a\": 9, \"b\": 2, \"c\": 0, \"d\": 1}"));
    EXPECT_EQ(b.modify(kReplaceItems, {M({{S("a"), I(5)}, {S("z"), I(0)}})}), W(23, "-", "{\"a\": 9, \"b\": 2, \"c\": 0, \"d\": 1}"));
    EXPECT_EQ(b.modify(kReplaceItems, {M({{S("a"), I(5)}, {S("b"), I(6)}})}), W(0, "4", "{\"a\": 5, \"b\": 6, \"c\": 0, \"d\": 1}"));
    EXPECT_EQ(b.modify(kReplaceItems, {M({})}), W(0, "4", "{\"a\": 5, \"b\": 6, \"c\": 0, \"d\": 1}"));
}

// Items apply in key order; NO_FAIL with PARTIAL 8 skips the failing ones.
TEST(MapOps, PutItemsFlags) {
    MapBin b(M({{S("b"), I(1)}, {S("d"), I(2)}}));
    EXPECT_EQ(b.modify(kPutItems, {M({{S("d"), I(9)}, {S("a"), I(0)}}), I(0), I(1)}), W(24, "-", "{\"b\": 1, \"d\": 2}"));
    EXPECT_EQ(b.modify(kPutItems, {M({{S("d"), I(9)}, {S("a"), I(0)}}), I(0), I(5)}), W(0, "2", "{\"b\": 1, \"d\": 2}"));
    EXPECT_EQ(b.modify(kPutItems, {M({{S("d"), I(9)}, {S("a"), I(0)}}), I(0), I(13)}), W(0, "3", "{\"a\": 0, \"b\": 1, \"d\": 2}"));
    EXPECT_EQ(b.modify(kPutItems, {M({{S("c"), I(9)}, {S("d"), I(8)}}), I(0), I(2)}), W(23, "-", "{\"a\": 0, \"b\": 1, \"d\": 2}"));
    EXPECT_EQ(b.modify(kPutItems, {M({{S("c"), I(9)}, {S("d"), I(8)}}), I(0), I(14)}), W(0, "3", "{\"a\": 0, \"b\": 1, \"d\": 8}"));
    EXPECT_EQ(b.modify(kPutItems, {M({})}), W(0, "3", "{\"a\": 0, \"b\": 1, \"d\": 8}"));
    EXPECT_EQ(b.modify(kPutItems, {M({{S("z"), I(1)}, {S("b"), I(2)}})}), W(0, "4", "{\"a\": 0, \"b\": 2, \"d\": 8, \"z\": 1}"));
}

// On an empty map UPDATE_ONLY | NO_FAIL | PARTIAL adds everything, as the server does.
TEST(MapOps, PutItemsOnEmptyMapUpdateOnly) {
    MapBin b(M({}));
    EXPECT_EQ(b.modify(kPutItems, {M({{S("a"), I(1)}}), I(0), I(2)}), W(23, "-", "{}"));
    EXPECT_EQ(b.modify(kPutItems, {M({{S("a"), I(1)}}), I(0), I(6)}), W(0, "0", "{}"));
    EXPECT_EQ(b.modify(kPutItems, {M({{S("a"), I(1)}, {S("b"), I(2)}}), I(0), I(14)}), W(0, "2", "{\"a\": 1, \"b\": 2}"));
}

TEST(MapOps, WritesCreateTheMapWithTheRequestedOrder) {
    MapBin b(std::nullopt);
    EXPECT_EQ(b.modify(kPut, {S("b"), I(1), I(1)}), W(0, "1", "#1{\"b\": 1}"));
    EXPECT_EQ(b.modify(kPut, {S("a"), I(1), I(3)}), W(0, "2", "#1{\"a\": 1, \"b\": 1}"));
}

TEST(MapOps, PutItemsCreatesKeyValueOrderedMap) {
    MapBin b(std::nullopt);
    EXPECT_EQ(b.modify(kPutItems, {M({{S("b"), I(1)}, {S("a"), I(2)}}), I(3)}), W(0, "2", "#3{\"a\": 2, \"b\": 1}"));
}

TEST(MapOps, NoFailOnMissingBinLeavesAnEmptyMap) {
    MapBin b(std::nullopt);
    EXPECT_EQ(b.modify(kPut, {S("a"), I(1), I(1), I(6)}), W(0, "0", "#1{}"));
}

TEST(MapOps, ReplaceItemsWithoutABin) {
    MapBin b(std::nullopt);
    EXPECT_EQ(b.modify(kReplaceItems, {M({{S("a"), I(1)}})}), W(23, "-", "-"));
}

TEST(MapOps, ReplaceWithoutABin) {
    MapBin b(std::nullopt);
    EXPECT_EQ(b.modify(kReplace, {S("a"), I(1)}), W(23, "-", "-"));
}

TEST(MapOps, InvalidCreateFlagsMakeAnUnorderedMap) {
    MapBin b(std::nullopt);
    EXPECT_EQ(b.modify(kPut, {S("b"), I(1), I(4)}), W(0, "1", "{\"b\": 1}"));
    EXPECT_EQ(b.modify(kPut, {S("a"), I(1)}), W(0, "2", "{\"a\": 1, \"b\": 1}"));
}

// A missing key starts from the delta; the answer keeps the stored value's type.
TEST(MapOps, Increment) {
    MapBin b(M({{S("f"), D(1.5)}, {S("i"), I(5)}, {S("s"), S("x")}}));
    EXPECT_EQ(b.modify(kIncrement, {S("i")}), W(0, "6", "{\"f\": 1.5, \"i\": 6, \"s\": \"x\"}"));
    EXPECT_EQ(b.modify(kIncrement, {S("i"), I(10)}), W(0, "16", "{\"f\": 1.5, \"i\": 16, \"s\": \"x\"}"));
    EXPECT_EQ(b.modify(kDecrement, {S("i"), I(3)}), W(0, "13", "{\"f\": 1.5, \"i\": 13, \"s\": \"x\"}"));
    EXPECT_EQ(b.modify(kIncrement, {S("i"), D(2.9)}), W(0, "15", "{\"f\": 1.5, \"i\": 15, \"s\": \"x\"}"));
    EXPECT_EQ(b.modify(kIncrement, {S("f"), I(2)}), W(0, "3.5", "{\"f\": 3.5, \"i\": 15, \"s\": \"x\"}"));
    EXPECT_EQ(b.modify(kDecrement, {S("f"), D(0.25)}), W(0, "3.25", "{\"f\": 3.25, \"i\": 15, \"s\": \"x\"}"));
    EXPECT_EQ(b.modify(kIncrement, {S("n"), Nil()}), W(0, "1", "{\"f\": 3.25, \"i\": 15, \"n\": 1, \"s\": \"x\"}"));
    EXPECT_EQ(b.modify(kDecrement, {S("m"), I(2)}), W(0, "-2", "{\"f\": 3.25, \"i\": 15, \"m\": -2, \"n\": 1, \"s\": \"x\"}"));
    EXPECT_EQ(b.modify(kIncrement, {S("g"), D(0.5)}), W(0, "0.5", "{\"f\": 3.25, \"g\": 0.5, \"i\": 15, \"m\": -2, \"n\": 1, \"s\": \"x\"}"));
    EXPECT_EQ(b.modify(kIncrement, {S("s"), I(1)}), W(4, "-", "{\"f\": 3.25, \"g\": 0.5, \"i\": 15, \"m\": -2, \"n\": 1, \"s\": \"x\"}"));
    EXPECT_EQ(b.modify(kIncrement, {S("i"), S("x")}), W(4, "-", "{\"f\": 3.25, \"g\": 0.5, \"i\": 15, \"m\": -2, \"n\": 1, \"s\": \"x\"}"));
    EXPECT_EQ(b.modify(kIncrement, {D(1.5), I(1)}), W(4, "-", "{\"f\": 3.25, \"g\": 0.5, \"i\": 15, \"m\": -2, \"n\": 1, \"s\": \"x\"}"));
    EXPECT_EQ(b.modify(kIncrement, {Wild(), I(1)}), W(4, "-", "{\"f\": 3.25, \"g\": 0.5, \"i\": 15, \"m\": -2, \"n\": 1, \"s\": \"x\"}"));
}

TEST(MapOps, IncrementWraps) {
    MapBin b(M({{S("i"), I(9223372036854775807)}}));
    EXPECT_EQ(b.modify(kIncrement, {S("i"), I(1)}), W(0, "-9223372036854775808", "{\"i\": -9223372036854775808}"));
    EXPECT_EQ(b.modify(kDecrement, {S("i"), I(1)}), W(0, "9223372036854775807", "{\"i\": 9223372036854775807}"));
    EXPECT_EQ(b.modify(kIncrement, {S("i"), D(1e+30)}), W(0, "-1", "{\"i\": -1}"));
}

TEST(MapOps, IncrementCreatesTheMap) {
    MapBin b(std::nullopt);
    EXPECT_EQ(b.modify(kDecrement, {S("a"), I(2), I(1)}), W(0, "-2", "#1{\"a\": -2}"));
}

// Any order change leaves the map sorted by key; unknown flags are 26.
TEST(MapOps, SetType) {
    MapBin b(M({{S("a"), I(2)}, {S("b"), I(1)}}));
    EXPECT_EQ(b.modify(kSetType, {I(1)}), W(0, "-", "#1{\"a\": 2, \"b\": 1}"));
    EXPECT_EQ(b.modify(kSetType, {I(3)}), W(0, "-", "#3{\"a\": 2, \"b\": 1}"));
    EXPECT_EQ(b.modify(kSetType, {I(0)}), W(0, "-", "{\"a\": 2, \"b\": 1}"));
    EXPECT_EQ(b.modify(kSetType, {I(4)}), W(26, "-", "{\"a\": 2, \"b\": 1}"));
    EXPECT_EQ(b.modify(kSetType, {I(256)}), W(0, "-", "{\"a\": 2, \"b\": 1}"));
}

TEST(MapOps, SetTypeWithoutABin) {
    MapBin b(std::nullopt);
    EXPECT_EQ(b.modify(kSetType, {I(1)}), W(0, "-", "#1{}"));
}

// Keys are integers, strings or blobs; nested maps are sorted; repeated keys are refused.
TEST(MapOps, StoredValuesAreChecked) {
    MapBin b(M({}));
    EXPECT_EQ(b.modify(kPut, {D(1.5), I(1)}), W(4, "-", "{}"));
    EXPECT_EQ(b.modify(kPut, {Nil(), I(1)}), W(4, "-", "{}"));
    EXPECT_EQ(b.modify(kPut, {L({I(1)}), I(1)}), W(4, "-", "{}"));
    EXPECT_EQ(b.modify(kPut, {B(true), I(1)}), W(4, "-", "{}"));
    EXPECT_EQ(b.modify(kPut, {Blob("x", 9), I(1)}), W(4, "-", "{}"));
    EXPECT_EQ(b.modify(kPut, {S("a"), Wild()}), W(4, "-", "{}"));
    EXPECT_EQ(b.modify(kPut, {S("a"), M({{D(1.5), I(1)}})}), W(4, "-", "{}"));
    EXPECT_EQ(b.modify(kPut, {S("a"), M({{S("z"), I(1)}, {S("b"), M({{S("y"), I(2)}, {S("c"), I(3)}})}})}), W(0, "1", "{\"a\": {\"b\": {\"c\": 3, \"y\": 2}, \"z\": 1}}"));
    EXPECT_EQ(b.modify(kPut, {S("b"), L({M({{I(2), I(1)}, {I(1), I(2)}}, 1)})}), W(4, "-", "{\"a\": {\"b\": {\"c\": 3, \"y\": 2}, \"z\": 1}}"));
    EXPECT_EQ(b.modify(kPutItems, {M({{S("c"), Inf()}})}), W(4, "-", "{\"a\": {\"b\": {\"c\": 3, \"y\": 2}, \"z\": 1}}"));
    EXPECT_EQ(b.modify(kPutItems, {L({I(1), I(2)})}), W(4, "-", "{\"a\": {\"b\": {\"c\": 3, \"y\": 2}, \"z\": 1}}"));
}

TEST(MapOps, ArgumentCountsAndTypes) {
    MapBin b(M({{S("a"), I(1)}}));
    EXPECT_EQ(b.modify(kPut, {S("a")}), W(4, "-", "{\"a\": 1}"));
    EXPECT_EQ(b.modify(kPut, {S("a"), I(1), I(0), I(0), I(0)}), W(4, "-", "{\"a\": 1}"));
    EXPECT_EQ(b.modify(kPut, {S("a"), I(1), S("x")}), W(4, "-", "{\"a\": 1}"));
    EXPECT_EQ(b.modify(kRemoveByKey, {INDEX}), W(4, "-", "{\"a\": 1}"));
    EXPECT_EQ(b.modify(kRemoveByIndex, {INDEX, S("x")}), W(4, "-", "{\"a\": 1}"));
    EXPECT_EQ(b.modify(kRemoveByIndexRange, {INDEX, I(0), I(1), I(2)}), W(4, "-", "{\"a\": 1}"));
    EXPECT_EQ(b.read(kGetByKey, {INDEX, S("a"), I(3)}), R(4, "-"));
    EXPECT_EQ(b.modify(kSetType, {}), W(4, "-", "{\"a\": 1}"));
    EXPECT_EQ(b.modify(kIncrement, {}), W(4, "-", "{\"a\": 1}"));
    EXPECT_EQ(b.read(kGetByKeyList, {INDEX, S("notalist")}), R(4, "-"));
    EXPECT_EQ(b.read(kGetByValueList, {INDEX, M({{S("a"), I(1)}})}), R(4, "-"));
    EXPECT_EQ(b.modify(kClear, {I(1), I(2), I(3)}), W(0, "-", "{}"));
    EXPECT_EQ(b.read(kSize, {I(1)}), R(0, "0"));
}

// The real server keeps every map sorted by key, so an unordered map whose storage is not
// sorted cannot be checked against it; these follow particle_map.c for such a map.

// A new key goes to its sorted place only while the leading keys are sorted, else at the end.
TEST(MapOps, UnsortedStoragePutPlacement) {
    MapBin b(M({{S("c"), I(1)}, {S("a"), I(2)}}));
    EXPECT_EQ(b.modify(kPut, {S("d"), I(0)}), W(0, "3", "{\"c\": 1, \"a\": 2, \"d\": 0}"));
    EXPECT_EQ(b.modify(kPut, {S("b"), I(0)}), W(0, "4", "{\"b\": 0, \"c\": 1, \"a\": 2, \"d\": 0}"));
    EXPECT_EQ(b.modify(kPut, {S("a"), I(7)}), W(0, "4", "{\"b\": 0, \"c\": 1, \"a\": 7, \"d\": 0}"));
}

// Indexes are positions in key order; masks answer in storage order.
TEST(MapOps, UnsortedStorageIndexesAreKeyOrder) {
    MapBin b(M({{S("c"), I(1)}, {S("a"), I(2)}, {S("b"), I(3)}}));
    EXPECT_EQ(b.read(kGetByIndex, {KEY, I(0)}), R(0, "\"a\""));
    EXPECT_EQ(b.read(kGetByIndexRange, {KEY, I(0), I(2)}), R(0, "[\"a\", \"b\"]"));
    EXPECT_EQ(b.read(kGetByKey, {INDEX, S("c")}), R(0, "2"));
    EXPECT_EQ(b.read(kGetByValueInterval, {INDEX, I(1), I(4)}), R(0, "[2, 0, 1]"));
    EXPECT_EQ(b.read(kGetByKeyInterval, {UNORDERED_MAP, S("a")}), R(0, "{\"c\": 1, \"a\": 2, \"b\": 3}"));
    EXPECT_EQ(b.read(kGetByKeyInterval, {ORDERED_MAP, S("a")}), R(0, "#1{\"a\": 2, \"b\": 3, \"c\": 1}"));
    EXPECT_EQ(b.read(kGetByIndexRange, {KEY | INVERTED, I(1), I(1)}), R(0, "[\"c\", \"a\"]"));
}

// One rank breaks value ties by key, a list of ranks by storage position.
TEST(MapOps, UnsortedStorageRankTies) {
    MapBin b(M({{S("b"), I(1)}, {S("a"), I(1)}}));
    EXPECT_EQ(b.read(kGetByKey, {RANK, S("b")}), R(0, "1"));
    EXPECT_EQ(b.read(kGetByKeyInterval, {RANK, S("a")}), R(0, "[0, 1]"));
}

// PUT_ITEMS and SET_TYPE rewrite the map sorted; a no-op leaves it.
TEST(MapOps, UnsortedStorageItemsAndSetTypeSort) {
    MapBin b(M({{S("c"), I(1)}, {S("a"), I(2)}}));
    EXPECT_EQ(b.modify(kPutItems, {M({})}), W(0, "2", "{\"c\": 1, \"a\": 2}"));
    EXPECT_EQ(b.modify(kPutItems, {M({{S("b"), I(0)}})}), W(0, "3", "{\"a\": 2, \"b\": 0, \"c\": 1}"));
    MapBin t(M({{S("c"), I(1)}, {S("a"), I(2)}}));
    EXPECT_EQ(t.modify(kSetType, {I(0)}), W(0, "-", "{\"a\": 2, \"c\": 1}"));
}

}  // namespace
}  // namespace aero::server::cdt
