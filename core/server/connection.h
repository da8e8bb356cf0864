// One client connection: blocking reads of whole proto messages, one reply per request.
#pragma once

#include "core/server/server_context.h"

namespace aero::server {

// Serves the socket until the client closes it, sends something unacceptable, or the server
// shuts the socket down. Does not close fd.
void serve_connection(int fd, ServerContext& ctx);

}  // namespace aero::server
