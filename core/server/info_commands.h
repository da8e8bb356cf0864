// The info commands, one function per command family; used by info_handler.cpp only.
#pragma once

#include <functional>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "core/server/server_context.h"

namespace aero::server::info {

// A parsed command: name[/arg0/arg1...][:k=v;k=v...].
struct Command {
    std::string_view name;
    std::vector<std::string_view> args;
    std::vector<std::pair<std::string_view, std::string_view>> params;

    // The value of parameter `key`, or nullptr when it was not given.
    const std::string_view* param(std::string_view key) const;
};

// "ERROR:<code>:<message>".
std::string error(int code, std::string_view message);
// "<ns><value>;<ns><value>..." over the node's namespaces, each value from `value`.
std::string per_namespace(const ServerContext& ctx, const std::function<std::string(const Namespace&)>& value);

// The node id as the server prints it: uppercase hex, no leading zeros.
std::string node_id_hex(uint64_t id);
// service-clear-std (service-tls-std when tls): this node's address; empty without TLS.
std::string service(ServerContext& ctx, bool tls);
// services / services-alumni (legacy): the other live (or all other) nodes' addresses.
std::string services(ServerContext& ctx, bool alumni);
// peers-* and alumni-*: "<gen>,<port>,[[<id>,<tls name>,[<host:port>]],...]"; live_tls lists
// the live peers' TLS ports (empty without --tls-port). Lists of addresses aero-server never
// has (alternate) are empty.
enum class PeerList { live, alumni, live_tls, none };
std::string peers(ServerContext& ctx, PeerList list);
// partition-generation, peers-generation or rebalance-generation: a decimal number.
enum class Generation { partition, peers, rebalance };
std::string generation(ServerContext& ctx, Generation which);
// replicas ("<ns>:<regime>,<n>,<b64>..."; the regime is 0 unless --strong-consistency),
// replicas-all (no regime), replicas-master (column 0 only, no count); max=<n> caps the
// columns.
enum class ReplicasForm { with_regime, all, master };
std::string replicas(ServerContext& ctx, const Command& cmd, ReplicasForm form);
// rack-ids: "<ns>:<rack>;..." with this node's rack (--rack-ids) for every namespace.
std::string rack_ids(ServerContext& ctx);
// aero-server's own cluster-stop-node / cluster-start-node:port=<port>.
std::string cluster_node_control(ServerContext& ctx, const Command& cmd, bool start);

// namespace/<ns>: configuration and statistics of one namespace.
std::string namespace_info(ServerContext& ctx, const Command& cmd);
// sets, sets/<ns>, sets/<ns>/<set>.
std::string sets_info(ServerContext& ctx, const Command& cmd);
// statistics: node-wide counters.
std::string statistics(ServerContext& ctx);
// query-show[:id=<trid>]: every listed job, or one (ERROR:2:job not found).
std::string query_show(ServerContext& ctx, const Command& cmd);
// query-abort:id=<trid>: asks a running job to stop (ERROR:2:id not active).
std::string query_abort(ServerContext& ctx, const Command& cmd);
// query-abort-all: asks every running job to stop.
std::string query_abort_all(ServerContext& ctx);
// sindex-create, sindex-delete, sindex-exists, sindex-stat, sindex-list and the older
// sindex[/<ns>[/<name>]] (fact sheet §2.4).
std::string sindex_create(ServerContext& ctx, const Command& cmd);
std::string sindex_delete(ServerContext& ctx, const Command& cmd);
std::string sindex_exists(ServerContext& ctx, const Command& cmd);
std::string sindex_stat(ServerContext& ctx, const Command& cmd);
std::string sindex_list(ServerContext& ctx, const Command& cmd);
std::string sindex_legacy(ServerContext& ctx, const Command& cmd);
// udf-put:filename=..;content=<base64>;content-len=..[;udf-type=LUA], udf-get:filename=..,
// udf-list and udf-remove:filename=.. (fact sheet §16.1).
std::string udf_put(ServerContext& ctx, const Command& cmd);
std::string udf_get(ServerContext& ctx, const Command& cmd);
std::string udf_list(ServerContext& ctx);
std::string udf_remove(ServerContext& ctx, const Command& cmd);
// truncate and truncate-namespace (set given or not).
std::string truncate(ServerContext& ctx, const Command& cmd, bool whole_namespace);

}  // namespace aero::server::info
