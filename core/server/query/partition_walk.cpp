#include "core/server/query/partition_walk.h"

#include <optional>

#include "core/server/cluster.h"

namespace aero::server::query {

namespace {

// Keeps partition ownership still while a chunk of a partition is walked.
class Reservation {
public:
    // as_partition_reserve_query(): a node serves a partition it holds a full copy of. In a
    // local cluster every node holding the partition (master or replica) has all of it, since
    // migration completes while commands wait. `masters_only` is the rule without PID_ARRAY:
    // as_partition_reserve_write(), the master alone.
    Reservation(ServerContext& ctx, uint32_t pid, bool masters_only) {
        std::shared_ptr<const PartitionTable> table;
        if (ctx.cluster) {
            hold_.emplace(ctx.cluster->hold());
            table = hold_->table;
        } else {
            table = ctx.view().table;
        }
        ok_ = masters_only ? table->replicas(pid)[0] == ctx.node_id : table->holds(ctx.node_id, pid);
    }
    bool ok() const { return ok_; }

private:
    std::optional<Cluster::Hold> hold_;
    bool ok_ = false;
};

}  // namespace

void walk_partitions(ServerContext& ctx, Namespace& ns, const QueryRequest& q, PartitionSource& source, Job& job,
                     const WalkHooks& hooks) {
    bool by_request = !q.partitions.empty();
    for (uint32_t pid = 0; pid < proto::kPartitions; pid++) {
        job.pid.store(pid);
        if (job.abandoned.load() != kAbandonNone) return;
        if (by_request && !q.partitions[pid].requested) continue;
        std::optional<Cursor> cursor;
        if (by_request && q.partitions[pid].has_resume) cursor = Cursor{q.partitions[pid].digest, q.partitions[pid].bval};
        bool partition_done = false;
        bool first = true;
        while (!partition_done) {
            Step last = Step::kNext;
            {
                Reservation rsv(ctx, pid, !by_request);
                if (!rsv.ok()) {
                    // Not (or no longer) here: the client retries it elsewhere from its last
                    // record.
                    if (by_request && hooks.unavailable) hooks.unavailable(pid);
                    break;
                }
                if (first && !hooks.want_partition()) break;
                first = false;
                source.walk(ns, pid, cursor ? &*cursor : nullptr, [&](const proto::Digest& d, const Record& r, int64_t bval) {
                    if (job.abandoned.load() != kAbandonNone) {
                        last = Step::kEnd;
                        return false;
                    }
                    last = hooks.record(d, r, bval);
                    cursor = Cursor{d, bval};
                    return last == Step::kNext;
                });
            }
            switch (last) {
            case Step::kPause:
                if (!hooks.pause()) return;
                break;
            case Step::kEnd: return;
            default: partition_done = true;
            }
        }
    }
    job.pid.store(proto::kPartitions);
}

}  // namespace aero::server::query
