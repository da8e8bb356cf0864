// The `map` table and the Map class, with the behaviour of mod-lua's mod_lua_map.c: keys and
// values that cannot be converted are ignored.
#include "core/lua/lua_value.h"
#include "core/lua/text.h"

namespace aero::lua {

namespace {

Map& check_map(lua_State* L, int idx) { return *check_boxed(L, idx, kMapClass).map; }

void push_map(lua_State* L, std::shared_ptr<Map> m) { push_boxed(L, Value::of(std::move(m)), kMapClass); }

int map_create(lua_State* L) {
    if (lua_gettop(L) != 1 || luaL_optinteger(L, 1, 0) < 1) return 0;
    push_map(L, std::make_shared<Map>());
    return 1;
}

// map{...} or map(tbl, capacity): the table's convertible pairs.
int map_call(lua_State* L) {
    auto m = std::make_shared<Map>();
    int n = lua_gettop(L);
    if ((n == 2 || n == 3) && lua_type(L, 2) == LUA_TTABLE) {
        lua_pushnil(L);
        while (lua_next(L, 2) != 0) {
            auto k = to_value(L, -2);
            auto v = to_value(L, -1);
            if (k && v) m->entries[std::move(*k)] = std::move(*v);
            lua_pop(L, 1);
        }
    }
    push_map(L, std::move(m));
    return 1;
}

int map_index(lua_State* L) {
    Map& m = check_map(L, 1);
    auto k = to_value(L, 2);
    auto it = k ? m.entries.find(*k) : m.entries.end();
    if (it == m.entries.end()) lua_pushnil(L);
    else push_value(L, it->second);
    return 1;
}

int map_newindex(lua_State* L) {
    Map& m = check_map(L, 1);
    auto k = to_value(L, 2);
    if (!k) return 0;
    // As in mod-lua, m[k] = nil stores a nil value (map.remove drops a key).
    if (auto v = to_value(L, 3)) m.entries[std::move(*k)] = std::move(*v);
    return 0;
}

int map_remove(lua_State* L) {
    Map& m = check_map(L, 1);
    if (auto k = to_value(L, 2)) m.entries.erase(*k);
    return 0;
}

int map_size(lua_State* L) {
    lua_pushinteger(L, lua_Integer(check_map(L, 1).entries.size()));
    return 1;
}

int map_nbytes(lua_State* L) {
    proto::Buffer b;
    encode(check_boxed(L, 1, kMapClass), b);
    lua_pushinteger(L, lua_Integer(b.size()));
    return 1;
}

// pairs (keys and values), keys or values: an iterator over a snapshot of the map.
int map_walk(lua_State* L, bool keys, bool values) {
    std::vector<Value> out;
    for (const auto& [k, v] : check_map(L, 1).entries) {
        if (keys) out.push_back(k);
        if (values) out.push_back(v);
    }
    return push_iterator(L, std::move(out), keys && values ? 2 : 1);
}

int map_pairs(lua_State* L) { return map_walk(L, true, true); }
int map_keys(lua_State* L) { return map_walk(L, true, false); }
int map_values(lua_State* L) { return map_walk(L, false, true); }

int map_tostring(lua_State* L) {
    std::string s = to_text(check_boxed(L, 1, kMapClass));
    lua_pushlstring(L, s.data(), s.size());
    return 1;
}

}  // namespace

void open_map(lua_State* L) {
    static const luaL_Reg fns[] = {
        {"new", map_create},   {"create", map_create}, {"iterator", map_pairs}, {"pairs", map_pairs},
        {"keys", map_keys},    {"values", map_values}, {"remove", map_remove},  {"size", map_size},
        {"nbytes", map_nbytes}, {"tostring", map_tostring}, {nullptr, nullptr},
    };
    static const luaL_Reg meta[] = {
        {"__index", map_index}, {"__newindex", map_newindex}, {"__len", map_size},
        {"__tostring", map_tostring}, {nullptr, nullptr},
    };
    register_object(L, "map", fns, map_call);
    register_class(L, kMapClass, meta);
}

}  // namespace aero::lua
