#include "core/command/host_turn.h"

#include <sched.h>

#include <atomic>
#include <cstdint>

namespace aero {

namespace {

using Clock = std::chrono::steady_clock;

// Process-wide, as the host's lock is. Each is read and written on its own: a torn view of
// the three only makes one wait shorter or longer, never beyond the budget.
std::atomic<uint64_t> g_calls{0};          // calls into libaero so far
std::atomic<uintptr_t> g_last_back{0};     // the thread that came back last
std::atomic<int64_t> g_last_back_at{0};    // when, in Clock ticks

uintptr_t this_thread() {
    thread_local char tag;
    return reinterpret_cast<uintptr_t>(&tag);
}

}  // namespace

HostTurn::HostTurn(bool enabled) : enabled_(enabled) {
    if (enabled_) g_calls.fetch_add(1, std::memory_order_relaxed);
}

HostTurn::~HostTurn() {
    if (!enabled_) return;
    const uintptr_t me = this_thread();
    const Clock::time_point other_back{Clock::duration(g_last_back_at.load(std::memory_order_relaxed))};
    Clock::time_point now = Clock::now();
    const Clock::time_point until = now + kHostTurnBudget;
    if (g_last_back.load(std::memory_order_relaxed) != me && now < other_back + kHostTurnBudget) {
        const uint64_t calls = g_calls.load(std::memory_order_relaxed);
        while (g_calls.load(std::memory_order_relaxed) == calls && now < until) {
            sched_yield();
            now = Clock::now();
        }
    }
    g_last_back.store(me, std::memory_order_relaxed);
    g_last_back_at.store(now.time_since_epoch().count(), std::memory_order_relaxed);
}

}  // namespace aero
