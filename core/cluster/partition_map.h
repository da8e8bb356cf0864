// Which node serves each partition of each namespace, as the nodes' `replicas` info says.
// An immutable snapshot: the tender builds a new one and publishes it.
#pragma once

#include <array>
#include <memory>
#include <string>
#include <string_view>
#include <unordered_map>
#include <vector>

#include "core/proto/digest.h"
#include "core/status.h"

namespace aero {

class Node;

// The C client keeps at most three replica columns; more are never used for routing.
constexpr size_t kMaxReplicas = 3;

struct NamespacePartitions {
    std::string name;
    // columns[i][pid] serves as replica i (0 = master) of partition pid.
    std::vector<std::array<Node*, proto::kPartitions>> columns;
    bool strong_consistency = false;
    // The largest regime any node reported for each partition: a claim made under an older
    // regime comes from a node that has not caught up, and is ignored (fact sheet §2.3).
    std::array<uint32_t, proto::kPartitions> regimes{};
    // Each node's rack for this namespace (rack-aware clients only).
    std::unordered_map<const Node*, int32_t> racks;

    // Whether `node` is on rack `rack` for this namespace.
    bool on_rack(const Node* node, int32_t rack) const {
        auto it = racks.find(node);
        return it != racks.end() && it->second == rack;
    }
};

struct PartitionMap {
    std::vector<NamespacePartitions> namespaces;

    const NamespacePartitions* find(std::string_view ns) const;
    NamespacePartitions& get_or_add(std::string_view ns);
    // Points every partition `node` now claims at it (fact sheet §2.3).
    Status apply_replicas(std::string_view replicas_value, Node* node);
    // Records the racks of `node` from its `rack-ids` info value ("<ns>:<rack>;...").
    Status apply_racks(std::string_view rack_ids_value, const Node* node);
    // Forgets a node that left the cluster.
    void remove_node(const Node* node);
};


}  // namespace aero
