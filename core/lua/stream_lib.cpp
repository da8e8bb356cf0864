// The `stream` library over host streams (mod-lua's mod_lua_stream.c).
#include "core/lua/environment.h"
#include "core/lua/stream.h"

namespace aero::lua {

namespace {

constexpr const char* kStreamClass = "Stream";

Stream& check_stream(lua_State* L, int idx) { return **static_cast<Stream**>(luaL_checkudata(L, idx, kStreamClass)); }

int stream_read(lua_State* L) {
    Stream& s = check_stream(L, 1);
    if (!s.readable()) lua_pushnil(L);
    else s.read(L);
    return 1;
}

int stream_write(lua_State* L) {
    Stream& s = check_stream(L, 1);
    if (lua_gettop(L) < 2) lua_pushnil(L);
    lua_pushinteger(L, s.writable() ? s.write(L, 2) : 1);
    return 1;
}

int stream_readable(lua_State* L) {
    lua_pushboolean(L, check_stream(L, 1).readable());
    return 1;
}

int stream_writable(lua_State* L) {
    lua_pushboolean(L, check_stream(L, 1).writable());
    return 1;
}

int stream_tostring(lua_State* L) {
    lua_pushfstring(L, "Stream<%p>", lua_touserdata(L, 1));
    return 1;
}

}  // namespace

void push_stream(lua_State* L, Stream* s) {
    *static_cast<Stream**>(lua_newuserdatauv(L, sizeof(Stream*), 0)) = s;
    luaL_setmetatable(L, kStreamClass);
}

void open_stream(lua_State* L) {
    static const luaL_Reg fns[] = {
        {"read", stream_read},         {"write", stream_write}, {"readable", stream_readable},
        {"writable", stream_writable}, {"tostring", stream_tostring}, {nullptr, nullptr},
    };
    luaL_newlib(L, fns);
    lua_setglobal(L, "stream");
    luaL_newmetatable(L, kStreamClass);
    lua_pushcfunction(L, stream_tostring);
    lua_setfield(L, -2, "__tostring");
    lua_pop(L, 1);
}

}  // namespace aero::lua
