// One server node: its name, address, connection pool and the generations the tender tracks.
#pragma once

#include <atomic>
#include <string>
#include <utility>
#include <vector>

#include "core/cluster/config.h"
#include "core/cluster/node_stats.h"
#include "core/net/auth.h"
#include "core/net/pool.h"

namespace aero {

using InfoValues = std::vector<std::pair<std::string, std::string>>;

class Node {
public:
    // `auth` is the session the node was validated with (cluster.h).
    Node(std::string name, const sockaddr_storage& addr, socklen_t len, net::TlsTarget tls, const ClientConfig& config,
         std::shared_ptr<net::NodeAuth> auth);

    const std::string& name() const { return name_; }
    net::Pool& pool() { return pool_; }
    // The resolved address, for connections made outside the pool (async commands).
    const sockaddr_storage& address_storage() const { return addr_; }
    socklen_t address_len() const { return addr_len_; }
    // How connections to the node do TLS (no context: plain TCP).
    const net::TlsTarget& tls() const { return tls_; }
    // The node's login session; shared with the async engine's connections to the node.
    const std::shared_ptr<net::NodeAuth>& auth() const { return auth_; }
    // LOGIN again on a connection of its own (tend thread, when auth()->login_due()).
    Status login(net::Clock::time_point deadline);

    // Runs info commands on a pooled connection. Any thread.
    Status info(const std::vector<std::string>& commands, net::Clock::time_point deadline, InfoValues& out);

    // Its commands' counters; shared with the async engine's pool of the node.
    NodeStats& stats() { return *stats_; }
    const std::shared_ptr<NodeStats>& shared_stats() const { return stats_; }
    // "ip:port" of the node.
    std::string address() const;

    // Tend-thread state.
    int64_t partition_generation = -2;
    int64_t peers_generation = -2;
    int64_t rebalance_generation = -2;  // rack-aware clients only
    int failures = 0;

private:
    std::string name_;
    sockaddr_storage addr_;
    socklen_t addr_len_;
    net::TlsTarget tls_;
    std::shared_ptr<net::NodeAuth> auth_;
    net::Pool pool_;
    std::shared_ptr<NodeStats> stats_ = std::make_shared<NodeStats>();
};

// Runs info commands on one connection (used before a node exists, to validate a seed).
Status info_on(net::Connection& c, const std::vector<std::string>& commands, net::Clock::time_point deadline,
               InfoValues& out);

// The value of `command` in `values`, or nullptr.
const std::string* info_value(const InfoValues& values, std::string_view command);

}  // namespace aero
