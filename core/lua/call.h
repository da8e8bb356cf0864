// Calls into a UDF state through the prelude's drivers, catching every Lua error.
#pragma once

#include <functional>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include <lua.hpp>

#include "core/lua/stream.h"
#include "core/lua/value.h"

namespace aero::lua {

// What a call gave: the function's return value, or the error value it raised.
struct CallResult {
    bool failed = false;
    // The return value (or error value) when it converts; nothing for tables, functions ...,
    // which the server answers as nil.
    std::optional<Value> value;
};

// apply_record(<global function>, rec, args...): `push_record` pushes the record argument.
CallResult call_record(lua_State* L, std::string_view function, const std::function<void(lua_State*)>& push_record,
                       const std::vector<Value>& args);

// Scopes of apply_stream: the server's phase, or the client's (the operations after the
// first reduce).
enum class StreamScope { server = 1, client = 2 };

// apply_stream(<global function>, scope, in, out, args...).
CallResult call_stream(lua_State* L, std::string_view function, StreamScope scope, Stream& in, Stream& out,
                       const std::vector<Value>& args);

}  // namespace aero::lua
