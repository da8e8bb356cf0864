// The cluster as the client sees it: nodes found from the seeds and their peers, and the
// partition map, refreshed by a tend thread every tend_interval.
#pragma once

#include <atomic>
#include <condition_variable>
#include <memory>
#include <mutex>
#include <string>
#include <thread>
#include <vector>

#include "core/cluster/config.h"
#include "core/cluster/node.h"
#include "core/cluster/partition_map.h"
#include "core/net/drainer.h"

namespace aero {

// An immutable view published by the tender; commands hold one for their whole run, which
// keeps every Node it points to alive.
struct ClusterState {
    std::vector<std::shared_ptr<Node>> nodes;
    PartitionMap partitions;
    // The client's racks, in order of preference; empty unless the client is rack-aware.
    std::vector<int32_t> rack_ids;
    // Bumped each time the tender publishes a changed view (nodes or partition maps).
    uint64_t epoch = 0;
};

// A node chosen at random (info and admin commands, as the official clients choose it);
// null when there is none.
std::shared_ptr<Node> random_node(const ClusterState& state);
// The state's hold on `node` (null when the state does not list it).
std::shared_ptr<Node> owner_of(const ClusterState& state, const Node* node);

class Cluster {
public:
    // `credentials`: the user every connection logs in as; null when the client has none.
    Cluster(const ClientConfig& config, std::shared_ptr<const net::Credentials> credentials);
    ~Cluster();

    // Seeds the cluster and runs the first tend; starts the tend thread on success.
    Status connect();
    // Stops the tend thread and closes every pool. Idempotent.
    void close();

    std::shared_ptr<const ClusterState> state() const { return std::atomic_load(&state_); }
    const ClientConfig& config() const { return config_; }
    // Tend passes run so far.
    uint64_t tends() const { return tends_.load(std::memory_order_relaxed); }
    // Lets the drainer read the rest of the reply from `node` that `c` timed out on, for
    // `delay_ms` (> 0, the timeout_delay policy), then give the connection back to the node's
    // pool or close it. Counted in the node's recovered / aborted.
    void recover(const std::shared_ptr<Node>& node, net::Connection* c, bool stream, uint32_t delay_ms) const;

private:
    void tend_loop();
    // One tend pass: `initial` when connect() runs it, before the tend thread starts.
    Status tend(bool initial);
    // When one step of a tend (a connection, a login, an info exchange) must be done.
    net::Clock::time_point step_deadline(bool initial) const;
    // Finds nodes from the seed hosts when the cluster has none.
    Status seed(std::vector<std::shared_ptr<Node>>& nodes, bool initial);
    // Connects to one address, validates the node and returns it (nullptr result on failure).
    Result<std::shared_ptr<Node>> validate(const Host& host, const std::string& expected_name, bool initial);
    void publish(std::shared_ptr<const ClusterState> next);

    const ClientConfig config_;
    const std::shared_ptr<const net::Credentials> credentials_;
    // Set by connect() when tls.enable is on; every connection then does TLS.
    std::shared_ptr<const net::TlsContext> tls_;
    std::shared_ptr<const ClusterState> state_;
    std::mutex mu_;
    std::condition_variable wake_;
    bool stopping_ = false;
    std::thread tender_;
    std::atomic<uint64_t> tends_{0};
    mutable net::Drainer drainer_;
};

}  // namespace aero
