// Spinning briefly for a reply before sleeping on it. A sync command that blocks in poll() puts
// its thread to sleep, and the wake-up when the reply lands costs tens of microseconds where a
// CPU goes idle between them (virtual machines above all): more than a fast server takes to
// answer. So the caller first reads without blocking for up to 200 µs: a batch of 100 records
// comes back in about 100 µs, and a thread that slept through that wait took 30-40 µs more to
// see it (benchmarks/profiles.md, "Batches: spinning through the server's work"). Spinning
// is rationed process-wide: not while other threads began waiting for replies during a wait
// in the last millisecond (with concurrent commands the CPUs are busy anyway, and a spinner
// only takes time from them and the server), and when the spins keep missing (the server
// answers slower than the budget, a remote one say) they stop, and only one wait in 64 tries
// again.
#pragma once

#include <chrono>

namespace aero::net {

class ReplySpin {
public:
    // How long one spin lasts at most.
    static constexpr std::chrono::microseconds kBudget{200};

    // A thread's wait for a reply, while it lives: one that saw another begin marks the
    // process as running commands concurrently.
    class Waiting {
    public:
        Waiting();
        ~Waiting();
        Waiting(const Waiting&) = delete;
        Waiting& operator=(const Waiting&) = delete;

    private:
        unsigned ticket_;
    };

    // Whether this wait (inside a Waiting) may spin; when true, leave() must follow.
    static bool enter();
    // Ends a spin: `hit` when the reply came within it.
    static void leave(bool hit);
    // A pause of about a microsecond between two non-blocking reads.
    static void relax();
};

}  // namespace aero::net
