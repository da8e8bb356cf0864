#include <gtest/gtest.h>

#include "core/lua/aggregate.h"
#include "core/proto/msgpack.h"

namespace aero::lua {
namespace {

namespace mp = aero::proto::msgpack;

std::string packed_int(int64_t v) {
    proto::Buffer b;
    mp::pack_int(b, v);
    return std::string(b.begin(), b.end());
}

std::string packed_str(std::string_view s) {
    proto::Buffer b;
    mp::pack_str(b, s);
    return std::string(b.begin(), b.end());
}

constexpr const char* kModule = R"(
local function add(a, b) return a + b end
function total(s) return s : map(function(r) return r.n end) : reduce(add) end
function scaled(s, k) return s : map(function(r) return r.n end) : reduce(add) : map(function(t) return t * k end) end
function fails(s) return s : map(function(r) return r end) : reduce(add) : map(function(t) error('final boom') end) end
function echo_strings(s) return s : filter(function(r) return r end) end
)";

TEST(AggregateFinal, RunsTheReduceAgainOverTheNodesValues) {
    std::vector<std::string> out;
    const uint8_t no_args[] = {0x90};
    ASSERT_TRUE(aggregate_final(kModule, "m", "total", no_args, sizeof no_args,
                                {packed_int(10), packed_int(20), packed_int(12)}, out).is_ok());
    ASSERT_EQ(out.size(), 1u);
    EXPECT_EQ(out[0], packed_int(42));
}

TEST(AggregateFinal, RunsTheOpsAfterTheReduceWithTheArguments) {
    std::vector<std::string> out;
    const uint8_t args[] = {0x91, 0x03};  // [3]
    ASSERT_TRUE(aggregate_final(kModule, "m", "scaled", args, sizeof args, {packed_int(1), packed_int(2)}, out).is_ok());
    ASSERT_EQ(out.size(), 1u);
    EXPECT_EQ(out[0], packed_int(9));
}

TEST(AggregateFinal, WithoutAReduceTheValuesPassThrough) {
    // Before the first reduce everything ran on the nodes; the client passes values on.
    std::vector<std::string> out;
    ASSERT_TRUE(aggregate_final(kModule, "m", "echo_strings", nullptr, 0, {packed_str("a"), packed_str("b")}, out).is_ok());
    EXPECT_EQ(out, (std::vector<std::string>{packed_str("a"), packed_str("b")}));
    ASSERT_TRUE(aggregate_final(kModule, "m", "total", nullptr, 0, {}, out).is_ok());
    EXPECT_TRUE(out.empty());
}

TEST(AggregateFinal, LuaErrorsAreUdfErrors) {
    std::vector<std::string> out;
    Status s = aggregate_final(kModule, "m", "fails", nullptr, 0, {packed_int(1)}, out);
    EXPECT_EQ(s.code(), 100);
    EXPECT_NE(s.message().find("m.lua:5: final boom"), std::string::npos) << s.message();
    EXPECT_TRUE(out.empty());
    EXPECT_EQ(aggregate_final(kModule, "m", "missing", nullptr, 0, {}, out).message(), "function not found");
    EXPECT_EQ(aggregate_final("syntax error here", "m", "total", nullptr, 0, {}, out).code(), 100);
    const uint8_t bad[] = {0x92};
    EXPECT_EQ(aggregate_final(kModule, "m", "total", bad, sizeof bad, {}, out).code(), kErrParam);
    EXPECT_EQ(aggregate_final(kModule, "m", "total", nullptr, 0, {std::string("\xc1")}, out).code(), kErrParam);
}

}  // namespace
}  // namespace aero::lua
