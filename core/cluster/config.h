// Client configuration: one declarative property table drives setting, reading and listing
// the keys, so the C ABI and every binding agree on names, forms and defaults.
#pragma once

#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

#include "core/status.h"

namespace aero {

struct Host {
    std::string name;
    uint16_t port = 3000;
    // The name the node's TLS certificate must carry ("host:tls_name:port"); empty: see
    // ClientConfig::tls_name.
    std::string tls_name;
};

// Client-wide defaults of the per-command timeout and retry settings.
struct PolicyDefaults {
    uint32_t socket_timeout_ms = 30000;
    uint32_t total_timeout_ms = 1000;
    uint32_t max_retries = 0;
    uint32_t sleep_between_retries_ms = 0;
};

struct ClientConfig {
    std::vector<Host> hosts;
    std::string cluster_name;
    std::string user;
    std::string password;
    uint32_t connect_timeout_ms = 1000;  // 0: no limit of its own (see Cluster::step_deadline)
    uint32_t idle_timeout_s = 55;
    uint32_t max_conns_per_node = 256;
    uint32_t min_conns_per_node = 0;
    uint32_t tend_interval_ms = 1000;
    bool use_services_alternate = false;
    // The host runs one thread at a time (see core/command/host_turn.h).
    bool host_lock = false;
    // TLS (tls.* keys): CA, optional client certificate, and the server name expected when a
    // host carries none (then the host name itself is expected).
    bool tls_enable = false;
    std::string tls_cafile;
    std::string tls_certfile;
    std::string tls_keyfile;
    std::string tls_name;
    // Rack awareness: the tender learns each node's rack per namespace, and PREFER_RACK reads
    // go to a replica on one of rack_ids (in order of preference) when there is one.
    bool rack_aware = false;
    std::vector<int32_t> rack_ids;
    uint32_t max_concurrent_operations = 0;
    uint32_t operation_queue_timeout_ms = 0;
    // Reads retry twice and writes never by default, as the official clients do: a retried
    // write that had already landed would be applied twice.
    PolicyDefaults read{30000, 1000, 2, 0};
    PolicyDefaults write{30000, 1000, 0, 0};
    // Scans and queries: no overall deadline and five retry rounds, as the official clients.
    PolicyDefaults query{30000, 0, 5, 0};
};

// Sets one key from its text form. kErrParam names the key for an unknown key or a bad value.
Status config_set(ClientConfig& c, std::string_view key, std::string_view value);
// Checks the settings that bound each other (min_conns_per_node <= max_conns_per_node), which
// config_set cannot: keys come one at a time, in any order. kErrParam names both keys.
Status config_check(const ClientConfig& c);
// The current value of a key as text.
Result<std::string> config_get(const ClientConfig& c, std::string_view key);
size_t config_property_count();
const char* config_property_name(size_t index);

// Parses "host[:tls_name][:port][,...]" with IPv6 as "[addr]:tls_name:port".
Result<std::vector<Host>> parse_hosts(std::string_view text);

}  // namespace aero
