// The `geojson` table and the GeoJSON class: geojson(text) makes a value that is stored and
// returned as a GeoJSON particle.
#include "core/lua/lua_value.h"

namespace aero::lua {

namespace {

int geojson_call(lua_State* L) {
    size_t n = 0;
    const char* s = luaL_checklstring(L, 2, &n);
    push_boxed(L, Value::geojson(std::string(s, n)), kGeoJsonClass);
    return 1;
}

int geojson_tostring(lua_State* L) {
    const std::string& s = check_boxed(L, 1, kGeoJsonClass).s;
    lua_pushlstring(L, s.data(), s.size());
    return 1;
}

}  // namespace

void open_geojson(lua_State* L) {
    static const luaL_Reg fns[] = {{nullptr, nullptr}};
    static const luaL_Reg meta[] = {{"__tostring", geojson_tostring}, {nullptr, nullptr}};
    register_object(L, "geojson", fns, geojson_call);
    register_class(L, kGeoJsonClass, meta);
}

}  // namespace aero::lua
