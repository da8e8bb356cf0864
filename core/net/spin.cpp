#include "core/net/spin.h"

#include <algorithm>
#include <atomic>
#include <thread>

namespace aero::net {

namespace {

std::atomic<int> waiting{0};
// Rises on hits and falls faster on misses, within [-kCredit, kCredit]; spins run while it is
// positive.
constexpr int kCredit = 16;
std::atomic<int> credit{kCredit};
std::atomic<unsigned> waits{0};

int max_spinning() {
    static const int n = std::max(1, int(std::thread::hardware_concurrency() / 2));
    return n;
}

}  // namespace

ReplySpin::Waiting::Waiting() { waiting.fetch_add(1, std::memory_order_relaxed); }
ReplySpin::Waiting::~Waiting() { waiting.fetch_sub(1, std::memory_order_relaxed); }

bool ReplySpin::enter() {
    if (waiting.load(std::memory_order_relaxed) > max_spinning()) return false;
    return credit.load(std::memory_order_relaxed) > 0 || (waits.fetch_add(1, std::memory_order_relaxed) & 63) == 0;
}

void ReplySpin::leave(bool hit) {
    // Racy read-modify-write on purpose: the count is a hint, and a lost update costs nothing.
    int c = credit.load(std::memory_order_relaxed);
    credit.store(hit ? std::min(kCredit, c + 1) : std::max(-kCredit, c - 2), std::memory_order_relaxed);
}

void ReplySpin::relax() {
    for (int i = 0; i < 32; i++) {
#if defined(__x86_64__) || defined(__i386__)
        __builtin_ia32_pause();
#elif defined(__aarch64__)
        asm volatile("yield");
#endif
    }
}

}  // namespace aero::net
