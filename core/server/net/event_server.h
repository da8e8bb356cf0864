// aero-server's network side: one libuv loop thread accepts clients on the plain and TLS
// listeners, reads each request as its bytes arrive, hands whole requests to the worker pool
// and writes the replies back. A connection costs memory for the bytes it really sent and no
// thread of its own. As the real server's reaper does, connections idle longer than
// idle_timeout are closed (the clients' own limit is 55 s); unlike it, a request (or a TLS
// handshake) must also arrive whole within request_timeout, and a reply must be taken within
// it, so stalled clients cannot pile up.
#pragma once

#include <atomic>
#include <condition_variable>
#include <list>
#include <mutex>
#include <optional>
#include <string>

#include "core/net/event_loop.h"
#include "core/server/net/server_conn.h"
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
    // workers. Any thread but the loop's.
    void stop();

private:
    struct Listener {
        uv_tcp_t tcp{};
        EventServer* server = nullptr;
        bool tls = false;
    };
    // Runs `task` on the loop thread and waits for its status.
    Status on_loop(std::function<Status()> task);
    Status bind_one(Listener& l, const std::string& addr, uint16_t port, uint16_t& bound);

    static void on_connection(uv_stream_t* listener, int status);
    static void on_alloc(uv_handle_t* h, size_t, uv_buf_t* buf);
    static void on_read(uv_stream_t* s, ssize_t n, const uv_buf_t*);
    static void on_written(uv_write_t* req, int status);
    static void on_reap(uv_timer_t* t);

    void accept_one(Listener& l);
    void received(ServerConn* c, size_t n);
    void tls_input(ServerConn* c, size_t n);
    void tls_pump(ServerConn* c);
    void start_reading(ServerConn* c);
    void dispatch(ServerConn* c);
    // Worker side of a long reply: hands one block to the loop; false once the client is gone.
    bool send_block(ServerConn* c, proto::Buffer& block);
    void finish(ServerConn* c, bool keep);
    // Sends a reply (encrypted on a TLS connection) or, with `block`, one block of a long one.
    void write(ServerConn* c, std::vector<uint8_t> bytes, bool block);
    // Queues bytes for the socket as they are.
    void write_wire(ServerConn* c, std::vector<uint8_t> bytes, bool block);
    // Sends the cipher bytes the TLS session produced (handshake flights, tickets).
    void flush_tls(ServerConn* c);
    // Lets the worker streaming a long reply send its next block.
    void release_block(ServerConn* c);
    // Closes the connection; `reset` aborts it (RST), dropping what the kernel still holds.
    void close(ServerConn* c, bool reset = false);
    void maybe_free(ServerConn* c);
    void reap();

    WorkerPool& workers_;
    const ServerTls* tls_;
    const NetLimits limits_;
    ServerContext* ctx_ = nullptr;
    net::EventLoop loop_;
    Listener plain_, secure_;
    uv_timer_t reaper_{};
    uint16_t port_ = 0;
    std::optional<uint16_t> tls_port_;
    bool started_ = false;
    bool stopping_ = false;  // loop thread
    std::list<ServerConn*> conns_;
    // Connections not yet freed, so that stop() can wait for them (and their requests).
    std::mutex live_mu_;
    std::condition_variable live_cv_;
    size_t live_ = 0;
};

}  // namespace aero::server
