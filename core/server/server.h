// aero-server as an object: listener, connection threads, storage and nsup, with a clean stop.
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

namespace aero::server {

class Server {
public:
    // `cluster` when this server is one node of a local cluster (see cluster.h).
    explicit Server(ServerConfig cfg, Cluster* cluster = nullptr) : config_(std::move(cfg)), cluster_(cluster) {}
    Server(const Server&) = delete;
    Server& operator=(const Server&) = delete;
    ~Server() { stop(); }

    // Binds the port and starts accepting clients and sweeping expired records.
    Status start();
    // Stops accepting, shuts every client connection down and waits for their threads.
    void stop();
    // A cluster node going down: like stop(), but the storage and its expiry stay, so
    // open_service() can bring the node back with its data, as a restarted node with
    // persistent storage comes back.
    void close_service();
    // Listens again on the port bound by start() after close_service().
    Status open_service();
    // The port bound by start().
    uint16_t port() const { return listener_->port(); }
    // The state shared by connections (valid after start()).
    ServerContext& context() { return *context_; }

private:
    Status listen(uint16_t port);
    void accept_loop();
    void serve(int fd);

    ServerConfig config_;
    Cluster* const cluster_;
    // Rebuilt by each listen(): a closed listener cannot accept again.
    std::optional<Listener> listener_;
    std::unique_ptr<ServerContext> context_;
    std::unique_ptr<Nsup> nsup_;
    std::thread accept_thread_;
    std::mutex mutex_;
    std::condition_variable idle_;
    std::unordered_set<int> clients_;  // open client sockets, so stop() can shut them down
    bool stopping_ = false;
};

}  // namespace aero::server
