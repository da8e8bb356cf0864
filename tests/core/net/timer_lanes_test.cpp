// Timer lanes fire each armed entry once, when due, in deadline order across lanes; disarmed
// and re-armed entries fire at their last deadline only; a callback may arm entries again.
#include "core/net/timer_lanes.h"

#include <gtest/gtest.h>

#include <string>
#include <vector>

namespace aero::net {
namespace {

struct TimerLanesTest : ::testing::Test {
    void SetUp() override { ASSERT_EQ(uv_loop_init(&loop), 0); }
    void TearDown() override {
        lanes.close();
        uv_run(&loop, UV_RUN_DEFAULT);
        EXPECT_EQ(uv_loop_close(&loop), 0);
    }
    uv_loop_t loop{};
    TimerLanes lanes{&loop};
};

// What fired, by name, and when on the loop's clock.
struct Timed {
    std::string name;
    std::vector<std::pair<std::string, uint64_t>>* log = nullptr;
    uv_loop_t* loop = nullptr;
    uint64_t armed_at = 0;
    TimerLanes::Entry entry;
    Timed(std::string n, std::vector<std::pair<std::string, uint64_t>>* l, uv_loop_t* lp)
        : name(std::move(n)), log(l), loop(lp) {
        entry.owner = this;
    }
    static void fired(TimerLanes::Entry& e) {
        auto* t = static_cast<Timed*>(e.owner);
        EXPECT_FALSE(TimerLanes::armed(e));
        t->log->emplace_back(t->name, uv_now(t->loop) - t->armed_at);
    }
};

TEST_F(TimerLanesTest, FiresInDeadlineOrderAcrossLanes) {
    std::vector<std::pair<std::string, uint64_t>> log;
    Timed a("a30", &log, &loop), b("b10", &log, &loop), c("c30", &log, &loop), d("d20", &log, &loop);
    for (auto [t, ms] : {std::pair{&a, 30}, {&b, 10}, {&c, 30}, {&d, 20}}) {
        t->armed_at = uv_now(&loop);
        lanes.arm(t->entry, ms, Timed::fired);
        EXPECT_TRUE(TimerLanes::armed(t->entry));
    }
    uv_run(&loop, UV_RUN_DEFAULT);
    ASSERT_EQ(log.size(), 4u);
    EXPECT_EQ(log[0].first, "b10");
    EXPECT_EQ(log[1].first, "d20");
    EXPECT_EQ(log[2].first, "a30");
    EXPECT_EQ(log[3].first, "c30");
    EXPECT_GE(log[0].second, 10u);
    EXPECT_GE(log[1].second, 20u);
    EXPECT_GE(log[3].second, 30u);
}

TEST_F(TimerLanesTest, DisarmedNeverFiresAndTheOthersStillDo) {
    std::vector<std::pair<std::string, uint64_t>> log;
    Timed head("head", &log, &loop), mid("mid", &log, &loop), tail("tail", &log, &loop);
    lanes.arm(head.entry, 5, Timed::fired);
    lanes.arm(mid.entry, 5, Timed::fired);
    lanes.arm(tail.entry, 5, Timed::fired);
    lanes.disarm(head.entry);  // the head that set the uv timer leaves
    lanes.disarm(mid.entry);
    lanes.disarm(mid.entry);   // twice: nothing
    EXPECT_FALSE(TimerLanes::armed(head.entry));
    uv_run(&loop, UV_RUN_DEFAULT);
    ASSERT_EQ(log.size(), 1u);
    EXPECT_EQ(log[0].first, "tail");
}

TEST_F(TimerLanesTest, RearmingMovesTheDeadline) {
    std::vector<std::pair<std::string, uint64_t>> log;
    Timed t("t", &log, &loop), other("other", &log, &loop);
    t.armed_at = other.armed_at = uv_now(&loop);
    lanes.arm(t.entry, 5, Timed::fired);
    lanes.arm(other.entry, 15, Timed::fired);
    lanes.arm(t.entry, 25, Timed::fired);  // moves to a lane of its own
    uv_run(&loop, UV_RUN_DEFAULT);
    ASSERT_EQ(log.size(), 2u);
    EXPECT_EQ(log[0].first, "other");
    EXPECT_EQ(log[1].first, "t");
    EXPECT_GE(log[1].second, 25u);
}

// A callback arming its own entry again (a retry pause) and another one in a new lane.
struct Repeater {
    Repeater(TimerLanes* l, int n) : lanes(l), left(n) { entry.owner = extra.owner = this; }
    TimerLanes* lanes;
    int left;
    int fired = 0;
    TimerLanes::Entry entry;
    TimerLanes::Entry extra;
    int extra_fired = 0;
    static void fire(TimerLanes::Entry& e) {
        auto* r = static_cast<Repeater*>(e.owner);
        r->fired++;
        if (--r->left > 0) r->lanes->arm(e, 1, fire);
        if (r->fired == 1) r->lanes->arm(r->extra, 7, [](TimerLanes::Entry& x) {
            static_cast<Repeater*>(x.owner)->extra_fired++;
        });
    }
};

TEST_F(TimerLanesTest, CallbacksMayArmAgain) {
    Repeater r(&lanes, 5);
    lanes.arm(r.entry, 0, Repeater::fire);  // 0 counts as 1 ms
    uv_run(&loop, UV_RUN_DEFAULT);
    EXPECT_EQ(r.fired, 5);
    EXPECT_EQ(r.extra_fired, 1);
}

TEST_F(TimerLanesTest, NothingFiresAfterClose) {
    std::vector<std::pair<std::string, uint64_t>> log;
    Timed t("t", &log, &loop);
    lanes.arm(t.entry, 5, Timed::fired);
    lanes.close();
    lanes.arm(t.entry, 5, Timed::fired);
    EXPECT_FALSE(TimerLanes::armed(t.entry));
    uv_run(&loop, UV_RUN_DEFAULT);
    EXPECT_TRUE(log.empty());
}

}  // namespace
}  // namespace aero::net
