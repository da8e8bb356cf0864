// Parses the peers-clear-std / peers-tls-std info value (fact sheet §2.2).
#pragma once

#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

#include "core/cluster/config.h"
#include "core/status.h"

namespace aero {

struct Peer {
    std::string node_name;
    std::string tls_name;
    std::vector<Host> hosts;
};

struct PeersInfo {
    int64_t generation = 0;
    std::vector<Peer> peers;
};

// "<gen>,<default_port>,[[<NODEID>,<tls_name>,[<host>[:<port>],...]],...]"
Result<PeersInfo> parse_peers(std::string_view value);

}  // namespace aero
