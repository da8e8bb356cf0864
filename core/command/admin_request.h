// The client's admin commands as msgpack (aero.h aero_client_admin): a request map turned
// into one admin message (§13.2), and QUERY_USERS/QUERY_ROLES records turned into the reply.
#pragma once

#include <cstddef>
#include <cstdint>
#include <string>
#include <vector>

#include "core/proto/admin.h"
#include "core/proto/bytes.h"
#include "core/status.h"

namespace aero {

struct AdminRequest {
    uint8_t command = 0;
    std::string user;      // "user"
    std::string password;  // "password", in clear (hashed when the message is built)
    std::string role;      // "role"
    std::vector<std::string> roles;
    std::string privileges;  // the PRIVILEGES field, already encoded
    std::vector<std::string> whitelist;  // empty: none (set_whitelist clears the role's)
    uint32_t read_quota = 0;
    uint32_t write_quota = 0;

    bool is_query() const { return command == proto::kAdminQueryUsers || command == proto::kAdminQueryRoles; }
};

// Parses the request map; kErrParam names what is wrong (an unknown command or key, a
// missing or mistyped value, an unknown privilege or a scope on a global one).
Status parse_admin_request(const uint8_t* p, size_t n, AdminRequest& out);

// The admin message for req. `old_hash` is set for CHANGE_PASSWORD (the caller's own
// password) and empty otherwise; a password change then goes as SET_PASSWORD.
void build_admin_message(const AdminRequest& req, const std::string& old_hash, proto::Buffer& out);

// Appends the reply map of one QUERY_USERS/QUERY_ROLES record (a user's or a role's fields)
// to out; false when a field is malformed.
bool pack_user_record(const proto::AdminMessage& record, proto::Buffer& out);
bool pack_role_record(const proto::AdminMessage& record, proto::Buffer& out);

}  // namespace aero
