// A role's allow-list (the protocol's WHITELIST): the client addresses, single IPs or CIDR
// blocks, IPv4 or IPv6, that its users may log in from.
#pragma once

#include <string>
#include <string_view>
#include <vector>

namespace aero::server::security {

// Whether every entry is an IP address or a CIDR block (else the server answers 73,
// INVALID_WHITELIST).
bool valid_whitelist(const std::vector<std::string>& entries);
// Whether address `peer` (text, as the listener saw it) matches an entry.
bool whitelisted(const std::vector<std::string>& entries, std::string_view peer);

}  // namespace aero::server::security
