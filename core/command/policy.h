// Per-command policy: client defaults overlaid with an optional msgpack map from the caller.
#pragma once

#include <cstdint>
#include <string_view>

#include "core/cluster/config.h"
#include "core/status.h"

namespace aero {

// Policy and operation codes as the C ABI numbers them (aero.h AERO_POLICY_*, AERO_OP_*);
// capi/ checks at compile time that the two agree.
enum ExistsPolicy : uint8_t {
    kExistsIgnore = 0,
    kExistsUpdateOnly = 1,
    kExistsReplace = 2,
    kExistsReplaceOnly = 3,
    kExistsCreateOnly = 4,
};
enum GenPolicy : uint8_t { kGenIgnore = 0, kGenEq = 1, kGenGt = 2 };
enum ReplicaPolicy : uint8_t { kReplicaMaster = 0, kReplicaSequence = 1, kReplicaPreferRack = 2 };
enum ReadModeSc : uint8_t {
    kReadModeScSession = 0,
    kReadModeScLinearize = 1,
    kReadModeScAllowReplica = 2,
    kReadModeScAllowUnavailable = 3,
};
enum OpCode : int {
    kOpCodeRead = 1,
    kOpCodeWrite = 2,
    kOpCodeIncr = 5,
    kOpCodeExpRead = 7,
    kOpCodeExpModify = 8,
    kOpCodeAppend = 9,
    kOpCodePrepend = 10,
    kOpCodeTouch = 11,
    kOpCodeDelete = 12,
};

struct Policy {
    uint32_t socket_timeout_ms = 30000;
    uint32_t total_timeout_ms = 1000;
    uint32_t max_retries = 0;
    uint32_t sleep_between_retries_ms = 0;
    // After a socket read timeout, how long the connection's reply may still be drained so
    // that the connection is pooled again rather than closed (0: closed at once).
    uint32_t timeout_delay_ms = 0;
    // Retry backoff (extensions; the defaults keep the official clients' fixed pause): the
    // pause before retry n is sleep_between_retries × backoff_multiplier^(n-1), at most
    // max_sleep_between_retries (0: no cap), and with jitter a random time up to that.
    double backoff_multiplier = 1.0;
    uint32_t max_sleep_between_retries_ms = 0;
    bool jitter = false;
    bool send_key = false;
    uint8_t exists = kExistsIgnore;
    uint8_t gen_mode = kGenIgnore;
    uint32_t generation = 0;
    int64_t ttl = 0;          // 0 namespace default, -1 never, -2 keep; else seconds
    bool commit_master = false;
    bool durable_delete = false;
    bool read_mode_all = false;
    uint8_t replica = 1;      // 0 master, 1 sequence, 2 prefer rack
    // Strong-consistency namespaces: 0 session, 1 linearize, 2 allow replica, 3 allow unavailable.
    uint8_t read_mode_sc = 0;
    int32_t read_touch_ttl_percent = 0;
    uint32_t info_timeout_ms = 1000;
    // Info: hand a node's "ERROR:..." answer back as text instead of as a failed status.
    bool info_raw_errors = false;
    // Batches: how many times rows that failed with a transient code (and are not in doubt)
    // are sent again.
    uint32_t row_retries = 0;
    // Batches: append [attempts, max_attempts, truncated_by_timeout, unresolved] to the result.
    bool report_retries = false;
    // Batches: let the server run rows inline (in-memory / on-device namespaces), and have
    // every row report its own error rather than stopping the batch at the first failure.
    bool allow_inline = true;
    bool allow_inline_ssd = false;
    bool respond_all_keys = true;
    // Batches: send the node requests one after another (policy concurrency 0) rather than
    // all at once.
    bool batch_sequential = false;
    // The filter expression (its ABI tree, see aero.h "Expressions"), borrowed from the
    // caller's policy map; null for none. A record it rejects answers FILTERED_OUT (27).
    const uint8_t* filter = nullptr;
    size_t filter_len = 0;
    // The operation name metrics record the command under (empty: the command's own name),
    // borrowed from the caller's policy map like the filter.
    std::string_view metrics_op;

    // The name metrics record the command under: metrics_op, else the command's own name.
    std::string_view metrics_name(std::string_view command) const {
        return metrics_op.empty() ? command : metrics_op;
    }
};

enum class PolicyKind { kRead, kWrite, kInfo, kQuery };

// The pause before retry number `retry` (1 for the first retry), in milliseconds.
uint32_t retry_pause_ms(const Policy& p, uint32_t retry);

// Starts from the client's defaults for `kind`, then applies `map` (msgpack) when given.
// Unknown keys, wrong types and out-of-range values are kErrParam naming the key.
Status parse_policy(const ClientConfig& config, PolicyKind kind, const uint8_t* map, size_t len, Policy& out);
// Applies the settings of a msgpack policy map (or nothing for null) on top of `out`.
Status apply_policy_map(const uint8_t* map, size_t len, Policy& out);

}  // namespace aero
