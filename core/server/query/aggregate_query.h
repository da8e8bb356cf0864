// Aggregations (query.c aggr_query_job_*): a foreground scan/query with UDF_OP 1 runs the
// stream UDF's server phase over each partition's matching records in turn (as the real
// server runs it per partition slice) and streams every value it writes as a SUCCESS message;
// the client then runs the rest (fact sheet §16.3).
#pragma once

#include <string>

#include "core/proto/bytes.h"
#include "core/server/query/partition_source.h"
#include "core/server/query/query_request.h"
#include "core/server/response.h"
#include "core/server/server_context.h"

namespace aero::server::query {

// Checks the job (aggr_query_job_start()'s order) and runs it into out; returns 0 once the
// stream (ending in LAST) is written, else the code that refused it.
uint8_t run_aggregate_query(ServerContext& ctx, Namespace& ns, const QueryRequest& q, PartitionSource& source,
                            const std::string& index_name, proto::Buffer& out, const ReplyFlush& flush);

}  // namespace aero::server::query
