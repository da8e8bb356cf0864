// Splitting a batch's pending rows by the node that serves them; shared by the event loop's
// batches and those run on the caller's thread.
#pragma once

#include <vector>

#include "core/cluster/cluster.h"
#include "core/command/batch.h"

namespace aero {

// One node's share of a batch.
struct BatchGroup {
    Node* node = nullptr;
    std::vector<uint32_t> rows;  // indexes into the job's rows, in row order
    bool is_write = false;       // whether any of them writes
};

// Groups the job's pending rows by node in row order (so REPEAT rows stay adjacent), for
// retry round `attempt`; a row no node serves fails with the routing error. Fills
// groups[0, n) and returns n; the elements (and their row vectors) are reused call to call.
size_t group_rows(BatchJob& job, const ClusterState& state, uint32_t attempt, std::vector<BatchGroup>& groups);

}  // namespace aero
