#include "core/server/cluster_routing.h"

#include "core/server/record_copy.h"
#include "core/server/rw_handler.h"

namespace aero::server {

namespace {

// A read runs on the receiver's own copy when it holds one, as the real server reads at a
// full replica; except that in a strong-consistency namespace only the master serves SESSION
// and LINEARIZE reads (the latest write is certain only there), and only the relaxed modes
// (SC_READ_RELAX: ALLOW_REPLICA, ALLOW_UNAVAILABLE) take a replica's copy. AP namespaces
// ignore the SC read bits, as the real server does.
bool reads_own_copy(const ServerContext& receiver, const PartitionTable& table, uint32_t pid, const proto::MsgHeader& h) {
    if (table.replicas(pid)[0] == receiver.node_id) return true;
    return table.holds(receiver.node_id, pid) &&
           (!receiver.config.strong_consistency || (h.info3 & proto::kInfo3ScReadRelax));
}

}  // namespace

void run_routed_record_command(Cluster& cluster, ServerContext& receiver, const RwContext& ctx,
                               Response& resp) {
    Cluster::Hold hold = cluster.hold();
    uint32_t pid = proto::partition_id(ctx.digest.data());
    auto owners = hold.table->replicas(pid);
    bool write = ctx.req.header.info2 & proto::kInfo2Write;
    if (!write && reads_own_copy(receiver, *hold.table, pid, ctx.req.header)) return run_record_or_udf_command(ctx, resp, receiver.udf.get());

    auto on_node = [&](uint64_t node) -> Namespace& { return *cluster.member(node).storage.find(ctx.ns.name()); };
    RwContext on_master{ctx.req, on_node(owners[0]), ctx.digest, ctx.origin, ctx.parent_filter};
    if (owners[0] != receiver.node_id) {
        receiver.stats.client_proxy_complete++;
        ctx.ns.stats().count_proxy(ctx.origin);
        on_master.origin = proxied(ctx.origin);
    }
    if (!write) return run_record_or_udf_command(on_master, resp, receiver.udf.get());

    std::lock_guard partition(cluster.partition_lock(pid));
    run_record_or_udf_command(on_master, resp, receiver.udf.get());
    // The state the write left (a failed write left it as it was) is what replicas get.
    std::optional<RecordCopy> copy = take_copy(on_master.ns, ctx.digest);
    for (uint64_t replica : owners.subspan(1)) store_copy(on_node(replica), ctx.digest, copy ? &*copy : nullptr);
}

}  // namespace aero::server
