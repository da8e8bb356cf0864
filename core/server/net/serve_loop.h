// One of aero-server's serving loops: a libuv loop thread that owns a share of the client
// connections, reads their requests as the bytes arrive, runs short requests (single-record
// commands) right there as the real server's service threads do, hands the others (batches,
// info, admin) to the worker pool, and writes the replies back. Its reaper closes stalled and
// idle connections (see event_server.h).
#pragma once

#include <list>

#include "core/net/event_loop.h"
#include "core/server/net/server_conn.h"

namespace aero::server {

class EventServer;

class ServeLoop {
public:
    explicit ServeLoop(EventServer& server) : server_(server) {}
    ServeLoop(const ServeLoop&) = delete;
    ServeLoop& operator=(const ServeLoop&) = delete;

    Status start();
    // Serves the accepted socket `fd` (its TLS listener's when `tls`). Any thread.
    void adopt(int fd, bool tls);
    // Closes every connection; with `stop` the loop ends once they are freed (see
    // EventServer::stop). Any thread.
    void close_all();
    void stop() { loop_.stop(nullptr); }
    net::EventLoop& loop() { return loop_; }

private:
    static void on_alloc(uv_handle_t* h, size_t, uv_buf_t* buf);
    static void on_read(uv_stream_t* s, ssize_t n, const uv_buf_t*);
    static void on_written(uv_write_t* req, int status);
    static void on_reap(uv_timer_t* t);

    void accept_fd(int fd, bool tls);
    void received(ServerConn* c, size_t n);
    void tls_input(ServerConn* c, size_t n);
    void tls_pump(ServerConn* c);
    void start_reading(ServerConn* c);
    void dispatch(ServerConn* c);
    // Worker side of a long reply: hands one block to the loop; false once the client is gone.
    bool send_block(ServerConn* c, proto::Buffer& block);
    void finish(ServerConn* c, bool keep);
    // Sends a reply (encrypted on a TLS connection) or, with `block`, one block of a long one;
    // the bytes are copied when they cannot all be written at once.
    void write(ServerConn* c, const uint8_t* p, size_t n, bool block);
    // Sends bytes for the socket as they are.
    void write_wire(ServerConn* c, const uint8_t* p, size_t n, bool block);
    // Sends the cipher bytes the TLS session produced (handshake flights, tickets).
    void flush_tls(ServerConn* c);
    // Lets the worker streaming a long reply send its next block.
    void release_block(ServerConn* c);
    // Closes the connection; `reset` aborts it (RST), dropping what the kernel still holds.
    void close(ServerConn* c, bool reset = false);
    void maybe_free(ServerConn* c);
    void reap();

    EventServer& server_;
    net::EventLoop loop_;
    uv_timer_t reaper_{};
    bool closing_all_ = false;
    std::vector<uint8_t> cipher_out_;  // TLS records on their way out (reused)
    std::list<ServerConn*> conns_;
};

}  // namespace aero::server
