// Choosing the node for a key and classifying failures; shared by sync and async commands.
#pragma once

#include "core/cluster/cluster.h"
#include "core/command/policy.h"
#include "core/proto/digest.h"

namespace aero {

// Codes worth another attempt (fact sheet §7.3): the node may answer next time, or another
// replica may.
bool retryable(int code);

// Where a command's attempts go among its partition's replicas (fact sheet §14.5), kept
// across its retries.
struct Route {
    uint32_t sequence = 0;           // the replica the next pick starts from
    const Node* failed = nullptr;    // where the last attempt failed (compared, never used)
    bool linearize = false;          // set by pick_node: a linearized strong-consistency read

    // After an attempt on `node` failed: the next one starts at the next replica, except that
    // a timed-out write or linearized read stays where it was, as the official clients do.
    void next(const Node* node, bool timeout, bool is_write) {
        failed = node;
        if (!timeout || !(is_write || linearize)) sequence++;
    }
};

// The node for the next attempt at the partition of `digest` in `ns`, per the policy's
// replica and read modes: MASTER the master; SEQUENCE the replica at route.sequence (or the
// next one present); PREFER_RACK (reads of a rack-aware client) the first replica on one of
// the client's racks other than the node that just failed, else another replica. Reads of a
// strong-consistency namespace in SESSION mode go to the master. Null with `err` set when
// no node serves the partition.
Node* pick_node(const ClusterState& state, const Policy& policy, bool is_write, std::string_view ns,
                const proto::Digest& digest, Route& route, Status& err);

// The official clients' in-doubt rule (fact sheet §14.7).
inline bool in_doubt(bool is_write, uint32_t sent, int code) {
    return is_write && (sent > 1 || (sent == 1 && (code == kErrTimeout || code <= 0)));
}

// The status reported when the total timeout ran out, keeping the last failure's detail.
Status timeout_status(const Status& last, const Policy& policy, int64_t elapsed_ms, uint32_t sent);

}  // namespace aero
