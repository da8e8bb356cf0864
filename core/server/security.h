// Security mode (--security): the user table, LOGIN and AUTHENTICATE (fact sheet §13), and
// the session tokens LOGIN hands out. The nodes of a local cluster share the users but each
// keeps its own sessions, which a node loses when it stops, as a restarted server does: clients
// log in to every node, and again to a node that came back (§13.5).
#pragma once

#include <chrono>
#include <cstdint>
#include <memory>
#include <mutex>
#include <string>
#include <unordered_map>

#include "core/proto/admin.h"
#include "core/server/config.h"

namespace aero::server {

class Security {
public:
    using Clock = std::chrono::steady_clock;

    // The users of cfg (admin/admin when none were given), with their passwords hashed.
    explicit Security(const ServerConfig& cfg);
    // Another node's: the same users, no sessions.
    std::shared_ptr<Security> for_another_node() const;
    // Drops every session (the node stopped).
    void forget_sessions();

    // Answers one admin request (body after the proto header) into out (whole message).
    // `authenticated` is the connection's state: LOGIN and AUTHENTICATE set it on success.
    void handle(const uint8_t* body, size_t n, bool& authenticated, proto::Buffer& out);

private:
    using UserHashes = std::unordered_map<std::string, std::string>;  // user → bcrypt hash

    Security(std::shared_ptr<const UserHashes> hashes, uint32_t session_ttl_s)
        : hashes_(std::move(hashes)), session_ttl_s_(session_ttl_s) {}
    static std::shared_ptr<const UserHashes> hash_users(const ServerConfig& cfg);

    struct Session {
        std::string user;
        Clock::time_point expiry;
    };

    void login(const proto::AdminMessage& m, bool& authenticated, proto::Buffer& out);
    uint8_t authenticate(const proto::AdminMessage& m);
    // Drops expired sessions (called on each login, so the table stays as small as the live
    // sessions); holds mutex_.
    void prune(Clock::time_point now);

    const std::shared_ptr<const UserHashes> hashes_;
    const uint32_t session_ttl_s_;
    std::mutex mutex_;
    std::unordered_map<std::string, Session> sessions_;  // token → session
};

}  // namespace aero::server
