// Where UDF logging (info(), warn(), aerospike:log ...) goes: the server's standard error,
// one line per message in the real server's log form "<LEVEL> (udf): <message>".
#pragma once

#include <string_view>

namespace aero::server::udf {

// Writes one UDF log line; level 1 warning, 2 info, 3 debug, 4 trace (detail).
void log_message(int level, std::string_view message);

}  // namespace aero::server::udf
