// aero-server's settings, as given on the command line.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "core/status.h"

namespace aero::server {

// A --user of security mode, with its roles (none given: every predefined role).
struct ServerUser {
    std::string name;
    std::string password;
    std::vector<std::string> roles;
};

struct ServerConfig {
    std::string bind = "127.0.0.1";
    uint16_t port = 3000;
    // "test" is always first; --namespace adds more.
    std::vector<std::string> namespaces{"test"};
    std::string cluster_name = "aero";
    // 0 means "derive from the port" (the real server derives it from MAC and port).
    uint64_t node_id = 0;
    uint32_t default_ttl = 0;
    uint32_t nsup_period = 1;
    // --nodes: 0 for a standalone server, else the nodes of a local cluster (cluster.h).
    uint32_t nodes = 0;
    // Copies of each partition a cluster keeps (capped by the live nodes).
    uint32_t replication_factor = 1;
    // --rack-ids: each node's rack, in node order; one value applies to every node, none
    // means rack 0. Every namespace of a node is on its rack, as the real server's rack-id.
    std::vector<uint32_t> rack_ids;
    // --strong-consistency: every namespace is SC (reads go to the master, see
    // cluster_routing.h).
    bool strong_consistency = false;
    // --security: clients must log in (security.h); users from --user, else admin/admin.
    bool security = false;
    std::vector<ServerUser> users;
    // Lifetime of a LOGIN session token, as the real server's session-ttl (default 1 day).
    uint32_t session_ttl = 86400;
    // --tls-port: a TLS listener beside the plain one (0 picks a free port), serving
    // --tls-cert / --tls-key; peers-tls-std names the nodes --tls-name.
    std::optional<uint16_t> tls_port;
    std::string tls_cert;
    std::string tls_key;
    std::string tls_name;
    // --tls-client-ca: clients must show a certificate this CA signed (mutual TLS).
    std::string tls_client_ca;
    // --idle-timeout: a connection with no request for this long is closed, as the real
    // server's proto-fd-idle-ms does (longer than the clients' 55 s limit); 0 = never. The
    // real 8.1 default is 0; this one is not, so abandoned connections cannot pile up.
    uint32_t idle_timeout_s = 60;
    // --request-timeout: a request (or TLS handshake) must arrive whole, and a reply be
    // taken, within this long of its first byte; 0 = never.
    uint32_t request_timeout_s = 10;
    // --max-connections: clients beyond this are closed at once (the real proto-fd-max).
    uint32_t max_connections = 15000;
    // --workers: threads that run requests; 0 = two per core.
    uint32_t workers = 0;
    // --udf-dir: where registered UDF modules are written (Lua's package.path looks there);
    // empty means a fresh directory under /tmp, removed at exit. Like the real server, the
    // directory is emptied at start.
    std::string udf_dir;
    // --udf-time-limit: a record UDF running longer than this many milliseconds fails with
    // "UDF Execution Timeout"; 0 = no limit.
    uint32_t udf_time_limit_ms = 0;
};

// Most nodes and copies one aero-server process plays.
constexpr uint32_t kMaxNodes = 32;
// The real server's largest rack-id.
constexpr uint32_t kMaxRackId = 1000000;

// Parses argv (argv[0] skipped) into cfg; the status message says what was wrong.
Status parse_args(int argc, char** argv, ServerConfig& cfg);

// The usage text printed for --help and after a bad argument.
const char* usage_text();

// The rack of node `index` (0 for a standalone server) under cfg.rack_ids.
uint32_t rack_id(const ServerConfig& cfg, size_t index);

}  // namespace aero::server
