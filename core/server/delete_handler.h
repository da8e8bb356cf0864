// The delete path (info2 WRITE|DELETE): replies carry no metadata, as the server's do.
#pragma once

#include "core/server/response.h"
#include "core/server/rw_utils.h"

namespace aero::server {

// Deletes the record named by ctx and completes resp.
void handle_delete(const RwContext& ctx, Response& resp);

}  // namespace aero::server
