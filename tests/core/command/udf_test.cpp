#include "core/command/udf.h"

#include <gtest/gtest.h>

#include <map>

#include "core/command/query_spec.h"
#include "core/proto/msgpack.h"
#include "core/proto/particle.h"
#include "tests/core/command/wire.h"

namespace aero {
namespace {

namespace mp = proto::msgpack;
using test::fields_of;

proto::Buffer call(const char* module, const char* function, int args = -1) {
    proto::Buffer b;
    mp::pack_array_header(b, args < 0 ? 2 : 3);
    mp::pack_str(b, module);
    mp::pack_str(b, function);
    if (args >= 0) {
        mp::pack_array_header(b, uint32_t(args));
        for (int i = 0; i < args; i++) mp::pack_str(b, "s");
    }
    return b;
}

Status parse(const proto::Buffer& b, UdfCall& out) { return parse_udf_call(b.data(), b.size(), out); }

TEST(UdfCall, ParsesTwoOrThreeItems) {
    UdfCall c;
    proto::Buffer two = call("mod", "fn");
    ASSERT_TRUE(parse(two, c).is_ok());
    EXPECT_EQ(c.module, "mod");
    EXPECT_EQ(c.function, "fn");
    EXPECT_EQ(c.args, nullptr);
    proto::Buffer three = call("mod", "fn", 2);
    ASSERT_TRUE(parse(three, c).is_ok());
    EXPECT_NE(c.args, nullptr);
}

TEST(UdfCall, RefusesBadCalls) {
    UdfCall c;
    EXPECT_EQ(parse(call("", "fn"), c).code(), kErrParam);
    EXPECT_EQ(parse(call("mod", ""), c).code(), kErrParam);
    proto::Buffer not_array;
    mp::pack_str(not_array, "mod");
    EXPECT_EQ(parse(not_array, c).code(), kErrParam);
    proto::Buffer bad_args;
    mp::pack_array_header(bad_args, 3);
    mp::pack_str(bad_args, "mod");
    mp::pack_str(bad_args, "fn");
    mp::pack_int(bad_args, 7);
    EXPECT_EQ(parse(bad_args, c).code(), kErrParam);
    proto::Buffer trailing = call("mod", "fn");
    trailing.push_back(0xc0);
    EXPECT_EQ(parse(trailing, c).code(), kErrParam);
}

TEST(UdfCall, ApplyIsAWriteWithTheCallFields) {
    proto::Buffer key = test::key_bytes("k");
    Key k;
    ASSERT_TRUE(parse_key(key.data(), key.size(), k).is_ok());
    proto::Buffer c = call("mod", "fn", 1);
    UdfCall u;
    ASSERT_TRUE(parse(c, u).is_ok());
    Policy p;
    p.ttl = 60;
    proto::Buffer out;
    ASSERT_TRUE(build_apply(out, k, p, u).is_ok());
    proto::MsgHeader h;
    auto f = fields_of(out, h);
    EXPECT_EQ(h.info2 & proto::kInfo2Write, proto::kInfo2Write);
    EXPECT_EQ(h.record_ttl, 60u);
    EXPECT_EQ(h.n_ops, 0);
    EXPECT_EQ(f[proto::kFieldUdfFilename], (std::vector<uint8_t>{'m', 'o', 'd'}));
    EXPECT_EQ(f[proto::kFieldUdfFunction], (std::vector<uint8_t>{'f', 'n'}));
    // Arguments in Aerospike's dialect: a string carries its particle type first.
    EXPECT_EQ(f[proto::kFieldUdfArgList], (std::vector<uint8_t>{0x91, 0xa2, proto::kParticleString, 's'}));
    EXPECT_EQ(f.count(proto::kFieldUdfOp), 0u);  // a record UDF sends no UDF_OP
}

TEST(UdfCall, FailureBinBecomesTheMessage) {
    proto::Buffer msg;
    proto::MessageWriter w(msg);
    proto::MsgHeader h;
    h.result_code = 100;
    w.begin(h);
    const char text[] = "mod.lua:3: boom";
    w.op(proto::kOpRead, proto::kParticleString, "FAILURE", text, sizeof text - 1);
    w.finish();
    Status s = reply_status(100, msg.data() + 8, msg.size() - 8);
    EXPECT_EQ(s.code(), 100);
    EXPECT_EQ(s.message(), "mod.lua:3: boom");
    EXPECT_EQ(reply_status(2, msg.data() + 8, msg.size() - 8).code(), 2);  // other codes keep their text
}

proto::Buffer spec_with(const char* key, const proto::Buffer& value, const char* extra = nullptr) {
    proto::Buffer b;
    mp::pack_map_header(b, extra ? 3 : 2);
    mp::pack_str(b, "ns");
    mp::pack_str(b, "test");
    mp::pack_str(b, key);
    b.insert(b.end(), value.begin(), value.end());
    if (extra) {
        mp::pack_str(b, extra);
        mp::pack_int(b, 5);
    }
    return b;
}

TEST(UdfCall, QuerySpecTakesBackgroundAndAggregateCalls) {
    QuerySpec q;
    proto::Buffer c = call("mod", "fn", 0);
    proto::Buffer bg = spec_with("udf", c);
    ASSERT_TRUE(parse_query_spec(bg.data(), bg.size(), q).is_ok());
    EXPECT_TRUE(q.background());
    EXPECT_FALSE(q.aggregate());
    proto::Buffer agg = spec_with("aggregate", c);
    ASSERT_TRUE(parse_query_spec(agg.data(), agg.size(), q).is_ok());
    EXPECT_TRUE(q.aggregate());
    Policy p;
    std::vector<const PartitionStatus*> parts = {&q.partitions[0]};
    proto::Buffer out;
    ASSERT_TRUE(build_query_request(out, q, p, 1, parts, 0).is_ok());
    proto::MsgHeader h;
    auto f = fields_of(out, h);
    EXPECT_EQ(f[proto::kFieldUdfOp], (std::vector<uint8_t>{QuerySpec::kUdfAggregate}));
    EXPECT_EQ(f[proto::kFieldUdfFunction], (std::vector<uint8_t>{'f', 'n'}));
    // A whole-query UDF takes no record limit, and a bad call is refused when parsed.
    proto::Buffer limited = spec_with("aggregate", c, "max_records");
    EXPECT_EQ(parse_query_spec(limited.data(), limited.size(), q).code(), kErrParam);
    proto::Buffer bad = spec_with("udf", call("", "fn"));
    EXPECT_EQ(parse_query_spec(bad.data(), bad.size(), q).code(), kErrParam);
}

}  // namespace
}  // namespace aero
