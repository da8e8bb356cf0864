// Routes one AS_MSG request to the batch engine or to the read, write or delete path,
// answering request errors.
#pragma once

#include <functional>

#include "core/proto/bytes.h"
#include "core/server/response.h"
#include "core/server/rw_utils.h"
#include "core/server/storage.h"

namespace aero::server {

namespace udf {
class Registry;
}

// Runs one record command (a single-record request or one batch row) whose namespace and
// digest are known, on the read, write, delete or record UDF path (with the modules of
// `udf`; without them a UDF gets 16, UNSUPPORTED_FEATURE); completes resp.
void run_record_or_udf_command(const RwContext& ctx, Response& resp, udf::Registry* udf);
// The same without UDF modules.
void run_record_command(const RwContext& ctx, Response& resp);

// Runs a scan/query (a message without a DIGEST field) of a known namespace, appending its
// whole reply to out.
using QueryRunner = std::function<void(Namespace& ns, const uint8_t* body, size_t n, proto::Buffer& out)>;

// Answers an AS_MSG body (proto type 3) by appending the reply to out. A batch reply can be
// large, so the batch engine hands each finished 128 KiB block to flush; without one, the
// blocks stay in out. The batch path rewrites row headers inside body (see batch_request.h).
// Each record command goes through `run`, each scan/query through `query` (without one, a
// scan/query gets 16, UNSUPPORTED_FEATURE).
void handle_message(Storage& storage, uint8_t* body, size_t n, proto::Buffer& out,
                    const ReplyFlush& flush = {}, const RecordRunner& run = run_record_command,
                    const QueryRunner& query = {});

}  // namespace aero::server
