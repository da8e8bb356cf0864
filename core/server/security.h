// Security mode (--security): the user table, LOGIN and AUTHENTICATE (fact sheet §13), and
// the session tokens LOGIN hands out. One Security serves every node of a local cluster, so
// a token issued by any node opens a connection to any other, as in a real secured cluster.
#pragma once

#include <chrono>
#include <cstdint>
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

    // Answers one admin request (body after the proto header) into out (whole message).
    // `authenticated` is the connection's state: LOGIN and AUTHENTICATE set it on success.
    void handle(const uint8_t* body, size_t n, bool& authenticated, proto::Buffer& out);

private:
    struct Session {
        std::string user;
        Clock::time_point expiry;
    };

    void login(const proto::AdminMessage& m, bool& authenticated, proto::Buffer& out);
    uint8_t authenticate(const proto::AdminMessage& m);
    // Drops expired sessions (called on each login, so the table stays as small as the live
    // sessions); holds mutex_.
    void prune(Clock::time_point now);

    std::unordered_map<std::string, std::string> hashes_;  // user → bcrypt hash
    const uint32_t session_ttl_s_;
    std::mutex mutex_;
    std::unordered_map<std::string, Session> sessions_;  // token → session
};

}  // namespace aero::server
