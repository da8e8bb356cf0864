// Scans and queries (fact sheet §10): an AS_MSG without a DIGEST field, picked apart by job
// type as the real server's as_query() does.
#pragma once

#include <cstddef>
#include <cstdint>

#include "core/proto/bytes.h"
#include "core/server/response.h"
#include "core/server/rw_utils.h"
#include "core/server/server_context.h"

namespace aero::server::query {

// Whether an AS_MSG body is a scan/query: a message (not a batch parent) without a DIGEST
// field. Such a request holds a worker for as long as its stream runs.
bool is_query(const uint8_t* body, size_t n);

// Answers the scan/query in body (already checked to be well formed, with a known namespace
// ns): a stream ending in a LAST message, an immediate LAST for a background job (whose
// writes go through `run`), or a bare reply with the code that refused it.
void handle_query(ServerContext& ctx, Namespace& ns, const uint8_t* body, size_t n, proto::Buffer& out,
                  const ReplyFlush& flush, const RecordRunner& run);

}  // namespace aero::server::query
