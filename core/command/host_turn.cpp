#include "core/command/host_turn.h"

#include <pthread.h>
#include <sched.h>

#include <atomic>
#include <cstddef>
#include <cstdint>
#include <limits>

namespace aero {

namespace {

using Clock = std::chrono::steady_clock;

constexpr uint64_t kNotBack = std::numeric_limits<uint64_t>::max();
constexpr size_t kSlots = 64;

// One thread's place in the line of threads back in the host: the ticket it took as it came
// back (kNotBack while it is in libaero), and when. Each field is read and written on its
// own: a torn view only makes one wait shorter or longer, never beyond the budget.
struct alignas(64) Slot {
    std::atomic<uint64_t> ticket{kNotBack};
    std::atomic<int64_t> back_at{0};  // Clock ticks
    std::atomic<bool> taken{false};
};

// Process-wide, as the host's lock is.
Slot g_slots[kSlots];
std::atomic<size_t> g_slots_used{0};  // high-water mark: slots past it were never taken
std::atomic<uint64_t> g_tickets{0};

thread_local Slot* t_slot = nullptr;  // the calling thread's, once it has one

// A forked child has only the thread that forked: the other threads' slots are free again.
const int registered = pthread_atfork(nullptr, nullptr, [] {
    for (Slot& s : g_slots) {
        if (&s == t_slot) continue;
        s.ticket.store(kNotBack);
        s.taken.store(false);
    }
});

// Takes a slot for the calling thread (into t_slot) on its first turn, and gives it back when
// the thread ends; when all are taken, t_slot stays null and that thread never waits.
class SlotOwner {
public:
    SlotOwner() {
        for (size_t i = 0; i < kSlots; i++) {
            bool free = false;
            if (g_slots[i].taken.compare_exchange_strong(free, true)) {
                t_slot = &g_slots[i];
                size_t used = g_slots_used.load();
                while (used < i + 1 && !g_slots_used.compare_exchange_weak(used, i + 1)) {
                }
                return;
            }
        }
    }
    ~SlotOwner() {
        if (t_slot == nullptr) return;
        t_slot->ticket.store(kNotBack);
        t_slot->taken.store(false);
        t_slot = nullptr;
    }
    SlotOwner(const SlotOwner&) = delete;
    SlotOwner& operator=(const SlotOwner&) = delete;
};

Slot* my_slot() {
    (void)registered;
    thread_local SlotOwner owner;
    return t_slot;
}

// Whether a thread that came back before `ticket`, less than a budget before `now`, has not
// called into libaero since: it holds the host's lock or waits for it.
bool someone_ahead(const Slot* mine, uint64_t ticket, Clock::time_point now) {
    const int64_t recent = (now - kHostTurnBudget).time_since_epoch().count();
    const size_t used = g_slots_used.load(std::memory_order_relaxed);
    for (size_t i = 0; i < used; i++) {
        const Slot& s = g_slots[i];
        if (&s == mine) continue;
        if (s.ticket.load(std::memory_order_relaxed) < ticket && s.back_at.load(std::memory_order_relaxed) > recent)
            return true;
    }
    return false;
}

}  // namespace

HostTurn::HostTurn(bool enabled) : enabled_(enabled) {
    if (!enabled_) return;
    if (Slot* mine = my_slot()) mine->ticket.store(kNotBack, std::memory_order_relaxed);
}

HostTurn::~HostTurn() {
    if (!enabled_) return;
    Slot* mine = my_slot();
    if (mine == nullptr) return;
    const uint64_t ticket = g_tickets.fetch_add(1, std::memory_order_relaxed);
    Clock::time_point now = Clock::now();
    mine->back_at.store(now.time_since_epoch().count(), std::memory_order_relaxed);
    mine->ticket.store(ticket, std::memory_order_relaxed);
    const Clock::time_point until = now + kHostTurnBudget;
    while (now < until && someone_ahead(mine, ticket, now)) {
        sched_yield();
        now = Clock::now();
    }
}

}  // namespace aero
