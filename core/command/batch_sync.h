// A batch run on the caller's thread over the sync connection pools, with blocking I/O as the
// single-record commands do. Client::batch takes it for a cluster of one node, where the
// event loop's hand-off (two thread wake-ups a call) is the larger part of a small batch's
// client cost and there is no other node to reach in parallel.
#pragma once

#include "core/cluster/cluster.h"
#include "core/command/batch.h"
#include "core/proto/bytes.h"

namespace aero {

// Runs `job` to the end and writes its result (BatchJob::write_result) into `out`. Retries,
// row retries, timeouts and the in-doubt rule are those of the event loop's batches
// (AsyncEngine::child_done); when a retry round spans several nodes, their requests go one
// after another. A non-ok status is a failure of the whole batch (a request too large).
Status run_batch_sync(const Cluster& cluster, BatchJob& job, proto::Buffer& out);

}  // namespace aero
