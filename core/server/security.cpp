#include "core/server/security.h"

#include <sys/random.h>

#include "core/proto/bytes.h"

namespace aero::server {

namespace {

using namespace aero::proto;

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

void reply(Buffer& out, uint8_t result, const AdminFields& fields = {}) {
    write_admin_message(out, 0, result, fields);
}

}  // namespace

std::shared_ptr<const Security::UserHashes> Security::hash_users(const ServerConfig& cfg) {
    auto hashes = std::make_shared<Security::UserHashes>();
    for (const ServerUser& u : cfg.users) (*hashes)[u.name] = hash_password(u.password);
    // The real server starts with admin/admin until someone changes it.
    if (hashes->empty()) (*hashes)["admin"] = hash_password("admin");
    return hashes;
}

Security::Security(const ServerConfig& cfg) : Security(hash_users(cfg), cfg.session_ttl) {}

std::shared_ptr<Security> Security::for_another_node() const {
    return std::shared_ptr<Security>(new Security(hashes_, session_ttl_s_));
}

void Security::forget_sessions() {
    std::lock_guard lk(mutex_);
    sessions_.clear();
}

void Security::handle(const uint8_t* body, size_t n, bool& authenticated, Buffer& out) {
    AdminMessage m;
    if (!parse_admin_message(body, n, m).is_ok()) {
        reply(out, kResultInvalidCommand);
        return;
    }
    switch (m.command) {
    case kAdminLogin: login(m, authenticated, out); return;
    case kAdminAuthenticate: {
        uint8_t rc = authenticate(m);
        authenticated = authenticated || rc == 0;
        reply(out, rc);
        return;
    }
    default:
        // User and role administration is not served; before a login nothing else is.
        reply(out, authenticated ? kResultInvalidCommand : kResultNotAuthenticated);
        return;
    }
}

void Security::login(const AdminMessage& m, bool& authenticated, Buffer& out) {
    auto user = m.field(kFieldUser);
    auto credential = m.field(kFieldCredential);
    auto it = user ? hashes_->find(std::string(*user)) : hashes_->end();
    if (it == hashes_->end()) {
        reply(out, kResultInvalidUser);
        return;
    }
    if (!credential || *credential != it->second) {
        reply(out, kResultInvalidCredential);
        return;
    }
    std::string token = new_token();
    auto now = Clock::now();
    {
        std::lock_guard lk(mutex_);
        prune(now);
        sessions_[token] = Session{it->first, now + std::chrono::seconds(session_ttl_s_)};
    }
    authenticated = true;
    uint8_t ttl[4];
    store_u32(ttl, session_ttl_s_);
    reply(out, 0, {{kFieldSessionToken, token}, {kFieldSessionTtl, std::string_view(reinterpret_cast<char*>(ttl), 4)}});
}

uint8_t Security::authenticate(const AdminMessage& m) {
    auto user = m.field(kFieldUser);
    auto token = m.field(kFieldSessionToken);
    if (!user || !token) return kResultInvalidCredential;
    std::lock_guard lk(mutex_);
    auto it = sessions_.find(std::string(*token));
    if (it == sessions_.end() || it->second.user != *user) return kResultInvalidCredential;
    if (Clock::now() >= it->second.expiry) {
        sessions_.erase(it);
        return kResultExpiredSession;
    }
    return 0;
}

void Security::prune(Clock::time_point now) {
    std::erase_if(sessions_, [now](const auto& kv) { return now >= kv.second.expiry; });
}

}  // namespace aero::server
