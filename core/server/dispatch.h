// What one whole request gets: its proto header checked as the real server checks it, then
// its handler by proto type (info, admin, AS_MSG), with the reply left in a buffer. The
// network side (net/event_server.h) reads requests and writes replies; this knows no sockets.
#pragma once

#include "core/proto/bytes.h"
#include "core/server/response.h"
#include "core/server/security/conn_auth.h"
#include "core/server/server_context.h"

namespace aero::server {

// The server's receive rules (§1.1): version 2 (0 still allowed for legacy security
// messages), a known type and at most 128 MiB. Anything else closes the socket unanswered.
bool acceptable(const uint8_t* header, uint8_t& type, uint64_t& size);

// Whether a request may hold a worker for long (a batch or a scan/query, answered in many
// blocks).
bool is_long_request(uint8_t type, const proto::Buffer& body);
// Whether a request runs on a worker rather than on its serving loop: batches, and info and
// admin requests (a LOGIN hashes with bcrypt; a cluster knob waits for another node).
bool runs_on_worker(uint8_t type, const proto::Buffer& body);

// Answers one request of proto `type` into `out` (`flush` sends the blocks of a long reply as
// they are made; the AS_MSG path may rewrite `body`). `conn` is the connection's login
// state, which admin requests change and security mode checks every command against. False
// when the connection must close unanswered.
bool serve_request(ServerContext& ctx, uint8_t type, proto::Buffer& body, security::ConnAuth& conn, proto::Buffer& out,
                   const ReplyFlush& flush);

}  // namespace aero::server
