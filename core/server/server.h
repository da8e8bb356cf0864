// aero-server as an object: listener, connection threads, storage and nsup, with a clean stop.
#pragma once

#include <condition_variable>
#include <memory>
#include <mutex>
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
    explicit Server(ServerConfig cfg) : config_(std::move(cfg)) {}
    Server(const Server&) = delete;
    Server& operator=(const Server&) = delete;
    ~Server() { stop(); }

    // Binds the port and starts accepting clients and sweeping expired records.
    Status start();
    // Stops accepting, shuts every client connection down and waits for their threads.
    void stop();
    // The port bound by start().
    uint16_t port() const { return listener_.port(); }
    // The state shared by connections (valid after start()).
    ServerContext& context() { return *context_; }

private:
    void accept_loop();
    void serve(int fd);

    ServerConfig config_;
    Listener listener_;
    std::unique_ptr<ServerContext> context_;
    std::unique_ptr<Nsup> nsup_;
    std::thread accept_thread_;
    std::mutex mutex_;
    std::condition_variable idle_;
    std::unordered_set<int> clients_;  // open client sockets, so stop() can shut them down
    bool stopping_ = false;
};

}  // namespace aero::server
