#include "core/server/config.h"

#include <algorithm>
#include <charconv>
#include <string_view>

#include "core/proto/message.h"
#include "core/proto/ttl.h"

namespace aero::server {

namespace {

template <typename T>
bool parse_number(std::string_view s, T& out, int base = 10) {
    auto [end, ec] = std::from_chars(s.data(), s.data() + s.size(), out, base);
    return ec == std::errc() && end == s.data() + s.size() && !s.empty();
}

Status add_namespace(ServerConfig& cfg, std::string_view name) {
    if (name.empty() || name.size() > proto::kMaxNamespaceSize || name.find_first_of(":;/") != std::string_view::npos)
        return Status(kErrParam, "bad namespace name '" + std::string(name) + "'");
    if (std::find(cfg.namespaces.begin(), cfg.namespaces.end(), name) == cfg.namespaces.end())
        cfg.namespaces.emplace_back(name);
    return Status::ok();
}

// NAME:PASSWORD[:ROLE,...] (see ServerUser).
Status add_user(ServerConfig& cfg, std::string_view spec) {
    size_t colon = spec.find(':');
    if (colon == 0 || colon == std::string_view::npos) return Status(kErrParam, "bad --user '" + std::string(spec) + "', expected NAME:PASSWORD[:ROLE,...]");
    std::string_view password = spec.substr(colon + 1);
    size_t roles_at = password.find(':');
    ServerUser user{std::string(spec.substr(0, colon)), std::string(password.substr(0, roles_at)), {}};
    for (std::string_view roles = roles_at == std::string_view::npos ? "" : password.substr(roles_at + 1); !roles.empty();) {
        size_t comma = roles.find(',');
        if (comma != 0) user.roles.emplace_back(roles.substr(0, comma));
        if (comma == std::string_view::npos) break;
        roles.remove_prefix(comma + 1);
    }
    cfg.users.push_back(std::move(user));
    return Status::ok();
}

// R[,R...]: the racks of --rack-ids.
bool parse_rack_ids(std::string_view list, std::vector<uint32_t>& out) {
    out.clear();
    for (size_t start = 0;;) {
        size_t comma = list.find(',', start);
        if (!parse_number(list.substr(start, comma - start), out.emplace_back()) || out.back() > kMaxRackId)
            return false;
        if (comma == std::string_view::npos) return true;
        start = comma + 1;
    }
}

}  // namespace

uint32_t rack_id(const ServerConfig& cfg, size_t index) {
    if (cfg.rack_ids.empty()) return 0;
    return cfg.rack_ids.size() == 1 ? cfg.rack_ids[0] : cfg.rack_ids[index];
}

const char* usage_text() {
    return "usage: aero-server [--port N] [--bind ADDR] [--namespace NAME]... [--cluster-name NAME]\n"
           "                   [--node-id HEX] [--default-ttl SECONDS] [--nsup-period SECONDS]\n"
           "                   [--nodes N [--replication-factor R]] [--rack-ids ID[,ID...]]\n"
           "                   [--strong-consistency]\n"
           "                   [--security [--user NAME:PASSWORD[:ROLE,...]]... [--session-ttl SECONDS]]\n"
           "                   [--tls-port N --tls-cert FILE --tls-key FILE [--tls-name NAME]\n"
           "                    [--tls-client-ca FILE]]\n"
           "                   [--idle-timeout SECONDS] [--request-timeout SECONDS]\n"
           "                   [--max-connections N] [--workers N]\n"
           "                   [--udf-dir DIR] [--udf-time-limit MS]\n"
           "\n"
           "Connections are served by one event loop; requests run on --workers threads (default\n"
           "two per core; batches may hold at most half of them). A connection idle for\n"
           "--idle-timeout seconds (default 60, 0 never) is closed, and so is one whose request\n"
           "(or TLS handshake) has not arrived whole, or whose reply has not been read, within\n"
           "--request-timeout seconds (default 10, 0 never). Clients past --max-connections\n"
           "(default 15000) are closed at once.\n"
           "\n"
           "--nodes N plays a cluster of N nodes in this process, on ports P, P+1, ... from --port P\n"
           "(each on a free port with --port 0), each printing its own \"listening\" line, with\n"
           "node ids from their ports. Partitions are split between the live nodes, each kept on R\n"
           "of them (default 1); writes sent to a non-owner are proxied to the owner.\n"
           "Fault knobs for tests, info commands that are aero-server extensions, not Aerospike:\n"
           "  cluster-stop-node:port=P   closes node P's listener and connections (its storage\n"
           "                             stays) and rebalances the others; send it to another node\n"
           "  cluster-start-node:port=P  brings node P back (same port and node id), rebalances\n"
           "                             and migrates its partitions back\n"
           "\n"
           "--rack-ids gives each node its rack (0 to 1000000), in node order; a single value applies\n"
           "to every node (default 0). Placement is then rack-aware, as Aerospike Enterprise's: a\n"
           "partition's copies go to as many different racks as there are copies and racks. Info\n"
           "rack-ids answers \"<ns>:<rack>;...\" for client rack-aware (PREFER_RACK) reads.\n"
           "\n"
           "--strong-consistency makes every namespace strong-consistency (SC): info replicas reports a\n"
           "non-zero regime, and a read sent to a node that is not the partition's master runs on\n"
           "the master unless its read mode allows replicas (ALLOW_REPLICA, ALLOW_UNAVAILABLE).\n"
           "\n"
           "--security makes clients log in and enforces roles as Aerospike Enterprise does: every\n"
           "command is checked against the user's privileges (81 ROLE_VIOLATION), role allow-lists\n"
           "at login (82) and read/write quotas (83). Users come from --user (a password cannot\n"
           "contain ':'; without ROLEs the user gets every predefined role); with none, admin/admin\n"
           "with user-admin only, as Enterprise starts. Users and roles are kept by the whole cluster.\n"
           "\n"
           "--tls-port adds a TLS (1.2+) listener beside the plain port, with the certificate chain\n"
           "and key from PEM files; with --nodes, node i listens on the TLS port P+i (free ports with\n"
           "0) and prints \"aero-server tls listening on ADDR:PORT\". --tls-name is the name\n"
           "peers-tls-std gives clients to verify the nodes against. --tls-client-ca makes the TLS\n"
           "listener require a client certificate signed by that CA (mutual TLS).\n"
           "\n"
           "UDF modules (Lua 5.4) registered with udf-put are written to --udf-dir (default a fresh\n"
           "directory under /tmp, removed at exit), which is emptied at start as the real server\n"
           "empties its user path. --udf-time-limit MS fails a UDF call running longer (default 0,\n"
           "no limit).\n";
}

Status parse_args(int argc, char** argv, ServerConfig& cfg) {
    for (int i = 1; i < argc; i++) {
        std::string_view opt = argv[i];
        if (opt == "--security" || opt == "--strong-consistency") {  // the options without a value
            (opt == "--security" ? cfg.security : cfg.strong_consistency) = true;
            continue;
        }
        if (i + 1 >= argc) return Status(kErrParam, "missing value for " + std::string(opt));
        std::string_view val = argv[++i];
        bool ok = true;
        if (opt == "--port") {
            ok = parse_number(val, cfg.port);
        } else if (opt == "--bind") {
            cfg.bind = val;
        } else if (opt == "--namespace") {
            Status s = add_namespace(cfg, val);
            if (!s.is_ok()) return s;
        } else if (opt == "--cluster-name") {
            cfg.cluster_name = val;
            ok = !val.empty();
        } else if (opt == "--node-id") {
            ok = parse_number(val, cfg.node_id, 16) && cfg.node_id != 0;
        } else if (opt == "--default-ttl") {
            ok = parse_number(val, cfg.default_ttl) && cfg.default_ttl <= proto::kTtlMax;
        } else if (opt == "--nsup-period") {
            ok = parse_number(val, cfg.nsup_period);
        } else if (opt == "--nodes") {
            ok = parse_number(val, cfg.nodes) && cfg.nodes >= 1 && cfg.nodes <= kMaxNodes;
        } else if (opt == "--replication-factor") {
            ok = parse_number(val, cfg.replication_factor) && cfg.replication_factor >= 1 &&
                 cfg.replication_factor <= kMaxNodes;
        } else if (opt == "--rack-ids") {
            ok = parse_rack_ids(val, cfg.rack_ids);
        } else if (opt == "--user") {
            Status s = add_user(cfg, val);
            if (!s.is_ok()) return s;
        } else if (opt == "--tls-port") {
            ok = parse_number(val, cfg.tls_port.emplace());
        } else if (opt == "--tls-cert") {
            cfg.tls_cert = val;
        } else if (opt == "--tls-key") {
            cfg.tls_key = val;
        } else if (opt == "--tls-name") {
            cfg.tls_name = val;
        } else if (opt == "--tls-client-ca") {
            cfg.tls_client_ca = val;
        } else if (opt == "--idle-timeout") {
            ok = parse_number(val, cfg.idle_timeout_s);
        } else if (opt == "--request-timeout") {
            ok = parse_number(val, cfg.request_timeout_s);
        } else if (opt == "--max-connections") {
            ok = parse_number(val, cfg.max_connections) && cfg.max_connections > 0;
        } else if (opt == "--workers") {
            ok = parse_number(val, cfg.workers) && cfg.workers >= 2 && cfg.workers <= 256;
        } else if (opt == "--udf-dir") {
            cfg.udf_dir = val;
            ok = !val.empty();
        } else if (opt == "--udf-time-limit") {
            ok = parse_number(val, cfg.udf_time_limit_ms);
        } else if (opt == "--session-ttl") {
            ok = parse_number(val, cfg.session_ttl) && cfg.session_ttl > 0;
        } else {
            return Status(kErrParam, "unknown option " + std::string(opt));
        }
        if (!ok) return Status(kErrParam, "bad value '" + std::string(val) + "' for " + std::string(opt));
    }
    if (!cfg.users.empty() && !cfg.security) return Status(kErrParam, "--user needs --security");
    if (cfg.tls_port.has_value() != (!cfg.tls_cert.empty() && !cfg.tls_key.empty()) ||
        ((!cfg.tls_name.empty() || !cfg.tls_client_ca.empty()) && !cfg.tls_port))
        return Status(kErrParam,
                      "--tls-port, --tls-cert and --tls-key go together (--tls-name and --tls-client-ca need them)");
    if (cfg.rack_ids.size() > 1 && cfg.rack_ids.size() != cfg.nodes)
        return Status(kErrParam, "--rack-ids needs one rack, or one per node of --nodes");
    // Cluster nodes take their ids from their ports, which must all fit.
    if (cfg.nodes && cfg.node_id) return Status(kErrParam, "--node-id cannot be used with --nodes");
    if (cfg.nodes && ((cfg.port && cfg.port + cfg.nodes - 1 > 65535) || (cfg.tls_port.value_or(0) + cfg.nodes - 1 > 65535)))
        return Status(kErrParam, "--nodes runs past port 65535");
    return Status::ok();
}

}  // namespace aero::server
