// Choosing the node for a key and classifying failures; shared by sync and async commands.
#pragma once

#include "core/cluster/cluster.h"
#include "core/command/policy.h"
#include "core/proto/digest.h"

namespace aero {

// Codes worth another attempt (fact sheet §7.3): the node may answer next time, or another
// replica may.
bool retryable(int code);

// The node serving replica `attempt` (modulo the replica count) of the partition of `digest`
// in `ns`; writes and MASTER reads always go to the master. Null with `err` set when none.
Node* pick_node(const ClusterState& state, const Policy& policy, bool is_write, std::string_view ns,
                const proto::Digest& digest, uint32_t attempt, Status& err);

// The official clients' in-doubt rule (fact sheet §14.7).
inline bool in_doubt(bool is_write, uint32_t sent, int code) {
    return is_write && (sent > 1 || (sent == 1 && (code == kErrTimeout || code <= 0)));
}

// The status reported when the total timeout ran out, keeping the last failure's detail.
Status timeout_status(const Status& last, const Policy& policy, int64_t elapsed_ms, uint32_t sent);

}  // namespace aero
