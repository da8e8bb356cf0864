// Values between Lua and C++: the List, Map, Bytes and GeoJSON userdata types (each a box
// around a shared Value, so Lua and C++ see one object) and the conversions mod-lua's
// mod_lua_pushval() and mod_lua_toval() make. Functions here run on the thread that owns the
// lua_State.
#pragma once

#include <optional>
#include <vector>

#include <lua.hpp>

#include "core/lua/value.h"

namespace aero::lua {

// Metatable names, as mod-lua names its classes (so getmetatable(list()) is the same table).
inline constexpr const char* kListClass = "List";
inline constexpr const char* kMapClass = "Map";
inline constexpr const char* kBytesClass = "Bytes";
inline constexpr const char* kGeoJsonClass = "GeoJSON";

// Pushes v: scalars as Lua values, lists, maps and bytes as userdata sharing v's object.
void push_value(lua_State* L, const Value& v);
// The value at stack index idx, or nothing for what mod-lua cannot convert (tables,
// functions, foreign userdata). Strings stop at their first NUL byte, as mod-lua copies them
// as C strings. A record userdata also gives nothing: records are not values.
std::optional<Value> to_value(lua_State* L, int idx);

// The boxed value of a List, Map, Bytes or GeoJSON userdata at idx, raising a Lua error
// naming `cls` when it is something else.
Value& check_boxed(lua_State* L, int idx, const char* cls);
// A new userdata of class cls boxing v.
void push_boxed(lua_State* L, Value v, const char* cls);

// Pushes an iterator function (with its state) over a snapshot of values, giving `arity`
// values per step (1 for list.iterator and map.keys/values, 2 for map.pairs), for a generic
// `for` loop. Returns the number of values pushed.
int push_iterator(lua_State* L, std::vector<Value> values, int arity);

// Registers the `list`, `map`, `bytes` and `geojson` tables with their classes.
void open_list(lua_State* L);
void open_map(lua_State* L);
void open_bytes(lua_State* L);
void open_geojson(lua_State* L);

// Registers a global object table `name` with functions `fns` (null-terminated) whose
// metatable's __call is `call`, as mod-lua's object tables are (list(), map{...}).
void register_object(lua_State* L, const char* name, const luaL_Reg* fns, lua_CFunction call);
// Creates metatable `cls` with the methods `meta` (null-terminated) and a __gc that destroys
// the box.
void register_class(lua_State* L, const char* cls, const luaL_Reg* meta);

}  // namespace aero::lua
