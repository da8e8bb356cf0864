#include "core/server/security/admin_handler.h"

#include <algorithm>

#include "core/proto/admin_fields.h"
#include "core/proto/message.h"

namespace aero::server {

using namespace aero::proto;
using namespace aero::server::security;

namespace {

// The fields of a request, decoded; `ok` is false when one present is malformed.
struct Fields {
    bool ok = true;
    std::optional<std::string> user, password, old_password, role;
    std::optional<std::vector<std::string>> roles;
    std::optional<std::vector<PrivilegeSpec>> privileges;
    std::vector<std::string> whitelist;
    std::optional<uint32_t> read_quota, write_quota;
};

Fields decode(const AdminMessage& m) {
    Fields f;
    for (const auto& [id, data] : m.fields) {
        switch (id) {
        case kFieldUser: f.user = std::string(data); break;
        case kFieldPassword: f.password = std::string(data); break;
        case kFieldOldPassword: f.old_password = std::string(data); break;
        case kFieldRole: f.role = std::string(data); break;
        case kFieldRoles: f.ok &= decode_roles(data, f.roles.emplace()); break;
        case kFieldPrivileges: f.ok &= decode_privileges(data, f.privileges.emplace()); break;
        case kFieldWhitelist: f.whitelist = split_whitelist(data); break;
        case kFieldReadQuota: f.ok &= decode_u32(data, f.read_quota.emplace()); break;
        case kFieldWriteQuota: f.ok &= decode_u32(data, f.write_quota.emplace()); break;
        default: break;
        }
    }
    return f;
}

// Sends records as the real server does: several to a proto, then a QUERY_END record.
class RecordStream {
public:
    explicit RecordStream(Buffer& out) : out_(out) { begin(); }
    void add(const AdminFields& fields) { write_admin_record(out_, 0, fields); }
    void end(uint8_t result) {
        write_admin_record(out_, result, {});
        write_proto_header(out_.data() + start_, kProtoAdmin, out_.size() - start_ - kProtoHeaderSize);
    }

private:
    void begin() {
        start_ = out_.size();
        out_.resize(start_ + kProtoHeaderSize);
    }
    Buffer& out_;
    size_t start_ = 0;
};

// The entry named `name`, or every entry when there is no name; nullopt when the named one
// does not exist.
template <typename T, typename One, typename All>
std::optional<std::map<std::string, T>> select(const std::optional<std::string>& name, One one, All all) {
    if (!name) return all();
    std::optional<T> found = one(*name);
    if (!found) return std::nullopt;
    return std::map<std::string, T>{{*name, *found}};
}

}  // namespace

void AdminHandler::handle(const AdminMessage& m, Buffer& out) {
    bool user_admin = allows(sec_.logged_in(conn_).value_or(Rights{}).privileges, kPermUserAdmin, "", "");
    if (!user_admin && !own_business(m)) {
        write_admin_message(out, 0, kResultRoleViolation, {});
        return;
    }
    switch (m.command) {
    case kAdminQueryUsers: query_users(m, out); return;
    case kAdminQueryRoles: query_roles(m, out); return;
    default: break;
    }
    uint8_t rc = change(m);
    // The connection that changed its own user's password goes on; the user's others stop.
    if (rc == 0 && (m.command == kAdminChangePassword || m.command == kAdminSetPassword)) {
        auto me = sec_.store_->user(conn_.user);
        if (me && me->id == conn_.user_id && decode(m).user == conn_.user) conn_.password_epoch = me->password_epoch;
    }
    write_admin_message(out, 0, rc, {});
}

bool AdminHandler::own_business(const AdminMessage& m) const {
    Fields f = decode(m);
    if (m.command == kAdminChangePassword || m.command == kAdminQueryUsers) return f.user == conn_.user;
    if (m.command != kAdminQueryRoles || !f.role) return false;
    auto me = sec_.store_->user(conn_.user);
    return me && std::find(me->roles.begin(), me->roles.end(), *f.role) != me->roles.end();
}

uint8_t AdminHandler::change(const AdminMessage& m) {
    Fields f = decode(m);
    if (!f.ok) return kResultInvalidField;
    Store& store = *sec_.store_;
    const std::string user = f.user.value_or(""), role = f.role.value_or("");
    switch (m.command) {
    case kAdminCreateUser:
        if (!f.password) return kResultInvalidPassword;
        return store.create_user(user, *f.password, f.roles.value_or(std::vector<std::string>{}));
    case kAdminDropUser: return store.drop_user(user);
    case kAdminSetPassword: return f.password ? store.set_password(user, *f.password) : uint8_t(kResultInvalidPassword);
    case kAdminChangePassword:
        if (!f.password || !f.old_password) return kResultInvalidPassword;
        return store.change_password(user, *f.old_password, *f.password);
    case kAdminGrantRoles: return f.roles ? store.grant_roles(user, *f.roles) : uint8_t(kResultInvalidRole);
    case kAdminRevokeRoles: return f.roles ? store.revoke_roles(user, *f.roles) : uint8_t(kResultInvalidRole);
    case kAdminCreateRole: {
        RoleDef r{f.privileges.value_or(std::vector<PrivilegeSpec>{}), f.whitelist, f.read_quota.value_or(0),
                  f.write_quota.value_or(0), false};
        return store.create_role(role, r);
    }
    case kAdminDropRole: return store.drop_role(role);
    case kAdminGrantPrivileges:
        return f.privileges ? store.grant_privileges(role, *f.privileges) : uint8_t(kResultInvalidPrivilege);
    case kAdminRevokePrivileges:
        return f.privileges ? store.revoke_privileges(role, *f.privileges) : uint8_t(kResultInvalidPrivilege);
    case kAdminSetWhitelist: return store.set_whitelist(role, f.whitelist);
    case kAdminSetQuotas:
        if (!f.read_quota && !f.write_quota) return kResultInvalidQuota;
        {
            auto current = store.role(role);
            if (!current) return kResultInvalidRole;
            return store.set_quotas(role, f.read_quota.value_or(current->read_quota),
                                    f.write_quota.value_or(current->write_quota));
        }
    default: return kResultInvalidCommand;
    }
}

void AdminHandler::query_users(const AdminMessage& m, Buffer& out) {
    Store& store = *sec_.store_;
    auto users = select<UserDef>(decode(m).user, [&](const std::string& n) { return store.user(n); },
                                 [&] { return store.users(); });
    if (!users) {
        write_admin_message(out, 0, kResultInvalidUser, {});
        return;
    }
    RecordStream stream(out);
    for (const auto& [name, u] : *users) {
        std::string roles, read_info, write_info, connections;
        encode_roles(u.roles, roles);
        Rights rights = store.rights(name, u.id).value_or(Rights{});
        read_info = encode_u32_list(sec_.quotas_.info(name, false, rights.read_quota));
        write_info = encode_u32_list(sec_.quotas_.info(name, true, rights.write_quota));
        connections = encode_u32(sec_.quotas_.connections(name));
        stream.add({{kFieldUser, name}, {kFieldRoles, roles}, {kFieldReadInfo, read_info},
                    {kFieldWriteInfo, write_info}, {kFieldConnections, connections}});
    }
    stream.end(kResultQueryEnd);
}

void AdminHandler::query_roles(const AdminMessage& m, Buffer& out) {
    Store& store = *sec_.store_;
    auto roles = select<RoleDef>(decode(m).role, [&](const std::string& n) { return store.role(n); },
                                 [&] { return store.roles(); });
    if (!roles) {
        write_admin_message(out, 0, kResultInvalidRole, {});
        return;
    }
    RecordStream stream(out);
    for (const auto& [name, r] : *roles) {
        std::string privileges, whitelist = join_whitelist(r.whitelist);
        encode_privileges(r.privileges, privileges);
        std::string read_quota = encode_u32(r.read_quota), write_quota = encode_u32(r.write_quota);
        AdminFields fields{{kFieldRole, name}, {kFieldPrivileges, privileges}};
        if (!whitelist.empty()) fields.emplace_back(kFieldWhitelist, whitelist);
        fields.emplace_back(kFieldReadQuota, read_quota);
        fields.emplace_back(kFieldWriteQuota, write_quota);
        stream.add(fields);
    }
    stream.end(kResultQueryEnd);
}

}  // namespace aero::server
