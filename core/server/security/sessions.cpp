#include "core/server/security/sessions.h"

#include <sys/random.h>

namespace aero::server::security {

namespace {

// Long enough that guessing a live token is hopeless.
constexpr size_t kTokenSize = 32;

std::string new_token() {
    std::string token(kTokenSize, '\0');
    size_t got = 0;
    while (got < token.size()) {
        ssize_t n = getrandom(token.data() + got, token.size() - got, 0);
        if (n > 0) got += size_t(n);
    }
    return token;
}

}  // namespace

std::string Sessions::open(Session s) {
    std::string token = new_token();
    auto now = Clock::now();
    s.expiry = now + std::chrono::seconds(ttl_s_);
    std::lock_guard lk(mu_);
    // Expired sessions go at each login, so the table stays as small as the live sessions.
    std::erase_if(by_token_, [now](const auto& kv) { return now >= kv.second.expiry; });
    by_token_[token] = std::move(s);
    return token;
}

std::optional<Sessions::Session> Sessions::find(const std::string& token, std::string_view user, bool& expired) {
    std::lock_guard lk(mu_);
    expired = false;
    auto it = by_token_.find(token);
    if (it == by_token_.end() || it->second.user != user) return std::nullopt;
    if (Clock::now() >= it->second.expiry) {
        by_token_.erase(it);
        expired = true;
        return std::nullopt;
    }
    return it->second;
}

void Sessions::clear() {
    std::lock_guard lk(mu_);
    by_token_.clear();
}

}  // namespace aero::server::security
