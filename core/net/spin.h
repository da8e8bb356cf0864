// Spinning briefly for a reply before sleeping on it. A sync command that blocks in poll() puts
// its thread to sleep, and the wake-up when the reply lands costs tens of microseconds where a
// CPU goes idle between them (virtual machines above all): more than a fast server takes to
// answer. So the caller first reads without blocking for up to 200 µs: a batch of 100 records
// comes back in about 100 µs, and a thread that slept through that wait took 30-40 µs more to
// see it (benchmarks/profiles.md, "Batches: spinning through the server's work"). While other
// threads began waiting for replies during a wait in the last millisecond, the CPUs are busy
// anyway and a spinner would only take time from them and the server, so the caller instead
// gives its CPU away between reads, for up to 30 µs: the threads that run meanwhile (the
// server's, or the caller's own, with the GIL) are what the reply waits for, and a caller
// that finds it there on its return never sleeps (profiles.md, "Many threads: yielding for
// the reply"). When the reads keep missing (the server answers slower than the budget, a
// remote one say) both stop, and only one wait in 64 tries again.
#pragma once

#include <chrono>

namespace aero::net {

class ReplySpin {
public:
    // How a wait reads before it blocks: not at all, spinning (kBudget at most), or yielding
    // the CPU between reads (kYieldBudget at most).
    enum class Mode { kBlock, kSpin, kYield };
    static constexpr std::chrono::microseconds kBudget{200};
    static constexpr std::chrono::microseconds kYieldBudget{30};

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

    // How this wait (inside a Waiting) reads first; unless kBlock, leave() must follow.
    static Mode enter();
    // Ends a spin or a yield: `hit` when the reply came within it.
    static void leave(bool hit);
    // What comes between two non-blocking reads: a pause of about a microsecond (kSpin), or
    // the CPU given to another runnable thread (kYield).
    static void relax(Mode mode);
};

}  // namespace aero::net
