// What a node's commands did, for the host's introspection (aero_client_stats): counters any
// thread updates with relaxed atomics (exact counts, no ordering needed).
#pragma once

#include <atomic>
#include <cstdint>

namespace aero {

struct NodeStats {
    std::atomic<uint64_t> commands{0};   // attempts sent to the node
    std::atomic<int64_t> in_flight{0};   // attempts running now
    std::atomic<uint64_t> errors{0};     // attempts that failed (transport or transient server errors)
    std::atomic<uint64_t> timeouts{0};   // attempts that timed out (counted in errors too)
    std::atomic<uint64_t> retries{0};    // retries after an attempt on the node failed
    std::atomic<int64_t> async_open{0};  // the async engine's connections to the node
    // Connections whose reply timed out and that were drained and pooled again (recovered)
    // or closed when the drain failed or ran out of time (aborted): the timeout_delay policy.
    std::atomic<uint64_t> recovered{0};
    std::atomic<uint64_t> aborted{0};

    // An attempt began / ended with status `code`; `failed` when it is the node's failure
    // (not a record-level answer such as not-found).
    void begin() {
        commands.fetch_add(1, std::memory_order_relaxed);
        in_flight.fetch_add(1, std::memory_order_relaxed);
    }
    void end(int code, bool failed) {
        in_flight.fetch_sub(1, std::memory_order_relaxed);
        if (!failed) return;
        errors.fetch_add(1, std::memory_order_relaxed);
        if (code == 9) timeouts.fetch_add(1, std::memory_order_relaxed);
    }
};

}  // namespace aero
