// The loop every scan/query job shares (query_job.c as_query_job_run): partitions in id
// order, each reserved on this node or reported unavailable, walked in chunks so that no
// partition lock is held while a reply block goes out or the job sleeps to keep its
// records-per-second.
#pragma once

#include <cstdint>
#include <functional>

#include "core/server/query/job.h"
#include "core/server/query/partition_source.h"
#include "core/server/query/query_request.h"
#include "core/server/server_context.h"

namespace aero::server::query {

// What a job does with one record, under the partition lock.
enum class Step {
    kNext,   // go on with the next record
    kPause,  // go on, but let go of the lock first (a full reply block, a throttle sleep)
    kStop,   // this partition is finished
    kEnd,    // the whole job is finished (max records reached)
};

struct WalkHooks {
    // One record found by the source.
    std::function<Step(const proto::Digest& d, const Record& r, int64_t bval)> record;
    // Runs with no lock held after a kPause: send, sleep. False ends the job.
    std::function<bool()> pause;
    // A requested partition this node does not hold (null: skip it silently).
    std::function<void(uint32_t pid)> unavailable;
    // Before a partition starts: false skips it (the job is past a limit).
    std::function<bool()> want_partition;
};

// Walks the partitions the request asks for (every partition this node masters when it asks
// for none, as background jobs do), counting progress in job.pid and stopping once the job is
// abandoned.
void walk_partitions(ServerContext& ctx, Namespace& ns, const QueryRequest& q, PartitionSource& source, Job& job,
                     const WalkHooks& hooks);

}  // namespace aero::server::query
