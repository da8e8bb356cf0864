#include <gtest/gtest.h>

#include "core/lua/lua_value.h"
#include "core/lua/environment.h"
#include "core/lua/value.h"
#include "core/proto/msgpack.h"
#include "core/proto/particle.h"

namespace aero::lua {
namespace {

namespace mp = aero::proto::msgpack;

proto::Buffer as_str(std::string_view s, uint8_t particle = proto::kParticleString) {
    proto::Buffer b;
    mp::pack_raw_header(b, uint32_t(s.size() + 1));
    b.push_back(particle);
    proto::put_str(b, s);
    return b;
}

TEST(LuaValue, DecodesTheServerDialectAndEncodesItBack) {
    proto::Buffer in;
    mp::pack_array_header(in, 5);
    mp::pack_int(in, -7);
    auto s = as_str("text");
    in.insert(in.end(), s.begin(), s.end());
    auto b = as_str(std::string("\x00\x01", 2), proto::kParticleBlob);
    in.insert(in.end(), b.begin(), b.end());
    mp::pack_map_header(in, 1);
    auto k = as_str("k");
    in.insert(in.end(), k.begin(), k.end());
    mp::pack_double(in, 2.5);
    mp::pack_nil(in);
    std::vector<Value> args;
    ASSERT_TRUE(decode_args(in.data(), in.size(), args).is_ok());
    ASSERT_EQ(args.size(), 5u);
    EXPECT_EQ(args[0].type, Value::kInt);
    EXPECT_EQ(args[0].i, -7);
    EXPECT_EQ(args[1].s, "text");
    ASSERT_EQ(args[2].type, Value::kBytes);
    EXPECT_EQ(args[2].bytes->data, std::string("\x00\x01", 2));
    ASSERT_EQ(args[3].type, Value::kMap);
    EXPECT_EQ(args[3].map->entries.begin()->second.d, 2.5);
    EXPECT_EQ(args[4].type, Value::kNil);

    proto::Buffer out;
    mp::pack_array_header(out, uint32_t(args.size()));
    for (const Value& v : args) encode(v, out);
    EXPECT_EQ(out, in);
}

TEST(LuaValue, RefusesMalformedArgumentLists) {
    std::vector<Value> args;
    const uint8_t truncated[] = {0x92, 0x01};
    EXPECT_FALSE(decode_args(truncated, sizeof truncated, args).is_ok());
    const uint8_t not_a_list[] = {0x01};
    EXPECT_FALSE(decode_args(not_a_list, sizeof not_a_list, args).is_ok());
    const uint8_t trailing[] = {0x90, 0x01};
    EXPECT_FALSE(decode_args(trailing, sizeof trailing, args).is_ok());
    // Nesting past the limit is refused rather than recursed into.
    std::vector<uint8_t> deep(1000, 0x91);
    EXPECT_FALSE(decode_args(deep.data(), deep.size(), args).is_ok());
    EXPECT_TRUE(decode_args(nullptr, 0, args).is_ok());  // an empty field: no arguments
    EXPECT_TRUE(args.empty());
}

TEST(LuaValue, ParticlesOfEveryType) {
    uint8_t particle;
    std::string bytes;
    to_particle(Value::integer(258), particle, bytes);
    EXPECT_EQ(particle, proto::kParticleInteger);
    EXPECT_EQ(bytes, std::string("\0\0\0\0\0\0\x01\x02", 8));
    to_particle(Value::geojson("{}"), particle, bytes);
    EXPECT_EQ(particle, proto::kParticleGeoJson);
    EXPECT_EQ(bytes, std::string("\0\0\0{}", 5));
    to_particle(Value(), particle, bytes);
    EXPECT_EQ(particle, proto::kParticleNull);
    Value v;
    ASSERT_TRUE(from_particle(particle = proto::kParticleFloat, reinterpret_cast<const uint8_t*>("\x40\x04\0\0\0\0\0\0"), 8, v));
    EXPECT_EQ(v.d, 2.5);
    EXPECT_FALSE(from_particle(proto::kParticleHll, nullptr, 0, v));
}

// A state with the libraries, running `code` and giving back what it returns.
class LuaLibs : public ::testing::Test {
protected:
    void SetUp() override { L = new_state("/nonexistent", nullptr); }
    void TearDown() override { lua_close(L); }
    std::optional<Value> run(const char* code) {
        EXPECT_EQ(luaL_dostring(L, code), LUA_OK) << lua_tostring(L, -1);
        auto v = to_value(L, -1);
        lua_settop(L, 0);
        return v;
    }
    lua_State* L = nullptr;
};

TEST_F(LuaLibs, ListsAreSharedAndOneBased) {
    auto v = run("local l = list{1, 2, 3}; local m = map(); m.l = l; list.append(l, 4); "
                 "list.insert(l, 1, 0); list.remove(l, 5); return m.l");
    ASSERT_TRUE(v && v->type == Value::kList);
    ASSERT_EQ(v->list->items.size(), 4u);
    EXPECT_EQ(v->list->items[0].i, 0);
    EXPECT_EQ(v->list->items[3].i, 3);
    EXPECT_EQ(run("local l = list{1, 2}; l[5] = 9; return #l")->i, 5);
    EXPECT_EQ(run("return list.take(list{1, 2, 3}, 0)")->type, Value::kNil);
    EXPECT_EQ(run("return list.size(list.drop(list{1, 2, 3}, 2))")->i, 1);
    // Tables cannot go into a list: nothing is appended.
    EXPECT_EQ(run("local l = list(); list.append(l, {1}); return #l")->i, 0);
}

TEST_F(LuaLibs, MapsKeepNilValuesUntilRemoved) {
    EXPECT_EQ(run("local m = map{a = 1}; m.b = nil; return map.size(m)")->i, 2);
    EXPECT_EQ(run("local m = map{a = 1, b = 2}; map.remove(m, 'a'); return map.size(m)")->i, 1);
    EXPECT_EQ(run("local n = 0; for k, v in map.pairs(map{a = 1, b = 2}) do n = n + v end; return n")->i, 3);
    EXPECT_EQ(run("return map.size(map.merge(map{a = 1}, map{b = 2}))")->i, 2);
}

TEST_F(LuaLibs, BytesReadAndWriteIntegers) {
    EXPECT_EQ(run("local b = bytes(0); bytes.append_int32_le(b, 16909060); return bytes.get_int32_be(b, 1)")->i,
              0x04030201);
    EXPECT_EQ(run("local b = bytes(0); bytes.set_int16(b, 3, -2); return bytes.size(b)")->i, 4);
    EXPECT_EQ(run("local b = bytes(0); return bytes.set_byte(b, 1, 300)")->b, false);
    EXPECT_EQ(run("local b = bytes(0); return bytes.get_byte(b, 1)")->type, Value::kNil);
    EXPECT_EQ(run("local b = bytes(0); bytes.append_var_int(b, 300); local v, n = bytes.get_var_int(b, 1); "
                  "return v * 10 + n")->i, 3002);
}

TEST_F(LuaLibs, ThePreludeDefinesTheHelpers) {
    EXPECT_EQ(run("return math.sum(2, 3) + math.product(2, 3)")->i, 11);
    EXPECT_EQ(run("return type(StreamOps_create)")->s, "function");
    EXPECT_EQ(run("return getmetatable(list()) == List")->b, true);
    EXPECT_EQ(run("return package.path:sub(-19)")->s, ";/nonexistent/?.lua");
}

TEST(LuaEnvironment, ValidateReportsWhereAModuleFails) {
    LoadError err;
    EXPECT_TRUE(validate("/tmp", "m.lua", "function f() return 1 end", err));
    EXPECT_FALSE(validate("/tmp", "m.lua", "\n\nfunction f() retur 1 end\n", err));
    EXPECT_EQ(err.file, "m.lua");
    EXPECT_EQ(err.line, 3);
    EXPECT_EQ(err.message, "syntax error near '1'");
    LoadError plain;
    EXPECT_FALSE(validate("/tmp", "m.lua", "error('no position', 0)", plain));
    EXPECT_EQ(plain.file, "");
    EXPECT_EQ(plain.message, "no position");
    LoadError table;
    EXPECT_FALSE(validate("/tmp", "m.lua", "error({})", table));
    EXPECT_EQ(table.message, "(Null error message returned by lua)");
}

}  // namespace
}  // namespace aero::lua
