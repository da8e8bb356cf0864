// The write path (info2 WRITE without DELETE): put, operate, touch, incr/append/prepend,
// with the existence, generation and TTL policies of the real server's write_master().
#pragma once

#include "core/server/response.h"
#include "core/server/rw_utils.h"

namespace aero::server {

// Applies the request's ops to the record named by ctx and completes resp.
void handle_write(const RwContext& ctx, Response& resp);

}  // namespace aero::server
