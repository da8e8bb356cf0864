#include "core/net/spin.h"

#include <gtest/gtest.h>

#include <chrono>
#include <thread>

namespace aero::net {
namespace {

// Hits enough to restore full credit, and a pause longer than the memory of concurrent waits.
void settle() {
    for (int i = 0; i < 64; i++) ReplySpin::leave(true);
    std::this_thread::sleep_for(std::chrono::milliseconds(5));
}

// A wait with no other wait around it spins.
TEST(ReplySpin, ALoneWaitSpins) {
    settle();
    { ReplySpin::Waiting alone; }
    EXPECT_EQ(ReplySpin::enter(), ReplySpin::Mode::kSpin);
    ReplySpin::leave(true);
}

// Once a wait saw another begin during it, the next waits yield their CPU instead of spinning.
TEST(ReplySpin, WaitsAmongOthersYield) {
    settle();
    {
        ReplySpin::Waiting first;
        ReplySpin::Waiting second;
    }
    EXPECT_EQ(ReplySpin::enter(), ReplySpin::Mode::kYield);
    ReplySpin::leave(true);
}

// Waits that keep missing their reply stop spinning and yielding, but for one in 64 tries.
TEST(ReplySpin, MissesStopBothButOneTryIn64) {
    settle();
    for (int i = 0; i < 64; i++) ReplySpin::leave(false);
    int tries = 0;
    for (int i = 0; i < 128; i++) {
        if (ReplySpin::enter() != ReplySpin::Mode::kBlock) tries++;
    }
    EXPECT_EQ(tries, 2);
    settle();
}

}  // namespace
}  // namespace aero::net
