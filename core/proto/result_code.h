// Server result codes by name: the official clients' AEROSPIKE_* names and a short meaning
// for each code a server may put in a reply header (fact sheet §7), so that an error says
// what happened instead of only a number.
#pragma once

#include <string>

namespace aero::proto {

// The official C client's name of a server result code ("AEROSPIKE_ERR_RECORD_NOT_FOUND"),
// or nullptr for a code it does not define. Static storage.
const char* result_code_name(int code);

// A short meaning of the code ("record not found"), or nullptr when unknown. Static storage.
const char* result_code_meaning(int code);

// The text of an error the server reported: "server result code 4
// (AEROSPIKE_ERR_REQUEST_INVALID): invalid request or parameter", or "server result code
// 240 (unknown)" for a code without a name.
std::string result_code_message(int code);

}  // namespace aero::proto
