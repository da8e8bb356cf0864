// The read path: get all bins, named bins, or the header only (fact sheet §5.4).
#pragma once

#include <functional>
#include <string_view>

#include "core/server/response.h"
#include "core/server/rw_utils.h"

namespace aero::server {

// Reads the record named by ctx and completes resp.
void handle_read(const RwContext& ctx, Response& resp);

// Receives each bin a read answers with (op code, bin name, particle type, wire value).
using BinSink = std::function<void(uint8_t op, std::string_view name, uint8_t particle, std::string_view value)>;
// The read ops of ctx.req (READ by name, collection, bit and HLL reads, EXP_READ) on r, as the
// server's process_bin_read_op() runs them, each answer handed to add; RESPOND_ALL_OPS answers
// nil for what is missing. Returns 0, or the result code of the first op that fails (an op
// that is not a read gives 4). Queries project their records through it too.
uint8_t read_ops(const RwContext& ctx, const Record& r, const BinSink& add);

}  // namespace aero::server
