// Foreground scans and queries (query.c basic_query_job_*): records streamed back to the
// connection as the job walks its partitions.
#pragma once

#include <string>

#include "core/proto/bytes.h"
#include "core/server/query/partition_source.h"
#include "core/server/query/query_request.h"
#include "core/server/response.h"
#include "core/server/server_context.h"

namespace aero::server::query {

// Checks a basic job's remaining fields and runs it, appending the stream to out (flush
// sends its blocks). `source` walks the primary index or the index named `index_name` (empty
// for a scan). Returns 0 once the stream is complete, or the startup failure code (nothing
// appended).
uint8_t run_basic_query(ServerContext& ctx, Namespace& ns, const QueryRequest& q, PartitionSource& source,
                        const std::string& index_name, proto::Buffer& out, const ReplyFlush& flush);

}  // namespace aero::server::query
