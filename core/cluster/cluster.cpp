#include "core/cluster/cluster.h"

#include <charconv>
#include <random>

#include "core/cluster/peers.h"
#include "core/log.h"
#include "core/net/connection.h"

namespace aero {

namespace {

// A node that failed this many tends in a row is dropped, as the official clients do.
constexpr int kMaxTendFailures = 5;

int64_t to_int(const std::string* s, int64_t fallback) {
    if (s == nullptr) return fallback;
    int64_t v = fallback;
    std::from_chars(s->data(), s->data() + s->size(), v);
    return v;
}

std::shared_ptr<Node> find_node(const std::vector<std::shared_ptr<Node>>& nodes, std::string_view name) {
    for (const auto& n : nodes)
        if (n->name() == name) return n;
    return nullptr;
}

std::shared_ptr<const ClusterState> empty_state(const ClientConfig& config) {
    auto state = std::make_shared<ClusterState>();
    if (config.rack_aware) state->rack_ids = config.rack_ids;
    return state;
}

}  // namespace

std::shared_ptr<Node> random_node(const ClusterState& state) {
    if (state.nodes.empty()) return nullptr;
    thread_local std::minstd_rand rng(std::random_device{}());
    return state.nodes[rng() % state.nodes.size()];
}

Cluster::Cluster(const ClientConfig& config, std::shared_ptr<const net::Credentials> credentials)
    : config_(config), credentials_(std::move(credentials)), state_(empty_state(config)) {}

Cluster::~Cluster() { close(); }

void Cluster::publish(std::shared_ptr<const ClusterState> next) { std::atomic_store(&state_, std::move(next)); }

Status Cluster::connect() {
    if (config_.hosts.empty()) return Status(kErrInvalidHost, "no seed hosts configured");
    if (config_.tls_enable) {
        auto ctx = net::TlsContext::create({config_.tls_cafile, config_.tls_certfile, config_.tls_keyfile});
        if (!ctx.is_ok()) return ctx.status();
        tls_ = std::move(ctx.value());
    }
    Status s = tend(true);
    if (!s.is_ok()) return s;
    if (state()->nodes.empty()) return Status(kErrConnection, "no seed host gave a usable node");
    tender_ = std::thread([this] { tend_loop(); });
    if (log::enabled(log::kInfo)) log::write(log::kInfo, "connected: " + std::to_string(state()->nodes.size()) + " node(s)");
    return Status::ok();
}

void Cluster::close() {
    {
        std::lock_guard lock(mu_);
        if (stopping_ && !tender_.joinable()) return;
        stopping_ = true;
    }
    wake_.notify_all();
    if (tender_.joinable()) tender_.join();
    drainer_.stop();
    for (const auto& n : state()->nodes) n->pool().close_all();
}

void Cluster::recover(const std::shared_ptr<Node>& node, net::Connection* c, bool stream, uint32_t delay_ms) const {
    // The drain holds the node, and so its pool, alive.
    drainer_.add(c, stream, net::Clock::now() + std::chrono::milliseconds(delay_ms), [node](net::Connection* conn, bool drained) {
        if (drained) node->pool().release(conn);
        else node->pool().discard(conn);
        (drained ? node->stats().recovered : node->stats().aborted).fetch_add(1, std::memory_order_relaxed);
    });
}

std::shared_ptr<Node> owner_of(const ClusterState& state, const Node* node) {
    for (const auto& n : state.nodes)
        if (n.get() == node) return n;
    return nullptr;
}

void Cluster::tend_loop() {
    std::unique_lock lock(mu_);
    while (!stopping_) {
        wake_.wait_for(lock, std::chrono::milliseconds(config_.tend_interval_ms), [this] { return stopping_; });
        if (stopping_) break;
        lock.unlock();
        tend(false).ignore();  // Failures are counted per node; the next pass tries again.
        lock.lock();
    }
}

// A config timeout of 0 is no limit of its own, as a total_timeout of 0 is for commands: the
// first tend, which connect() runs for the caller, then waits as long as the seeds take (the
// system's TCP limits still apply), and each step of a later tend waits at most tend_interval,
// so that a node that stops answering cannot stall the tend thread, and close() that joins it,
// for ever.
net::Clock::time_point Cluster::step_deadline(bool initial) const {
    auto now = net::Clock::now();
    if (config_.connect_timeout_ms > 0) return now + std::chrono::milliseconds(config_.connect_timeout_ms);
    if (initial) return net::Clock::time_point::max();
    return now + std::chrono::milliseconds(config_.tend_interval_ms);
}

Result<std::shared_ptr<Node>> Cluster::validate(const Host& host, const std::string& expected_name, bool initial) {
    std::vector<std::pair<sockaddr_storage, socklen_t>> addrs;
    Status last = net::resolve(host.name, host.port, addrs);
    if (!last.is_ok()) return last;
    // The certificate must name the host's TLS name, else the configured one, else the host.
    net::TlsTarget tls;
    if (tls_) tls = {tls_, !host.tls_name.empty() ? host.tls_name : !config_.tls_name.empty() ? config_.tls_name : host.name};
    for (const auto& [addr, len] : addrs) {
        auto deadline = step_deadline(initial);
        auto conn = net::Connection::open(addr, len, deadline, tls);
        if (!conn.is_ok()) {
            last = Status(conn.status().code(), "cannot connect to " + host.name + ":" + std::to_string(host.port) +
                                                    ": " + conn.status().message());
            continue;
        }
        std::unique_ptr<net::Connection> c(conn.value());
        // The first connection logs in (§13.5); its token opens the node's later connections.
        auto auth = std::make_shared<net::NodeAuth>(credentials_);
        last = auth->login(*c, deadline);
        if (!last.is_ok()) continue;
        std::vector<std::string> cmds = {"node", "partition-generation"};
        if (!config_.cluster_name.empty()) cmds.push_back("cluster-name");
        InfoValues v;
        last = info_on(*c, cmds, deadline, v);
        if (!last.is_ok()) continue;
        const std::string* name = info_value(v, "node");
        if (name == nullptr || name->empty() || name->rfind("ERROR", 0) == 0) {
            last = Status(kErrInvalidNode, "host " + host.name + " did not report a node name");
            continue;
        }
        if (!expected_name.empty() && *name != expected_name) {
            last = Status(kErrInvalidNode, "host " + host.name + " is node " + *name + ", expected " + expected_name);
            continue;
        }
        if (to_int(info_value(v, "partition-generation"), -1) == -1) {
            last = Status(kErrInvalidNode, "node " + *name + " is not initialized yet");
            continue;
        }
        if (!config_.cluster_name.empty()) {
            const std::string* cn = info_value(v, "cluster-name");
            if (cn == nullptr || *cn != config_.cluster_name) {
                last = Status(kErrInvalidNode, "node " + *name + " belongs to cluster '" + (cn ? *cn : "") +
                                                   "', expected '" + config_.cluster_name + "'");
                continue;
            }
        }
        auto node = std::make_shared<Node>(*name, addr, len, tls, config_, std::move(auth));
        node->pool().adopt(c.release());
        return node;
    }
    return last;
}

Status Cluster::seed(std::vector<std::shared_ptr<Node>>& nodes, bool initial) {
    Status last(kErrConnection, "no seed host answered");
    for (const Host& h : config_.hosts) {
        auto r = validate(h, "", initial);
        if (!r.is_ok()) {
            last = r.status();
            if (log::enabled(log::kWarn)) log::write(log::kWarn, "seed " + h.name + ":" + std::to_string(h.port) + ": " + last.message());
            continue;
        }
        if (!find_node(nodes, r.value()->name())) {
            nodes.push_back(r.value());
            if (log::enabled(log::kInfo))
                log::write(log::kInfo, "node " + r.value()->name() + " added (seed " + h.name + ":" + std::to_string(h.port) + ")");
        }
    }
    return nodes.empty() ? last : Status::ok();
}

Status Cluster::tend(bool initial) {
    auto current = state();
    auto next = std::make_shared<ClusterState>(*current);
    bool changed = false;
    if (next->nodes.empty()) {
        Status s = seed(next->nodes, initial);
        if (!s.is_ok()) return s;
        changed = true;
    }
    auto deadline = [this, initial] { return step_deadline(initial); };
    const char* peers_cmd = tls_ ? (config_.use_services_alternate ? "peers-tls-alt" : "peers-tls-std")
                                 : (config_.use_services_alternate ? "peers-clear-alt" : "peers-clear-std");
    bool peers_changed = false;
    std::vector<std::shared_ptr<Node>> refresh_partitions;
    std::vector<std::shared_ptr<Node>> refresh_racks;
    std::vector<std::string> generations = {"node", "peers-generation", "partition-generation"};
    if (config_.rack_aware) generations.push_back("rebalance-generation");
    // LOGIN again when the node's session is due; a failed login is a failed tend of the node.
    auto session_ok = [&](Node& node) {
        if (!node.auth()->login_due() || node.login(deadline()).is_ok()) return true;
        node.failures++;
        return false;
    };
    for (const auto& node : next->nodes) {
        if (!session_ok(*node)) continue;
        InfoValues v;
        Status s = node->info(generations, deadline(), v);
        const std::string* name = info_value(v, "node");
        if (!s.is_ok() || name == nullptr || *name != node->name()) {
            node->failures++;
            if (log::enabled(log::kWarn))
                log::write(log::kWarn, "node " + node->name() + ": tend failed (" + std::to_string(node->failures) +
                                           " in a row): " + (s.is_ok() ? "it answered as another node" : s.message()));
            continue;
        }
        node->failures = 0;
        int64_t pg = to_int(info_value(v, "peers-generation"), -1);
        if (pg < node->peers_generation) {
            // A quick restart, between two tends (fact sheet §13.5): the node lost its sessions,
            // and its partition map is read again whatever its generation says.
            node->auth()->forget_session();
            if (!session_ok(*node)) continue;
            node->partition_generation = -2;
        }
        if (pg != node->peers_generation) {
            node->peers_generation = pg;
            peers_changed = true;
        }
        int64_t partg = to_int(info_value(v, "partition-generation"), -1);
        if (partg != node->partition_generation) refresh_partitions.push_back(node);
        if (config_.rack_aware && to_int(info_value(v, "rebalance-generation"), -1) != node->rebalance_generation)
            refresh_racks.push_back(node);
    }
    if (peers_changed) {
        for (size_t i = 0; i < next->nodes.size(); i++) {
            InfoValues v;
            if (!next->nodes[i]->info({peers_cmd}, deadline(), v).is_ok()) continue;
            const std::string* value = info_value(v, peers_cmd);
            if (value == nullptr) continue;
            auto peers = parse_peers(*value);
            if (!peers.is_ok()) continue;
            for (const Peer& p : peers.value().peers) {
                if (find_node(next->nodes, p.node_name)) continue;
                for (const Host& h : p.hosts) {
                    auto r = validate(h, p.node_name, initial);
                    if (!r.is_ok()) continue;
                    next->nodes.push_back(r.value());
                    if (log::enabled(log::kInfo))
                        log::write(log::kInfo, "node " + p.node_name + " added (peer at " + h.name + ":" + std::to_string(h.port) + ")");
                    refresh_partitions.push_back(r.value());
                    if (config_.rack_aware) refresh_racks.push_back(r.value());
                    changed = true;
                    break;
                }
            }
        }
    }
    // Reads `what` with the generation it goes with; once `apply` took it, the node's copy of
    // that generation is current.
    auto refresh = [&](Node& node, const char* generation_cmd, const char* what, int64_t& generation, auto apply) {
        InfoValues v;
        if (!node.info({generation_cmd, what}, deadline(), v).is_ok()) return;
        const std::string* value = info_value(v, what);
        if (value == nullptr || !apply(*value)) return;
        generation = to_int(info_value(v, generation_cmd), -1);
        changed = true;
        if (log::enabled(log::kDebug))
            log::write(log::kDebug, std::string(what) + " of node " + node.name() + " applied (" + generation_cmd + " " +
                                        std::to_string(generation) + ")");
    };
    for (const auto& node : refresh_partitions)
        refresh(*node, "partition-generation", "replicas", node->partition_generation, [&](const std::string& value) {
            return next->partitions.apply_replicas(value, node.get()).is_ok();
        });
    for (const auto& node : refresh_racks)
        refresh(*node, "rebalance-generation", "rack-ids", node->rebalance_generation, [&](const std::string& value) {
            // A server without racks (Community Edition) answers ERROR: the node has none.
            return value.rfind("ERROR", 0) == 0 || next->partitions.apply_racks(value, node.get()).is_ok();
        });
    for (const auto& node : next->nodes)
        if (node->failures == 0) node->pool().balance(config_.min_conns_per_node, deadline());
    for (size_t i = 0; i < next->nodes.size();) {
        if (next->nodes[i]->failures >= kMaxTendFailures) {
            if (log::enabled(log::kWarn))
                log::write(log::kWarn, "node " + next->nodes[i]->name() + " removed after " +
                                           std::to_string(next->nodes[i]->failures) + " failed tends");
            next->partitions.remove_node(next->nodes[i].get());
            next->nodes[i]->pool().close_all();
            next->nodes.erase(next->nodes.begin() + long(i));
            changed = true;
        } else {
            i++;
        }
    }
    tends_.fetch_add(1, std::memory_order_relaxed);
    if (changed) {
        next->epoch = current->epoch + 1;
        publish(std::move(next));
    }
    return Status::ok();
}

}  // namespace aero
