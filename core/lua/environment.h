// Lua states set up as mod-lua sets them up (mod_lua.c create_state()): every standard library,
// the generational collector, package.path and package.cpath extended with the UDF directory
// (searched last, after "./?.lua" and the system's paths, as in mod-lua),
// the list/map/bytes/geojson/stream libraries, an `aerospike` object whose `log` goes to the
// host, and the prelude. Hosts add their own functions (records, aerospike:create ...) on top.
#pragma once

#include <string>
#include <string_view>

#include <lua.hpp>

namespace aero::lua {

// Where aerospike:log(level, message) and the info/debug/trace/warn helpers go: level 1 is
// a warning, 2 info, 3 debug, 4 trace. Called on the thread running the UDF.
using LogFn = void (*)(int level, std::string_view message);

// A new state with the UDF environment, `user_path` being the directory registered modules
// live in (package.path gets "<user_path>/?.lua"). Null only when Lua cannot allocate.
lua_State* new_state(const std::string& user_path, LogFn log);

// Where a module failed to load, as udf-put reports it (mod-lua's populate_error()).
struct LoadError {
    std::string file;
    int line = 0;
    std::string message;
};

// Compiles and runs a module's text in a fresh state, as udf-put validates it; false with
// err filled when it fails. `filename` is the registered name ("m.lua").
bool validate(const std::string& user_path, std::string_view filename, std::string_view source, LoadError& err);

// Loads module `name` (without ".lua") into L with require(), from `source` when given (so a
// module can be loaded without a file), else through package.path. False with the error
// message left in `error` when it fails.
bool load_module(lua_State* L, std::string_view name, std::string_view source, std::string& error);

// Registers the `stream` library (stream.read / write / readable / writable).
void open_stream(lua_State* L);

}  // namespace aero::lua
