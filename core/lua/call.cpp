#include "core/lua/call.h"

#include "core/lua/lua_value.h"

namespace aero::lua {

namespace {

// Pushes the driver and the function (nil when there is no such global), then runs the
// driver over everything pushed after it; the stack is as it was afterwards.
CallResult run(lua_State* L, const char* driver, std::string_view function,
               const std::function<int(lua_State*)>& push_rest, const std::vector<Value>& args) {
    int top = lua_gettop(L);
    CallResult out;
    if (!lua_checkstack(L, int(args.size()) + LUA_MINSTACK)) {
        out.failed = true;
        out.value = Value::string("too many arguments");
        return out;
    }
    lua_getglobal(L, driver);
    std::string name(function);
    lua_getglobal(L, name.c_str());
    int n = 1 + push_rest(L);
    for (const Value& v : args) push_value(L, v);
    n += int(args.size());
    out.failed = lua_pcall(L, n, 1, 0) != LUA_OK;
    out.value = to_value(L, -1);
    lua_settop(L, top);
    return out;
}

}  // namespace

CallResult call_record(lua_State* L, std::string_view function, const std::function<void(lua_State*)>& push_record,
                       const std::vector<Value>& args) {
    return run(L, "apply_record", function, [&](lua_State* s) { push_record(s); return 1; }, args);
}

CallResult call_stream(lua_State* L, std::string_view function, StreamScope scope, Stream& in, Stream& out,
                       const std::vector<Value>& args) {
    return run(L, "apply_stream", function,
               [&](lua_State* s) {
                   lua_pushinteger(s, int(scope));
                   push_stream(s, &in);
                   push_stream(s, &out);
                   return 3;
               },
               args);
}

}  // namespace aero::lua
