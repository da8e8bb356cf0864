// The users and roles of a secured server: one store for every node of a local cluster, so a
// change made on one node is seen by all at once (the real server spreads it through its
// system metadata), and it outlives a node's stop and start. Thread-safe.
#pragma once

#include <cstdint>
#include <map>
#include <optional>
#include <shared_mutex>
#include <string>
#include <vector>

#include "core/proto/admin_fields.h"

namespace aero::server::security {

struct RoleDef {
    std::vector<proto::PrivilegeSpec> privileges;
    std::vector<std::string> whitelist;
    uint32_t read_quota = 0;   // records per second per node; 0 = no quota
    uint32_t write_quota = 0;
    bool predefined = false;  // one of the ten built-in roles: fixed
};

struct UserDef {
    std::string password_hash;
    std::vector<std::string> roles;  // may name roles dropped since: they grant nothing
    // Which incarnation of the name this is, and of its password: a session or a connection
    // made under an older one is no longer valid.
    uint64_t id = 0;
    uint64_t password_epoch = 0;
};

// What a user may do, gathered from its roles.
struct Rights {
    std::vector<proto::PrivilegeSpec> privileges;
    // Union of the roles' allow-lists; empty when no role has one (no restriction).
    std::vector<std::string> whitelist;
    // The largest quota among the roles that set one; 0 = none.
    uint32_t read_quota = 0;
    uint32_t write_quota = 0;
    uint64_t password_epoch = 0;  // the user's (UserDef::password_epoch)
};

class Store {
public:
    Store();

    // Each returns 0 or the security result code the server answers (§7.1): 60 invalid user,
    // 61 user exists, 62 invalid password, 65 wrong old password, 70 invalid role, 71 role
    // exists, 72 invalid privilege, 73 invalid allow-list.
    uint8_t create_user(const std::string& name, const std::string& hash, const std::vector<std::string>& roles);
    uint8_t drop_user(const std::string& name);
    uint8_t set_password(const std::string& name, const std::string& hash);
    uint8_t change_password(const std::string& name, const std::string& old_hash, const std::string& hash);
    uint8_t grant_roles(const std::string& name, const std::vector<std::string>& roles);
    uint8_t revoke_roles(const std::string& name, const std::vector<std::string>& roles);
    uint8_t create_role(const std::string& name, const RoleDef& role);
    uint8_t drop_role(const std::string& name);
    uint8_t grant_privileges(const std::string& name, const std::vector<proto::PrivilegeSpec>& privileges);
    uint8_t revoke_privileges(const std::string& name, const std::vector<proto::PrivilegeSpec>& privileges);
    uint8_t set_whitelist(const std::string& name, const std::vector<std::string>& whitelist);
    uint8_t set_quotas(const std::string& name, uint32_t read_quota, uint32_t write_quota);

    std::optional<UserDef> user(const std::string& name) const;
    std::map<std::string, UserDef> users() const;
    std::optional<RoleDef> role(const std::string& name) const;
    std::map<std::string, RoleDef> roles() const;
    // The rights of user `name` if it still is incarnation `id`.
    std::optional<Rights> rights(const std::string& name, uint64_t id) const;

private:
    // The role, when it exists and may be changed; else 70. Holds mu_ exclusively.
    RoleDef* changeable_role(const std::string& name, uint8_t& rc);

    mutable std::shared_mutex mu_;
    std::map<std::string, UserDef> users_;
    std::map<std::string, RoleDef> roles_;
    uint64_t next_id_ = 1;
};

}  // namespace aero::server::security
