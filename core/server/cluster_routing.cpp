#include "core/server/cluster_routing.h"

#include "core/server/record_copy.h"
#include "core/server/rw_handler.h"

namespace aero::server {

void run_routed_record_command(Cluster& cluster, ServerContext& receiver, const RwContext& ctx,
                               Response& resp) {
    Cluster::Hold hold = cluster.hold();
    uint32_t pid = proto::partition_id(ctx.digest.data());
    bool write = ctx.req.header.info2 & proto::kInfo2Write;
    if (!write && hold.table->holds(receiver.node_id, pid)) return run_record_command(ctx, resp);

    auto owners = hold.table->replicas(pid);
    auto on_node = [&](uint64_t node) -> Namespace& { return *cluster.member(node).storage.find(ctx.ns.name()); };
    RwContext on_master{ctx.req, on_node(owners[0]), ctx.digest, ctx.origin};
    if (owners[0] != receiver.node_id) {
        receiver.stats.client_proxy_complete++;
        ctx.ns.stats().count_proxy(ctx.origin);
        on_master.origin = proxied(ctx.origin);
    }
    if (!write) return run_record_command(on_master, resp);

    std::lock_guard partition(cluster.partition_lock(pid));
    run_record_command(on_master, resp);
    // The state the write left (a failed write left it as it was) is what replicas get.
    std::optional<RecordCopy> copy = take_copy(on_master.ns, ctx.digest);
    for (uint64_t replica : owners.subspan(1)) store_copy(on_node(replica), ctx.digest, copy ? &*copy : nullptr);
}

}  // namespace aero::server
