// Record UDF calls (fact sheet §16.2): the [module, function, args] value of the C ABI, the
// UDF fields it becomes on the wire, and the FAILURE bin a failed call answers with.
#pragma once

#include <string_view>

#include "core/command/key.h"
#include "core/command/policy.h"
#include "core/proto/bytes.h"
#include "core/proto/message.h"

namespace aero {

// A checked call; its views point into the caller's msgpack.
struct UdfCall {
    std::string_view module;    // without ".lua"
    std::string_view function;
    const uint8_t* args = nullptr;  // standard msgpack array, or null for no arguments
    size_t args_len = 0;
};

// Parses msgpack [module, function] or [module, function, args | nil].
Status parse_udf_call(const uint8_t* p, size_t n, UdfCall& out);

// UDF_FILENAME, UDF_FUNCTION and UDF_ARGLIST (the arguments in Aerospike's msgpack dialect),
// plus UDF_OP when `op` is not negative (queries: 1 aggregate, 2 background).
Status udf_fields(proto::MessageWriter& w, const UdfCall& call, int op = -1);

// The apply request: a write (policy's write bits and ttl) carrying the call.
Status build_apply(proto::Buffer& out, const Key& key, const Policy& p, const UdfCall& call);

// The status of a reply whose result code is `rc` (not 0): for a UDF error (100) its message
// is the FAILURE bin's text, as the server wrote it (e.g. "<file>:5: boom").
Status reply_status(int rc, const uint8_t* body, size_t n);

}  // namespace aero
