// Info commands about the node and its cluster (fact sheet §2.2, §2.3): identity, services,
// peers, partition ownership and generations; plus aero-server's node stop/start knobs.
#include <algorithm>
#include <charconv>

#include "core/server/cluster.h"
#include "core/server/info_commands.h"

namespace aero::server::info {

namespace {

// "host:port" (port 0 leaves ":port" out), with an IPv6 host in brackets.
std::string address(const std::string& host, uint16_t port) {
    std::string out = host.find(':') == std::string::npos ? host : "[" + host + "]";
    return port ? out + ":" + std::to_string(port) : out;
}

}  // namespace

std::string node_id_hex(uint64_t id) {
    char buf[17];
    snprintf(buf, sizeof buf, "%lX", static_cast<unsigned long>(id));
    return buf;
}

std::string service(ServerContext& ctx, bool tls) {
    if (!tls) return address(ctx.config.bind, ctx.config.port);
    return ctx.config.tls_port ? address(ctx.config.bind, *ctx.config.tls_port) : "";
}

std::string services(ServerContext& ctx, bool alumni) {
    ClusterView v = ctx.view();
    std::string out;
    for (const PeerNode& p : alumni ? v.alumni : v.peers) out.append(out.empty() ? "" : ";").append(address(p.host, p.port));
    return out;
}

std::string peers(ServerContext& ctx, PeerList list) {
    ClusterView v = ctx.view();
    // Without a TLS listener the TLS list is empty, with the plain port as before.
    bool tls = list == PeerList::live_tls && ctx.config.tls_port;
    if (list == PeerList::live_tls && !tls) list = PeerList::none;
    static const std::vector<PeerNode> none;
    const std::vector<PeerNode>& listed = list == PeerList::live || list == PeerList::live_tls ? v.peers
                                          : list == PeerList::alumni                           ? v.alumni
                                                                                               : none;
    // Peers on this node's own port leave the port out, as the server leaves out its default.
    uint16_t default_port = tls ? *ctx.config.tls_port : ctx.config.port;
    std::string out = std::to_string(v.peers_generation) + "," + std::to_string(default_port) + ",[";
    bool first = true;
    for (const PeerNode& p : listed) {
        uint16_t port = tls ? p.tls_port : p.port;
        std::string host = address(p.host, port == default_port ? 0 : port);
        out.append(first ? "" : ",").append("[").append(node_id_hex(p.node_id)).append(",");
        out.append(tls ? p.tls_name : "").append(",[").append(host).append("]]");
        first = false;
    }
    return out + "]";
}

std::string generation(ServerContext& ctx, Generation which) {
    ClusterView v = ctx.view();
    return std::to_string(which == Generation::partition ? v.partition_generation
                          : which == Generation::peers   ? v.peers_generation
                                                         : v.rebalance_generation);
}

std::string replicas(ServerContext& ctx, const Command& cmd, ReplicasForm form) {
    ClusterView v = ctx.view();
    uint32_t n_cols = form == ReplicasForm::master ? 1 : v.table->n_columns();
    if (const std::string_view* max = cmd.param("max")) {
        uint32_t cap = 0;
        std::from_chars(max->data(), max->data() + max->size(), cap);
        n_cols = std::min(n_cols, std::max(cap, 1u));
    }
    // The same for every namespace: they share one partition table and one consistency mode.
    std::string columns = ":";
    if (form == ReplicasForm::with_regime)
        columns += std::to_string(ctx.config.strong_consistency ? v.rebalance_generation : 0) + ",";
    if (form != ReplicasForm::master) columns += std::to_string(n_cols) + ",";
    for (uint32_t c = 0; c < n_cols; c++) columns.append(c ? "," : "").append(v.table->bitmap_b64(ctx.node_id, c));
    return per_namespace(ctx, [&](const Namespace&) { return columns; });
}

std::string rack_ids(ServerContext& ctx) {
    // Every namespace is on the node's rack. (Built by appending: GCC 12 -O3 warns, wrongly,
    // of an overlap in ":" + std::to_string(...).)
    std::string rack(1, ':');
    rack += std::to_string(ctx.rack_id);
    return per_namespace(ctx, [&](const Namespace&) { return rack; });
}

std::string cluster_node_control(ServerContext& ctx, const Command& cmd, bool start) {
    if (!ctx.cluster) return error(4, "not a cluster: start aero-server with --nodes");
    const std::string_view* port_text = cmd.param("port");
    uint16_t port = 0;
    if (!port_text || std::from_chars(port_text->data(), port_text->data() + port_text->size(), port).ec != std::errc())
        return error(4, "missing or bad 'port'");
    Status s = start ? ctx.cluster->start_node(port) : ctx.cluster->stop_node(port, ctx);
    return s.is_ok() ? "ok" : error(4, s.message());
}

}  // namespace aero::server::info
