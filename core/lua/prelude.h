// The Lua code every UDF state runs before its module: the helpers mod-lua's as.lua,
// stream_ops.lua and aerospike.lua define (list/map helpers, the stream operations, the
// logging functions and the apply_record / apply_stream drivers), written for this project.
#pragma once

namespace aero::lua {

// The prelude's source text, and the chunk name errors in it would show.
extern const char* const kPrelude;
inline constexpr const char* kPreludeName = "=aero_prelude";

}  // namespace aero::lua
