// Background queries (query.c ops_bg_query_job_* and udf_bg_query_job_*): a request with
// info2 WRITE is answered at once with a LAST message, then its write ops (as UPDATE_ONLY
// writes) or its record UDF (UDF_OP 2) run on every matching record of the partitions this
// node masters, tracked as a job.
#pragma once

#include <memory>
#include <string>

#include "core/proto/bytes.h"
#include "core/server/query/partition_source.h"
#include "core/server/query/query_request.h"
#include "core/server/rw_utils.h"
#include "core/server/server_context.h"

namespace aero::server::query {

// Checks the job's fields (in ops_bg_query_job_start()'s order) and starts it on its own
// thread: each record's write goes through `run` (the cluster's routing on a cluster node).
// `body` is the request, copied because the job outlives it; `source` walks the primary index
// or the query's index. Returns 0 once the job runs (the caller sends LAST), else the code.
uint8_t start_background_query(ServerContext& ctx, Namespace& ns, std::shared_ptr<const std::string> body,
                               std::shared_ptr<PartitionSource> source, const std::string& index_name,
                               const RecordRunner& run);

}  // namespace aero::server::query
