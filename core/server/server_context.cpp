#include "core/server/server_context.h"

#include "core/server/cluster.h"

namespace aero::server {

namespace {
// Like the real server's default (port and MAC), unique per port on one host: "BB9" then
// the port in hex, so nodes of a local test cluster get distinct, recognisable ids.
uint64_t default_node_id(uint16_t port) { return 0xBB9ull << 32 | port; }
}  // namespace

ServerContext::ServerContext(const ServerConfig& cfg, uint16_t bound_port, Cluster* cluster)
    : config(cfg),
      node_id(cfg.node_id ? cfg.node_id : default_node_id(bound_port)),
      rack_id(server::rack_id(cfg, 0)),
      storage(cfg.namespaces, cfg.default_ttl, cfg.nsup_period),
      cluster(cluster),
      security(cluster && cluster->security() ? cluster->security()->for_another_node()
               : !cluster && cfg.security ? std::make_shared<Security>(cfg)
                                          : nullptr),
      udf(cluster ? cluster->udf() : std::make_shared<udf::Registry>(cfg.udf_dir, cfg.udf_time_limit_ms)) {
    config.port = bound_port;
    if (!cluster) solo_table_ = std::make_shared<PartitionTable>(std::vector<TableNode>{{node_id, rack_id}}, 1);
}

ClusterView ServerContext::view() const {
    if (cluster) return cluster->view(*this);
    ClusterView v;
    v.table = solo_table_;
    v.cluster_key = node_id;
    v.replication_factor = config.replication_factor;
    return v;
}

std::vector<Storage*> ServerContext::cluster_storages() {
    return cluster ? cluster->storages() : std::vector<Storage*>{&storage};
}

}  // namespace aero::server

namespace aero::server {

std::vector<ServerContext*> ServerContext::cluster_contexts() {
    return cluster ? cluster->contexts() : std::vector<ServerContext*>{this};
}

}  // namespace aero::server
