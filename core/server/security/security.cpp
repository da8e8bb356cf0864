#include "core/server/security/security.h"

#include "core/server/security/admin_handler.h"
#include "core/server/security/whitelist.h"

namespace aero::server {

using namespace aero::proto;
using namespace aero::server::security;

namespace {

std::shared_ptr<Store> store_of(const ServerConfig& cfg) {
    auto store = std::make_shared<Store>();
    std::vector<std::string> every_role;
    for (const auto& [name, role] : store->roles()) every_role.push_back(name);
    for (const ServerUser& u : cfg.users)
        store->create_user(u.name, hash_password(u.password), u.roles.empty() ? every_role : u.roles);
    // Enterprise starts with admin/admin, who may only administer users until granted more.
    if (cfg.users.empty()) store->create_user("admin", hash_password("admin"), {"user-admin"});
    return store;
}

}  // namespace

Security::Security(const ServerConfig& cfg) : Security(store_of(cfg), cfg.session_ttl) {}

std::shared_ptr<Security> Security::for_another_node() const {
    return std::shared_ptr<Security>(new Security(store_, sessions_.ttl_s()));
}

void Security::forget_sessions() { sessions_.clear(); }

void Security::handle(const uint8_t* body, size_t n, ConnAuth& conn, Buffer& out) {
    AdminMessage m;
    if (!parse_admin_message(body, n, m).is_ok()) {
        write_admin_message(out, 0, kResultInvalidCommand, {});
        return;
    }
    switch (m.command) {
    case kAdminLogin: login(m, conn, out); return;
    case kAdminAuthenticate: write_admin_message(out, 0, authenticate(m, conn), {}); return;
    default:
        if (!logged_in(conn)) {
            write_admin_message(out, 0, kResultNotAuthenticated, {});
            return;
        }
        AdminHandler(*this, conn).handle(m, out);
        return;
    }
}

uint8_t Security::sign_in(ConnAuth& conn, const std::string& user, uint64_t user_id) {
    auto rights = store_->rights(user, user_id);
    if (!rights) return kResultInvalidUser;
    if (!rights->whitelist.empty() && !whitelisted(rights->whitelist, conn.peer)) return kResultNotWhitelisted;
    conn.authenticated = true;
    if (conn.user != user || conn.user_id != user_id) conn.presence = quotas_.connection_of(user);
    conn.user = user;
    conn.user_id = user_id;
    conn.password_epoch = rights->password_epoch;
    return 0;
}

void Security::login(const AdminMessage& m, ConnAuth& conn, Buffer& out) {
    auto name = m.field(kFieldUser);
    auto credential = m.field(kFieldCredential);
    auto user = name ? store_->user(std::string(*name)) : std::nullopt;
    uint8_t rc = !user ? uint8_t(kResultInvalidUser)
                 : !credential || *credential != user->password_hash ? uint8_t(kResultInvalidCredential)
                 : sign_in(conn, std::string(*name), user->id);
    if (rc) {
        write_admin_message(out, 0, rc, {});
        return;
    }
    std::string token = sessions_.open(Sessions::Session{std::string(*name), user->id, user->password_epoch, {}});
    std::string ttl = encode_u32(sessions_.ttl_s());
    write_admin_message(out, 0, 0, {{kFieldSessionToken, token}, {kFieldSessionTtl, ttl}});
}

uint8_t Security::authenticate(const AdminMessage& m, ConnAuth& conn) {
    auto name = m.field(kFieldUser);
    auto token = m.field(kFieldSessionToken);
    if (!name || !token) return kResultInvalidCredential;
    bool expired = false;
    auto session = sessions_.find(std::string(*token), *name, expired);
    if (expired) return kResultExpiredSession;
    auto user = store_->user(std::string(*name));
    // A session ends with its user (dropped) and with its password (changed).
    if (!session || !user || user->id != session->user_id || user->password_epoch != session->password_epoch)
        return kResultInvalidCredential;
    return sign_in(conn, session->user, session->user_id);
}

std::optional<Rights> Security::logged_in(const ConnAuth& conn) const {
    if (!conn.authenticated) return std::nullopt;
    auto rights = store_->rights(conn.user, conn.user_id);
    if (!rights || rights->password_epoch != conn.password_epoch) return std::nullopt;
    return rights;
}

uint8_t Security::admit(const ConnAuth& conn, Perms needed, std::string_view ns, std::string_view set) {
    auto rights = logged_in(conn);
    if (!rights) return kResultNotAuthenticated;
    if (!allows(rights->privileges, needed, ns, set)) return kResultRoleViolation;
    bool writes = needed & (kPermWrite | kPermUdfApply);
    bool reads = !writes && (needed & kPermRead);
    if ((writes || reads) && !quotas_.charge(conn.user, writes, writes ? rights->write_quota : rights->read_quota))
        return kResultQuotaExceeded;
    return 0;
}

}  // namespace aero::server
