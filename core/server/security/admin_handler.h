// The user and role administration commands of a secured server (§13.2): checks the caller
// may run them (user-admin, except for its own password and its own user and roles), applies
// them to the store and answers, streaming QUERY_USERS and QUERY_ROLES records (§13.3).
#pragma once

#include "core/proto/admin.h"
#include "core/server/security/security.h"

namespace aero::server {

class AdminHandler {
public:
    AdminHandler(Security& security, security::ConnAuth& conn) : sec_(security), conn_(conn) {}

    // m is any command but LOGIN and AUTHENTICATE, from a logged-in connection.
    void handle(const proto::AdminMessage& m, proto::Buffer& out);

private:
    // The result of a command that changes the store; 55 for a missing or malformed field.
    uint8_t change(const proto::AdminMessage& m);
    // Whether the caller may run m without user-admin.
    bool own_business(const proto::AdminMessage& m) const;
    void query_users(const proto::AdminMessage& m, proto::Buffer& out);
    void query_roles(const proto::AdminMessage& m, proto::Buffer& out);

    Security& sec_;
    security::ConnAuth& conn_;  // keeps its rights when its own user changes the password
};

}  // namespace aero::server
