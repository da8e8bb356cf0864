#include "core/server/udf/record_lib.h"

#include "core/lua/lua_value.h"
#include "core/proto/particle.h"
#include "core/proto/ttl.h"
#include "core/server/clock.h"
#include "core/server/exp/exp.h"

namespace aero::server::udf {

namespace {

constexpr const char* kRecordClass = "Record";
// The real server's clock for last_update_time starts at 2010-01-01 (the Citrusleaf epoch).
constexpr uint64_t kCitrusleafEpochMs = 1262304000000ull;

struct RecordBox {
    UdfRecord* rec;
    bool read_only;
};

RecordBox& check_box(lua_State* L, int idx) { return *static_cast<RecordBox*>(luaL_checkudata(L, idx, kRecordClass)); }

UdfRecord& check_record(lua_State* L, int idx) {
    RecordBox& box = check_box(L, idx);
    if (!box.rec) luaL_error(L, "record is no longer available");
    return *box.rec;
}

// The stored user key as a value: integer, string or bytes.
lua::Value key_value(const std::string& key) {
    lua::Value v;
    if (key.empty()) return v;
    uint8_t type = uint8_t(key[0]);
    const auto* p = reinterpret_cast<const uint8_t*>(key.data() + 1);
    size_t n = key.size() - 1;
    if (type == proto::kParticleInteger || type == proto::kParticleFloat || type == proto::kParticleString ||
        type == proto::kParticleBlob)
        lua::from_particle(type, p, n, v);
    return v;
}

int record_index(lua_State* L) {
    UdfRecord& r = check_record(L, 1);
    const char* name = luaL_optstring(L, 2, nullptr);
    if (!name) {
        lua_pushnil(L);
        return 1;
    }
    lua::push_value(L, r.get(name));
    return 1;
}

int record_newindex(lua_State* L) {
    RecordBox& box = check_box(L, 1);
    UdfRecord& r = check_record(L, 1);
    const char* name = luaL_optstring(L, 2, nullptr);
    if (!name) return 0;
    auto v = lua::to_value(L, 3);
    if (!v) return luaL_error(L, "can't set bin %s to unsupported type", name);
    if (!box.read_only) r.set(name, std::move(*v));
    return 0;
}

// The metadata functions give 0 (or nil) for a record that is not there.
int record_ttl(lua_State* L) {
    UdfRecord& r = check_record(L, 1);
    uint32_t now = now_void_time_base(), vt = r.record().void_time;
    lua_pushinteger(L, r.is_open() && vt > now ? vt - now : 0);
    return 1;
}

int record_gen(lua_State* L) {
    UdfRecord& r = check_record(L, 1);
    lua_pushinteger(L, r.is_open() ? r.record().generation : 0);
    return 1;
}

int record_last_update_time(lua_State* L) {
    UdfRecord& r = check_record(L, 1);
    uint64_t lut = r.record().last_update_ms;
    lua_pushinteger(L, r.is_open() && lut > kCitrusleafEpochMs ? lua_Integer(lut - kCitrusleafEpochMs) : 0);
    return 1;
}

lua_Integer stored_size(UdfRecord& r) {
    if (!r.is_open()) return 0;
    return lua_Integer(exp::record_size(exp::RecordView{r.context().ns, r.context().digest, r.record()}));
}

// aero-server keeps every namespace in memory: memory_size and size are the stored size,
// device_size 0, as for the real server's memory-only namespaces.
int record_size(lua_State* L) {
    lua_pushinteger(L, stored_size(check_record(L, 1)));
    return 1;
}

int record_device_size(lua_State* L) {
    check_record(L, 1);
    lua_pushinteger(L, 0);
    return 1;
}

int record_key(lua_State* L) {
    UdfRecord& r = check_record(L, 1);
    std::string key = r.record().key;
    // A record without a stored key takes the request's (the real server loads it into the
    // record when the UDF starts).
    if (key.empty() && r.context().req.has_key && !r.key_dropped()) key = r.context().req.key;
    lua::push_value(L, r.is_open() ? key_value(key) : lua::Value());
    return 1;
}

int record_setname(lua_State* L) {
    UdfRecord& r = check_record(L, 1);
    if (!r.is_open()) {
        lua_pushnil(L);
        return 1;
    }
    std::string_view name = r.context().ns.set_name(r.record().set_id);
    if (name.empty()) lua_pushnil(L);
    else lua_pushlstring(L, name.data(), name.size());
    return 1;
}

int record_digest(lua_State* L) {
    UdfRecord& r = check_record(L, 1);
    auto b = std::make_shared<lua::Bytes>();
    b->data.assign(reinterpret_cast<const char*>(r.context().digest.data()), r.context().digest.size());
    lua::push_value(L, lua::Value::of(std::move(b)));
    return 1;
}

int record_numbins(lua_State* L) {
    UdfRecord& r = check_record(L, 1);
    lua_pushinteger(L, r.is_open() ? lua_Integer(r.record().bins.size()) : 0);
    return 1;
}

int record_bin_names(lua_State* L) {
    UdfRecord& r = check_record(L, 1);
    if (!r.is_open()) return luaL_error(L, "can't get bin names");
    const auto& bins = r.record().bins;
    lua_createtable(L, int(bins.size()), 0);
    for (size_t i = 0; i < bins.size(); i++) {
        lua_pushlstring(L, bins[i].name.data(), bins[i].name.size());
        lua_rawseti(L, -2, lua_Integer(i + 1));
    }
    return 1;
}

int record_set_ttl(lua_State* L) {
    RecordBox& box = check_box(L, 1);
    UdfRecord& r = check_record(L, 1);
    if (!box.read_only) r.set_ttl(uint32_t(luaL_optinteger(L, 2, 0)));
    return 0;
}

int record_drop_key(lua_State* L) {
    RecordBox& box = check_box(L, 1);
    UdfRecord& r = check_record(L, 1);
    if (!box.read_only) r.drop_key();
    return 0;
}

// aerospike:create(rec) and friends: the first argument is the aerospike object itself. An
// aggregation's aerospike object has none of these hooks, so they answer mod-lua's defaults
// there (1, and true for exists).
template <int (UdfRecord::*change)()>
int aerospike_change(lua_State* L) {
    RecordBox& box = check_box(L, 2);
    UdfRecord& r = check_record(L, 2);
    lua_pushinteger(L, box.read_only ? 1 : (r.*change)());
    return 1;
}

int aerospike_exists(lua_State* L) {
    RecordBox& box = check_box(L, 2);
    lua_pushboolean(L, box.read_only || check_record(L, 2).exists());
    return 1;
}

// aerospike:set_context and aerospike:get_config: hooks the server does not have, answering
// mod-lua's defaults.
int aerospike_set_context(lua_State* L) {
    lua_pushinteger(L, 2);
    return 1;
}

int aerospike_get_config(lua_State* L) {
    lua_pushinteger(L, 0);
    return 1;
}

}  // namespace

void open_server_libs(lua_State* L) {
    static const luaL_Reg fns[] = {
        {"ttl", record_ttl},           {"last_update_time", record_last_update_time},
        {"gen", record_gen},           {"size", record_size},
        {"memory_size", record_size},  {"device_size", record_device_size},
        {"key", record_key},           {"setname", record_setname},
        {"digest", record_digest},     {"numbins", record_numbins},
        {"set_ttl", record_set_ttl},   {"drop_key", record_drop_key},
        {"bin_names", record_bin_names}, {nullptr, nullptr},
    };
    luaL_newlib(L, fns);
    lua_setglobal(L, "record");
    static const luaL_Reg meta[] = {{"__index", record_index}, {"__newindex", record_newindex}, {nullptr, nullptr}};
    luaL_newmetatable(L, kRecordClass);
    luaL_setfuncs(L, meta, 0);
    lua_pop(L, 1);

    static const luaL_Reg as_fns[] = {
        {"create", aerospike_change<&UdfRecord::create>},
        {"update", aerospike_change<&UdfRecord::update>},
        {"exists", aerospike_exists},
        {"remove", aerospike_change<&UdfRecord::remove>},
        {"set_context", aerospike_set_context},
        {"get_config", aerospike_get_config},
        {nullptr, nullptr},
    };
    lua_getglobal(L, "aerospike");
    luaL_setfuncs(L, as_fns, 0);
    lua_pop(L, 1);
}

RecordHandle::RecordHandle(lua_State* L, UdfRecord* rec, bool read_only) : L_(L) {
    auto* box = static_cast<RecordBox*>(lua_newuserdatauv(L, sizeof(RecordBox), 0));
    *box = RecordBox{rec, read_only};
    luaL_setmetatable(L, kRecordClass);
    box_ = box;
    ref_ = luaL_ref(L, LUA_REGISTRYINDEX);
}

RecordHandle::~RecordHandle() {
    static_cast<RecordBox*>(box_)->rec = nullptr;
    luaL_unref(L_, LUA_REGISTRYINDEX, ref_);
}

void RecordHandle::push() const { lua_rawgeti(L_, LUA_REGISTRYINDEX, ref_); }

}  // namespace aero::server::udf
