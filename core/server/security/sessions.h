// One node's session tokens, which LOGIN hands out and AUTHENTICATE accepts (§13.5). A node
// loses them when it stops, as a restarted server does.
#pragma once

#include <chrono>
#include <cstdint>
#include <mutex>
#include <optional>
#include <string>
#include <unordered_map>

namespace aero::server::security {

class Sessions {
public:
    using Clock = std::chrono::steady_clock;

    struct Session {
        std::string user;
        uint64_t user_id = 0;
        uint64_t password_epoch = 0;  // a later password change ends the session
        Clock::time_point expiry;
    };

    explicit Sessions(uint32_t ttl_s) : ttl_s_(ttl_s) {}

    uint32_t ttl_s() const { return ttl_s_; }
    // A new token for the session.
    std::string open(Session s);
    // The live session of token, for user; nullopt when unknown, of another user or
    // (`expired` set) out of time.
    std::optional<Session> find(const std::string& token, std::string_view user, bool& expired);
    void clear();

private:
    const uint32_t ttl_s_;
    std::mutex mu_;
    std::unordered_map<std::string, Session> by_token_;
};

}  // namespace aero::server::security
