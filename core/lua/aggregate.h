// The client's half of an aggregation (query.apply on the official clients): each node runs a
// stream UDF's server phase (its map/filter/aggregate ops and the first reduce) and streams
// back SUCCESS values; the client then runs the remaining ops, starting with that reduce
// again, over all nodes' values together. This is that client phase, for core/command.
// Depends on Lua and core/proto only (nothing of core/server).
#pragma once

#include <cstddef>
#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

#include "core/status.h"

namespace aero::lua {

// Runs the client phase of stream function `function` of module `module_name` (without
// ".lua"; error messages name "<module_name>.lua") whose text is `module_source`.
//
// `args_msgpack` is the UDF's argument list, one msgpack array (the same arguments the query
// sent; args_len 0 means none). `node_values_msgpack` holds every value the nodes streamed
// back, each one msgpack value, in any order. All msgpack here is the C ABI's standard form:
// str is text, bin is bytes, ext type 2 is GeoJSON text.
//
// On success, `out_values_msgpack` receives the stream's output values in order (usually one,
// the final reduce; none when the nodes sent nothing and no op creates a value). A Lua error
// gives code 100 (UDF) with Lua's message; malformed msgpack gives kErrParam.
//
// Each call builds its own Lua state; any thread, any number of concurrent calls.
Status aggregate_final(std::string_view module_source, std::string_view module_name, std::string_view function,
                       const uint8_t* args_msgpack, size_t args_len,
                       const std::vector<std::string>& node_values_msgpack,
                       std::vector<std::string>& out_values_msgpack);

}  // namespace aero::lua
