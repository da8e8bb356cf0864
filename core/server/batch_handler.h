// The batch engine (fact sheet §9): every row of a batch-index request runs as its own
// sub-transaction through the single-record paths, and the replies stream back in blocks.
#pragma once

#include "core/proto/bytes.h"
#include "core/server/response.h"
#include "core/server/rw_utils.h"
#include "core/server/storage.h"

namespace aero::server {

// Answers a batch parent (an AS_MSG body with info1 BATCH): appends to out, handing full
// blocks to flush when given. Rows run in order on the calling thread, which the real server
// also does for "inline" batches; results therefore come back in row order.
// Each row goes through `run`.
void handle_batch(Storage& storage, uint8_t* body, size_t n, proto::Buffer& out, const ReplyFlush& flush,
                  const RecordRunner& run);

}  // namespace aero::server
