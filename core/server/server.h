// aero-server as an object: listeners (plain, and TLS when configured), connection threads,
// storage and nsup, with a clean stop.
#pragma once

#include <condition_variable>
#include <memory>
#include <mutex>
#include <optional>
#include <string>
#include <thread>
#include <unordered_set>

#include "core/server/config.h"
#include "core/server/listener.h"
#include "core/server/nsup.h"
#include "core/server/server_context.h"
#include "core/server/tls.h"

namespace aero::server {

class Server {
public:
    // `cluster` when this server is one node of a local cluster (see cluster.h).
    explicit Server(ServerConfig cfg, Cluster* cluster = nullptr) : config_(std::move(cfg)), cluster_(cluster) {}
    Server(const Server&) = delete;
    Server& operator=(const Server&) = delete;
    ~Server() { stop(); }

    // Binds the ports and starts accepting clients and sweeping expired records.
    Status start();
    // Stops accepting, shuts every client connection down and waits for their threads.
    void stop();
    // A cluster node going down: like stop(), but the storage and its expiry stay, so
    // open_service() can bring the node back with its data, as a restarted node with
    // persistent storage comes back.
    void close_service();
    // Listens again on the ports bound by start() after close_service().
    Status open_service();
    // The port bound by start().
    uint16_t port() const { return listener_->port(); }
    // The TLS port bound by start(), when --tls-port was given.
    std::optional<uint16_t> tls_port() const { return context_->config.tls_port; }
    // The state shared by connections (valid after start()).
    ServerContext& context() { return *context_; }

private:
    Status listen(uint16_t port, std::optional<uint16_t> tls_port);
    // Accepts on one listener; `tls` set for the TLS one.
    void accept_loop(Listener& listener, const ServerTls* tls);
    void serve(int fd, const ServerTls* tls);
    void start_accepting();

    ServerConfig config_;
    Cluster* const cluster_;
    // Rebuilt by each listen(): a closed listener cannot accept again.
    std::optional<Listener> listener_;
    std::optional<Listener> tls_listener_;
    std::shared_ptr<const ServerTls> tls_;
    std::unique_ptr<ServerContext> context_;
    std::unique_ptr<Nsup> nsup_;
    std::thread accept_thread_;
    std::thread tls_accept_thread_;
    std::mutex mutex_;
    std::condition_variable idle_;
    std::unordered_set<int> clients_;  // open client sockets, so stop() can shut them down
    bool stopping_ = false;
};

}  // namespace aero::server
