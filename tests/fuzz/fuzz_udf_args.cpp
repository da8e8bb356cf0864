// A UDF_ARGLIST field (core/lua/value.cpp): decoded into UDF values, pushed into a Lua state
// and read back, and encoded again; what comes back must decode to the same values.
#include <cstdlib>

#include "core/lua/environment.h"
#include "core/lua/lua_value.h"
#include "core/lua/value.h"

namespace lua = aero::lua;

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
    std::vector<lua::Value> args;
    if (!lua::decode_args(data, size, args).is_ok()) return 0;
    static lua_State* L = lua::new_state("", nullptr);
    aero::proto::Buffer first, second;
    for (const lua::Value& v : args) {
        lua::encode(v, first);
        lua::push_value(L, v);
        auto back = lua::to_value(L, -1);
        lua_settop(L, 0);
        // Only strings change on the way (they stop at a NUL byte, as mod-lua's do).
        if (back) lua::encode(*back, second);
    }
    std::vector<lua::Value> again;
    aero::proto::Reader r(first.data(), first.size());
    for (size_t i = 0; i < args.size(); i++) {
        lua::Value v;
        if (!lua::decode(r, v).is_ok()) std::abort();
        again.push_back(std::move(v));
    }
    if (r.left() != 0) std::abort();
    return 0;
}
