#include "core/server/net/serve_loop.h"

#include <unistd.h>

#include "core/server/dispatch.h"
#include "core/server/net/event_server.h"

namespace aero::server {

namespace {

constexpr size_t kCipherChunk = 16 * 1024;

// The client's IP as text, for the allow-lists (empty when the socket cannot tell).
std::string peer_address(const uv_tcp_t& tcp) {
    sockaddr_storage addr{};
    int len = sizeof addr;
    if (uv_tcp_getpeername(&tcp, reinterpret_cast<sockaddr*>(&addr), &len) != 0) return {};
    char text[INET6_ADDRSTRLEN] = {};
    if (addr.ss_family == AF_INET) uv_ip4_name(reinterpret_cast<const sockaddr_in*>(&addr), text, sizeof text);
    else uv_ip6_name(reinterpret_cast<const sockaddr_in6*>(&addr), text, sizeof text);
    return text;
}
constexpr uint64_t kReapEveryMs = 250;

ServerConn* conn_of(uv_handle_t* h) { return static_cast<ServerConn*>(h->data); }
uv_stream_t* stream_of(ServerConn* c) { return reinterpret_cast<uv_stream_t*>(&c->tcp); }

// Where the next plain bytes of the request go: the header, then the body.
uv_buf_t request_slice(ServerConn* c) {
    return uv_buf_init(reinterpret_cast<char*>(c->in.space()), unsigned(c->in.room()));
}

struct WriteReq {
    uv_write_t req{};
    std::vector<uint8_t> data;
    bool block = false;  // a block of a long reply: its worker waits for it
};

}  // namespace

// -- Accepting ---------------------------------------------------------------

Status ServeLoop::start() {
    Status s = loop_.start("aero-serve");
    if (!s.is_ok()) return s;
    loop_.post([this] {
        uv_timer_init(loop_.uv(), &reaper_);
        reaper_.data = this;
        uv_timer_start(&reaper_, on_reap, kReapEveryMs, kReapEveryMs);
    });
    return Status::ok();
}

void ServeLoop::adopt(int fd, bool tls) {
    if (!loop_.post([this, fd, tls] { accept_fd(fd, tls); })) ::close(fd);
}

void ServeLoop::close_all() {
    loop_.post([this] {
        closing_all_ = true;
        for (auto it = conns_.begin(); it != conns_.end();) close(*it++);
    });
}

void ServeLoop::accept_fd(int fd, bool tls) {
    auto* c = new ServerConn;
    c->loop = this;
    uv_tcp_init(loop_.uv(), &c->tcp);
    c->tcp.data = c;
    c->where = conns_.insert(conns_.end(), c);
    bool admitted = server_.connection_opened();
    if (uv_tcp_open(&c->tcp, fd) != 0) {
        ::close(fd);  // not the handle's yet
        return close(c);
    }
    if (!admitted || closing_all_) return close(c);
    uv_tcp_nodelay(&c->tcp, 1);  // replies are single writes; don't let Nagle hold them back
    c->auth.authenticated = !server_.ctx().security;
    if (server_.ctx().security) c->auth.peer = peer_address(c->tcp);
    c->last_active_ms = uv_now(loop_.uv());
    if (tls) {
        auto session = net::TlsSession::accept(server_.tls()->ctx());
        if (!session.is_ok()) {
            close(c);
            return;
        }
        c->tls = std::move(session.value());
        c->handshaking = true;
        c->request_since_ms = c->last_active_ms;  // the handshake is timed like a request
    }
    start_reading(c);
}

// -- Reading -------------------------------------------------------------------

void ServeLoop::start_reading(ServerConn* c) { uv_read_start(stream_of(c), on_alloc, on_read); }

void ServeLoop::on_alloc(uv_handle_t* h, size_t, uv_buf_t* buf) {
    ServerConn* c = conn_of(h);
    if (!c->tls) {
        *buf = request_slice(c);
        return;
    }
    c->cipher_in.resize(kCipherChunk);
    *buf = uv_buf_init(reinterpret_cast<char*>(c->cipher_in.data()), unsigned(c->cipher_in.size()));
}

void ServeLoop::on_read(uv_stream_t* s, ssize_t n, const uv_buf_t*) {
    ServerConn* c = conn_of(reinterpret_cast<uv_handle_t*>(s));
    ServeLoop* self = c->loop;
    if (c->closing || n == 0) return;
    if (n < 0) return self->close(c);
    c->last_active_ms = uv_now(self->loop_.uv());
    if (c->tls) self->tls_input(c, size_t(n));
    else self->received(c, size_t(n));
}

void ServeLoop::received(ServerConn* c, size_t n) {
    if (c->request_since_ms == 0) c->request_since_ms = c->last_active_ms;
    proto::IncomingMessage::Step step = c->in.received(n);
    if (step == proto::IncomingMessage::kHeader) {
        uint64_t size = 0;
        if (!acceptable(c->in.header, c->type, size)) return close(c);
        // A header is only a claim: the body grows with the bytes that really come.
        step = c->in.begin_body(size);
    }
    if (step == proto::IncomingMessage::kComplete) dispatch(c);
}

void ServeLoop::tls_input(ServerConn* c, size_t n) {
    c->tls->feed(c->cipher_in.data(), n);
    if (c->handshaking) {
        bool done = false;
        Status s = c->tls->handshake(done);
        flush_tls(c);
        if (!s.is_ok()) return close(c);  // a failed handshake drops the client, as the real server does
        if (!done) return;
        c->handshaking = false;
        c->request_since_ms = 0;
    }
    tls_pump(c);
}

void ServeLoop::tls_pump(ServerConn* c) {
    // A request served on the loop finishes inside this pump, and its finish pumps again:
    // the loop below goes on instead of recursing once per pipelined request.
    if (c->pumping) return;
    c->pumping = true;
    while (!c->busy && !c->closing) {
        uv_buf_t want = request_slice(c);
        size_t n = 0;
        Status s = c->tls->read(reinterpret_cast<uint8_t*>(want.base), want.len, n);
        if (!s.is_ok()) {
            close(c);
            break;
        }
        if (n == 0) break;
        received(c, n);
    }
    c->pumping = false;
    // Reading may make the session answer (a key update, say).
    if (!c->closing) flush_tls(c);
}

// -- Serving -------------------------------------------------------------------

void ServeLoop::dispatch(ServerConn* c) {
    // One request at a time per connection, as the real server serves them.
    c->busy = true;
    c->request_since_ms = 0;
    ServerContext& ctx = server_.ctx();
    if (!runs_on_worker(c->type, c->in.body)) {
        // Single-record commands take microseconds: the loop runs them, as the real server's
        // service threads do, sparing two thread hand-offs.
        finish(c, serve_request(ctx, c->type, c->in.body, c->auth, c->out, {}));
        return;
    }
    uv_read_stop(stream_of(c));
    server_.workers().submit([this, c, &ctx] {
        ReplyFlush flush = [this, c](proto::Buffer& block) { return send_block(c, block); };
        bool keep = serve_request(ctx, c->type, c->in.body, c->auth, c->out, flush);
        loop_.post([this, c, keep] { finish(c, keep); });
    }, is_long_request(c->type, c->in.body));
}

bool ServeLoop::send_block(ServerConn* c, proto::Buffer& block) {
    {
        std::unique_lock lk(c->mu);
        // The reaper closes a connection whose client stops reading, which ends this wait.
        c->block_written.wait(lk, [c] { return !c->block_in_flight || c->gone; });
        if (c->gone) return false;
        c->block_in_flight = true;
    }
    std::vector<uint8_t> bytes;
    bytes.swap(block);
    loop_.post([this, c, bytes = std::move(bytes)] { write(c, bytes.data(), bytes.size(), true); });
    return true;
}

void ServeLoop::finish(ServerConn* c, bool keep) {
    c->busy = false;
    if (c->closing) return maybe_free(c);
    if (!keep) return close(c);
    write(c, c->out.data(), c->out.size(), false);
    c->out.clear();  // its capacity serves the next reply
    if (c->closing) return;
    c->in.restart();
    c->last_active_ms = uv_now(loop_.uv());
    start_reading(c);
    if (c->tls) tls_pump(c);  // the next request may be decrypted already
}

// -- Writing -------------------------------------------------------------------

void ServeLoop::write(ServerConn* c, const uint8_t* p, size_t n, bool block) {
    if (c->tls && !c->closing) {
        if (!c->tls->write(p, n).is_ok()) {
            if (block) release_block(c);
            return close(c);
        }
        c->tls->take_output(cipher_out_);
        p = cipher_out_.data();
        n = cipher_out_.size();
    }
    write_wire(c, p, n, block);
}

void ServeLoop::write_wire(ServerConn* c, const uint8_t* p, size_t n, bool block) {
    if (c->closing) {
        // A worker's block that arrived after the close: nothing to send, but it must not wait.
        if (block) release_block(c);
        return;
    }
    if (c->writes_pending == 0) {
        // Most replies fit the socket buffer: written at once, with no request to allocate.
        uv_buf_t now = uv_buf_init(reinterpret_cast<char*>(const_cast<uint8_t*>(p)), unsigned(n));
        int put = uv_try_write(stream_of(c), &now, 1);
        if (put < 0 && put != UV_EAGAIN) {
            if (block) release_block(c);
            return close(c);
        }
        if (put > 0) {
            p += put;
            n -= size_t(put);
        }
        if (n == 0) {
            if (block) release_block(c);
            return;
        }
    }
    auto* w = new WriteReq;
    w->block = block;
    w->req.data = c;
    w->data.assign(p, p + n);
    uv_buf_t buf = uv_buf_init(reinterpret_cast<char*>(w->data.data()), unsigned(w->data.size()));
    int rc = uv_write(&w->req, stream_of(c), &buf, 1, on_written);
    if (rc != 0) {
        // Not queued: no callback will come.
        if (block) release_block(c);
        delete w;
        return close(c);
    }
    if (c->writes_pending++ == 0) c->write_since_ms = uv_now(loop_.uv());
}

void ServeLoop::flush_tls(ServerConn* c) {
    if (!c->tls->has_output()) return;
    c->tls->take_output(cipher_out_);
    write_wire(c, cipher_out_.data(), cipher_out_.size(), false);
}

void ServeLoop::release_block(ServerConn* c) {
    std::lock_guard lk(c->mu);
    c->block_in_flight = false;
    c->block_written.notify_all();
}

void ServeLoop::on_written(uv_write_t* req, int status) {
    auto* w = reinterpret_cast<WriteReq*>(req);
    auto* c = static_cast<ServerConn*>(req->data);
    ServeLoop* self = c->loop;
    c->writes_pending--;
    c->write_since_ms = uv_now(self->loop_.uv());  // progress: the next write's wait starts now
    if (w->block) self->release_block(c);
    delete w;
    if (status != 0) self->close(c);
}

// -- Closing -------------------------------------------------------------------

void ServeLoop::close(ServerConn* c, bool reset) {
    if (c->closing) return;
    c->closing = true;
    {
        std::lock_guard lk(c->mu);
        c->gone = true;
        c->block_written.notify_all();
    }
    conns_.erase(c->where);
    ServerStats& stats = server_.ctx().stats;
    stats.client_connections--;
    stats.client_connections_closed++;
    auto closed = [](uv_handle_t* h) {
        ServerConn* conn = conn_of(h);
        conn->handle_closed = true;
        conn->loop->maybe_free(conn);
    };
    if (reset && uv_tcp_close_reset(&c->tcp, closed) == 0) return;
    uv_close(reinterpret_cast<uv_handle_t*>(&c->tcp), closed);
}

void ServeLoop::maybe_free(ServerConn* c) {
    // libuv completes every write of a handle before its close callback, so only a request
    // still on a worker can hold the connection past it.
    if (!c->handle_closed || c->busy) return;
    delete c;
    server_.connection_freed();
}

void ServeLoop::on_reap(uv_timer_t* t) { static_cast<ServeLoop*>(t->data)->reap(); }

void ServeLoop::reap() {
    uint64_t now = uv_now(loop_.uv());
    auto past = [now](uint64_t since, uint32_t limit_s) { return limit_s != 0 && since != 0 && now - since >= uint64_t(limit_s) * 1000; };
    for (auto it = conns_.begin(); it != conns_.end();) {
        ServerConn* c = *it++;
        bool stalled_write = c->writes_pending > 0 && past(c->write_since_ms, server_.limits().request_timeout_s);
        bool stalled_read = !c->busy && past(c->request_since_ms, server_.limits().request_timeout_s);
        bool idle = !c->busy && c->request_since_ms == 0 && c->writes_pending == 0 &&
                    past(c->last_active_ms, server_.limits().idle_timeout_s);
        // A client that stopped reading gets a reset: its unsent reply is dropped at once
        // instead of waiting in the kernel.
        if (stalled_write || stalled_read || idle) close(c, stalled_write);
    }
}

}  // namespace aero::server
