#include "core/command/batch_groups.h"

#include "core/command/routing.h"

namespace aero {

size_t group_rows(BatchJob& job, const ClusterState& state, uint32_t attempt, std::vector<BatchGroup>& groups) {
    size_t n = 0;
    for (uint32_t i = 0; i < job.rows().size(); i++) {
        BatchRow& row = job.rows()[i];
        if (row.code != kRowPending) continue;
        Status err;
        Route route{attempt};
        Node* node = pick_node(state, row.policy, row.is_write, row.key.ns, row.key.digest, route, err);
        if (node == nullptr) {
            job.fail_rows({i}, err.code(), false);
            continue;
        }
        size_t g = 0;
        while (g < n && groups[g].node != node) g++;
        if (g == n) {
            if (groups.size() == n) groups.emplace_back();
            groups[n].node = node;
            groups[n].rows.clear();
            groups[n].is_write = false;
            n++;
        }
        groups[g].rows.push_back(i);
        groups[g].is_write |= row.is_write;
    }
    return n;
}

}  // namespace aero
