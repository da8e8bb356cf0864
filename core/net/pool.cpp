#include "core/net/pool.h"

namespace aero::net {

Pool::Pool(const sockaddr_storage& addr, socklen_t len, TlsTarget tls, uint32_t max_conns, uint32_t idle_timeout_s,
           OnOpen on_open, Usable usable)
    : addr_(addr),
      len_(len),
      tls_(std::move(tls)),
      max_conns_(max_conns),
      idle_timeout_(std::chrono::seconds(idle_timeout_s)),
      on_open_(std::move(on_open)),
      usable_(std::move(usable)) {}

Pool::~Pool() { close_all(); }

Result<Connection*> Pool::acquire(Clock::time_point deadline) {
    for (;;) {
        Connection* c = nullptr;
        {
            std::lock_guard lock(mu_);
            auto now = Clock::now();
            // Newest first: the most recently used socket is the least likely to have been
            // reaped by the server's idle timer.
            while (!idle_.empty() && c == nullptr) {
                c = idle_.back();
                idle_.pop_back();
                if (now - c->last_used() >= idle_timeout_ || (usable_ && !usable_(*c))) {
                    delete c;
                    total_.fetch_sub(1, std::memory_order_relaxed);
                    c = nullptr;
                }
            }
        }
        if (c == nullptr) return open_new(deadline);
        if (c->quiet()) return c;
        discard(c);
    }
}

Result<Connection*> Pool::open_new(Clock::time_point deadline) {
    {
        std::lock_guard lock(mu_);
        if (closed_) return Status(kErrClientClosed, "client is closed");
        if (total_.load(std::memory_order_relaxed) >= max_conns_)
            return Status(kErrNoMoreConnections, "max_conns_per_node (" + std::to_string(max_conns_) + ") reached");
        total_.fetch_add(1, std::memory_order_relaxed);
    }
    auto r = Connection::open(addr_, len_, deadline, tls_);
    if (!r.is_ok()) {
        total_.fetch_sub(1, std::memory_order_relaxed);
        return r;
    }
    Status s = on_open_(*r.value(), deadline);
    if (!s.is_ok()) {
        discard(r.value());
        return s;
    }
    return r;
}

void Pool::release(Connection* c) {
    c->touch();
    std::lock_guard lock(mu_);
    if (closed_) {
        delete c;
        total_.fetch_sub(1, std::memory_order_relaxed);
        return;
    }
    idle_.push_back(c);
}

void Pool::counts(uint32_t& open, uint32_t& idle) {
    std::lock_guard lock(mu_);
    open = total_.load(std::memory_order_relaxed);
    idle = uint32_t(idle_.size());
}

void Pool::adopt(Connection* c) {
    total_.fetch_add(1, std::memory_order_relaxed);
    release(c);
}

void Pool::discard(Connection* c) {
    delete c;
    total_.fetch_sub(1, std::memory_order_relaxed);
}

void Pool::close_all() {
    std::lock_guard lock(mu_);
    closed_ = true;
    for (Connection* c : idle_) delete c;
    total_.fetch_sub(uint32_t(idle_.size()), std::memory_order_relaxed);
    idle_.clear();
}

void Pool::balance(uint32_t min_conns, Clock::time_point deadline) {
    {
        std::lock_guard lock(mu_);
        auto now = Clock::now();
        size_t kept = 0;
        for (Connection* c : idle_) {
            if (now - c->last_used() < idle_timeout_) {
                idle_[kept++] = c;
            } else {
                delete c;
                total_.fetch_sub(1, std::memory_order_relaxed);
            }
        }
        idle_.resize(kept);
    }
    while (total_.load(std::memory_order_relaxed) < std::min(min_conns, max_conns_)) {
        auto c = open_new(deadline);
        if (!c.is_ok()) return;  // the next tend tries again
        release(c.value());
    }
}

}  // namespace aero::net
