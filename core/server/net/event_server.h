// aero-server's network side. The listening sockets are watched by the first of a few serving
// loops (net/serve_loop.h, one per core), which accepts clients and deals them out to all the
// loops; a loop reads each request as its bytes arrive, runs the short ones itself and hands
// batches, info and admin requests to the bounded worker pool, so no client owns a thread and
// long requests cannot starve short ones. A connection costs memory for the bytes it really
// sent. As the real server's reaper does, connections idle longer than idle_timeout are closed
// (the clients' own limit is 55 s); unlike it, a request (or a TLS handshake) must also arrive
// whole within request_timeout, and a reply must be taken within it, so stalled clients cannot
// pile up.
#pragma once

#include <atomic>
#include <condition_variable>
#include <memory>
#include <mutex>
#include <optional>
#include <string>
#include <vector>

#include "core/server/net/serve_loop.h"
#include "core/server/net/worker_pool.h"
#include "core/server/server_context.h"
#include "core/server/tls.h"

namespace aero::server {

struct NetLimits {
    uint32_t idle_timeout_s = 60;     // 0: never
    uint32_t request_timeout_s = 10;  // 0: never
    uint32_t max_connections = 15000; // the real server's proto-fd-max default
};

class EventServer {
public:
    EventServer(WorkerPool& workers, const ServerTls* tls, NetLimits limits)
        : workers_(workers), tls_(tls), limits_(limits) {}
    ~EventServer() { stop(); }
    EventServer(const EventServer&) = delete;
    EventServer& operator=(const EventServer&) = delete;

    // Binds addr:port, and tls_port when TLS is configured (0 picks a free port); nothing is
    // accepted before serve().
    Status bind(const std::string& addr, uint16_t port, std::optional<uint16_t> tls_port);
    // Starts accepting clients, served with ctx.
    Status serve(ServerContext& ctx);
    uint16_t port() const { return port_; }
    std::optional<uint16_t> tls_port() const { return tls_port_; }
    // Stops accepting, closes every connection and waits for the requests still running on
    // workers. Any thread but a loop's.
    void stop();

    // For the serving loops.
    ServerContext& ctx() { return *ctx_; }
    WorkerPool& workers() { return workers_; }
    const ServerTls* tls() const { return tls_; }
    const NetLimits& limits() const { return limits_; }
    // Counts a connection in (false when over max_connections: close it) and out.
    bool connection_opened();
    void connection_freed();

private:
    struct Listener {
        int fd = -1;
        bool tls = false;
        uv_poll_t poll{};
        uv_timer_t pause{};  // out of file descriptors: accepting waits a moment
        EventServer* server = nullptr;
    };
    Status listen_on(Listener& l, const std::string& addr, uint16_t port, uint16_t& bound);
    // Watches a listening socket from the first loop (again, after a pause: resume).
    void watch(Listener& l);
    void resume(Listener& l);
    void accept_all(Listener& l);

    WorkerPool& workers_;
    const ServerTls* tls_;
    const NetLimits limits_;
    ServerContext* ctx_ = nullptr;
    std::vector<std::unique_ptr<ServeLoop>> loops_;
    size_t next_loop_ = 0;
    Listener plain_, secure_;
    uint16_t port_ = 0;
    std::optional<uint16_t> tls_port_;
    bool started_ = false;
    // Connections not yet freed, so that stop() can wait for them (and their requests).
    std::mutex live_mu_;
    std::condition_variable live_cv_;
    size_t live_ = 0;
};

}  // namespace aero::server
