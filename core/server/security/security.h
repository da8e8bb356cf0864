// Security mode (--security), as Aerospike Enterprise enforces it: logins and session tokens
// (§13.5), users and roles (store.h) shared by the nodes of a local cluster, every command
// checked against the caller's privileges (81, ROLE_VIOLATION), allow-lists at login (82,
// NOT_WHITELISTED) and read/write quotas (83, QUOTA_EXCEEDED). One per node.
#pragma once

#include <memory>
#include <optional>
#include <string_view>

#include "core/proto/admin.h"
#include "core/server/config.h"
#include "core/server/security/conn_auth.h"
#include "core/server/security/permissions.h"
#include "core/server/security/quotas.h"
#include "core/server/security/sessions.h"
#include "core/server/security/store.h"

namespace aero::server {

class Security {
public:
    // The users of cfg, with their roles (every predefined role when a --user names none),
    // or admin/admin with user-admin, as Enterprise starts, when cfg has none.
    explicit Security(const ServerConfig& cfg);
    // Another node's: the same users and roles, no sessions.
    std::shared_ptr<Security> for_another_node() const;
    // Drops every session (the node stopped).
    void forget_sessions();

    // Answers one admin request (body after the proto header) into out (whole message):
    // LOGIN and AUTHENTICATE set conn, the rest administer users and roles.
    void handle(const uint8_t* body, size_t n, security::ConnAuth& conn, proto::Buffer& out);

    // Whether conn may run a command needing `needed` on set `set` of namespace `ns`: 0, 80
    // when it is not (or no longer) logged in, 81 when its privileges
    // fall short. A command that reads or writes records is also counted against the user's
    // quota: 83 when it is used up for this second.
    uint8_t admit(const security::ConnAuth& conn, security::Perms needed, std::string_view ns,
                  std::string_view set);

private:
    Security(std::shared_ptr<security::Store> store, uint32_t session_ttl_s)
        : store_(std::move(store)), sessions_(session_ttl_s) {}

    void login(const proto::AdminMessage& m, security::ConnAuth& conn, proto::Buffer& out);
    uint8_t authenticate(const proto::AdminMessage& m, security::ConnAuth& conn);
    // The rights of conn's user, unless conn is not (or no longer: its user was dropped or
    // changed its password since) logged in.
    std::optional<security::Rights> logged_in(const security::ConnAuth& conn) const;
    // Logs conn in as user (a LOGIN or AUTHENTICATE that checked out); 82 when the user's
    // allow-list leaves out the connection's address.
    uint8_t sign_in(security::ConnAuth& conn, const std::string& user, uint64_t user_id);

    const std::shared_ptr<security::Store> store_;
    security::Sessions sessions_;
    security::Quotas quotas_;

    friend class AdminHandler;
};

}  // namespace aero::server
