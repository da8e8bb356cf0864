#include "core/lua/lua_value.h"

#include <cstring>
#include <new>

namespace aero::lua {

namespace {

// A userdata's payload: the value it stands for, constructed in place and destroyed by __gc.
struct Box {
    Value value;
};

int box_gc(lua_State* L) {
    auto* box = static_cast<Box*>(lua_touserdata(L, 1));
    if (box) box->~Box();
    return 0;
}

// A snapshot iterator's state: the values and where the loop is.
struct Cursor {
    std::vector<Value> values;
    size_t at = 0;
    int arity = 1;
};

int cursor_gc(lua_State* L) {
    static_cast<Cursor*>(lua_touserdata(L, 1))->~Cursor();
    return 0;
}

int cursor_next(lua_State* L) {
    auto* c = static_cast<Cursor*>(lua_touserdata(L, lua_upvalueindex(1)));
    if (c->at + size_t(c->arity) > c->values.size()) return 0;
    for (int i = 0; i < c->arity; i++) push_value(L, c->values[c->at++]);
    return c->arity;
}

constexpr const char* kCursorClass = "aero.Cursor";

const char* class_of(Value::Type t) {
    switch (t) {
    case Value::kList: return kListClass;
    case Value::kMap: return kMapClass;
    case Value::kBytes: return kBytesClass;
    default: return kGeoJsonClass;
    }
}

}  // namespace

void push_boxed(lua_State* L, Value v, const char* cls) {
    void* mem = lua_newuserdatauv(L, sizeof(Box), 0);
    new (mem) Box{std::move(v)};
    luaL_setmetatable(L, cls);
}

Value& check_boxed(lua_State* L, int idx, const char* cls) {
    return static_cast<Box*>(luaL_checkudata(L, idx, cls))->value;
}

void push_value(lua_State* L, const Value& v) {
    switch (v.type) {
    case Value::kNil: lua_pushnil(L); return;
    case Value::kBool: lua_pushboolean(L, v.b); return;
    case Value::kInt: lua_pushinteger(L, v.i); return;
    case Value::kDouble: lua_pushnumber(L, v.d); return;
    case Value::kString: lua_pushlstring(L, v.s.data(), v.s.size()); return;
    default: push_boxed(L, v, class_of(v.type)); return;
    }
}

std::optional<Value> to_value(lua_State* L, int idx) {
    switch (lua_type(L, idx)) {
    case LUA_TNIL: return Value();
    case LUA_TBOOLEAN: return Value::boolean(lua_toboolean(L, idx));
    case LUA_TNUMBER:
        if (lua_isinteger(L, idx)) return Value::integer(lua_tointeger(L, idx));
        return Value::number(lua_tonumber(L, idx));
    case LUA_TSTRING: {
        const char* s = lua_tostring(L, idx);
        return Value::string(std::string(s, std::strlen(s)));
    }
    case LUA_TUSERDATA:
        for (const char* cls : {kListClass, kMapClass, kBytesClass, kGeoJsonClass})
            if (void* p = luaL_testudata(L, idx, cls)) return static_cast<Box*>(p)->value;
        return std::nullopt;
    default: return std::nullopt;
    }
}

int push_iterator(lua_State* L, std::vector<Value> values, int arity) {
    void* mem = lua_newuserdatauv(L, sizeof(Cursor), 0);
    new (mem) Cursor{std::move(values), 0, arity};
    if (luaL_newmetatable(L, kCursorClass)) {
        lua_pushcfunction(L, cursor_gc);
        lua_setfield(L, -2, "__gc");
    }
    lua_setmetatable(L, -2);
    lua_pushcclosure(L, cursor_next, 1);
    return 1;
}

void register_object(lua_State* L, const char* name, const luaL_Reg* fns, lua_CFunction call) {
    lua_newtable(L);
    luaL_setfuncs(L, fns, 0);
    lua_newtable(L);
    lua_pushcfunction(L, call);
    lua_setfield(L, -2, "__call");
    lua_setmetatable(L, -2);
    lua_setglobal(L, name);
}

void register_class(lua_State* L, const char* cls, const luaL_Reg* meta) {
    luaL_newmetatable(L, cls);
    luaL_setfuncs(L, meta, 0);
    lua_pushcfunction(L, box_gc);
    lua_setfield(L, -2, "__gc");
    lua_pop(L, 1);
}

}  // namespace aero::lua
