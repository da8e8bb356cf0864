// The info protocol (proto type 1): text commands answered "command\tvalue\n" (fact sheet §2).
#pragma once

#include <string>
#include <string_view>

#include "core/server/server_context.h"

namespace aero::server {

// Answers every command of an info request body, in order; returns the reply body.
std::string handle_info(ServerContext& ctx, std::string_view body);

}  // namespace aero::server
