#include "core/command/async_engines.h"

#include <gtest/gtest.h>

namespace aero {
namespace {

// Two loops on two CPUs or more; one when a single CPU, one connection, or the
// max_concurrent_operations limit (kept by one loop) leaves nothing to share.
TEST(AsyncEngines, RunsTwoLoopsOnlyWhereTheyCanShare) {
    ClientConfig c;
    EXPECT_EQ(AsyncEngines::loops_for(c, 2), 2u);
    EXPECT_EQ(AsyncEngines::loops_for(c, 64), 2u);
    EXPECT_EQ(AsyncEngines::loops_for(c, 1), 1u);
    EXPECT_EQ(AsyncEngines::loops_for(c, 0), 1u);  // unknown
    c.max_conns_per_node = 1;
    EXPECT_EQ(AsyncEngines::loops_for(c, 2), 1u);
    c.max_conns_per_node = 2;
    EXPECT_EQ(AsyncEngines::loops_for(c, 2), 2u);
    c.max_concurrent_operations = 10;
    EXPECT_EQ(AsyncEngines::loops_for(c, 2), 1u);
}

// The loops' connections add up to max_conns_per_node.
TEST(AsyncEngines, SharesTheConnections) {
    EXPECT_EQ(AsyncEngines::conns_for(256, 2, 0), 128u);
    EXPECT_EQ(AsyncEngines::conns_for(256, 2, 1), 128u);
    EXPECT_EQ(AsyncEngines::conns_for(3, 2, 0), 2u);
    EXPECT_EQ(AsyncEngines::conns_for(3, 2, 1), 1u);
    EXPECT_EQ(AsyncEngines::conns_for(7, 1, 0), 7u);
}

// Few commands in flight stay on the first loop; beyond kSpreadAbove the less busy one takes
// the next, the first on a tie.
TEST(AsyncEngines, SpreadsOnlyBeyondTheThreshold) {
    constexpr int32_t t = AsyncEngines::kSpreadAbove;
    EXPECT_EQ(AsyncEngines::choose(0, 0, 2), 0u);
    EXPECT_EQ(AsyncEngines::choose(t, 0, 2), 0u);
    EXPECT_EQ(AsyncEngines::choose(t + 1, 0, 2), 1u);
    EXPECT_EQ(AsyncEngines::choose(t + 1, t + 1, 2), 0u);
    EXPECT_EQ(AsyncEngines::choose(t + 5, t + 9, 2), 0u);
    EXPECT_EQ(AsyncEngines::choose(t + 9, t + 5, 2), 1u);
    EXPECT_EQ(AsyncEngines::choose(t * 10, 0, 1), 0u);  // one loop
}

}  // namespace
}  // namespace aero
