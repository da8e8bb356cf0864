// Info commands that report on namespaces and sets: namespace/<ns>, sets, statistics.
#include <chrono>

#include "core/proto/ttl.h"
#include "core/server/info_commands.h"

namespace aero::server::info {

namespace {

// Set LUTs are shown, as the server shows them, in ms since the Aerospike epoch.
uint64_t to_server_lut(uint64_t unix_ms) {
    return unix_ms == 0 ? 0 : unix_ms - uint64_t(proto::kAerospikeEpochUnix) * 1000;
}

void append_set_props(std::string& out, const SetStats& s) {
    out += "objects=" + std::to_string(s.objects.load()) + ":tombstones=0:data_used_bytes=" +
           std::to_string(s.data_bytes.load()) + ":truncate_lut=" + std::to_string(to_server_lut(s.truncate_lut_ms.load())) +
           ":sindexes=0:index_populating=false:truncating=false:default-read-touch-ttl-pct=0:default-ttl=0"
           ":disable-eviction=false:enable-index=false:stop-writes-count=0:stop-writes-size=0;";
}

void append_sets(std::string& out, const Namespace& ns) {
    for (const SetStats* s : ns.sets()) {
        out += "ns=" + ns.name() + ":set=" + s->name + ":";
        append_set_props(out, *s);
    }
}

struct ReplicaCounts {
    uint64_t master = 0, prole = 0, non_replica = 0;
};

// The node's records by the role it plays for their partitions.
ReplicaCounts count_replicas(const ServerContext& ctx, const PartitionTable& table, Namespace& ns) {
    // A node alone is master of everything; no need to walk its records.
    if (table.nodes().size() == 1) return {ns.objects(), 0, 0};
    ReplicaCounts c;
    ns.for_each([&](const proto::Digest& d, const Record&) {
        uint32_t pid = proto::partition_id(d.data());
        if (table.replicas(pid)[0] == ctx.node_id) c.master++;
        else if (table.holds(ctx.node_id, pid)) c.prole++;
        else c.non_replica++;
    });
    return c;
}

}  // namespace

std::string namespace_info(ServerContext& ctx, const Command& cmd) {
    Namespace* ns = cmd.args.empty() ? nullptr : ctx.storage.find(cmd.args[0]);
    if (!ns) return "type=unknown";
    ClusterView v = ctx.view();
    ReplicaCounts counts = count_replicas(ctx, *v.table, *ns);
    std::string out = "ns_cluster_size=" + std::to_string(v.table->nodes().size()) +
                      ";effective_replication_factor=" + std::to_string(v.table->n_columns()) +
                      ";objects=" + std::to_string(ns->objects()) + ";tombstones=0;master_objects=" + std::to_string(counts.master) +
                      ";prole_objects=" + std::to_string(counts.prole) + ";non_replica_objects=" + std::to_string(counts.non_replica) +
                      ";stop_writes=false;clock_skew_stop_writes=false";
    ns->stats().append_info(out);
    return out + ";rack-id=" + std::to_string(ctx.rack_id) + ";replication-factor=" + std::to_string(v.replication_factor) +
           ";default-ttl=" + std::to_string(ns->default_ttl()) + ";nsup-period=" + std::to_string(ns->nsup_period()) +
           ";strong-consistency=" + (ctx.config.strong_consistency ? "true" : "false") +
           ";allow-ttl-without-nsup=false;conflict-resolution-policy=generation"
           ";single-bin=false;storage-engine=memory;max-record-size=" + std::to_string(kMaxRecordSize) +
           ";default-read-touch-ttl-pct=0;disallow-null-setname=false;enable-xdr=false";
}

std::string sets_info(ServerContext& ctx, const Command& cmd) {
    std::string out;
    if (cmd.args.empty()) {
        for (const auto& ns : ctx.storage.namespaces()) append_sets(out, *ns);
        return out;
    }
    Namespace* ns = ctx.storage.find(cmd.args[0]);
    if (!ns) return "ns_type=unknown";  // the server's answer; clients do not expect an error here
    if (cmd.args.size() == 1) {
        append_sets(out, *ns);
        return out;
    }
    for (const SetStats* s : ns->sets())
        if (s->name == cmd.args[1]) append_set_props(out, *s);
    return out;
}

std::string statistics(ServerContext& ctx) {
    auto uptime = std::chrono::duration_cast<std::chrono::seconds>(std::chrono::steady_clock::now() - ctx.stats.start);
    ClusterView v = ctx.view();
    return "cluster_size=" + std::to_string(v.table->nodes().size()) + ";cluster_key=" + std::to_string(v.cluster_key) +
           ";cluster_integrity=true;cluster_is_member=true;uptime=" + std::to_string(uptime.count()) +
           ";objects=" + std::to_string(ctx.storage.objects()) +
           ";client_connections=" + std::to_string(ctx.stats.client_connections.load()) +
           ";client_connections_opened=" + std::to_string(ctx.stats.client_connections_opened.load()) +
           ";client_connections_closed=" + std::to_string(ctx.stats.client_connections_closed.load()) +
           ";client_proxy_complete=" + std::to_string(ctx.stats.client_proxy_complete.load());
}

}  // namespace aero::server::info
