// The two deadlines a sync command keeps: total_timeout's, counted from the command's start,
// and each attempt's, socket_timeout from the attempt's start but never past the total one.
#pragma once

#include <algorithm>
#include <chrono>

#include "core/command/policy.h"
#include "core/net/connection.h"

namespace aero {

// When total_timeout runs out for a command begun at `start`; never without one.
inline net::Clock::time_point total_deadline(const Policy& p, net::Clock::time_point start) {
    return p.total_timeout_ms > 0 ? start + std::chrono::milliseconds(p.total_timeout_ms) : net::Clock::time_point::max();
}

// The deadline of an attempt begun now: socket_timeout away (none when it is 0), bounded by
// `total`, the command's total_deadline.
inline net::Clock::time_point attempt_deadline(const Policy& p, net::Clock::time_point total) {
    if (p.socket_timeout_ms == 0) return total;
    return std::min(total, net::Clock::now() + std::chrono::milliseconds(p.socket_timeout_ms));
}

}  // namespace aero
