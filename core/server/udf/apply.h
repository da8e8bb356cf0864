// The record UDF path (a write with UDF_FILENAME, fact sheet §16.2), as the real server's
// transaction/udf.c runs it: policy checks, the UDF on the record under its lock, then the
// write (or delete) of what aerospike:create / update left, and the SUCCESS or FAILURE bin.
#pragma once

#include <string_view>

#include "core/server/response.h"
#include "core/server/rw_utils.h"
#include "core/server/udf/registry.h"

namespace aero::server::udf {

// The UDF fields of a request.
struct Call {
    std::string_view module;    // UDF_FILENAME, without ".lua"
    std::string_view function;  // UDF_FUNCTION
    std::string_view args;      // UDF_ARGLIST: a msgpack array
};

// Runs `call` on the record ctx names and completes resp.
void handle_apply(Registry& udf, const RwContext& ctx, const Call& call, Response& resp);

// Runs `call` as a background job's sub-transaction on an existing record: the same path, but
// nothing is answered and a record is never created (an internal UDF must not create
// records). Returns the result code.
uint8_t apply_in_background(Registry& udf, const RwContext& ctx, const Call& call);

}  // namespace aero::server::udf
