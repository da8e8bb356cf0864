// State shared by every connection of one running server.
#pragma once

#include <atomic>
#include <chrono>
#include <cstdint>
#include <memory>
#include <vector>

#include "core/server/cluster_view.h"
#include "core/server/config.h"
#include "core/server/index/catalog.h"
#include "core/server/query/job.h"
#include "core/server/security/security.h"
#include "core/server/storage.h"
#include "core/server/udf/registry.h"

namespace aero::server {

class Cluster;

struct ServerStats {
    std::atomic<uint64_t> client_connections{0};
    std::atomic<uint64_t> client_connections_opened{0};
    std::atomic<uint64_t> client_connections_closed{0};
    // Record commands this node ran on another node's storage (cluster_routing.h).
    std::atomic<uint64_t> client_proxy_complete{0};
    const std::chrono::steady_clock::time_point start = std::chrono::steady_clock::now();
};

struct ServerContext {
    // Built from the configuration once the listening port is known; `cluster` when this is
    // one node of a local cluster (--nodes), null for a standalone server.
    ServerContext(const ServerConfig& cfg, uint16_t bound_port, Cluster* cluster = nullptr);

    // The cluster as this node sees it now: itself alone, owning every partition, when
    // standalone.
    ClusterView view() const;
    // The storage of every node an info command that acts cluster-wide (truncate) must reach.
    std::vector<Storage*> cluster_storages();
    // Every node of the cluster (stopped ones included), or this one alone: where index
    // definitions go.
    std::vector<ServerContext*> cluster_contexts();

    ServerConfig config;  // config.port is the port actually bound (useful with --port 0)
    uint64_t node_id;
    // The rack of every namespace of this node (--rack-ids).
    uint32_t rack_id;
    Storage storage;
    // The secondary indexes of storage's namespaces.
    index::Catalog sindexes{storage};
    ServerStats stats;
    // The node's scan/query jobs, for query-show and query-abort.
    query::JobTable jobs;
    Cluster* const cluster;
    // Null unless --security; shared by the nodes of a local cluster.
    const std::shared_ptr<Security> security;
    // The registered UDF modules; one registry for all nodes of a local cluster.
    const std::shared_ptr<udf::Registry> udf;

private:
    std::shared_ptr<const PartitionTable> solo_table_;
};

}  // namespace aero::server
