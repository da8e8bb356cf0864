#include "core/command/routing.h"

namespace aero {

bool retryable(int code) {
    return code == kErrConnection || code == kErrTimeout || code == kErrNoMoreConnections ||
           code == kErrInvalidNode || code == 18 /* DEVICE_OVERLOAD */ || code == 11 /* UNAVAILABLE */;
}

namespace {

// The first replica present from route.sequence on.
Node* sequence_node(const NamespacePartitions& ns, uint32_t pid, Route& route) {
    size_t n = ns.columns.size();
    for (size_t i = 0; i < n; i++) {
        size_t index = (route.sequence + i) % n;
        if (Node* node = ns.columns[index][pid]) {
            route.sequence = uint32_t(index);
            return node;
        }
    }
    return nullptr;
}

// A replica on the first of `racks` that has one, skipping the node that just failed; else
// another replica, and the failed node last.
Node* rack_node(const NamespacePartitions& ns, uint32_t pid, const std::vector<int32_t>& racks, Route& route) {
    size_t n = ns.columns.size();
    Node* fallback = nullptr;
    size_t fallback_index = 0;
    for (int32_t rack : racks) {
        for (size_t i = 0; i < n; i++) {
            size_t index = (route.sequence + i) % n;
            Node* node = ns.columns[index][pid];
            if (node == nullptr || node == route.failed) continue;
            if (ns.on_rack(node, rack)) {
                route.sequence = uint32_t(index);
                return node;
            }
            if (fallback == nullptr) {
                fallback = node;
                fallback_index = index;
            }
        }
    }
    if (fallback == nullptr) return sequence_node(ns, pid, route);
    route.sequence = uint32_t(fallback_index);
    return fallback;
}

}  // namespace

Node* pick_node(const ClusterState& state, const Policy& policy, bool is_write, std::string_view ns_name,
                const proto::Digest& digest, Route& route, Status& err) {
    const NamespacePartitions* ns = state.partitions.find(ns_name);
    if (ns == nullptr || ns->columns.empty()) {
        err = Status(20, "namespace '" + std::string(ns_name) + "' is not in the partition map");
        return nullptr;
    }
    uint32_t pid = proto::partition_id(digest.data());
    uint8_t replica = policy.replica;
    route.linearize = false;
    if (!is_write && ns->strong_consistency) {
        if (policy.read_mode_sc == kReadModeScSession) {
            replica = kReplicaMaster;
        } else if (policy.read_mode_sc == kReadModeScLinearize) {
            route.linearize = true;
            if (replica == kReplicaPreferRack) replica = kReplicaSequence;
        }
    }
    if (replica == kReplicaPreferRack && (is_write || state.rack_ids.empty())) replica = kReplicaSequence;
    Node* node = replica == kReplicaMaster       ? ns->columns[0][pid]
                 : replica == kReplicaPreferRack ? rack_node(*ns, pid, state.rack_ids, route)
                                                 : sequence_node(*ns, pid, route);
    if (node == nullptr)
        err = Status(kErrInvalidNode, "no node serves partition " + std::to_string(pid) + " of namespace '" +
                                          std::string(ns_name) + "'");
    return node;
}

Status timeout_status(const Status& last, const Policy& policy, int64_t elapsed_ms, uint32_t sent) {
    Status s(kErrTimeout, "timeout after " + std::to_string(elapsed_ms) + " ms (total_timeout " +
                              std::to_string(policy.total_timeout_ms) + " ms, " + std::to_string(sent) +
                              " sent): " + last.message());
    s.set_node(last.node());
    return s;
}

}  // namespace aero
