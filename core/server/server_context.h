// State shared by every connection of one running server.
#pragma once

#include <atomic>
#include <chrono>
#include <cstdint>

#include "core/server/config.h"
#include "core/server/storage.h"

namespace aero::server {

struct ServerStats {
    std::atomic<uint64_t> client_connections{0};
    std::atomic<uint64_t> client_connections_opened{0};
    std::atomic<uint64_t> client_connections_closed{0};
    const std::chrono::steady_clock::time_point start = std::chrono::steady_clock::now();
};

struct ServerContext {
    // Built from the configuration once the listening port is known.
    ServerContext(const ServerConfig& cfg, uint16_t bound_port);

    ServerConfig config;  // config.port is the port actually bound (useful with --port 0)
    uint64_t node_id;
    Storage storage;
    ServerStats stats;
};

}  // namespace aero::server
