#include "core/command/introspection.h"

#include <map>

#include "core/proto/msgpack.h"

namespace aero {

namespace mp = proto::msgpack;

namespace {

void pack_key_uint(proto::Buffer& out, const char* key, uint64_t v) {
    mp::pack_str(out, key);
    mp::pack_uint(out, v);
}

}  // namespace

void write_stats(const Cluster& cluster, proto::Buffer& out) {
    auto state = cluster.state();
    out.clear();
    mp::pack_map_header(out, 2);
    mp::pack_str(out, "cluster");
    mp::pack_map_header(out, 3);
    pack_key_uint(out, "nodes", state->nodes.size());
    pack_key_uint(out, "epoch", state->epoch);
    pack_key_uint(out, "tends", cluster.tends());
    mp::pack_str(out, "nodes");
    mp::pack_array_header(out, uint32_t(state->nodes.size()));
    for (const auto& node : state->nodes) {
        const NodeStats& st = node->stats();
        uint32_t open = 0, idle = 0;
        node->pool().counts(open, idle);
        mp::pack_map_header(out, 8);
        mp::pack_str(out, "name");
        mp::pack_str(out, node->name());
        mp::pack_str(out, "address");
        mp::pack_str(out, node->address());
        mp::pack_str(out, "connections");
        mp::pack_map_header(out, 6);
        pack_key_uint(out, "open", open);
        pack_key_uint(out, "in_use", open - idle);
        pack_key_uint(out, "idle", idle);
        pack_key_uint(out, "async_open", uint64_t(std::max<int64_t>(0, st.async_open.load(std::memory_order_relaxed))));
        pack_key_uint(out, "recovered", st.recovered.load(std::memory_order_relaxed));
        pack_key_uint(out, "aborted", st.aborted.load(std::memory_order_relaxed));
        pack_key_uint(out, "in_flight", uint64_t(std::max<int64_t>(0, st.in_flight.load(std::memory_order_relaxed))));
        pack_key_uint(out, "commands", st.commands.load(std::memory_order_relaxed));
        pack_key_uint(out, "errors", st.errors.load(std::memory_order_relaxed));
        pack_key_uint(out, "timeouts", st.timeouts.load(std::memory_order_relaxed));
        pack_key_uint(out, "retries", st.retries.load(std::memory_order_relaxed));
    }
}

void write_cluster_view(const Cluster& cluster, proto::Buffer& out) {
    auto state = cluster.state();
    out.clear();
    mp::pack_map_header(out, 2);
    pack_key_uint(out, "epoch", state->epoch);
    mp::pack_str(out, "nodes");
    mp::pack_array_header(out, uint32_t(state->nodes.size()));
    for (const auto& node : state->nodes) {
        // Partitions the node serves, per namespace: as master, and as any other replica.
        std::map<std::string, std::pair<uint32_t, uint32_t>> counts;
        for (const NamespacePartitions& ns : state->partitions.namespaces) {
            auto& [masters, replicas] = counts[ns.name];
            for (size_t col = 0; col < ns.columns.size(); col++)
                for (Node* n : ns.columns[col])
                    if (n == node.get()) (col == 0 ? masters : replicas)++;
        }
        mp::pack_map_header(out, 3);
        mp::pack_str(out, "name");
        mp::pack_str(out, node->name());
        mp::pack_str(out, "address");
        mp::pack_str(out, node->address());
        mp::pack_str(out, "partitions");
        mp::pack_map_header(out, uint32_t(counts.size()));
        for (const auto& [ns, c] : counts) {
            mp::pack_str(out, ns);
            mp::pack_array_header(out, 2);
            mp::pack_uint(out, c.first);
            mp::pack_uint(out, c.second);
        }
    }
}

}  // namespace aero
