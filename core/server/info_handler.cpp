#include "core/server/info_handler.h"

#include <openssl/evp.h>

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
constexpr const char* kFeatures =
    "batch-any;batch-index;blob-bits;cdt-list;cdt-map;cluster-stable;float;geo;peers;pipelining;"
    "pquery;pscans;query-show;relaxed-sc;replicas;replicas-all;replicas-master;replicas-max;"
    "truncate-namespace;udf";
// Generations stay constant: a single node never changes its partitions or its peers.
constexpr const char* kGeneration = "1";

// Base64 of the 4096-bit map of a node that owns every partition.
const std::string& all_partitions_b64() {
    static const std::string b64 = [] {
        unsigned char bits[proto::kPartitions / 8];
        std::fill(std::begin(bits), std::end(bits), 0xFF);
        std::string out(4 * ((sizeof bits + 2) / 3), '\0');
        EVP_EncodeBlock(reinterpret_cast<unsigned char*>(out.data()), bits, sizeof bits);
        return out;
    }();
    return b64;
}

// One "<ns>:<prefix><bitmap>" entry per namespace, joined by ';'.
std::string replicas(ServerContext& ctx, std::string_view prefix) {
    std::string out;
    for (const auto& ns : ctx.storage.namespaces()) {
        if (!out.empty()) out += ';';
        out.append(ns->name()).append(":").append(prefix).append(all_partitions_b64());
    }
    return out;
}

std::string node_id_hex(uint64_t id) {
    char buf[17];
    snprintf(buf, sizeof buf, "%lX", static_cast<unsigned long>(id));
    return buf;
}

std::string service_address(ServerContext& ctx) { return ctx.config.bind + ":" + std::to_string(ctx.config.port); }

// A node without peers: "<generation>,<default port>,[]".
std::string no_peers(ServerContext& ctx) { return std::string(kGeneration) + "," + std::to_string(ctx.config.port) + ",[]"; }

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
    auto peers = [](ServerContext& c, const Command&) { return no_peers(c); };
    auto service = [](ServerContext& c, const Command&) { return service_address(c); };
    static const std::unordered_map<std::string_view, Handler> table = {
        {"node", [](ServerContext& c, const Command&) { return node_id_hex(c.node_id); }},
        {"build", fixed(kBuild)},
        {"version", fixed(std::string(kEdition) + " build " + kBuild)},
        {"edition", fixed(kEdition)},
        {"release", fixed(release())},
        {"features", fixed(kFeatures)},
        {"partition-generation", fixed(kGeneration)},
        {"rebalance-generation", fixed(kGeneration)},
        {"peers-generation", fixed(kGeneration)},
        {"partitions", fixed(std::to_string(proto::kPartitions))},
        {"replicas", [](ServerContext& c, const Command&) { return replicas(c, "0,1,"); }},
        {"replicas-all", [](ServerContext& c, const Command&) { return replicas(c, "1,"); }},
        {"replicas-master", [](ServerContext& c, const Command&) { return replicas(c, ""); }},
        {"peers-clear-std", peers},
        {"peers-clear-alt", peers},
        {"peers-tls-std", peers},
        {"peers-tls-alt", peers},
        {"alumni-clear-std", peers},
        {"alumni-tls-std", peers},
        {"service-clear-std", service},
        {"service", service},
        {"service-clear-alt", fixed("")},
        {"service-tls-std", fixed("")},
        {"service-tls-alt", fixed("")},
        {"services", fixed("")},
        {"services-alternate", fixed("")},
        {"services-alumni", fixed("")},
        {"cluster-name", [](ServerContext& c, const Command&) { return c.config.cluster_name; }},
        {"namespaces",
         [](ServerContext& c, const Command&) {
             std::string out;
             for (const auto& ns : c.storage.namespaces()) out.append(out.empty() ? "" : ";").append(ns->name());
             return out;
         }},
        {"namespace", info::namespace_info},
        {"sets", info::sets_info},
        {"statistics", [](ServerContext& c, const Command&) { return info::statistics(c); }},
        {"truncate", [](ServerContext& c, const Command& cmd) { return info::truncate(c, cmd, false); }},
        {"truncate-namespace", [](ServerContext& c, const Command& cmd) { return info::truncate(c, cmd, true); }},
        // Truncation here is immediate and final, so there is nothing left to undo.
        {"truncate-undo", fixed("ok")},
        {"truncate-namespace-undo", fixed("ok")},
        {"user-agent-set", fixed("ok")},
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
