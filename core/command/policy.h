// Per-command policy: client defaults overlaid with an optional msgpack map from the caller.
#pragma once

#include <cstdint>

#include "core/cluster/config.h"
#include "core/status.h"

namespace aero {

struct Policy {
    uint32_t socket_timeout_ms = 30000;
    uint32_t total_timeout_ms = 1000;
    uint32_t max_retries = 0;
    uint32_t sleep_between_retries_ms = 0;
    bool send_key = false;
    uint8_t exists = 0;       // AERO_POLICY_EXISTS_* (aerospike-py numbering)
    uint8_t gen_mode = 0;     // AERO_POLICY_GEN_*
    uint32_t generation = 0;
    int64_t ttl = 0;          // 0 namespace default, -1 never, -2 keep; else seconds
    bool commit_master = false;
    bool durable_delete = false;
    bool read_mode_all = false;
    uint8_t replica = 1;      // AERO_POLICY_REPLICA_*
    int32_t read_touch_ttl_percent = 0;
    uint32_t info_timeout_ms = 1000;
};

enum class PolicyKind { kRead, kWrite, kInfo };

// Starts from the client's defaults for `kind`, then applies `map` (msgpack) when given.
// Unknown keys, wrong types and out-of-range values are kErrParam naming the key.
Status parse_policy(const ClientConfig& config, PolicyKind kind, const uint8_t* map, size_t len, Policy& out);

}  // namespace aero
