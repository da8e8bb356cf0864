// The async engine's socket side (loop thread): pooled connections, connect, the TLS
// handshake and pump, writes, and reading whole messages into their buffers.
#include "core/command/async_conn.h"

#include <algorithm>
#include <cstring>

#include "core/net/connection.h"

namespace aero {

namespace {

// One TLS record at most per socket read.
constexpr size_t kCipherChunk = 16 * 1024 + 512;
// A plain socket read takes up to this much at once: a reply's header and a small body in one
// call. A body with at least this much left to come is read straight into its buffer.
constexpr size_t kReadAhead = 16 * 1024;

AsyncConn* conn_of(uv_handle_t* h) { return static_cast<AsyncConn*>(h->data); }

uv_stream_t* stream_of(AsyncConn* c) { return reinterpret_cast<uv_stream_t*>(&c->tcp); }

// An idle TLS connection may still receive handshake records (session tickets, key updates);
// true when these bytes carried nothing else, so the connection stays usable.
bool only_tls_records(AsyncConn* c, const char* data, size_t n) {
    c->tls->feed(reinterpret_cast<const uint8_t*>(data), n);
    uint8_t stray[64];
    size_t got = 0;
    return c->tls->read(stray, sizeof stray, got).is_ok() && got == 0;
}

// Whether a message is awaited on the connection: a command's reply, or a drained one's rest.
bool reply_awaited(const AsyncConn* c) { return c->reading && (c->cmd != nullptr || c->draining); }

// Where the next bytes of the awaited message go: exactly what is left of its header or body,
// so a read never runs into the next message.
uv_buf_t message_slice(AsyncConn* c) {
    return uv_buf_init(reinterpret_cast<char*>(c->in.space()), unsigned(c->in.room()));
}

}  // namespace

void AsyncEngine::use_pool(AsyncCommand* cmd, AsyncNodePool& pool) {
    uint64_t now = uv_now(loop_.uv());
    while (!pool.idle.empty()) {
        AsyncConn* c = pool.idle.back();
        pool.idle.pop_back();
        bool stale = c->pool->auth && !c->pool->auth->current(c->auth_epoch);
        if (stale || now - c->idle_since_ms >= uint64_t(config_.idle_timeout_s) * 1000) {
            close_conn(c);
            continue;
        }
        c->cmd = cmd;
        cmd->conn = c;
        send(cmd);
        return;
    }
    if (pool.total < config_.max_conns_per_node) {
        open_conn(cmd, pool);
        return;
    }
    // Every connection is busy: wait for one rather than fail, bounded by the command's deadline.
    cmd->waiting_for_conn = &pool;
    pool.waiters.push_back(cmd);
}

void AsyncEngine::stop_waiting(AsyncCommand* cmd) {
    AsyncNodePool* pool = cmd->waiting_for_conn;
    if (pool == nullptr) return;
    cmd->waiting_for_conn = nullptr;
    for (auto it = pool->waiters.begin(); it != pool->waiters.end(); ++it) {
        if (*it == cmd) {
            pool->waiters.erase(it);
            return;
        }
    }
}

void AsyncEngine::open_conn(AsyncCommand* cmd, AsyncNodePool& pool) {
    auto* c = new AsyncConn();
    c->engine = this;
    c->drain_deadline.owner = c;
    c->pool = &pool;
    c->cmd = cmd;
    c->tcp.data = c;
    c->connect_req.data = c;
    c->write_req.data = c;
    pool.total++;
    if (pool.stats) pool.stats->async_open.fetch_add(1, std::memory_order_relaxed);
    cmd->conn = c;
    uv_tcp_init(loop_.uv(), &c->tcp);
    uv_tcp_nodelay(&c->tcp, 1);
    int rc = uv_tcp_connect(&c->connect_req, &c->tcp, reinterpret_cast<const sockaddr*>(&pool.addr), uv_connected);
    if (rc != 0) fail_attempt(cmd, Status(kErrConnection, std::string("connect: ") + uv_strerror(rc)), true);
}

void AsyncEngine::uv_connected(uv_connect_t* req, int status) {
    AsyncConn* c = static_cast<AsyncConn*>(req->data);
    if (c->cmd == nullptr) return;  // abandoned after a timeout or close
    if (status != 0) {
        c->engine->fail_attempt(c->cmd, Status(kErrConnection, std::string("connect: ") + uv_strerror(status)), true);
        return;
    }
    c->engine->start_reading(c);
    if (c->pool->tls.ctx) c->engine->start_tls(c->cmd);
    else c->engine->authenticate_then_send(c->cmd);
}

void AsyncEngine::start_tls(AsyncCommand* cmd) {
    AsyncConn* c = cmd->conn;
    auto session = net::TlsSession::start(c->pool->tls);
    if (!session.is_ok()) {
        fail_attempt(cmd, session.status(), true);
        return;
    }
    c->tls = std::move(session.value());
    c->handshaking = true;
    tls_handshake(c);
}

void AsyncEngine::tls_handshake(AsyncConn* c) {
    bool done = false;
    Status s = c->tls->handshake(done);
    if (!s.is_ok()) {
        fail_attempt(c->cmd, s, true);
        return;
    }
    if (!done) {
        tls_flush(c);
        return;
    }
    c->handshaking = false;
    // The handshake's last flight leaves with the first request.
    authenticate_then_send(c->cmd);
}

void AsyncEngine::tls_pump(AsyncConn* c) {
    // A message completed inside the pump may ask for the next one (a batch stream): the
    // pump goes on rather than recursing.
    if (c->pumping) {
        c->pump_again = true;
        return;
    }
    c->pumping = true;
    do {
        c->pump_again = false;
        while ((c->cmd != nullptr || c->draining) && c->reading) {
            uv_buf_t want = message_slice(c);
            size_t n = 0;
            Status s = c->tls->read(reinterpret_cast<uint8_t*>(want.base), want.len, n);
            if (!s.is_ok()) {
                reply_failed(c, s);
                break;
            }
            if (n == 0) break;
            received(c, n);
        }
    } while (c->pump_again);
    c->pumping = false;
    tls_flush(c);
}

int AsyncEngine::put_bytes(AsyncConn* c, const uint8_t* data, size_t size) {
    uv_buf_t buf = uv_buf_init(reinterpret_cast<char*>(const_cast<uint8_t*>(data)), unsigned(size));
    int n = uv_try_write(stream_of(c), &buf, 1);
    if (n == int(size)) return 0;
    if (n < 0 && n != UV_EAGAIN) return n;
    if (n > 0) {
        buf.base += n;
        buf.len -= unsigned(n);
    }
    // uv_try_write ran uv_write's checks: after a partial write, uv_write does not refuse.
    c->write_pending = true;
    int rc = uv_write(&c->write_req, stream_of(c), &buf, 1, uv_written);
    if (rc != 0) c->write_pending = false;
    return rc;
}

void AsyncEngine::tls_flush(AsyncConn* c) {
    // One queued write at a time: uv_written sends whatever the session produced meanwhile.
    while (!c->write_pending && !uv_is_closing(reinterpret_cast<uv_handle_t*>(&c->tcp)) && c->tls->has_output()) {
        c->tls->take_output(c->cipher_out);
        int rc = put_bytes(c, c->cipher_out.data(), c->cipher_out.size());
        if (rc == 0) continue;
        // An idle connection's read watcher sees the broken socket and retires it.
        if (c->cmd != nullptr) fail_attempt(c->cmd, Status(kErrConnection, std::string("write: ") + uv_strerror(rc)), true);
        return;
    }
}

void AsyncEngine::start_reading(AsyncConn* c) {
    // From connect to close, and never stopped: stopping and restarting the watcher around each
    // command cost libuv two epoll_ctl calls per start. What bytes mean depends on the state
    // the connection is in when they come (uv_read).
    uv_read_start(stream_of(c), uv_alloc, uv_read);
}

void AsyncEngine::authenticate_then_send(AsyncCommand* cmd) {
    AsyncConn* c = cmd->conn;
    bool needed = false;
    // Only the tend thread logs in; without a token the attempt fails retryably until it has.
    if (c->pool->auth) c->auth_epoch = c->pool->auth->epoch();
    Status s = c->pool->auth ? c->pool->auth->authenticate_request(c->auth_request, needed) : Status::ok();
    if (!s.is_ok()) {
        fail_attempt(cmd, s, true);
        return;
    }
    c->authenticating = needed;
    if (needed) write(cmd, c->auth_request);
    else send(cmd);
}

void AsyncEngine::send(AsyncCommand* cmd) {
    // The command counts as sent (§14.7) from the moment its bytes are handed to the socket:
    // from then on the server may apply it, whatever ends the command (a timeout, a lost
    // connection, close). The AUTHENTICATE before it does not count.
    mark_sent(cmd, 1);
    write(cmd, cmd->request);
}

void AsyncEngine::mark_sent(AsyncCommand* cmd, int step) {
    cmd->sent += uint32_t(step);
    if (cmd->parent != nullptr)
        for (uint32_t i : cmd->rows) cmd->parent->batch->rows()[i].sent += uint32_t(step);
}

void AsyncEngine::write_refused(AsyncCommand* cmd, Status why) {
    // No byte left: the request was not sent after all (the AUTHENTICATE was never counted).
    if (!cmd->conn->authenticating) mark_sent(cmd, -1);
    fail_attempt(cmd, std::move(why), true);
}

void AsyncEngine::write(AsyncCommand* cmd, proto::Buffer& bytes) {
    AsyncConn* c = cmd->conn;
    c->writes++;
    c->in.restart();
    c->reply_complete = false;
    c->reading = true;
    if (c->tls) {
        Status s = c->tls->write(bytes.data(), bytes.size());
        if (!s.is_ok()) return write_refused(cmd, s);
        tls_flush(c);
        return;
    }
    int rc = put_bytes(c, bytes.data(), bytes.size());
    if (rc != 0) write_refused(cmd, Status(kErrConnection, std::string("write: ") + uv_strerror(rc)));
}

void AsyncEngine::uv_written(uv_write_t* req, int status) {
    AsyncConn* c = static_cast<AsyncConn*>(req->data);
    c->write_pending = false;
    if (c->cmd == nullptr) return;
    if (status != 0) {
        c->engine->fail_attempt(c->cmd, Status(kErrConnection, std::string("write: ") + uv_strerror(status)), true);
        return;
    }
    if (c->tls && c->tls->has_output()) {
        c->engine->tls_flush(c);
        return;
    }
    if (c->handshaking) return;
    if (c->reply_complete) c->engine->on_message(c->cmd);
}

void AsyncEngine::uv_alloc(uv_handle_t* h, size_t, uv_buf_t* buf) {
    AsyncConn* c = conn_of(h);
    if (c->tls) {
        c->cipher_in.resize(kCipherChunk);
        *buf = uv_buf_init(reinterpret_cast<char*>(c->cipher_in.data()), unsigned(c->cipher_in.size()));
    } else if (c->reading && c->in.header_done && c->in.room() >= kReadAhead) {
        *buf = message_slice(c);
    } else {
        // Also what an idle socket reads into, to see EOF or stray bytes.
        std::vector<uint8_t>& ahead = c->engine->ahead_;
        ahead.resize(kReadAhead);
        *buf = uv_buf_init(reinterpret_cast<char*>(ahead.data()), unsigned(ahead.size()));
    }
}

void AsyncEngine::uv_read(uv_stream_t* s, ssize_t n, const uv_buf_t* buf) {
    if (n == 0) return;
    AsyncConn* c = conn_of(reinterpret_cast<uv_handle_t*>(s));
    AsyncEngine* e = c->engine;
    bool awaited = reply_awaited(c);
    if (n < 0) {
        if (awaited || c->handshaking) e->read_failed(c, n);
        else e->unexpected(c);
        return;
    }
    if (!c->tls) {
        if (buf->base == reinterpret_cast<const char*>(e->ahead_.data())) e->received_ahead(c, size_t(n));
        else if (awaited) e->received(c, size_t(n));
        else e->unexpected(c);
        return;
    }
    if (awaited || c->handshaking) {
        c->tls->feed(c->cipher_in.data(), size_t(n));
        if (c->handshaking) e->tls_handshake(c);
        else e->tls_pump(c);
    } else if (only_tls_records(c, buf->base, size_t(n))) {
        e->tls_flush(c);
    } else {
        e->unexpected(c);
    }
}

void AsyncEngine::received_ahead(AsyncConn* c, size_t n) {
    size_t at = 0;
    const uint32_t writes = c->writes;
    // A batch reply's next message, or a drained stream's, may follow in the same bytes; a
    // new request written meanwhile (an AUTHENTICATE's command, a waiter given the
    // connection) cannot have been answered by them.
    while (at < n && reply_awaited(c) && c->writes == writes) {
        size_t k = std::min(c->in.room(), n - at);
        std::memcpy(c->in.space(), ahead_.data() + at, k);
        at += k;
        received(c, k);
        if (uv_is_closing(reinterpret_cast<uv_handle_t*>(&c->tcp))) return;
    }
    if (at < n) unexpected(c);
}

void AsyncEngine::unexpected(AsyncConn* c) {
    if (c->cmd != nullptr || c->draining) {
        c->unusable = true;
        return;
    }
    auto& idle = c->pool->idle;
    auto it = std::find(idle.begin(), idle.end(), c);
    if (it != idle.end()) idle.erase(it);
    close_conn(c);
}

void AsyncEngine::read_failed(AsyncConn* c, ssize_t n) {
    reply_failed(c, Status(kErrConnection, n == UV_EOF ? "connection closed by the server"
                                                       : std::string("read: ") + uv_strerror(int(n))));
}

void AsyncEngine::reply_failed(AsyncConn* c, Status s) {
    if (c->draining) end_drain(c, false);
    else fail_attempt(c->cmd, std::move(s), true);
}

void AsyncEngine::received(AsyncConn* c, size_t n) {
    AsyncCommand* cmd = c->cmd;
    proto::IncomingMessage::Step step = c->in.received(n);
    if (step == proto::IncomingMessage::kHeader) {
        uint8_t type = 0;
        uint64_t size = 0;
        Status st = proto::parse_proto_header(c->in.header, type, size);
        uint8_t expected = c->authenticating ? proto::kProtoAdmin : proto::kProtoMessage;
        if (st.is_ok() && type != expected) st = Status(kErrConnection, "reply has proto type " + std::to_string(type));
        if (!st.is_ok()) {
            reply_failed(c, Status(kErrConnection, st.message()));
            return;
        }
        step = c->in.begin_body(size);
    }
    if (step != proto::IncomingMessage::kComplete) return;
    c->reading = false;
    if (c->draining) {
        drained_message(c);
        return;
    }
    if (c->write_pending) {
        c->reply_complete = true;
        return;
    }
    on_message(cmd);
}

void AsyncEngine::release_conn(AsyncCommand* cmd, bool reusable) {
    AsyncConn* c = cmd->conn;
    if (c == nullptr) return;
    cmd->conn = nullptr;
    c->cmd = nullptr;
    reuse_conn(c, reusable);
}

void AsyncEngine::reuse_conn(AsyncConn* c, bool reusable) {
    if (!reusable || c->unusable || shut_down_) {
        close_conn(c);
        return;
    }
    AsyncNodePool& pool = *c->pool;
    if (!pool.waiters.empty()) {
        // Handed over without an idle spell, so checked here: a late or duplicated reply
        // already on the socket would answer the next command. Closing it gives the slot
        // to that command, which opens a new connection.
        uv_os_fd_t fd = -1;
        uv_fileno(reinterpret_cast<uv_handle_t*>(&c->tcp), &fd);
        if (!net::socket_quiet(fd) || (c->tls && c->tls->has_unread())) return close_conn(c);
        AsyncCommand* next = pool.waiters.front();
        pool.waiters.pop_front();
        next->waiting_for_conn = nullptr;
        c->cmd = next;
        next->conn = c;
        send(next);
        return;
    }
    // While idle the socket stays readable-watched: the server closing it (or sending
    // anything unexpected) retires it at once, instead of failing the next command.
    c->idle_since_ms = uv_now(loop_.uv());
    c->pool->idle.push_back(c);
}

void AsyncEngine::close_conn(AsyncConn* c) {
    c->cmd = nullptr;
    AsyncNodePool& pool = *c->pool;
    pool.total--;
    if (pool.stats) pool.stats->async_open.fetch_sub(1, std::memory_order_relaxed);
    uv_close(reinterpret_cast<uv_handle_t*>(&c->tcp), [](uv_handle_t* h) { delete conn_of(h); });
    // The freed slot goes to the first command waiting for a connection.
    if (!pool.waiters.empty() && !shut_down_) {
        AsyncCommand* next = pool.waiters.front();
        pool.waiters.pop_front();
        next->waiting_for_conn = nullptr;
        open_conn(next, pool);
    }
}

void AsyncEngine::start_drain(AsyncCommand* cmd) {
    AsyncConn* c = cmd->conn;
    // Only a reply that is on its way can be drained: not a write still going out, a login or
    // a TLS handshake.
    if (!c->reading || c->write_pending || c->authenticating || c->handshaking) return;
    cmd->conn = nullptr;
    c->cmd = nullptr;
    c->draining = true;
    c->drain_stream = cmd->kind == AsyncKind::kBatchPart;
    draining_.push_back(c);
    timers_.arm(c->drain_deadline, cmd->policy.timeout_delay_ms, [](net::TimerLanes::Entry& e) {
        auto* conn = static_cast<AsyncConn*>(e.owner);
        conn->engine->end_drain(conn, false);
    });
}

void AsyncEngine::drained_message(AsyncConn* c) {
    if (!c->drain_stream || proto::ends_stream(c->in.body.data(), c->in.filled)) {
        end_drain(c, true);
        return;
    }
    c->in.restart();
    c->reading = true;
}

void AsyncEngine::end_drain(AsyncConn* c, bool drained) {
    draining_.erase(std::find(draining_.begin(), draining_.end(), c));
    timers_.disarm(c->drain_deadline);
    c->draining = false;
    if (c->pool->stats) (drained ? c->pool->stats->recovered : c->pool->stats->aborted).fetch_add(1, std::memory_order_relaxed);
    // A TLS flush still going out keeps the write request busy: such a connection is closed.
    reuse_conn(c, drained && !c->write_pending);
}

}  // namespace aero
