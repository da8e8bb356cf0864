// The `bytes` table and the Bytes class, as mod-lua's mod_lua_bytes.c defines them: positions
// are 1-based, a write past the end grows the value (zero-filled), a read past it gives
// nothing, and a bad argument makes setters answer false. The fixed-width integer functions
// are one implementation each for get, set and append, told the width and byte order by
// their upvalues.
#include <limits>

#include "core/lua/lua_value.h"
#include "core/lua/text.h"

namespace aero::lua {

namespace {

constexpr lua_Integer kMaxPosition = std::numeric_limits<uint32_t>::max();

Bytes& check_bytes(lua_State* L, int idx) { return *check_boxed(L, idx, kBytesClass).bytes; }

int push_bool(lua_State* L, bool v) {
    lua_pushboolean(L, v);
    return 1;
}

// Writes n bytes at 0-based pos, growing the value when needed.
void write_at(Bytes& b, size_t pos, const char* p, size_t n) {
    if (pos + n > b.data.size()) b.data.resize(pos + n, '\0');
    b.data.replace(pos, n, p, n);
}

// The integer's bytes in the order the upvalues ask for.
std::string int_bytes(int64_t v, int width, bool little) {
    std::string out(size_t(width), '\0');
    for (int i = 0; i < width; i++) out[size_t(little ? i : width - 1 - i)] = char(uint64_t(v) >> (8 * i));
    return out;
}

bool in_range(lua_Integer v, int width) {
    if (width == 8) return true;
    lua_Integer lo = width == 1 ? 0 : -(lua_Integer(1) << (8 * width - 1));
    lua_Integer hi = width == 1 ? 255 : (lua_Integer(1) << (8 * width - 1)) - 1;
    return v >= lo && v <= hi;
}

int width_of(lua_State* L) { return int(lua_tointeger(L, lua_upvalueindex(1))); }
bool little_of(lua_State* L) { return lua_toboolean(L, lua_upvalueindex(2)); }

// get_intN(b, pos): the signed integer there, or nothing. get_byte is the unsigned 1-byte form.
int get_int(lua_State* L) {
    if (lua_gettop(L) != 2) return 0;
    Bytes& b = check_bytes(L, 1);
    lua_Integer i = luaL_optinteger(L, 2, 0);
    int width = width_of(L);
    if (i < 1 || i > kMaxPosition || size_t(i - 1) + size_t(width) > b.data.size()) return 0;
    uint64_t u = 0;
    bool little = little_of(L);
    for (int k = 0; k < width; k++) {
        uint8_t c = uint8_t(b.data[size_t(i - 1) + size_t(little ? width - 1 - k : k)]);
        u = u << 8 | c;
    }
    if (width == 1) lua_pushinteger(L, lua_Integer(u));
    else if (width == 2) lua_pushinteger(L, int16_t(u));
    else if (width == 4) lua_pushinteger(L, int32_t(u));
    else lua_pushinteger(L, lua_Integer(u));
    return 1;
}

// set_intN(b, pos, v) and set_byte: true once written.
int set_int(lua_State* L) {
    if (lua_gettop(L) != 3) return push_bool(L, false);
    Bytes& b = check_bytes(L, 1);
    lua_Integer i = luaL_optinteger(L, 2, 0), v = luaL_optinteger(L, 3, 0);
    int width = width_of(L);
    if (i < 1 || i > kMaxPosition || !in_range(v, width)) return push_bool(L, false);
    std::string raw = int_bytes(v, width, little_of(L));
    write_at(b, size_t(i - 1), raw.data(), raw.size());
    return push_bool(L, true);
}

// append_intN(b, v) and append_byte.
int append_int(lua_State* L) {
    if (lua_gettop(L) != 2) return push_bool(L, false);
    Bytes& b = check_bytes(L, 1);
    lua_Integer v = luaL_optinteger(L, 2, 0);
    int width = width_of(L);
    if (!in_range(v, width)) return push_bool(L, false);
    b.data += int_bytes(v, width, little_of(L));
    return push_bool(L, true);
}

// Variable-length integers: 7 bits a byte, low bits first, the high bit set on all but the
// last byte (as_bytes_set_var_int).
std::string var_int_bytes(uint32_t v) {
    std::string out;
    while (v >= 0x80) {
        out.push_back(char((v & 0x7f) | 0x80));
        v >>= 7;
    }
    out.push_back(char(v));
    return out;
}

int get_var_int(lua_State* L) {
    if (lua_gettop(L) != 2) return 0;
    Bytes& b = check_bytes(L, 1);
    lua_Integer i = luaL_optinteger(L, 2, 0);
    if (i < 1 || size_t(i - 1) >= b.data.size()) return 0;
    uint32_t v = 0;
    int shift = 0;
    size_t at = size_t(i - 1), start = at;
    while (at < b.data.size() && shift < 35) {
        uint8_t c = uint8_t(b.data[at++]);
        v |= uint32_t(c & 0x7f) << shift;
        shift += 7;
        if (!(c & 0x80)) {
            lua_pushinteger(L, int32_t(v));
            lua_pushinteger(L, lua_Integer(at - start));
            return 2;
        }
    }
    lua_pushinteger(L, 0);
    lua_pushinteger(L, 0);
    return 2;
}

// set_var_int(b, pos, v) / append_var_int(b, v): the number of bytes written (0 on error).
int put_var_int(lua_State* L, bool append) {
    int args = append ? 2 : 3;
    if (lua_gettop(L) != args) {
        lua_pushinteger(L, 0);
        return 1;
    }
    Bytes& b = check_bytes(L, 1);
    lua_Integer i = append ? lua_Integer(b.data.size() + 1) : luaL_optinteger(L, 2, 0);
    lua_Integer v = luaL_optinteger(L, args, 0);
    if (i < 1 || i > kMaxPosition || v < std::numeric_limits<int32_t>::min() || v > std::numeric_limits<int32_t>::max()) {
        lua_pushinteger(L, 0);
        return 1;
    }
    std::string raw = var_int_bytes(uint32_t(v));
    write_at(b, size_t(i - 1), raw.data(), raw.size());
    lua_pushinteger(L, lua_Integer(raw.size()));
    return 1;
}

int set_var_int(lua_State* L) { return put_var_int(L, false); }
int append_var_int(lua_State* L) { return put_var_int(L, true); }

int bytes_call(lua_State* L) {
    int argc = lua_gettop(L);
    if (argc != 1 && argc != 2) return 0;
    auto b = std::make_shared<Bytes>();
    // bytes(n) reserves room for n bytes; the value itself starts empty.
    if (argc == 2) (void)luaL_optinteger(L, 2, 0);
    push_boxed(L, Value::of(std::move(b)), kBytesClass);
    return 1;
}

int bytes_size(lua_State* L) {
    lua_pushinteger(L, lua_Integer(check_bytes(L, 1).data.size()));
    return 1;
}

// set_size(b, n): the capacity, which mod-lua grows; the content is unchanged.
int bytes_set_size(lua_State* L) {
    if (lua_gettop(L) != 2) return push_bool(L, false);
    check_bytes(L, 1);
    lua_Integer n = luaL_optinteger(L, 2, 0);
    return push_bool(L, n >= 0 && n <= kMaxPosition);
}

int bytes_get_type(lua_State* L) {
    if (lua_gettop(L) < 1) return 0;
    lua_pushinteger(L, check_bytes(L, 1).particle);
    return 1;
}

int bytes_set_type(lua_State* L) {
    if (lua_gettop(L) != 2) return push_bool(L, false);
    Bytes& b = check_bytes(L, 1);
    lua_Integer t = luaL_optinteger(L, 2, 0);
    if (!t) return push_bool(L, false);
    b.particle = uint8_t(t);
    return push_bool(L, true);
}

// get_string(b, pos, n) / get_bytes(b, pos, n): n bytes from pos, or nothing.
int get_range(lua_State* L, bool as_string) {
    if (lua_gettop(L) != 3) return 0;
    Bytes& b = check_bytes(L, 1);
    lua_Integer i = luaL_optinteger(L, 2, 0), n = luaL_optinteger(L, 3, 0);
    if (i < 1 || n < 0 || size_t(i - 1) + size_t(n) > b.data.size()) return 0;
    std::string part = b.data.substr(size_t(i - 1), size_t(n));
    if (as_string) {
        lua_pushlstring(L, part.data(), part.size());
    } else {
        auto out = std::make_shared<Bytes>();
        out->data = std::move(part);
        push_boxed(L, Value::of(std::move(out)), kBytesClass);
    }
    return 1;
}

int get_string(lua_State* L) { return get_range(L, true); }
int get_bytes(lua_State* L) { return get_range(L, false); }

int set_string(lua_State* L) {
    if (lua_gettop(L) != 3) return push_bool(L, false);
    Bytes& b = check_bytes(L, 1);
    lua_Integer i = luaL_optinteger(L, 2, 0);
    size_t n = 0;
    const char* s = luaL_optlstring(L, 3, nullptr, &n);
    if (i < 1 || i > kMaxPosition || !s) return push_bool(L, false);
    write_at(b, size_t(i - 1), s, n);
    return push_bool(L, true);
}

int set_bytes(lua_State* L) {
    if (lua_gettop(L) != 4) return push_bool(L, false);
    Bytes& b = check_bytes(L, 1);
    lua_Integer i = luaL_optinteger(L, 2, 0);
    std::string src = check_bytes(L, 3).data;
    lua_Integer n = luaL_optinteger(L, 4, 0);
    if (i < 1 || i > kMaxPosition || n < 0 || n > kMaxPosition) return push_bool(L, false);
    write_at(b, size_t(i - 1), src.data(), std::min(size_t(n), src.size()));
    return push_bool(L, true);
}

int append_string(lua_State* L) {
    if (lua_gettop(L) != 2) return push_bool(L, false);
    Bytes& b = check_bytes(L, 1);
    size_t n = 0;
    const char* s = luaL_optlstring(L, 2, nullptr, &n);
    if (!s || !n) return push_bool(L, false);
    b.data.append(s, n);
    return push_bool(L, true);
}

int append_bytes(lua_State* L) {
    if (lua_gettop(L) != 3) return push_bool(L, false);
    Bytes& b = check_bytes(L, 1);
    std::string src = check_bytes(L, 2).data;
    lua_Integer n = luaL_optinteger(L, 3, 0);
    if (n < 0 || n > kMaxPosition) return push_bool(L, false);
    b.data.append(src, 0, std::min(size_t(n), src.size()));
    return push_bool(L, true);
}

int bytes_tostring(lua_State* L) {
    std::string s = to_text(check_boxed(L, 1, kBytesClass));
    lua_pushlstring(L, s.data(), s.size());
    return 1;
}

// Adds fn to the table at the top of the stack as `name`, with its width and byte order.
void add_int_fn(lua_State* L, const char* name, lua_CFunction fn, int width, bool little) {
    lua_pushinteger(L, width);
    lua_pushboolean(L, little);
    lua_pushcclosure(L, fn, 2);
    lua_setfield(L, -2, name);
}

// The fixed-width functions of the table at the top of the stack: get/set/append for int16,
// int32 and int64 in both orders (the unsuffixed names are big-endian), and the byte forms.
void add_int_fns(lua_State* L) {
    struct Kind { const char* verb; lua_CFunction fn; };
    for (Kind k : {Kind{"get", get_int}, Kind{"set", set_int}, Kind{"append", append_int}}) {
        add_int_fn(L, (std::string(k.verb) + "_byte").c_str(), k.fn, 1, false);
        for (int width : {2, 4, 8}) {
            std::string base = std::string(k.verb) + "_int" + std::to_string(width * 8);
            add_int_fn(L, base.c_str(), k.fn, width, false);
            add_int_fn(L, (base + "_be").c_str(), k.fn, width, false);
            add_int_fn(L, (base + "_le").c_str(), k.fn, width, true);
        }
    }
}

}  // namespace

void open_bytes(lua_State* L) {
    static const luaL_Reg fns[] = {
        {"size", bytes_size},           {"set_size", bytes_set_size},       {"get_type", bytes_get_type},
        {"set_type", bytes_set_type},   {"get_string", get_string},         {"get_bytes", get_bytes},
        {"get_var_int", get_var_int},   {"set_string", set_string},         {"set_bytes", set_bytes},
        {"set_var_int", set_var_int},   {"append_string", append_string},   {"append_bytes", append_bytes},
        {"append_var_int", append_var_int}, {nullptr, nullptr},
    };
    static const luaL_Reg meta[] = {{"__len", bytes_size}, {"__tostring", bytes_tostring}, {nullptr, nullptr}};
    register_object(L, "bytes", fns, bytes_call);
    lua_getglobal(L, "bytes");
    add_int_fns(L);
    lua_pop(L, 1);
    register_class(L, kBytesClass, meta);
    // b[i] and b[i] = v are get_byte and set_byte.
    luaL_getmetatable(L, kBytesClass);
    add_int_fn(L, "__index", get_int, 1, false);
    add_int_fn(L, "__newindex", set_int, 1, false);
    lua_pop(L, 1);
}

}  // namespace aero::lua
