#include "core/server/security/store.h"

#include <algorithm>
#include <mutex>

#include "core/proto/admin.h"
#include "core/server/security/whitelist.h"

namespace aero::server::security {

using namespace aero::proto;

namespace {

// User and role names are C strings of at most 63 bytes on the real server (MAX_USER_SIZE).
constexpr size_t kMaxNameSize = 63;

bool valid_name(const std::string& name) {
    return !name.empty() && name.size() <= kMaxNameSize && name.find('\0') == std::string::npos;
}

// A bcrypt hash as §13.4 makes them: "$2a$10$" and 53 more characters.
bool valid_hash(const std::string& hash) { return hash.size() == 60 && hash.compare(0, 4, "$2a$") == 0; }

bool valid_privilege(const PrivilegeSpec& p) {
    if (!is_known_privilege(p.code)) return false;
    if (!is_scoped_privilege(p.code)) return p.ns.empty() && p.set.empty();
    return !(p.ns.empty() && !p.set.empty());
}

bool valid_privileges(const std::vector<PrivilegeSpec>& privileges) {
    return std::all_of(privileges.begin(), privileges.end(), valid_privilege);
}

template <typename T>
void add_missing(std::vector<T>& to, const std::vector<T>& items) {
    for (const auto& i : items)
        if (std::find(to.begin(), to.end(), i) == to.end()) to.push_back(i);
}

template <typename T>
std::optional<T> copy_of(const std::map<std::string, T>& m, const std::string& name) {
    auto it = m.find(name);
    if (it == m.end()) return std::nullopt;
    return it->second;
}

template <typename T>
void remove_all(std::vector<T>& from, const std::vector<T>& items) {
    std::erase_if(from, [&](const T& x) { return std::find(items.begin(), items.end(), x) != items.end(); });
}

}  // namespace

Store::Store() {
    // The predefined roles: one global privilege each, named after it.
    for (uint8_t code : {kPrivUserAdmin, kPrivSysAdmin, kPrivDataAdmin, kPrivUdfAdmin, kPrivSindexAdmin, kPrivRead,
                         kPrivReadWrite, kPrivReadWriteUdf, kPrivWrite, kPrivTruncate}) {
        RoleDef r;
        r.privileges.push_back(PrivilegeSpec{code, "", ""});
        r.predefined = true;
        roles_[privilege_name(code)] = std::move(r);
    }
}

uint8_t Store::create_user(const std::string& name, const std::string& hash, const std::vector<std::string>& roles) {
    if (!valid_name(name)) return kResultInvalidUser;
    if (!valid_hash(hash)) return kResultInvalidPassword;
    std::unique_lock lk(mu_);
    if (users_.count(name)) return kResultUserAlreadyExists;
    for (const auto& r : roles)
        if (!roles_.count(r)) return kResultInvalidRole;
    UserDef u{hash, {}, next_id_++, 0};
    add_missing(u.roles, roles);
    users_[name] = std::move(u);
    return 0;
}

uint8_t Store::drop_user(const std::string& name) {
    std::unique_lock lk(mu_);
    return users_.erase(name) ? 0 : kResultInvalidUser;
}

uint8_t Store::set_password(const std::string& name, const std::string& hash) {
    if (!valid_hash(hash)) return kResultInvalidPassword;
    std::unique_lock lk(mu_);
    auto it = users_.find(name);
    if (it == users_.end()) return kResultInvalidUser;
    it->second.password_hash = hash;
    it->second.password_epoch++;
    return 0;
}

uint8_t Store::change_password(const std::string& name, const std::string& old_hash, const std::string& hash) {
    {
        std::shared_lock lk(mu_);
        auto it = users_.find(name);
        if (it == users_.end()) return kResultInvalidUser;
        if (it->second.password_hash != old_hash) return kResultInvalidCredential;
    }
    return set_password(name, hash);
}

uint8_t Store::grant_roles(const std::string& name, const std::vector<std::string>& roles) {
    std::unique_lock lk(mu_);
    auto it = users_.find(name);
    if (it == users_.end()) return kResultInvalidUser;
    for (const auto& r : roles)
        if (!roles_.count(r)) return kResultInvalidRole;
    add_missing(it->second.roles, roles);
    return 0;
}

uint8_t Store::revoke_roles(const std::string& name, const std::vector<std::string>& roles) {
    std::unique_lock lk(mu_);
    auto it = users_.find(name);
    if (it == users_.end()) return kResultInvalidUser;
    remove_all(it->second.roles, roles);
    return 0;
}

uint8_t Store::create_role(const std::string& name, const RoleDef& role) {
    if (!valid_name(name)) return kResultInvalidRole;
    if (!valid_privileges(role.privileges)) return kResultInvalidPrivilege;
    if (!valid_whitelist(role.whitelist)) return kResultInvalidWhitelist;
    std::unique_lock lk(mu_);
    if (roles_.count(name)) return kResultRoleAlreadyExists;
    RoleDef r = role;
    r.privileges.clear();
    add_missing(r.privileges, role.privileges);
    r.predefined = false;
    roles_[name] = std::move(r);
    return 0;
}

RoleDef* Store::changeable_role(const std::string& name, uint8_t& rc) {
    auto it = roles_.find(name);
    rc = it == roles_.end() || it->second.predefined ? kResultInvalidRole : 0;
    return rc ? nullptr : &it->second;
}

uint8_t Store::drop_role(const std::string& name) {
    std::unique_lock lk(mu_);
    uint8_t rc = 0;
    if (!changeable_role(name, rc)) return rc;
    roles_.erase(name);
    for (auto& [_, u] : users_) std::erase(u.roles, name);
    return 0;
}

uint8_t Store::grant_privileges(const std::string& name, const std::vector<PrivilegeSpec>& privileges) {
    if (!valid_privileges(privileges)) return kResultInvalidPrivilege;
    std::unique_lock lk(mu_);
    uint8_t rc = 0;
    RoleDef* r = changeable_role(name, rc);
    if (r) add_missing(r->privileges, privileges);
    return rc;
}

uint8_t Store::revoke_privileges(const std::string& name, const std::vector<PrivilegeSpec>& privileges) {
    if (!valid_privileges(privileges)) return kResultInvalidPrivilege;
    std::unique_lock lk(mu_);
    uint8_t rc = 0;
    RoleDef* r = changeable_role(name, rc);
    if (r) remove_all(r->privileges, privileges);
    return rc;
}

uint8_t Store::set_whitelist(const std::string& name, const std::vector<std::string>& whitelist) {
    if (!valid_whitelist(whitelist)) return kResultInvalidWhitelist;
    std::unique_lock lk(mu_);
    uint8_t rc = 0;
    RoleDef* r = changeable_role(name, rc);
    if (r) r->whitelist = whitelist;
    return rc;
}

uint8_t Store::set_quotas(const std::string& name, uint32_t read_quota, uint32_t write_quota) {
    std::unique_lock lk(mu_);
    uint8_t rc = 0;
    RoleDef* r = changeable_role(name, rc);
    if (r) {
        r->read_quota = read_quota;
        r->write_quota = write_quota;
    }
    return rc;
}

std::optional<UserDef> Store::user(const std::string& name) const {
    std::shared_lock lk(mu_);
    return copy_of(users_, name);
}

std::map<std::string, UserDef> Store::users() const {
    std::shared_lock lk(mu_);
    return users_;
}

std::optional<RoleDef> Store::role(const std::string& name) const {
    std::shared_lock lk(mu_);
    return copy_of(roles_, name);
}

std::map<std::string, RoleDef> Store::roles() const {
    std::shared_lock lk(mu_);
    return roles_;
}

std::optional<Rights> Store::rights(const std::string& name, uint64_t id) const {
    std::shared_lock lk(mu_);
    auto u = users_.find(name);
    if (u == users_.end() || u->second.id != id) return std::nullopt;
    Rights out;
    out.password_epoch = u->second.password_epoch;
    for (const auto& role_name : u->second.roles) {
        auto r = roles_.find(role_name);
        if (r == roles_.end()) continue;
        add_missing(out.privileges, r->second.privileges);
        add_missing(out.whitelist, r->second.whitelist);
        out.read_quota = std::max(out.read_quota, r->second.read_quota);
        out.write_quota = std::max(out.write_quota, r->second.write_quota);
    }
    return out;
}

}  // namespace aero::server::security
