#include "core/server/info_handler.h"

#include <functional>
#include <unordered_map>

#include "core/proto/digest.h"
#include "core/proto/info.h"
#include "core/server/info_commands.h"

namespace aero::server {

namespace {

using info::Command;
using Handler = std::function<std::string(ServerContext&, const Command&)>;

constexpr const char* kBuild = "8.1.2.0";
constexpr const char* kEdition = "Aerospike Community Edition";
// Only what aero-server serves: the real server's list without replicas-max (no such info
// command here).
constexpr const char* kFeatures =
    "batch-any;batch-index;blob-bits;cdt-index;cdt-list;cdt-map;cluster-stable;float;geo;sindex-exists;peers;pipelining;"
    "pquery;pscans;query-show;relaxed-sc;replicas;replicas-all;replicas-master;truncate-namespace;udf";

std::string release() {
#if defined(__aarch64__)
    const char* arch = "aarch64";
#else
    const char* arch = "x86_64";
#endif
    return std::string("edition=") + kEdition + ";version=" + kBuild + ";os=linux;arch=" + arch + ";sha=aero-server";
}

const std::unordered_map<std::string_view, Handler>& handlers() {
    auto fixed = [](std::string v) { return [v](ServerContext&, const Command&) { return v; }; };
    auto peers = [](info::PeerList list) {
        return [list](ServerContext& c, const Command&) { return info::peers(c, list); };
    };
    auto service = [](bool tls) { return [tls](ServerContext& c, const Command&) { return info::service(c, tls); }; };
    auto generation = [](info::Generation which) {
        return [which](ServerContext& c, const Command&) { return info::generation(c, which); };
    };
    auto replicas = [](info::ReplicasForm form) {
        return [form](ServerContext& c, const Command& cmd) { return info::replicas(c, cmd, form); };
    };
    static const std::unordered_map<std::string_view, Handler> table = {
        {"node", [](ServerContext& c, const Command&) { return info::node_id_hex(c.node_id); }},
        {"build", fixed(kBuild)},
        // A node that answers is up: the real server says "ok" once it serves requests.
        {"status", fixed("ok")},
        {"version", fixed(std::string(kEdition) + " build " + kBuild)},
        {"edition", fixed(kEdition)},
        {"release", fixed(release())},
        {"features", fixed(kFeatures)},
        {"partition-generation", generation(info::Generation::partition)},
        {"peers-generation", generation(info::Generation::peers)},
        // Clients that read by rack ask for rack-ids again whenever rebalance-generation moves.
        // rack-ids is Enterprise only (CE answers ERROR:25); aero-server plays Enterprise here.
        {"rebalance-generation", generation(info::Generation::rebalance)},
        {"rack-ids", [](ServerContext& c, const Command&) { return info::rack_ids(c); }},
        {"partitions", fixed(std::to_string(proto::kPartitions))},
        {"replicas", replicas(info::ReplicasForm::with_regime)},
        {"replicas-all", replicas(info::ReplicasForm::all)},
        {"replicas-master", replicas(info::ReplicasForm::master)},
        {"peers-clear-std", peers(info::PeerList::live)},
        {"peers-clear-alt", peers(info::PeerList::none)},
        {"peers-tls-std", peers(info::PeerList::live_tls)},
        {"peers-tls-alt", peers(info::PeerList::none)},
        {"alumni-clear-std", peers(info::PeerList::alumni)},
        {"alumni-tls-std", peers(info::PeerList::none)},
        {"service-clear-std", service(false)},
        {"service", service(false)},
        {"service-clear-alt", fixed("")},
        {"service-tls-std", service(true)},
        {"service-tls-alt", fixed("")},
        {"services", [](ServerContext& c, const Command&) { return info::services(c, false); }},
        {"services-alternate", fixed("")},
        {"services-alumni", [](ServerContext& c, const Command&) { return info::services(c, true); }},
        // aero-server extensions (not Aerospike): fault knobs of a local cluster (--nodes).
        {"cluster-stop-node", [](ServerContext& c, const Command& cmd) { return info::cluster_node_control(c, cmd, false); }},
        {"cluster-start-node", [](ServerContext& c, const Command& cmd) { return info::cluster_node_control(c, cmd, true); }},
        {"cluster-name", [](ServerContext& c, const Command&) { return c.config.cluster_name; }},
        {"namespaces",
         [](ServerContext& c, const Command&) { return info::per_namespace(c, [](const Namespace&) { return ""; }); }},
        {"namespace", info::namespace_info},
        {"sets", info::sets_info},
        {"statistics", [](ServerContext& c, const Command&) { return info::statistics(c); }},
        {"truncate", [](ServerContext& c, const Command& cmd) { return info::truncate(c, cmd, false); }},
        {"truncate-namespace", [](ServerContext& c, const Command& cmd) { return info::truncate(c, cmd, true); }},
        // Truncation here is immediate and final, so there is nothing left to undo.
        {"truncate-undo", fixed("ok")},
        {"truncate-namespace-undo", fixed("ok")},
        {"user-agent-set", fixed("ok")},
        {"query-show", info::query_show},
        {"sindex-create", info::sindex_create},
        {"sindex-delete", info::sindex_delete},
        {"sindex-exists", info::sindex_exists},
        {"sindex-stat", info::sindex_stat},
        {"sindex-list", info::sindex_list},
        {"sindex", info::sindex_legacy},
        {"query-abort", info::query_abort},
        {"udf-put", info::udf_put},
        {"udf-get", info::udf_get},
        {"udf-list", [](ServerContext& c, const Command&) { return info::udf_list(c); }},
        {"udf-remove", info::udf_remove},
        {"udf-clear-cache", [](ServerContext& c, const Command&) { c.udf->clear_cache(); return std::string("ok"); }},
        {"query-abort-all", [](ServerContext& c, const Command&) { return info::query_abort_all(c); }},
    };
    return table;
}

Command parse_command(std::string_view text) {
    Command cmd;
    size_t colon = text.find(':');
    std::string_view head = text.substr(0, colon);
    if (colon != std::string_view::npos) cmd.params = proto::split_pairs(text.substr(colon + 1));
    size_t slash = head.find('/');
    cmd.name = head.substr(0, slash);
    while (slash != std::string_view::npos) {
        head = head.substr(slash + 1);
        slash = head.find('/');
        cmd.args.push_back(head.substr(0, slash));
    }
    return cmd;
}

}  // namespace

namespace info {

const std::string_view* Command::param(std::string_view key) const {
    for (const auto& [k, v] : params)
        if (k == key) return &v;
    return nullptr;
}

std::string error(int code, std::string_view message) {
    return "ERROR:" + std::to_string(code) + ":" + std::string(message);
}

std::string per_namespace(const ServerContext& ctx, const std::function<std::string(const Namespace&)>& value) {
    std::string out;
    for (const auto& ns : ctx.storage.namespaces()) out.append(out.empty() ? "" : ";").append(ns->name()).append(value(*ns));
    return out;
}

}  // namespace info

std::string handle_info(ServerContext& ctx, std::string_view body) {
    std::string out;
    for (std::string_view text : proto::parse_info_request(body)) {
        Command cmd = parse_command(text);
        auto it = handlers().find(cmd.name);
        out.append(text).append("\t");
        out.append(it == handlers().end() ? info::error(4, "unrecognized command") : it->second(ctx, cmd));
        out.append("\n");
    }
    return out;
}

}  // namespace aero::server
