#include "core/net/auth.h"

#include "core/proto/admin.h"
#include "core/proto/message.h"
#include "core/proto/result_code.h"

namespace aero::net {

namespace {

using namespace aero::proto;

// Clients log in again this long before the token expires (J/C use 60 s), so no connection
// ever presents an expired token. Short TTLs (tests) get half of the TTL instead.
Clock::duration renewal_margin(uint32_t ttl_s) {
    return std::chrono::seconds(ttl_s > 120 ? 60 : ttl_s / 2);
}

// The code's official name and meaning, with the likely cause of the two a login meets most.
std::string result_text(uint8_t rc) {
    std::string text = result_code_message(rc);
    if (rc == kResultSecurityNotSupported) text += " (Community Edition)";
    if (rc == kResultInvalidCredential) text += " (wrong password or session token)";
    return text;
}

// Sends one admin message and reads the body of its answer.
Status exchange(Connection& c, const Buffer& request, Clock::time_point deadline, std::vector<uint8_t>& body) {
    Status s = c.write_all(request.data(), request.size(), deadline);
    uint8_t type = 0;
    if (s.is_ok()) s = c.read_message(type, body, deadline);
    if (s.is_ok() && type != kProtoAdmin) s = Status(kErrConnection, "admin reply has proto type " + std::to_string(type));
    return s;
}

}  // namespace

Status NodeAuth::login(Connection& c, Clock::time_point deadline) {
    if (!credentials_) return Status::ok();
    c.auth_epoch = epoch();
    Buffer request;
    write_admin_message(request, kAdminLogin, 0,
                        {{kFieldUser, credentials_->user}, {kFieldCredential, credentials_->password_hash()}});
    std::vector<uint8_t> body;
    Status s = exchange(c, request, deadline, body);
    if (!s.is_ok()) return s;
    AdminMessage reply;
    if (!parse_admin_message(body.data(), body.size(), reply).is_ok()) return Status(kErrConnection, "malformed admin reply");
    std::lock_guard lk(mu_);
    if (reply.result == kResultSecurityNotEnabled) {
        disabled_ = true;
        return Status::ok();
    }
    auto token = reply.field(kFieldSessionToken);
    if (reply.result == 0 && !token) return Status(kErrConnection, "login reply has no session token");
    if (reply.result != 0) return Status(reply.result, "login failed: " + result_text(reply.result));
    token_ = *token;
    login_needed_ = false;
    auto ttl = reply.field(kFieldSessionTtl);
    expiry_ = Clock::time_point::max();  // no TTL field: the token never expires
    if (ttl && ttl->size() == 4) {
        uint32_t seconds = load_u32(reinterpret_cast<const uint8_t*>(ttl->data()));
        expiry_ = Clock::now() + std::chrono::seconds(seconds) - renewal_margin(seconds);
    }
    return Status::ok();
}

void NodeAuth::forget_session() {
    std::lock_guard lk(mu_);
    login_needed_ = true;
}

bool NodeAuth::login_due() const {
    std::lock_guard lk(mu_);
    return active() && (login_needed_ || Clock::now() >= expiry_);
}

Status NodeAuth::authenticate_request(Buffer& out, bool& needed) const {
    std::lock_guard lk(mu_);
    needed = active();
    if (!needed) return Status::ok();
    if (login_needed_) return Status(kErrConnection, "the node needs a new login (the tend thread logs in again)");
    out.clear();
    write_admin_message(out, kAdminAuthenticate, 0, {{kFieldUser, credentials_->user}, {kFieldSessionToken, token_}});
    return Status::ok();
}

Status NodeAuth::authenticate_reply(const uint8_t* body, size_t n) {
    AdminMessage reply;
    if (!parse_admin_message(body, n, reply).is_ok()) return Status(kErrConnection, "malformed admin reply");
    if (reply.result == 0 || reply.result == kResultSecurityNotEnabled) return Status::ok();
    std::lock_guard lk(mu_);
    login_needed_ = true;
    return Status(kErrConnection, "the node refused the session token (" + result_text(reply.result) +
                                      "); the client logs in again");
}

Status NodeAuth::authenticate(Connection& c, Clock::time_point deadline) {
    Buffer request;
    bool needed = false;
    c.auth_epoch = epoch();
    Status s = authenticate_request(request, needed);
    if (!s.is_ok() || !needed) return s;
    std::vector<uint8_t> body;
    s = exchange(c, request, deadline, body);
    return s.is_ok() ? authenticate_reply(body.data(), body.size()) : s;
}

}  // namespace aero::net
