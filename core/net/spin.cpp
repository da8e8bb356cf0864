#include "core/net/spin.h"

#include <sched.h>

#include <algorithm>
#include <atomic>
#include <cstdint>

namespace aero::net {

namespace {

// Waits begun so far, and until when (steady clock, ns) commands count as concurrent.
std::atomic<unsigned> begun{0};
std::atomic<int64_t> concurrent_until{0};
constexpr int64_t kConcurrencyMemoryNs = 1'000'000;

int64_t now_ns() {
    return std::chrono::duration_cast<std::chrono::nanoseconds>(std::chrono::steady_clock::now().time_since_epoch())
        .count();
}

// Rises on hits and falls faster on misses, within [-kCredit, kCredit]; spins run while it is
// positive.
constexpr int kCredit = 16;
std::atomic<int> credit{kCredit};
std::atomic<unsigned> waits{0};

}  // namespace

ReplySpin::Waiting::Waiting() : ticket_(begun.fetch_add(1, std::memory_order_relaxed)) {}

ReplySpin::Waiting::~Waiting() {
    if (begun.load(std::memory_order_relaxed) != ticket_ + 1)
        concurrent_until.store(now_ns() + kConcurrencyMemoryNs, std::memory_order_relaxed);
}

ReplySpin::Mode ReplySpin::enter() {
    if (credit.load(std::memory_order_relaxed) <= 0 && (waits.fetch_add(1, std::memory_order_relaxed) & 63) != 0)
        return Mode::kBlock;
    return now_ns() < concurrent_until.load(std::memory_order_relaxed) ? Mode::kYield : Mode::kSpin;
}

void ReplySpin::leave(bool hit) {
    // Racy read-modify-write on purpose: the count is a hint, and a lost update costs nothing.
    int c = credit.load(std::memory_order_relaxed);
    credit.store(hit ? std::min(kCredit, c + 1) : std::max(-kCredit, c - 2), std::memory_order_relaxed);
}

void ReplySpin::relax(Mode mode) {
    if (mode == Mode::kYield) {
        sched_yield();
        return;
    }
    for (int i = 0; i < 32; i++) {
#if defined(__x86_64__) || defined(__i386__)
        __builtin_ia32_pause();
#elif defined(__aarch64__)
        asm volatile("yield");
#endif
    }
}

}  // namespace aero::net
