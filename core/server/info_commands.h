// The info commands, one function per command family; used by info_handler.cpp only.
#pragma once

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

// namespace/<ns>: configuration and statistics of one namespace.
std::string namespace_info(ServerContext& ctx, const Command& cmd);
// sets, sets/<ns>, sets/<ns>/<set>.
std::string sets_info(ServerContext& ctx, const Command& cmd);
// statistics: node-wide counters.
std::string statistics(ServerContext& ctx);
// truncate and truncate-namespace (set given or not).
std::string truncate(ServerContext& ctx, const Command& cmd, bool whole_namespace);

}  // namespace aero::server::info
