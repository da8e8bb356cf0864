#include "core/net/drainer.h"

#include <poll.h>

#include <algorithm>
#include <cerrno>
#include <climits>

namespace aero::net {

// Without its wake-up fd the drainer cannot run: every add() then gives up at once.
Drainer::Drainer() : wake_open_(wake_.open().is_ok()) {}

Drainer::~Drainer() { stop(); }

void Drainer::add(Connection* c, bool stream, Clock::time_point deadline, Done done) {
    {
        std::lock_guard lock(mu_);
        if (!stopping_ && wake_open_) {
            added_.push_back({c, stream, deadline, std::move(done)});
            if (!thread_.joinable()) thread_ = std::thread([this] { run(); });
            wake_.signal();
            return;
        }
    }
    done(c, false);
}

void Drainer::stop() {
    {
        std::lock_guard lock(mu_);
        stopping_ = true;
        if (wake_open_) wake_.signal();
    }
    if (thread_.joinable()) thread_.join();
    std::vector<Entry> left;
    {
        std::lock_guard lock(mu_);
        left.swap(added_);
    }
    for (Entry& e : left) e.done(e.conn, false);
}

void Drainer::run() {
    std::vector<Entry> active;
    std::vector<pollfd> fds;
    for (;;) {
        {
            std::lock_guard lock(mu_);
            if (stopping_) break;
            for (Entry& e : added_) active.push_back(std::move(e));
            added_.clear();
        }
        auto now = Clock::now();
        auto next = Clock::time_point::max();
        fds.assign(1, pollfd{wake_.fd(), POLLIN, 0});
        for (const Entry& e : active) {
            fds.push_back(pollfd{e.conn->fd(), POLLIN, 0});
            next = std::min(next, e.deadline);
        }
        int wait_ms = -1;
        if (next != Clock::time_point::max()) {
            auto left = std::chrono::ceil<std::chrono::milliseconds>(next - now).count();
            wait_ms = int(std::clamp<int64_t>(left, 0, INT_MAX));
        }
        if (::poll(fds.data(), nfds_t(fds.size()), wait_ms) < 0 && errno != EINTR) break;
        wake_.clear();
        now = Clock::now();
        // Entries and their pollfds share positions (the wake fd comes first).
        size_t kept = 0;
        for (size_t i = 0; i < active.size(); i++) {
            Entry& e = active[i];
            bool done = false;
            Status s = fds[i + 1].revents != 0 ? e.conn->drain(e.stream, done) : Status::ok();
            if (done || !s.is_ok() || now >= e.deadline) {
                e.done(e.conn, done);
                continue;
            }
            if (kept != i) active[kept] = std::move(e);
            kept++;
        }
        active.resize(kept);
    }
    for (Entry& e : active) e.done(e.conn, false);
}

}  // namespace aero::net
