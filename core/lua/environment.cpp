#include "core/lua/environment.h"

#include <chrono>
#include <cstring>

#include "core/lua/lua_value.h"
#include "core/lua/prelude.h"

namespace aero::lua {

namespace {

// Where the host's log function lives in the registry.
constexpr const char* kLogKey = "aero.log";

// aerospike:log(level, message).
int aerospike_log(lua_State* L) {
    lua_Integer level = luaL_optinteger(L, 2, 2);
    size_t n = 0;
    const char* msg = luaL_optlstring(L, 3, "", &n);
    lua_getfield(L, LUA_REGISTRYINDEX, kLogKey);
    auto log = reinterpret_cast<LogFn>(lua_touserdata(L, -1));
    lua_pop(L, 1);
    if (!log) return 0;
    // Like mod-lua, name the line of the UDF that called info() / warn() (two levels up).
    lua_Debug ar;
    std::string line;
    if (lua_getstack(L, 2, &ar) && lua_getinfo(L, "Sl", &ar))
        line = "(" + std::string(ar.source[0] == '@' || ar.source[0] == '=' ? ar.source + 1 : ar.source) + ":" +
               std::to_string(ar.currentline) + ") ";
    log(int(level), line + std::string(msg, n));
    return 0;
}

// aerospike:get_current_time(): milliseconds since the Unix epoch.
int aerospike_current_time(lua_State* L) {
    auto now = std::chrono::system_clock::now().time_since_epoch();
    lua_pushinteger(L, std::chrono::duration_cast<std::chrono::milliseconds>(now).count());
    return 1;
}

// Appends ";<user_path><pattern>" to package.<field>, as mod-lua's package_path_set() does.
void append_path(lua_State* L, const char* field, const std::string& user_path, const char* pattern) {
    lua_getglobal(L, "package");
    lua_getfield(L, -1, field);
    std::string path = std::string(lua_tostring(L, -1) ? lua_tostring(L, -1) : "") + ";" + user_path + pattern;
    lua_pop(L, 1);
    lua_pushstring(L, path.c_str());
    lua_setfield(L, -2, field);
    lua_pop(L, 1);
}

// The fields of a load error, from a message such as `[string "m.lua"]:3: msg`; other
// messages keep their first line (at most 256 bytes) with no file or line, as mod-lua does.
void parse_error(const char* message, LoadError& err) {
    if (!message) {
        err.message = "(Null error message returned by lua)";
        return;
    }
    std::string_view m(message);
    if (!m.empty() && m[0] == '[') {
        size_t l = m.find('"');
        size_t r = l == std::string_view::npos ? l : m.find('"', l + 1);
        if (r == std::string_view::npos) return;
        err.file = std::string(m.substr(l + 1, r - l - 1));
        size_t colon = m.find(':', r);
        size_t colon2 = colon == std::string_view::npos ? colon : m.find(':', colon + 1);
        if (colon2 == std::string_view::npos) return;
        err.line = std::atoi(std::string(m.substr(colon + 1, colon2 - colon - 1)).c_str());
        err.message = std::string(m.substr(std::min(m.size(), colon2 + 2)));
        return;
    }
    size_t end = std::min(m.find('\n'), size_t(256));
    err.message = std::string(m.substr(0, end));
}

}  // namespace

lua_State* new_state(const std::string& user_path, LogFn log) {
    lua_State* L = luaL_newstate();
    if (!L) return nullptr;
    luaL_openlibs(L);
    lua_gc(L, LUA_GCGEN, 0, 0);
    append_path(L, "path", user_path, "/?.lua");
    append_path(L, "cpath", user_path, "/?.so");
    lua_pushlightuserdata(L, reinterpret_cast<void*>(log));
    lua_setfield(L, LUA_REGISTRYINDEX, kLogKey);

    static const luaL_Reg aerospike_fns[] = {
        {"log", aerospike_log}, {"get_current_time", aerospike_current_time}, {nullptr, nullptr}};
    lua_newtable(L);
    luaL_setfuncs(L, aerospike_fns, 0);
    lua_setglobal(L, "aerospike");
    open_list(L);
    open_map(L);
    open_bytes(L);
    open_geojson(L);
    open_stream(L);
    if (luaL_loadbuffer(L, kPrelude, std::strlen(kPrelude), kPreludeName) != LUA_OK ||
        lua_pcall(L, 0, 0, 0) != LUA_OK) {
        // The prelude is ours and compiles; reaching this means memory ran out.
        lua_close(L);
        return nullptr;
    }
    return L;
}

bool validate(const std::string& user_path, std::string_view filename, std::string_view source, LoadError& err) {
    lua_State* L = new_state(user_path, nullptr);
    if (!L) {
        err.message = "Unable to create a new Lua state";
        return false;
    }
    std::string name(filename);
    bool ok = luaL_loadbuffer(L, source.data(), source.size(), name.c_str()) == LUA_OK && lua_pcall(L, 0, 1, 0) == LUA_OK;
    if (!ok) parse_error(lua_tostring(L, -1), err);
    lua_close(L);
    return ok;
}

bool load_module(lua_State* L, std::string_view name, std::string_view source, std::string& error) {
    std::string module(name);
    if (!source.empty()) {
        // package.preload makes require() find the text without reading the UDF directory.
        lua_getglobal(L, "package");
        lua_getfield(L, -1, "preload");
        std::string chunk = "@" + module + ".lua";
        if (luaL_loadbuffer(L, source.data(), source.size(), chunk.c_str()) != LUA_OK) {
            error = lua_tostring(L, -1) ? lua_tostring(L, -1) : "";
            lua_pop(L, 3);
            return false;
        }
        lua_setfield(L, -2, module.c_str());
        lua_pop(L, 2);
    }
    lua_getglobal(L, "require");
    lua_pushstring(L, module.c_str());
    if (lua_pcall(L, 1, 1, 0) != LUA_OK) {
        error = lua_tostring(L, -1) ? lua_tostring(L, -1) : "";
        lua_pop(L, 1);
        return false;
    }
    lua_pop(L, 1);
    return true;
}

}  // namespace aero::lua
