// What a client can tell about itself without asking a server (aero_client_stats,
// aero_client_cluster_view): its nodes, their connections and counters, and the cluster view
// the tender keeps, as msgpack maps.
#pragma once

#include "core/cluster/cluster.h"
#include "core/proto/bytes.h"

namespace aero {

// {"cluster": {"nodes", "epoch", "tends"}, "nodes": [{"name", "address", "connections":
// {"open", "in_use", "idle", "async_open"}, "in_flight", "commands", "errors", "timeouts",
// "retries"}, ...]}
void write_stats(const Cluster& cluster, proto::Buffer& out);

// {"epoch": int, "nodes": [{"name", "address", "partitions": {ns: [masters, replicas]}}, ...]}
void write_cluster_view(const Cluster& cluster, proto::Buffer& out);

}  // namespace aero
