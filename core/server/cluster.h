// A local cluster (--nodes N): N aero-server nodes in one process, each with its own port,
// node id, storage and connections, sharing a membership, a partition table and generations;
// plus the fault knobs that stop and start nodes for tests.
#pragma once

#include <array>
#include <memory>
#include <mutex>
#include <shared_mutex>
#include <vector>

#include "core/proto/digest.h"
#include "core/server/server.h"

namespace aero::server {

class Cluster {
public:
    // cfg.nodes nodes on cfg.port, cfg.port + 1, ... (each on a free port when cfg.port is 0).
    explicit Cluster(const ServerConfig& cfg);
    Cluster(const Cluster&) = delete;
    Cluster& operator=(const Cluster&) = delete;
    ~Cluster() { stop(); }

    // Starts every node, then forms the cluster; nodes answer nothing cluster-shaped before.
    Status start();
    // Stops every node.
    void stop();
    // The nodes, in order.
    size_t size() const { return members_.size(); }
    Server& node(size_t i) { return *members_[i].server; }

    // Takes the node on `port` down (listener and connections closed, storage kept) and
    // rebalances. `requester` is the node whose client asked: it cannot be the one stopped,
    // because stopping waits for every connection of that node, the asking one included.
    Status stop_node(uint16_t port, const ServerContext& requester);
    // Brings a stopped node back on its port with its node id and storage, and rebalances.
    Status start_node(uint16_t port);

    // The cluster as node `self` sees it.
    ClusterView view(const ServerContext& self) const;
    // Every node's storage, stopped nodes included (they catch up when they return, as
    // the real server's nodes replay cluster-wide commands such as truncate).
    std::vector<Storage*> storages();
    // Every node's context, stopped nodes included.
    std::vector<ServerContext*> contexts();
    // The users every node serves, each with sessions of its own (null without --security).
    const std::shared_ptr<Security>& security() const { return security_; }
    // The UDF modules every node serves: registered on one node, seen by all at once, and
    // kept across a node's stop and start.
    const std::shared_ptr<udf::Registry>& udf() const { return udf_; }

    // While a Hold lives, membership and ownership stay as they are: no node stops, starts or
    // migrates records.
    struct Hold {
        std::shared_lock<std::shared_mutex> lock;
        std::shared_ptr<const PartitionTable> table;
    };
    Hold hold() const;
    // The node with this id (one of the held table's nodes).
    ServerContext& member(uint64_t node_id);
    // Serialises the writes to one partition, so replicas receive its records' states in the
    // order the master produced them.
    std::mutex& partition_lock(uint32_t pid) { return partition_locks_[pid]; }

private:
    struct Member {
        std::unique_ptr<Server> server;
        bool live = false;
        // The generation when the node last came back: a restarted server counts its peers
        // generation from scratch, which is how clients tell a quick restart.
        uint32_t restarted_at = 0;
    };

    Member* find(uint16_t port);
    // Builds the table of the live nodes, bumps the generations and migrates; holds mutex_.
    void rebalance();

    ServerConfig config_;
    std::shared_ptr<Security> security_;
    std::shared_ptr<udf::Registry> udf_;
    std::vector<Member> members_;
    // Guards live flags, table and generations: shared by commands, exclusive for changes.
    mutable std::shared_mutex mutex_;
    // One node stop or start at a time.
    std::mutex control_mutex_;
    std::shared_ptr<const PartitionTable> table_;
    uint32_t generation_ = 0;
    std::array<std::mutex, proto::kPartitions> partition_locks_;
};

}  // namespace aero::server
