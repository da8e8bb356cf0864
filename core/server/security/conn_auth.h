// A client connection's security state: who logged in on it, from where. The connection owns
// it; the security code reads and sets it while serving the connection's requests.
#pragma once

#include <cstdint>
#include <memory>
#include <string>

namespace aero::server::security {

struct ConnAuth {
    // Set by LOGIN or AUTHENTICATE; always true when the server has no security.
    bool authenticated = false;
    // The user and its incarnation (UserDef::id): a dropped and re-created user is another.
    std::string user;
    uint64_t user_id = 0;
    // The user's password epoch (UserDef::password_epoch) at login: a password change ends
    // the rights of the connections logged in before it.
    uint64_t password_epoch = 0;
    // The client's IP address, for the allow-lists.
    std::string peer;
    // Counts the connection in its user's CONNECTIONS (QUERY_USERS) for as long as it is held.
    std::shared_ptr<void> presence;
};

}  // namespace aero::server::security
