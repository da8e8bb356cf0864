// The info protocol (§2): text commands, one per line, answered as "command\tvalue\n".
#pragma once

#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "core/proto/bytes.h"
#include "core/status.h"

namespace aero::proto {

// Appends a whole info request (proto header included) for the given commands.
void write_info_request(Buffer& out, const std::vector<std::string>& commands);

// Splits a response body into (command, value) pairs in the order received. A line without a
// tab (as the server sends for an unauthenticated socket) gives an empty command.
std::vector<std::pair<std::string, std::string>> parse_info_response(std::string_view body);

// Splits a request body into its commands (text after the last newline is ignored, §2.1).
std::vector<std::string_view> parse_info_request(std::string_view body);

// Parses "ERROR:<code>:<message>" / "FAIL:<code>:..." values; returns false for other values.
bool parse_info_error(std::string_view value, int& code, std::string& message);

// Splits "k=v;k=v" into pairs (used for statistics and namespace/<ns>).
std::vector<std::pair<std::string_view, std::string_view>> split_pairs(std::string_view s, char sep = ';');

}  // namespace aero::proto
