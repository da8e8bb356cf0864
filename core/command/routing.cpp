#include "core/command/routing.h"

namespace aero {

bool retryable(int code) {
    return code == kErrConnection || code == kErrTimeout || code == kErrNoMoreConnections ||
           code == kErrInvalidNode || code == 18 /* DEVICE_OVERLOAD */ || code == 11 /* UNAVAILABLE */;
}

Node* pick_node(const ClusterState& state, const Policy& policy, bool is_write, std::string_view ns_name,
                const proto::Digest& digest, uint32_t attempt, Status& err) {
    const NamespacePartitions* ns = state.partitions.find(ns_name);
    if (ns == nullptr || ns->columns.empty()) {
        err = Status(20, "namespace '" + std::string(ns_name) + "' is not in the partition map");
        return nullptr;
    }
    uint32_t pid = proto::partition_id(digest.data());
    size_t n = ns->columns.size();
    // SEQUENCE reads move on to the next replica on each retry.
    size_t start = (is_write || policy.replica == 0) ? 0 : attempt % n;
    for (size_t i = 0; i < n; i++) {
        Node* node = ns->columns[(start + i) % n][pid];
        if (node != nullptr) return node;
        if (is_write) break;
    }
    err = Status(kErrInvalidNode, "no node serves partition " + std::to_string(pid) + " of namespace '" +
                                      std::string(ns_name) + "'");
    return nullptr;
}

Status timeout_status(const Status& last, const Policy& policy, int64_t elapsed_ms, uint32_t sent) {
    Status s(kErrTimeout, "timeout after " + std::to_string(elapsed_ms) + " ms (total_timeout " +
                              std::to_string(policy.total_timeout_ms) + " ms, " + std::to_string(sent) +
                              " sent): " + last.message());
    s.set_node(last.node());
    return s;
}

}  // namespace aero
