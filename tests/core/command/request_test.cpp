#include "core/command/request.h"

#include <gtest/gtest.h>

#include "core/proto/message.h"
#include "core/proto/msgpack.h"
#include "core/proto/particle.h"
#include "tests/core/command/wire.h"

namespace aero {
namespace {

namespace mp = proto::msgpack;
using test::key_bytes;

struct Parsed {
    proto::MessageView view;
    std::vector<proto::FieldView> fields;
    std::vector<proto::OpView> ops;
};

Parsed parse(const proto::Buffer& msg) {
    Parsed p;
    uint8_t type;
    uint64_t size;
    EXPECT_TRUE(proto::parse_proto_header(msg.data(), type, size).is_ok());
    EXPECT_EQ(type, proto::kProtoMessage);
    EXPECT_EQ(size, msg.size() - 8);
    size_t used = 0;
    EXPECT_TRUE(proto::message_extent(msg.data() + 8, msg.size() - 8, used).is_ok());
    EXPECT_EQ(used, msg.size() - 8);  // fields and ops fill the body exactly
    EXPECT_TRUE(p.view.parse(msg.data() + 8, msg.size() - 8).is_ok());
    for (int i = 0; i < p.view.header().n_fields; i++) {
        proto::FieldView f;
        EXPECT_TRUE(p.view.next_field(f));
        p.fields.push_back(f);
    }
    for (int i = 0; i < p.view.header().n_ops; i++) {
        proto::OpView o;
        EXPECT_TRUE(p.view.next_op(o));
        p.ops.push_back(o);
    }
    return p;
}

TEST(Request, GetAllMatchesTheReferenceBytes) {
    // Fact sheet §6: GET-all of test/demo/int 1 with a 1000 ms server timeout.
    proto::Buffer k;
    mp::pack_array_header(k, 3);
    mp::pack_str(k, "test");
    mp::pack_str(k, "demo");
    mp::pack_int(k, 1);
    Key key;
    ASSERT_TRUE(parse_key(k.data(), k.size(), key).is_ok());
    Policy p;
    p.socket_timeout_ms = 30000;
    p.total_timeout_ms = 1000;
    proto::Buffer out;
    ASSERT_TRUE(build_get(out, key, p, nullptr, 0).is_ok());
    ASSERT_EQ(out.size(), 73u);
    const uint8_t head[] = {0x02, 0x03, 0, 0, 0, 0, 0, 0x41, 0x16, 0x03, 0, 0, 0, 0, 0, 0, 0, 0,
                            0, 0, 0, 0, 0, 0, 0x03, 0xe8, 0x00, 0x03, 0x00, 0x00};
    EXPECT_EQ(std::vector<uint8_t>(out.begin(), out.begin() + sizeof head), std::vector<uint8_t>(head, head + sizeof head));
    EXPECT_EQ(out[out.size() - 20], 0xb7);
    EXPECT_EQ(out.back(), 0xc8);
}

TEST(Request, PutCarriesPolicyBitsAndParticles) {
    proto::Buffer k = key_bytes("k");
    Key key;
    ASSERT_TRUE(parse_key(k.data(), k.size(), key).is_ok());
    Policy p;
    p.send_key = true;
    p.exists = kExistsCreateOnly;
    p.gen_mode = kGenEq;
    p.generation = 7;
    p.ttl = -1;
    proto::Buffer bins;
    mp::pack_map_header(bins, 2);
    mp::pack_str(bins, "i");
    mp::pack_int(bins, 5);
    mp::pack_str(bins, "l");
    mp::pack_array_header(bins, 1);
    mp::pack_str(bins, "x");
    proto::Buffer out;
    ASSERT_TRUE(build_put(out, key, p, bins.data(), bins.size()).is_ok());
    Parsed m = parse(out);
    const auto& h = m.view.header();
    EXPECT_EQ(h.info2, proto::kInfo2Write | proto::kInfo2CreateOnly | proto::kInfo2Generation);
    EXPECT_EQ(h.generation, 7u);
    EXPECT_EQ(h.record_ttl, 0xFFFFFFFFu);
    ASSERT_EQ(m.fields.size(), 4u);  // namespace, set, digest, key
    EXPECT_EQ(m.fields[3].type, proto::kFieldKey);
    EXPECT_EQ(m.fields[3].data[0], proto::kParticleString);
    ASSERT_EQ(m.ops.size(), 2u);
    EXPECT_EQ(m.ops[0].particle, proto::kParticleInteger);
    EXPECT_EQ(m.ops[1].particle, proto::kParticleList);
    const uint8_t list[] = {0x91, 0xa2, 0x03, 'x'};
    EXPECT_EQ(std::vector<uint8_t>(m.ops[1].value, m.ops[1].value + m.ops[1].value_size),
              std::vector<uint8_t>(list, list + sizeof list));
}

TEST(Request, BadInputIsRefused) {
    proto::Buffer k = key_bytes("k");
    Key key;
    ASSERT_TRUE(parse_key(k.data(), k.size(), key).is_ok());
    Policy p;
    proto::Buffer out;
    proto::Buffer bins;
    mp::pack_map_header(bins, 1);
    mp::pack_str(bins, "a_bin_name_that_is_too_long");
    mp::pack_int(bins, 1);
    EXPECT_EQ(build_put(out, key, p, bins.data(), bins.size()).code(), kErrParam);
    const uint8_t not_map[] = {0x91, 0x01};
    EXPECT_EQ(build_put(out, key, p, not_map, sizeof not_map).code(), kErrParam);
    bool writes;
    const uint8_t unknown_op[] = {0x91, 0x92, 0x63, 0xa1, 'a'};
    EXPECT_TRUE(operate_writes(unknown_op, sizeof unknown_op, writes).is_ok());
    EXPECT_EQ(build_operate(out, key, p, unknown_op, sizeof unknown_op).code(), kErrParam);
    const uint8_t no_value[] = {0x91, 0x92, 0x02, 0xa1, 'a'};
    EXPECT_EQ(build_operate(out, key, p, no_value, sizeof no_value).code(), kErrParam);
    const uint8_t empty[] = {0x90};
    EXPECT_EQ(operate_writes(empty, sizeof empty, writes).code(), kErrParam);
}

// The server refuses a NUL in a bin name; the client refuses it before sending, in every
// place a bin name is encoded (bins map, read names, operate).
TEST(Request, NulInBinNameIsRefused) {
    using namespace std::string_literals;
    proto::Buffer k = key_bytes("k");
    Key key;
    ASSERT_TRUE(parse_key(k.data(), k.size(), key).is_ok());
    Policy p;
    proto::Buffer out;
    for (const std::string& name : {"a\0"s, "\0"s, "bin\0name"s}) {
        proto::Buffer bins;
        mp::pack_map_header(bins, 1);
        mp::pack_str(bins, name);
        mp::pack_int(bins, 1);
        Status s = build_put(out, key, p, bins.data(), bins.size());
        EXPECT_EQ(s.code(), kErrParam);
        EXPECT_NE(s.message().find("NUL"), std::string::npos) << s.message();
        proto::Buffer names;
        mp::pack_array_header(names, 1);
        mp::pack_str(names, name);
        EXPECT_EQ(build_get(out, key, p, names.data(), names.size()).code(), kErrParam);
        proto::Buffer ops;
        mp::pack_array_header(ops, 1);
        mp::pack_array_header(ops, 3);
        mp::pack_int(ops, kOpCodeWrite);
        mp::pack_str(ops, name);
        mp::pack_int(ops, 1);
        EXPECT_EQ(build_operate(out, key, p, ops.data(), ops.size()).code(), kErrParam);
    }
}

TEST(Request, OperateSetsReadAndWriteBits) {
    proto::Buffer k = key_bytes("k");
    Key key;
    ASSERT_TRUE(parse_key(k.data(), k.size(), key).is_ok());
    Policy p;
    // [[5, "n", 1], [1, nil]]: increment then read everything.
    const uint8_t ops[] = {0x92, 0x93, 0x05, 0xa1, 'n', 0x01, 0x92, 0x01, 0xc0};
    proto::Buffer out;
    ASSERT_TRUE(build_operate(out, key, p, ops, sizeof ops).is_ok());
    Parsed m = parse(out);
    EXPECT_EQ(m.view.header().info1, proto::kInfo1Read | proto::kInfo1GetAll);
    EXPECT_EQ(m.view.header().info2, proto::kInfo2Write);
    ASSERT_EQ(m.ops.size(), 2u);
    EXPECT_EQ(m.ops[0].op_type, proto::kOpIncr);
    EXPECT_EQ(m.ops[1].op_type, proto::kOpRead);
    EXPECT_TRUE(m.ops[1].name.empty());
}

TEST(Request, ReadModesSetTheirBits) {
    proto::Buffer k = key_bytes("k");
    Key key;
    ASSERT_TRUE(parse_key(k.data(), k.size(), key).is_ok());
    // Fact sheet §8: SC session 0, linearize TYPE, allow replica RELAX, allow unavailable both.
    const uint8_t expected[] = {0, proto::kInfo3ScReadType, proto::kInfo3ScReadRelax,
                                proto::kInfo3ScReadType | proto::kInfo3ScReadRelax};
    for (uint8_t mode = kReadModeScSession; mode <= kReadModeScAllowUnavailable; mode++) {
        Policy p;
        p.read_mode_sc = mode;
        p.read_mode_all = mode == kReadModeScLinearize;
        proto::Buffer out;
        ASSERT_TRUE(build_get(out, key, p, nullptr, 0).is_ok());
        Parsed m = parse(out);
        EXPECT_EQ(m.view.header().info3, expected[mode]) << int(mode);
        EXPECT_EQ(bool(m.view.header().info1 & proto::kInfo1ReadModeApAll), mode == kReadModeScLinearize);
    }
    // Writes carry no read mode.
    Policy p;
    p.read_mode_sc = kReadModeScLinearize;
    const uint8_t ops[] = {0x91, 0x93, 0x02, 0xa1, 'n', 0x01};
    proto::Buffer out;
    ASSERT_TRUE(build_operate(out, key, p, ops, sizeof ops).is_ok());
    EXPECT_EQ(parse(out).view.header().info3, 0);
}

TEST(Request, AFilterGoesInItsFieldAndExpressionOpsCarryTheirTree) {
    Key key;
    proto::Buffer k = key_bytes("f");
    ASSERT_TRUE(parse_key(k.data(), k.size(), key).is_ok());
    // Policy {"filter_expression": [KEY_EXISTS]} and an expression read op.
    proto::Buffer policy{0x81};
    mp::pack_str(policy, "filter_expression");
    policy.insert(policy.end(), {0x91, 0x47});
    Policy p;
    ASSERT_TRUE(apply_policy_map(policy.data(), policy.size(), p).is_ok());
    proto::Buffer ops{0x91, 0x94, 0x07, 0xa1, 'r', 0x91, 0x46, 0x10};  // [[EXP_READ, "r", [SET_NAME], 16]]
    proto::Buffer msg;
    ASSERT_TRUE(build_operate(msg, key, p, ops.data(), ops.size()).is_ok());
    Parsed parsed = parse(msg);
    bool found = false;
    for (const proto::FieldView& f : parsed.fields)
        if (f.type == proto::kFieldFilterExp) {
            found = true;
            EXPECT_EQ(std::vector<uint8_t>(f.data, f.data + f.size), (std::vector<uint8_t>{0x91, 0x47}));
        }
    EXPECT_TRUE(found);
    ASSERT_EQ(parsed.ops.size(), 1u);
    EXPECT_EQ(parsed.ops[0].op_type, proto::kOpExpRead);
    EXPECT_EQ(parsed.ops[0].particle, proto::kParticleBlob);
    EXPECT_EQ(std::vector<uint8_t>(parsed.ops[0].value, parsed.ops[0].value + parsed.ops[0].value_size),
              (std::vector<uint8_t>{0x92, 0x91, 0x46, 0x10}));
    EXPECT_TRUE(parsed.view.header().info1 & proto::kInfo1Read);

    // A filter that is not an expression, or one the library cannot convert, is refused.
    proto::Buffer bad{0x81};
    mp::pack_str(bad, "filter_expression");
    bad.push_back(0x05);
    Policy q;
    EXPECT_EQ(apply_policy_map(bad.data(), bad.size(), q).code(), kErrParam);
    proto::Buffer unknown{0x81};
    mp::pack_str(unknown, "filter_expression");
    unknown.insert(unknown.end(), {0x91, 0x0a});
    ASSERT_TRUE(apply_policy_map(unknown.data(), unknown.size(), q).is_ok());
    EXPECT_EQ(build_get(msg, key, q, nullptr, 0).code(), kErrParam);
}

}  // namespace
}  // namespace aero
