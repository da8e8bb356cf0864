// Spinning briefly for a reply before sleeping on it. A sync command that blocks in poll() puts
// its thread to sleep, and the wake-up when the reply lands costs tens of microseconds where a
// CPU goes idle between them (virtual machines above all): more than a fast server takes to
// answer. So the caller first reads without blocking for a few tens of microseconds. Spinning
// is rationed process-wide: only while no more threads wait for replies than half the CPUs
// (with more, the CPUs are busy anyway and a spinner only takes time from them), and when the
// spins keep missing (the server answers slower than the budget, a remote one say) they stop,
// and only one wait in 64 tries again.
#pragma once

#include <chrono>

namespace aero::net {

class ReplySpin {
public:
    // How long one spin lasts at most.
    static constexpr std::chrono::microseconds kBudget{50};

    // Counts a thread as waiting for a reply while it lives.
    struct Waiting {
        Waiting();
        ~Waiting();
        Waiting(const Waiting&) = delete;
        Waiting& operator=(const Waiting&) = delete;
    };

    // Whether this wait (inside a Waiting) may spin; when true, leave() must follow.
    static bool enter();
    // Ends a spin: `hit` when the reply came within it.
    static void leave(bool hit);
    // A pause of about a microsecond between two non-blocking reads.
    static void relax();
};

}  // namespace aero::net
