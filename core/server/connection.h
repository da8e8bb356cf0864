// One client connection: blocking reads of whole proto messages, one reply per request.
#pragma once

#include "core/server/server_context.h"
#include "core/server/stream.h"

namespace aero::server {

// Serves the stream until the client closes it, sends something unacceptable (a TLS
// ClientHello on the plain port among them), or the server shuts the socket down.
void serve_connection(Stream& stream, ServerContext& ctx);

}  // namespace aero::server
