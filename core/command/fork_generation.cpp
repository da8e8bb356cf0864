#include "core/command/fork_generation.h"

#include <pthread.h>

#include <atomic>

namespace aero {

namespace {

std::atomic<unsigned> generation{0};

// Registered when libaero loads, before any client exists.
const int registered = pthread_atfork(nullptr, nullptr, [] { generation.fetch_add(1, std::memory_order_relaxed); });

}  // namespace

unsigned fork_generation() {
    (void)registered;
    return generation.load(std::memory_order_relaxed);
}

}  // namespace aero
