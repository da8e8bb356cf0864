// The read path: get all bins, named bins, or the header only (fact sheet §5.4).
#pragma once

#include "core/server/response.h"
#include "core/server/rw_utils.h"

namespace aero::server {

// Reads the record named by ctx and completes resp.
void handle_read(const RwContext& ctx, Response& resp);

}  // namespace aero::server
