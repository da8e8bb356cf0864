// What every foreground job (scan, query, aggregation) does around its walk: the job record
// query-show lists, filled from the request, and the end of its stream.
#pragma once

#include <memory>
#include <string>

#include "core/server/namespace.h"
#include "core/server/query/job.h"
#include "core/server/query/query_request.h"
#include "core/server/query/query_stream.h"

namespace aero::server::query {

// A new job of `type` ("basic", "aggregation") for request q on ns.
std::shared_ptr<Job> foreground_job(const Namespace& ns, const QueryRequest& q, const std::string& index_name,
                                    std::string type);

// Records the bytes sent, ends the stream with LAST (the abandon reason as its result, 0 when
// the job ran to its end) and marks the job finished.
void finish_foreground_job(QueryStream& stream, Job& job);

}  // namespace aero::server::query
