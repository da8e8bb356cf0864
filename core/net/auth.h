// Client side of authentication (fact sheet §13.5): LOGIN on a node's first connection keeps
// a session token; every later connection sends AUTHENTICATE with it before its first
// command; the tend thread logs in again before the token expires or after a refusal.
#pragma once

#include <atomic>
#include <memory>
#include <mutex>
#include <string>

#include "core/net/connection.h"
#include "core/proto/bytes.h"

namespace aero::net {

// Who the client logs in as. Only the bcrypt hash is kept: the clear password is dropped
// once hashed, at client creation. The hash changes when the user changes its own password
// (admin_change_password), while other threads log in with it: hence the lock.
class Credentials {
public:
    Credentials(std::string user, std::string password_hash)
        : user(std::move(user)), hash_(std::move(password_hash)) {}

    const std::string user;
    std::string password_hash() const {
        std::lock_guard lk(mu_);
        return hash_;
    }
    void set_password_hash(std::string hash) {
        std::lock_guard lk(mu_);
        hash_ = std::move(hash);
    }

private:
    mutable std::mutex mu_;
    std::string hash_;
};

// One node's session. Thread-safe: sync callers, the tend thread and the async loop share it.
class NodeAuth {
public:
    // Null credentials: the client has no user, and nothing here sends anything.
    explicit NodeAuth(std::shared_ptr<const Credentials> credentials) : credentials_(std::move(credentials)) {}

    // LOGIN on c and keeps the token. Fails with the server's code (60 invalid user, 65
    // invalid credential, 51 from a Community server); 52 (security not enabled) means the
    // node needs no login, and it is OK.
    Status login(Connection& c, Clock::time_point deadline);
    // AUTHENTICATE a new connection before its first command.
    Status authenticate(Connection& c, Clock::time_point deadline);
    // The node restarted and forgot the session: the tend thread must LOGIN again.
    void forget_session();
    // The server ended the rights of every connection logged in so far (the user changed its
    // password): connections from before this call are closed instead of reused.
    void renew_connections() { epoch_.fetch_add(1, std::memory_order_acq_rel); }
    uint64_t epoch() const { return epoch_.load(std::memory_order_acquire); }
    // Whether a connection that authenticated at `auth_epoch` may still be used.
    bool current(uint64_t auth_epoch) const { return auth_epoch == epoch(); }
    // Whether the tend thread must LOGIN again: the token is about to expire, or a
    // connection's AUTHENTICATE was refused.
    bool login_due() const;

    // For connections that do their own I/O (async): sets `needed` and, when it is, writes
    // the AUTHENTICATE message into out. A retryable error while the node waits for the tend
    // thread's next login.
    Status authenticate_request(proto::Buffer& out, bool& needed) const;
    // Checks the reply to authenticate_request() (the body after the proto header). A refused
    // token is a retryable connection error: the tend thread logs in again, and meanwhile
    // another replica may serve the command.
    Status authenticate_reply(const uint8_t* body, size_t n);

private:
    bool active() const { return credentials_ && !disabled_; }

    const std::shared_ptr<const Credentials> credentials_;
    mutable std::mutex mu_;
    std::string token_;
    Clock::time_point expiry_{};
    bool login_needed_ = true;
    bool disabled_ = false;  // the node answered 52: security is not enabled there
    std::atomic<uint64_t> epoch_{0};
};

}  // namespace aero::net
