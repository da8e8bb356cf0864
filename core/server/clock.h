// Server clocks: void times in seconds since the Aerospike epoch, last-update times in
// milliseconds since the Unix epoch (the real server keeps LUTs in ms, so truncate compares
// at ms granularity).
#pragma once

#include <chrono>
#include <cstdint>

#include "core/proto/ttl.h"

namespace aero::server {

// Seconds since the Aerospike epoch (2010-01-01), the unit of record void times.
inline uint32_t now_void_time_base() { return uint32_t(proto::now_unix_seconds() - proto::kAerospikeEpochUnix); }

// Milliseconds since the Unix epoch, the unit of record last-update times.
inline uint64_t now_unix_ms() {
    return uint64_t(std::chrono::duration_cast<std::chrono::milliseconds>(
        std::chrono::system_clock::now().time_since_epoch()).count());
}

// True when a record with this void time has expired at `now` (Aerospike-epoch seconds).
inline bool is_expired(uint32_t void_time, uint32_t now) { return void_time != 0 && void_time <= now; }

}  // namespace aero::server
