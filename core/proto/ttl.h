// Record expiry on the wire: void times count seconds from the Aerospike epoch (§3.4).
#pragma once

#include <chrono>
#include <cstdint>

namespace aero::proto {

// 2010-01-01T00:00:00Z, the "citrusleaf epoch" of server void times.
constexpr int64_t kAerospikeEpochUnix = 1262304000;
// The u32 TTL values with special meaning in requests (§3.3).
constexpr uint32_t kTtlNeverExpire = 0xFFFFFFFF;
constexpr uint32_t kTtlDontUpdate = 0xFFFFFFFE;
// The largest TTL a server accepts: ten years.
constexpr uint32_t kTtlMax = 315360000;

// Seconds since the Unix epoch from the precise clock. time() reads the coarse clock, which
// can lag a few milliseconds behind and so, at a second boundary, report a TTL one second
// longer than the one written.
inline int64_t now_unix_seconds() {
    return std::chrono::duration_cast<std::chrono::seconds>(std::chrono::system_clock::now().time_since_epoch()).count();
}

// A reply's void time as the TTL clients report: 0 means never (u32 max); an already-passed
// void time reports 1 because 0 once meant "never".
inline uint32_t void_time_to_ttl(uint32_t void_time, int64_t now_unix) {
    if (void_time == 0) return kTtlNeverExpire;
    int64_t left = int64_t(void_time) + kAerospikeEpochUnix - now_unix;
    return left > 0 ? uint32_t(left) : 1;
}

}  // namespace aero::proto
