#include "core/server/net/event_server.h"

#include <arpa/inet.h>
#include <netinet/in.h>
#include <signal.h>
#include <sys/socket.h>
#include <unistd.h>

#include <algorithm>
#include <cerrno>
#include <cstring>
#include <future>
#include <thread>

namespace aero::server {

namespace {

constexpr uint64_t kFdPauseMs = 100;

// Runs `task` on `loop` and waits for its status.
Status on_loop(net::EventLoop& loop, std::function<Status()> task) {
    std::promise<Status> done;
    auto result = done.get_future();
    if (!loop.post([&] { done.set_value(task()); })) return Status(kErrClient, "the event loop is stopping");
    return result.get();
}

}  // namespace

Status EventServer::listen_on(Listener& l, const std::string& addr, uint16_t port, uint16_t& bound) {
    sockaddr_storage ss{};
    socklen_t len;
    auto* v4 = reinterpret_cast<sockaddr_in*>(&ss);
    auto* v6 = reinterpret_cast<sockaddr_in6*>(&ss);
    if (inet_pton(AF_INET, addr.c_str(), &v4->sin_addr) == 1) {
        v4->sin_family = AF_INET;
        v4->sin_port = htons(port);
        len = sizeof *v4;
    } else if (inet_pton(AF_INET6, addr.c_str(), &v6->sin6_addr) == 1) {
        v6->sin6_family = AF_INET6;
        v6->sin6_port = htons(port);
        len = sizeof *v6;
    } else {
        return Status(kErrParam, "bad bind address " + addr);
    }
    int fd = ::socket(ss.ss_family, SOCK_STREAM | SOCK_CLOEXEC | SOCK_NONBLOCK, 0);
    if (fd < 0) return Status(kErrClient, std::string("socket: ") + strerror(errno));
    int one = 1;
    setsockopt(fd, SOL_SOCKET, SO_REUSEADDR, &one, sizeof one);
    if (::bind(fd, reinterpret_cast<sockaddr*>(&ss), len) != 0 || ::listen(fd, 1024) != 0 ||
        getsockname(fd, reinterpret_cast<sockaddr*>(&ss), &len) != 0) {
        Status s(kErrClient, "cannot listen on " + addr + ":" + std::to_string(port) + ": " + strerror(errno));
        ::close(fd);
        return s;
    }
    bound = ntohs(ss.ss_family == AF_INET ? v4->sin_port : v6->sin6_port);
    l.fd = fd;
    l.server = this;
    return Status::ok();
}

Status EventServer::bind(const std::string& addr, uint16_t port, std::optional<uint16_t> tls_port) {
    // Clients vanish mid-reply: a broken pipe must be a write error, not a signal that ends
    // the process (unless the host program chose a handler of its own).
    struct sigaction old {};
    if (sigaction(SIGPIPE, nullptr, &old) == 0 && old.sa_handler == SIG_DFL) signal(SIGPIPE, SIG_IGN);
    Status s = listen_on(plain_, addr, port, port_);
    if (s.is_ok() && tls_port) {
        secure_.tls = true;
        s = listen_on(secure_, addr, *tls_port, tls_port_.emplace());
    }
    return s;
}

Status EventServer::serve(ServerContext& ctx) {
    ctx_ = &ctx;
    // A loop per core runs the short requests itself; more would only share the same cores.
    unsigned n = std::clamp(std::thread::hardware_concurrency(), 1u, 16u);
    for (unsigned i = 0; i < n; i++) {
        loops_.push_back(std::make_unique<ServeLoop>(*this));
        Status s = loops_.back()->start();
        if (!s.is_ok()) return s;
    }
    started_ = true;
    return on_loop(loops_[0]->loop(), [this]() -> Status {
        for (Listener* l : {&plain_, &secure_})
            if (l->fd >= 0) watch(*l);
        return Status::ok();
    });
}

void EventServer::watch(Listener& l) {
    uv_loop_t* uv = loops_[0]->loop().uv();
    uv_poll_init(uv, &l.poll, l.fd);
    l.poll.data = &l;
    uv_timer_init(uv, &l.pause);
    l.pause.data = &l;
    resume(l);
}

void EventServer::resume(Listener& l) {
    uv_poll_start(&l.poll, UV_READABLE, [](uv_poll_t* p, int status, int) {
        auto* listener = static_cast<Listener*>(p->data);
        if (status == 0) listener->server->accept_all(*listener);
    });
}

void EventServer::accept_all(Listener& l) {
    for (;;) {
        int fd = ::accept4(l.fd, nullptr, nullptr, SOCK_CLOEXEC | SOCK_NONBLOCK);
        if (fd >= 0) {
            // Dealt out in turn: connections are long-lived, so turns spread them evenly.
            loops_[next_loop_++ % loops_.size()]->adopt(fd, l.tls);
            continue;
        }
        if (errno == EINTR || errno == ECONNABORTED) continue;
        if (errno == EMFILE || errno == ENFILE || errno == ENOBUFS || errno == ENOMEM) {
            // The client stays in the backlog; retrying at once would spin.
            uv_poll_stop(&l.poll);
            uv_timer_start(&l.pause, [](uv_timer_t* t) {
                auto* listener = static_cast<Listener*>(t->data);
                listener->server->resume(*listener);
            }, kFdPauseMs, 0);
        }
        return;  // EAGAIN: all taken
    }
}

bool EventServer::connection_opened() {
    ServerStats& stats = ctx_->stats;
    stats.client_connections++;
    stats.client_connections_opened++;
    std::lock_guard lk(live_mu_);
    return ++live_ <= limits_.max_connections;
}

void EventServer::connection_freed() {
    std::lock_guard lk(live_mu_);
    if (--live_ == 0) live_cv_.notify_all();
}

void EventServer::stop() {
    if (started_) {
        on_loop(loops_[0]->loop(), [this]() -> Status {
            for (Listener* l : {&plain_, &secure_}) {
                if (l->fd < 0) continue;
                uv_close(reinterpret_cast<uv_handle_t*>(&l->poll), nullptr);
                uv_close(reinterpret_cast<uv_handle_t*>(&l->pause), nullptr);
            }
            return Status::ok();
        }).ignore();
    }
    // Closed only once no poll watches them.
    for (Listener* l : {&plain_, &secure_}) {
        if (l->fd >= 0) ::close(l->fd);
        l->fd = -1;
    }
    if (!started_) return;
    for (auto& loop : loops_) loop->close_all();
    // Each connection is freed once its handle closed and its request (if any) came back.
    {
        std::unique_lock lk(live_mu_);
        live_cv_.wait(lk, [this] { return live_ == 0; });
    }
    for (auto& loop : loops_) loop->stop();
    loops_.clear();
    started_ = false;
}

}  // namespace aero::server
