// The `list` table and the List class, with the behaviour of mod-lua's mod_lua_list.c: 1-based
// indexes, out-of-range indexes ignored, nothing appended for values it cannot convert.
#include "core/lua/lua_value.h"
#include "core/lua/text.h"

namespace aero::lua {

namespace {

List& check_list(lua_State* L, int idx) { return *check_boxed(L, idx, kListClass).list; }

// An element to store, or nothing (tables, functions and records are dropped).
std::optional<Value> element(lua_State* L, int idx) { return to_value(L, idx); }

// Sets position i (0-based), growing the list with nils as mod-lua's array list does.
void set_at(List& l, size_t i, Value v) {
    if (i >= l.items.size()) l.items.resize(i + 1);
    l.items[i] = std::move(v);
}

void push_list(lua_State* L, std::shared_ptr<List> l) { push_boxed(L, Value::of(std::move(l)), kListClass); }

int list_create(lua_State* L) {
    int n = lua_gettop(L);
    if (n < 1 || n > 2 || luaL_optinteger(L, 1, -1) < 0 || luaL_optinteger(L, 2, 10) < 0) return 0;
    push_list(L, std::make_shared<List>());
    return 1;
}

int list_call(lua_State* L) {
    auto l = std::make_shared<List>();
    if (lua_gettop(L) == 2 && lua_type(L, 2) == LUA_TTABLE) {
        lua_pushnil(L);
        while (lua_next(L, 2) != 0) {
            if (lua_type(L, -2) == LUA_TNUMBER)
                if (auto v = element(L, -1)) l->items.push_back(std::move(*v));
            lua_pop(L, 1);
        }
    }
    push_list(L, std::move(l));
    return 1;
}

int list_insert(lua_State* L) {
    List& l = check_list(L, 1);
    lua_Integer at = luaL_optinteger(L, 2, 0);
    if (at <= 0) return 0;
    if (auto v = element(L, 3)) {
        size_t i = size_t(at - 1);
        if (i >= l.items.size()) set_at(l, i, std::move(*v));
        else l.items.insert(l.items.begin() + long(i), std::move(*v));
    }
    return 0;
}

int list_append(lua_State* L) {
    List& l = check_list(L, 1);
    if (auto v = element(L, 2)) l.items.push_back(std::move(*v));
    return 0;
}

int list_prepend(lua_State* L) {
    List& l = check_list(L, 1);
    if (auto v = element(L, 2)) l.items.insert(l.items.begin(), std::move(*v));
    return 0;
}

int list_remove(lua_State* L) {
    List& l = check_list(L, 1);
    lua_Integer at = luaL_optinteger(L, 2, 0);
    if (at > 0 && size_t(at) <= l.items.size()) l.items.erase(l.items.begin() + long(at - 1));
    return 0;
}

int list_concat(lua_State* L) {
    List& l = check_list(L, 1);
    std::vector<Value> tail = check_list(L, 2).items;  // a copy: concat(l, l) doubles l
    l.items.insert(l.items.end(), tail.begin(), tail.end());
    return 0;
}

int list_trim(lua_State* L) {
    List& l = check_list(L, 1);
    lua_Integer at = luaL_optinteger(L, 2, 0);
    if (at > 0 && size_t(at - 1) < l.items.size()) l.items.resize(size_t(at - 1));
    return 0;
}

// take (first n) and drop (all after the first n): nil unless n > 0.
int list_slice(lua_State* L, bool take) {
    List& l = check_list(L, 1);
    lua_Integer n = luaL_optinteger(L, 2, 0);
    if (n <= 0) {
        lua_pushnil(L);
        return 1;
    }
    size_t cut = std::min(size_t(n), l.items.size());
    auto sub = std::make_shared<List>();
    if (take) sub->items.assign(l.items.begin(), l.items.begin() + long(cut));
    else sub->items.assign(l.items.begin() + long(cut), l.items.end());
    push_list(L, std::move(sub));
    return 1;
}

int list_take(lua_State* L) { return list_slice(L, true); }
int list_drop(lua_State* L) { return list_slice(L, false); }

int list_size(lua_State* L) {
    lua_pushinteger(L, lua_Integer(check_list(L, 1).items.size()));
    return 1;
}

int list_nbytes(lua_State* L) {
    proto::Buffer b;
    encode(check_boxed(L, 1, kListClass), b);
    lua_pushinteger(L, lua_Integer(b.size()));
    return 1;
}

int list_iterator(lua_State* L) { return push_iterator(L, check_list(L, 1).items, 1); }

int list_tostring(lua_State* L) {
    std::string s = to_text(check_boxed(L, 1, kListClass));
    lua_pushlstring(L, s.data(), s.size());
    return 1;
}

int list_index(lua_State* L) {
    List& l = check_list(L, 1);
    lua_Integer at = lua_isinteger(L, 2) ? lua_tointeger(L, 2) : 0;
    if (at > 0 && size_t(at) <= l.items.size()) push_value(L, l.items[size_t(at - 1)]);
    else lua_pushnil(L);
    return 1;
}

int list_newindex(lua_State* L) {
    List& l = check_list(L, 1);
    lua_Integer at = luaL_optinteger(L, 2, 0);
    if (at > 0)
        if (auto v = element(L, 3)) set_at(l, size_t(at - 1), std::move(*v));
    return 0;
}

}  // namespace

void open_list(lua_State* L) {
    static const luaL_Reg fns[] = {
        {"new", list_create},      {"create", list_create}, {"insert", list_insert}, {"append", list_append},
        {"prepend", list_prepend}, {"remove", list_remove}, {"concat", list_concat}, {"trim", list_trim},
        {"take", list_take},       {"drop", list_drop},     {"size", list_size},     {"nbytes", list_nbytes},
        {"iterator", list_iterator}, {"tostring", list_tostring}, {nullptr, nullptr},
    };
    static const luaL_Reg meta[] = {
        {"__index", list_index}, {"__newindex", list_newindex}, {"__len", list_size},
        {"__tostring", list_tostring}, {nullptr, nullptr},
    };
    register_object(L, "list", fns, list_call);
    register_class(L, kListClass, meta);
}

}  // namespace aero::lua
