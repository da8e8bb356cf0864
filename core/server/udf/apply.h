// The record UDF path (a write with UDF_FILENAME, fact sheet §16.2), as the real server's
// transaction/udf.c runs it: policy checks, the UDF on the record under its lock, then the
// write (or delete) of what aerospike:create / update left, and the SUCCESS or FAILURE bin.
#pragma once

#include <string_view>

#include "core/server/response.h"
#include "core/server/rw_utils.h"
#include "core/server/udf/registry.h"

namespace aero::server::udf {

// Runs `call` on the record ctx names and completes resp (with the result code alone for an
// internal call, which also fails with 2 when the record is missing).
void handle_apply(Registry& udf, const RwContext& ctx, const UdfFields& call, Response& resp);

}  // namespace aero::server::udf
