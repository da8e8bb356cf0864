// What one node knows of its cluster at one moment: the answer to every cluster info command.
#pragma once

#include <cstdint>
#include <memory>
#include <string>
#include <vector>

#include "core/server/partition_table.h"

namespace aero::server {

// Another node, as peers lists show it.
struct PeerNode {
    uint64_t node_id;
    std::string host;
    uint16_t port;
    // Its TLS listener (0: none) and the name its certificate carries.
    uint16_t tls_port = 0;
    std::string tls_name;
};

struct ClusterView {
    std::shared_ptr<const PartitionTable> table;
    uint32_t partition_generation = 1;
    uint32_t peers_generation = 1;
    // Rebalances so far (a standalone node has rebalanced once); strong-consistency
    // namespaces also report it as their regime, which must grow with every rebalance.
    uint32_t rebalance_generation = 1;
    uint64_t cluster_key = 0;
    // The configured replication factor (the table's columns are the effective one).
    uint32_t replication_factor = 1;
    // The other live nodes.
    std::vector<PeerNode> peers;
    // Every other node of the cluster, stopped ones included.
    std::vector<PeerNode> alumni;
};

}  // namespace aero::server
