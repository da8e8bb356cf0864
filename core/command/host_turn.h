// Threads of a host that runs one of them at a time (CPython's global interpreter lock, the
// "host_lock" config key). A thread whose sync command is done while another host thread
// holds the lock would, back in the host, find it taken and sleep on it, and the hand-over
// would then cost a wake-up. Instead, the threads coming back queue in libaero in the order
// they came back: each gives its CPU away (sched_yield) while a thread that came back before
// it, less than kHostTurnBudget ago, has not called into libaero again (which the host does
// only after releasing the lock), and for at most the budget. The order matters: waiters
// that all went at the next call into libaero found the lock taken again, all but one of
// them, and slept on it (benchmarks/profiles.md, "Many threads: coming back in line").
#pragma once

#include <chrono>

namespace aero {

inline constexpr std::chrono::microseconds kHostTurnBudget{20};

// Scope of a sync command called from the host: built as the thread comes in, destroyed as
// it goes back. Does nothing unless `enabled`.
class HostTurn {
public:
    explicit HostTurn(bool enabled);
    ~HostTurn();
    HostTurn(const HostTurn&) = delete;
    HostTurn& operator=(const HostTurn&) = delete;

private:
    bool enabled_;
};

}  // namespace aero
