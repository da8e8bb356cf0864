// aero-server as an object: its network side (net/event_server.h: listeners, TLS and client
// connections on one event loop), the workers that run requests, storage and nsup, with a
// clean stop.
#pragma once

#include <memory>
#include <optional>

#include "core/server/config.h"
#include "core/server/net/event_server.h"
#include "core/server/net/worker_pool.h"
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
    // Stops accepting, closes every client connection and waits for their requests.
    void stop();
    // A cluster node going down: like stop(), but the storage and its expiry stay, so
    // open_service() can bring the node back with its data, as a restarted node with
    // persistent storage comes back.
    void close_service();
    // Listens again on the ports bound by start() after close_service().
    Status open_service();
    // The port bound by start().
    uint16_t port() const { return context_->config.port; }
    // The TLS port bound by start(), when --tls-port was given.
    std::optional<uint16_t> tls_port() const { return context_->config.tls_port; }
    // The state shared by connections (valid after start()).
    ServerContext& context() { return *context_; }

private:
    // A new network side bound to port (and tls_port); serving starts with serve().
    Status bind(uint16_t port, std::optional<uint16_t> tls_port);

    ServerConfig config_;
    Cluster* const cluster_;
    std::shared_ptr<const ServerTls> tls_;
    std::unique_ptr<WorkerPool> workers_;
    // Rebuilt by each open_service(): a stopped loop does not start again.
    std::unique_ptr<EventServer> net_;
    std::unique_ptr<ServerContext> context_;
    std::unique_ptr<Nsup> nsup_;
};

}  // namespace aero::server
