#include "core/command/host_turn.h"

#include <gtest/gtest.h>

#include <atomic>
#include <chrono>
#include <thread>
#include <vector>

namespace aero {
namespace {

using Clock = std::chrono::steady_clock;

// One thread alone never waits for itself: 10,000 turns take far less than 10,000 budgets.
TEST(HostTurn, ALoneThreadNeverWaits) {
    { HostTurn warm(true); }
    const auto start = Clock::now();
    for (int i = 0; i < 10000; i++) {
        HostTurn turn(true);
    }
    EXPECT_LT(Clock::now() - start, 10000 * kHostTurnBudget / 4);
}

// A thread that just came back makes the next one to come back wait, for at most the budget.
TEST(HostTurn, WaitsForAnotherThreadAtMostTheBudget) {
    std::thread other([] { HostTurn turn(true); });
    other.join();
    const auto start = Clock::now();
    { HostTurn mine(true); }
    EXPECT_LT(Clock::now() - start, std::chrono::milliseconds(50));
}

// A thread that came back long ago and stayed in the host (busy with something else) is not
// waited for: 10,000 turns of this thread take far less than 10,000 budgets.
TEST(HostTurn, AThreadBackLongAgoIsNotWaitedFor) {
    std::atomic<bool> back{false}, done{false};
    std::thread other([&] {
        { HostTurn turn(true); }
        back = true;
        while (!done) std::this_thread::sleep_for(std::chrono::milliseconds(1));
    });
    while (!back) std::this_thread::yield();
    std::this_thread::sleep_for(10 * kHostTurnBudget);
    const auto start = Clock::now();
    for (int i = 0; i < 10000; i++) {
        HostTurn turn(true);
    }
    const auto elapsed = Clock::now() - start;
    done = true;
    other.join();
    EXPECT_LT(elapsed, 10000 * kHostTurnBudget / 4);
}

// Many threads taking turns, some of them disabled, all finish (a wait without its bound
// would hang here), and more threads than libaero keeps places for in its line (64) still run.
TEST(HostTurn, ManyThreadsFinish) {
    std::vector<std::thread> threads;
    for (int t = 0; t < 80; t++)
        threads.emplace_back([t] {
            for (int i = 0; i < 500; i++) {
                HostTurn turn(t % 2 == 0);
            }
        });
    for (auto& t : threads) t.join();
}

}  // namespace
}  // namespace aero
