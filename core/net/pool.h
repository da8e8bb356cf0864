// A node's pool of idle connections, bounded by max_conns_per_node. Any thread.
#pragma once

#include <sys/socket.h>

#include <atomic>
#include <functional>
#include <memory>
#include <mutex>
#include <vector>

#include "core/net/connection.h"

namespace aero::net {

class Pool {
public:
    // Runs on every new connection before it is handed out (authentication); a failure
    // closes the connection and is what acquire() returns.
    using OnOpen = std::function<Status(Connection&, Clock::time_point deadline)>;
    // Whether an idle connection may be handed out again (its login still holds); one that
    // may not is closed.
    using Usable = std::function<bool(const Connection&)>;

    Pool(const sockaddr_storage& addr, socklen_t len, TlsTarget tls, uint32_t max_conns, uint32_t idle_timeout_s,
         OnOpen on_open, Usable usable = {});
    ~Pool();

    // An idle connection, or a new one when there is none and the cap allows it.
    // kErrNoMoreConnections when max_conns are all in use.
    Result<Connection*> acquire(Clock::time_point deadline);
    // Gives back a connection whose last reply was read completely.
    void release(Connection* c);
    // Takes in, as idle, a connection opened outside the pool (the one a node was validated
    // on); it counts toward max_conns from now on.
    void adopt(Connection* c);
    // Closes a connection that failed or timed out (it may hold unread bytes).
    void discard(Connection* c);
    // Closes every idle connection; in-use ones are closed when they come back.
    void close_all();
    // Closes idle connections unused for longer than the idle timeout, then opens new ones
    // until `min_conns` exist (warm connections for the next burst). Tend thread.
    void balance(uint32_t min_conns, Clock::time_point deadline);
    // Connections open (idle or in use) and idle now.
    void counts(uint32_t& open, uint32_t& idle);

private:
    // Opens a connection when the cap allows it (it counts as in use).
    Result<Connection*> open_new(Clock::time_point deadline);

    sockaddr_storage addr_;
    socklen_t len_;
    const TlsTarget tls_;
    uint32_t max_conns_;
    Clock::duration idle_timeout_;
    const OnOpen on_open_;
    const Usable usable_;
    std::mutex mu_;
    std::vector<Connection*> idle_;
    std::atomic<uint32_t> total_{0};
    bool closed_ = false;
};

}  // namespace aero::net
