#include "core/server/cluster.h"

#include <algorithm>
#include <cstdlib>

#include "core/server/migration.h"

namespace aero::server {

Cluster::Cluster(const ServerConfig& cfg)
    : config_(cfg),
      security_(cfg.security ? std::make_shared<Security>(cfg) : nullptr),
      udf_(std::make_shared<udf::Registry>(cfg.udf_dir, cfg.udf_time_limit_ms)) {
    for (uint32_t i = 0; i < cfg.nodes; i++) {
        ServerConfig node_cfg = cfg;
        node_cfg.port = cfg.port ? uint16_t(cfg.port + i) : 0;
        node_cfg.rack_ids = {rack_id(cfg, i)};
        if (cfg.tls_port && *cfg.tls_port) node_cfg.tls_port = uint16_t(*cfg.tls_port + i);
        members_.push_back(Member{std::make_unique<Server>(node_cfg, this)});
    }
}

Status Cluster::start() {
    // Connections that arrive before the cluster is formed wait here for their first view.
    std::unique_lock lk(mutex_);
    for (Member& m : members_) {
        Status s = m.server->start();
        if (!s.is_ok()) return s;
        m.live = true;
    }
    rebalance();
    return Status::ok();
}

void Cluster::stop() {
    for (Member& m : members_) m.server->stop();
}

Cluster::Member* Cluster::find(uint16_t port) {
    for (Member& m : members_)
        if (m.server->port() == port) return &m;
    return nullptr;
}

Status Cluster::stop_node(uint16_t port, const ServerContext& requester) {
    // A stop waits for the stopped node's connections; one of them may be asking for another
    // stop or start, so a busy knob answers at once instead of deadlocking.
    std::unique_lock control(control_mutex_, std::try_to_lock);
    if (!control) return Status(kErrParam, "another node stop or start is running");
    Member* m = find(port);
    if (!m) return Status(kErrParam, "no node on port " + std::to_string(port));
    if (&m->server->context() == &requester) return Status(kErrParam, "a node cannot stop itself; ask another node");
    if (!m->live) return Status(kErrParam, "node already stopped");
    // Commands need an owner for every partition.
    if (std::count_if(members_.begin(), members_.end(), [](const Member& o) { return o.live; }) == 1)
        return Status(kErrParam, "the last live node cannot stop");
    m->server->close_service();
    // A stopped server forgets who logged in.
    if (m->server->context().security) m->server->context().security->forget_sessions();
    std::unique_lock lk(mutex_);
    m->live = false;
    rebalance();
    return Status::ok();
}

Status Cluster::start_node(uint16_t port) {
    std::unique_lock control(control_mutex_, std::try_to_lock);
    if (!control) return Status(kErrParam, "another node stop or start is running");
    Member* m = find(port);
    if (!m) return Status(kErrParam, "no node on port " + std::to_string(port));
    if (m->live) return Status(kErrParam, "node already running");
    // Until the rebalance below the node is not in the table, so what it serves meanwhile is
    // proxied to the current owners.
    Status s = m->server->open_service();
    if (!s.is_ok()) return s;
    std::unique_lock lk(mutex_);
    m->live = true;
    m->restarted_at = generation_;
    rebalance();
    return Status::ok();
}

void Cluster::rebalance() {
    std::vector<TableNode> nodes;
    std::vector<ServerContext*> live;
    for (Member& m : members_) {
        if (!m.live) continue;
        ServerContext& ctx = m.server->context();
        nodes.push_back(TableNode{ctx.node_id, ctx.rack_id});
        live.push_back(&ctx);
    }
    table_ = std::make_shared<PartitionTable>(std::move(nodes), config_.replication_factor);
    generation_++;
    migrate(live, *table_);
}

ClusterView Cluster::view(const ServerContext& self) const {
    std::shared_lock lk(mutex_);
    ClusterView v;
    v.table = table_;
    // Membership and ownership change together here, and each change is one rebalance, so one
    // counter serves all four (but a node that came back counts its peers generation anew).
    v.partition_generation = v.peers_generation = v.rebalance_generation = generation_;
    v.cluster_key = 0xAE00000000000000ull | generation_;
    v.replication_factor = config_.replication_factor;
    for (const Member& m : members_) {
        const ServerContext& ctx = m.server->context();
        if (&ctx == &self) {
            v.peers_generation = generation_ - m.restarted_at;
            continue;
        }
        PeerNode peer{ctx.node_id, ctx.config.bind, ctx.config.port, ctx.config.tls_port.value_or(0), ctx.config.tls_name};
        if (m.live) v.peers.push_back(peer);
        v.alumni.push_back(std::move(peer));
    }
    return v;
}

std::vector<Storage*> Cluster::storages() {
    std::vector<Storage*> out;
    for (Member& m : members_) out.push_back(&m.server->context().storage);
    return out;
}

std::vector<ServerContext*> Cluster::contexts() {
    std::vector<ServerContext*> out;
    for (Member& m : members_) out.push_back(&m.server->context());
    return out;
}

Cluster::Hold Cluster::hold() const {
    std::shared_lock lk(mutex_);
    return Hold{std::move(lk), table_};
}

ServerContext& Cluster::member(uint64_t node_id) {
    for (Member& m : members_)
        if (m.server->context().node_id == node_id) return m.server->context();
    // Only ids from the held table are asked for, and every one of them is a member.
    std::abort();
}

}  // namespace aero::server
