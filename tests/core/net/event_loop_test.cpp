// Every posted task runs, in order per poster, whether the loop is asleep in its poll, busy
// with callbacks or posting to itself; before_poll runs after the tasks of its iteration.
#include "core/net/event_loop.h"

#include <gtest/gtest.h>

#include <atomic>
#include <chrono>
#include <future>
#include <random>
#include <thread>
#include <vector>

namespace aero::net {
namespace {

using namespace std::chrono_literals;

// Waits up to 10 s for `done`: a lost wake-up shows as a timeout, not a hang.
bool wait_for(const std::atomic<bool>& done) {
    auto until = std::chrono::steady_clock::now() + 10s;
    while (!done.load()) {
        if (std::chrono::steady_clock::now() > until) return false;
        std::this_thread::sleep_for(100us);
    }
    return true;
}

TEST(EventLoop, AWaitingLoopRunsALonePostAtOnce) {
    EventLoop loop;
    ASSERT_TRUE(loop.start("test-loop").is_ok());
    for (int i = 0; i < 200; i++) {
        std::promise<void> ran;
        auto fut = ran.get_future();
        ASSERT_TRUE(loop.post([&ran] { ran.set_value(); }));
        ASSERT_EQ(fut.wait_for(5s), std::future_status::ready) << "post " << i;
        if (i % 20 == 0) std::this_thread::sleep_for(2ms);  // let the loop fall asleep
    }
    loop.stop(nullptr);
}

TEST(EventLoop, ATaskPostedFromTheLoopRunsOnTheNextIteration) {
    EventLoop loop;
    std::atomic<int> polls{0};
    ASSERT_TRUE(loop.start("test-loop", [&polls] { polls++; }).is_ok());
    std::promise<int> second;
    auto fut = second.get_future();
    ASSERT_TRUE(loop.post([&] {
        int at = polls.load();
        loop.post([&second, &polls, at] { second.set_value(polls.load() - at); });
    }));
    ASSERT_EQ(fut.wait_for(5s), std::future_status::ready);
    EXPECT_LE(fut.get(), 1);  // woken at once: run before, or just after, one more before_poll
    loop.stop(nullptr);
}

TEST(EventLoop, PostsFromManyThreadsAllRunInEachPostersOrder) {
    constexpr int kThreads = 4, kPerThread = 20000;
    EventLoop loop;
    std::atomic<int> ran{0};
    std::atomic<bool> all_ran{false};
    std::vector<int> last(kThreads, -1);  // loop thread only
    std::atomic<bool> in_order{true};
    ASSERT_TRUE(loop.start("test-loop").is_ok());
    std::vector<std::thread> posters;
    for (int t = 0; t < kThreads; t++) {
        posters.emplace_back([&, t] {
            std::mt19937 rng{uint32_t(t)};
            for (int i = 0; i < kPerThread; i++) {
                bool slow = rng() % 64 == 0;  // keeps the loop busy for a while
                loop.post([&, t, i, slow] {
                    if (last[size_t(t)] != i - 1) in_order = false;
                    last[size_t(t)] = i;
                    if (slow) std::this_thread::sleep_for(20us);
                    if (++ran == kThreads * kPerThread) all_ran = true;
                });
                if (rng() % 256 == 0) std::this_thread::sleep_for(200us);  // lets it poll
            }
        });
    }
    for (auto& p : posters) p.join();
    EXPECT_TRUE(wait_for(all_ran)) << ran.load() << " of " << kThreads * kPerThread << " ran";
    EXPECT_TRUE(in_order.load());
    loop.stop(nullptr);
}

TEST(EventLoop, BeforePollSeesTheTasksOfItsIteration) {
    EventLoop loop;
    std::atomic<int> ran{0};
    std::atomic<int> seen{0};
    std::atomic<bool> done{false};
    ASSERT_TRUE(loop.start("test-loop", [&] {
        seen = ran.load();
        if (seen == 3) done = true;
    }).is_ok());
    for (int i = 0; i < 3; i++) ASSERT_TRUE(loop.post([&ran] { ran++; }));
    EXPECT_TRUE(wait_for(done));
    loop.stop(nullptr);
}

}  // namespace
}  // namespace aero::net
