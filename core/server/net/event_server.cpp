#include "core/server/net/event_server.h"

#include <signal.h>

#include <future>

#include "core/server/dispatch.h"

namespace aero::server {

namespace {

constexpr size_t kCipherChunk = 16 * 1024;
constexpr uint64_t kReapEveryMs = 250;

ServerConn* conn_of(uv_handle_t* h) { return static_cast<ServerConn*>(h->data); }
uv_stream_t* stream_of(ServerConn* c) { return reinterpret_cast<uv_stream_t*>(&c->tcp); }

// Where the next plain bytes of the request go: the header, then the body.
uv_buf_t request_slice(ServerConn* c) {
    if (!c->header_done)
        return uv_buf_init(reinterpret_cast<char*>(c->header) + c->filled, unsigned(sizeof c->header - c->filled));
    return uv_buf_init(reinterpret_cast<char*>(c->body.data()) + c->filled, unsigned(c->body.size() - c->filled));
}

struct WriteReq {
    uv_write_t req{};
    std::vector<uint8_t> data;
    bool block = false;  // a block of a long reply: its worker waits for it
};

}  // namespace

Status EventServer::on_loop(std::function<Status()> task) {
    std::promise<Status> done;
    auto result = done.get_future();
    if (!loop_.post([&] { done.set_value(task()); })) return Status(kErrClient, "the event loop is stopping");
    return result.get();
}

Status EventServer::bind_one(Listener& l, const std::string& addr, uint16_t port, uint16_t& bound) {
    sockaddr_storage ss{};
    if (uv_ip4_addr(addr.c_str(), port, reinterpret_cast<sockaddr_in*>(&ss)) != 0 &&
        uv_ip6_addr(addr.c_str(), port, reinterpret_cast<sockaddr_in6*>(&ss)) != 0)
        return Status(kErrParam, "bad bind address " + addr);
    uv_tcp_init(loop_.uv(), &l.tcp);
    l.tcp.data = &l;
    l.server = this;
    int rc = uv_tcp_bind(&l.tcp, reinterpret_cast<sockaddr*>(&ss), 0);
    int len = sizeof ss;
    if (rc == 0) rc = uv_tcp_getsockname(&l.tcp, reinterpret_cast<sockaddr*>(&ss), &len);
    if (rc != 0) return Status(kErrClient, "cannot listen on " + addr + ":" + std::to_string(port) + ": " + uv_strerror(rc));
    bound = ntohs(ss.ss_family == AF_INET ? reinterpret_cast<sockaddr_in*>(&ss)->sin_port
                                          : reinterpret_cast<sockaddr_in6*>(&ss)->sin6_port);
    return Status::ok();
}

Status EventServer::bind(const std::string& addr, uint16_t port, std::optional<uint16_t> tls_port) {
    // Clients vanish mid-reply: a broken pipe must be a write error, not a signal that ends
    // the process (unless the host program chose a handler of its own).
    struct sigaction old {};
    if (sigaction(SIGPIPE, nullptr, &old) == 0 && old.sa_handler == SIG_DFL) signal(SIGPIPE, SIG_IGN);
    Status s = loop_.start();
    if (!s.is_ok()) return s;
    started_ = true;
    return on_loop([&]() -> Status {
        Status b = bind_one(plain_, addr, port, port_);
        if (b.is_ok() && tls_port) {
            secure_.tls = true;
            b = bind_one(secure_, addr, *tls_port, tls_port_.emplace());
        }
        return b;
    });
}

Status EventServer::serve(ServerContext& ctx) {
    ctx_ = &ctx;
    return on_loop([&]() -> Status {
        for (Listener* l : {&plain_, &secure_}) {
            if (l->server == nullptr) continue;
            int rc = uv_listen(reinterpret_cast<uv_stream_t*>(&l->tcp), 1024, on_connection);
            if (rc != 0) return Status(kErrClient, std::string("listen: ") + uv_strerror(rc));
        }
        uv_timer_init(loop_.uv(), &reaper_);
        reaper_.data = this;
        uv_timer_start(&reaper_, on_reap, kReapEveryMs, kReapEveryMs);
        return Status::ok();
    });
}

void EventServer::stop() {
    if (!started_) return;
    loop_.post([this] {
        stopping_ = true;
        for (Listener* l : {&plain_, &secure_})
            if (l->server != nullptr) uv_close(reinterpret_cast<uv_handle_t*>(&l->tcp), nullptr);
        for (auto it = conns_.begin(); it != conns_.end();) close(*it++);
    });
    // Each connection is freed once its handle closed and its request (if any) came back.
    {
        std::unique_lock lk(live_mu_);
        live_cv_.wait(lk, [this] { return live_ == 0; });
    }
    loop_.stop(nullptr);
    started_ = false;
}

// -- Accepting ---------------------------------------------------------------

void EventServer::on_connection(uv_stream_t* listener, int status) {
    auto* l = static_cast<Listener*>(listener->data);
    if (status == 0) l->server->accept_one(*l);
}

void EventServer::accept_one(Listener& l) {
    auto* c = new ServerConn;
    c->server = this;
    uv_tcp_init(loop_.uv(), &c->tcp);
    c->tcp.data = c;
    {
        std::lock_guard lk(live_mu_);
        live_++;
    }
    c->where = conns_.insert(conns_.end(), c);
    ServerStats& stats = ctx_->stats;
    stats.client_connections++;
    stats.client_connections_opened++;
    if (uv_accept(reinterpret_cast<uv_stream_t*>(&l.tcp), stream_of(c)) != 0 || stopping_ ||
        conns_.size() > limits_.max_connections) {
        close(c);
        return;
    }
    uv_tcp_nodelay(&c->tcp, 1);  // replies are single writes; don't let Nagle hold them back
    c->authenticated = !ctx_->security;
    c->last_active_ms = uv_now(loop_.uv());
    if (l.tls) {
        auto session = net::TlsSession::accept(tls_->ctx());
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

void EventServer::start_reading(ServerConn* c) { uv_read_start(stream_of(c), on_alloc, on_read); }

void EventServer::on_alloc(uv_handle_t* h, size_t, uv_buf_t* buf) {
    ServerConn* c = conn_of(h);
    if (!c->tls) {
        *buf = request_slice(c);
        return;
    }
    c->cipher_in.resize(kCipherChunk);
    *buf = uv_buf_init(reinterpret_cast<char*>(c->cipher_in.data()), unsigned(c->cipher_in.size()));
}

void EventServer::on_read(uv_stream_t* s, ssize_t n, const uv_buf_t*) {
    ServerConn* c = conn_of(reinterpret_cast<uv_handle_t*>(s));
    EventServer* self = c->server;
    if (c->closing || n == 0) return;
    if (n < 0) return self->close(c);
    c->last_active_ms = uv_now(self->loop_.uv());
    if (c->tls) self->tls_input(c, size_t(n));
    else self->received(c, size_t(n));
}

void EventServer::received(ServerConn* c, size_t n) {
    if (c->request_since_ms == 0) c->request_since_ms = c->last_active_ms;
    c->filled += n;
    if (!c->header_done) {
        if (c->filled < sizeof c->header) return;
        if (!acceptable(c->header, c->type, c->expected)) return close(c);
        c->header_done = true;
        c->filled = 0;
        // A header is only a claim: the body grows with the bytes that really come.
        c->body.clear();
        c->body.resize(proto::grown_size(0, c->expected));
    }
    if (c->filled < c->body.size()) return;
    if (c->body.size() < c->expected) {
        c->body.resize(proto::grown_size(c->body.size(), c->expected));
        return;
    }
    dispatch(c);
}

void EventServer::tls_input(ServerConn* c, size_t n) {
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

void EventServer::tls_pump(ServerConn* c) {
    while (!c->busy && !c->closing) {
        uv_buf_t want = request_slice(c);
        size_t n = 0;
        Status s = c->tls->read(reinterpret_cast<uint8_t*>(want.base), want.len, n);
        if (!s.is_ok()) return close(c);
        if (n == 0) break;
        received(c, n);
    }
    // Reading may make the session answer (a key update, say).
    if (!c->closing) flush_tls(c);
}

// -- Serving -------------------------------------------------------------------

void EventServer::dispatch(ServerConn* c) {
    // One request at a time per connection, as the real server serves them.
    c->busy = true;
    c->request_since_ms = 0;
    uv_read_stop(stream_of(c));
    bool long_job = is_long_request(c->type, c->body);
    workers_.submit([this, c] {
        ReplyFlush flush = [this, c](proto::Buffer& block) { return send_block(c, block); };
        bool keep = serve_request(*ctx_, c->type, c->body, c->authenticated, c->out, flush);
        loop_.post([this, c, keep] { finish(c, keep); });
    }, long_job);
}

bool EventServer::send_block(ServerConn* c, proto::Buffer& block) {
    {
        std::unique_lock lk(c->mu);
        // The reaper closes a connection whose client stops reading, which ends this wait.
        c->block_written.wait(lk, [c] { return !c->block_in_flight || c->gone; });
        if (c->gone) return false;
        c->block_in_flight = true;
    }
    std::vector<uint8_t> bytes;
    bytes.swap(block);
    loop_.post([this, c, bytes = std::move(bytes)]() mutable { write(c, std::move(bytes), true); });
    return true;
}

void EventServer::finish(ServerConn* c, bool keep) {
    c->busy = false;
    if (c->closing) return maybe_free(c);
    if (!keep) return close(c);
    std::vector<uint8_t> reply;
    reply.swap(c->out);
    write(c, std::move(reply), false);
    if (c->closing) return;
    c->filled = 0;
    c->header_done = false;
    c->last_active_ms = uv_now(loop_.uv());
    start_reading(c);
    if (c->tls) tls_pump(c);  // the next request may be decrypted already
}

// -- Writing -------------------------------------------------------------------

void EventServer::write(ServerConn* c, std::vector<uint8_t> bytes, bool block) {
    if (c->tls && !c->closing) {
        std::vector<uint8_t> plain;
        plain.swap(bytes);
        if (c->tls->write(plain.data(), plain.size()).is_ok()) c->tls->take_output(bytes);
    }
    write_wire(c, std::move(bytes), block);
}

void EventServer::write_wire(ServerConn* c, std::vector<uint8_t> bytes, bool block) {
    if (c->closing) {
        // A worker's block that arrived after the close: nothing to send, but it must not wait.
        if (block) release_block(c);
        return;
    }
    auto* w = new WriteReq;
    w->block = block;
    w->req.data = c;
    w->data = std::move(bytes);
    uv_buf_t buf = uv_buf_init(reinterpret_cast<char*>(w->data.data()), unsigned(w->data.size()));
    int rc = w->data.empty() ? UV_EPROTO : uv_write(&w->req, stream_of(c), &buf, 1, on_written);
    if (rc != 0) {
        // Not queued (or nothing to send: a failed encryption): no callback will come.
        if (block) release_block(c);
        delete w;
        return close(c);
    }
    if (c->writes_pending++ == 0) c->write_since_ms = uv_now(loop_.uv());
}

void EventServer::flush_tls(ServerConn* c) {
    if (!c->tls->has_output()) return;
    std::vector<uint8_t> records;
    c->tls->take_output(records);
    write_wire(c, std::move(records), false);
}

void EventServer::release_block(ServerConn* c) {
    std::lock_guard lk(c->mu);
    c->block_in_flight = false;
    c->block_written.notify_all();
}

void EventServer::on_written(uv_write_t* req, int status) {
    auto* w = reinterpret_cast<WriteReq*>(req);
    auto* c = static_cast<ServerConn*>(req->data);
    EventServer* self = c->server;
    c->writes_pending--;
    c->write_since_ms = uv_now(self->loop_.uv());  // progress: the next write's wait starts now
    if (w->block) self->release_block(c);
    delete w;
    if (status != 0) self->close(c);
}

// -- Closing -------------------------------------------------------------------

void EventServer::close(ServerConn* c, bool reset) {
    if (c->closing) return;
    c->closing = true;
    {
        std::lock_guard lk(c->mu);
        c->gone = true;
        c->block_written.notify_all();
    }
    conns_.erase(c->where);
    ctx_->stats.client_connections--;
    ctx_->stats.client_connections_closed++;
    auto closed = [](uv_handle_t* h) {
        ServerConn* conn = conn_of(h);
        conn->handle_closed = true;
        conn->server->maybe_free(conn);
    };
    if (reset && uv_tcp_close_reset(&c->tcp, closed) == 0) return;
    uv_close(reinterpret_cast<uv_handle_t*>(&c->tcp), closed);
}

void EventServer::maybe_free(ServerConn* c) {
    // libuv completes every write of a handle before its close callback, so only a request
    // still on a worker can hold the connection past it.
    if (!c->handle_closed || c->busy) return;
    delete c;
    std::lock_guard lk(live_mu_);
    if (--live_ == 0) live_cv_.notify_all();
}

void EventServer::on_reap(uv_timer_t* t) { static_cast<EventServer*>(t->data)->reap(); }

void EventServer::reap() {
    uint64_t now = uv_now(loop_.uv());
    auto past = [now](uint64_t since, uint32_t limit_s) { return limit_s != 0 && since != 0 && now - since >= uint64_t(limit_s) * 1000; };
    for (auto it = conns_.begin(); it != conns_.end();) {
        ServerConn* c = *it++;
        bool stalled_write = c->writes_pending > 0 && past(c->write_since_ms, limits_.request_timeout_s);
        bool stalled_read = !c->busy && past(c->request_since_ms, limits_.request_timeout_s);
        bool idle = !c->busy && c->request_since_ms == 0 && c->writes_pending == 0 &&
                    past(c->last_active_ms, limits_.idle_timeout_s);
        // A client that stopped reading gets a reset: its unsent reply is dropped at once
        // instead of waiting in the kernel.
        if (stalled_write || stalled_read || idle) close(c, stalled_write);
    }
}

}  // namespace aero::server
