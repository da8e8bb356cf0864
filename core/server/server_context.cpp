#include "core/server/server_context.h"

namespace aero::server {

namespace {
// Like the real server's default (port and MAC), unique per port on one host: "BB9" then
// the port in hex, so nodes of a local test cluster get distinct, recognisable ids.
uint64_t default_node_id(uint16_t port) { return 0xBB9ull << 32 | port; }
}  // namespace

ServerContext::ServerContext(const ServerConfig& cfg, uint16_t bound_port)
    : config(cfg),
      node_id(cfg.node_id ? cfg.node_id : default_node_id(bound_port)),
      storage(cfg.namespaces, cfg.default_ttl, cfg.nsup_period) {
    config.port = bound_port;
}

}  // namespace aero::server
