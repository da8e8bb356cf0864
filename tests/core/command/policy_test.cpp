#include "core/command/policy.h"

#include <gtest/gtest.h>

#include "core/proto/msgpack.h"

namespace aero {
namespace {

namespace mp = proto::msgpack;

TEST(Policy, DefaultsComeFromTheConfig) {
    ClientConfig c;
    c.write.total_timeout_ms = 77;
    Policy p;
    ASSERT_TRUE(parse_policy(c, PolicyKind::kWrite, nullptr, 0, p).is_ok());
    EXPECT_EQ(p.total_timeout_ms, 77u);
    EXPECT_EQ(p.max_retries, 0u);
    ASSERT_TRUE(parse_policy(c, PolicyKind::kRead, nullptr, 0, p).is_ok());
    EXPECT_EQ(p.max_retries, 2u);
}

TEST(Policy, OverridesAndErrors) {
    ClientConfig c;
    proto::Buffer b;
    mp::pack_map_header(b, 3);
    mp::pack_str(b, "ttl");
    mp::pack_int(b, -2);
    mp::pack_str(b, "durable_delete");
    mp::pack_bool(b, true);
    mp::pack_str(b, "exists");
    mp::pack_int(b, 4);
    Policy p;
    ASSERT_TRUE(parse_policy(c, PolicyKind::kWrite, b.data(), b.size(), p).is_ok());
    EXPECT_EQ(p.ttl, -2);
    EXPECT_TRUE(p.durable_delete);
    EXPECT_EQ(p.exists, kExistsCreateOnly);

    auto one = [&](std::string_view k, auto pack) {
        proto::Buffer m;
        mp::pack_map_header(m, 1);
        mp::pack_str(m, k);
        pack(m);
        return parse_policy(c, PolicyKind::kWrite, m.data(), m.size(), p);
    };
    EXPECT_EQ(one("ttl", [](proto::Buffer& m) { mp::pack_int(m, -3); }).code(), kErrParam);
    EXPECT_EQ(one("exists", [](proto::Buffer& m) { mp::pack_int(m, 5); }).code(), kErrParam);
    EXPECT_EQ(one("total_timeout", [](proto::Buffer& m) { mp::pack_str(m, "10"); }).code(), kErrParam);
    EXPECT_EQ(one("read_touch_ttl_percent", [](proto::Buffer& m) { mp::pack_int(m, 101); }).code(), kErrParam);
    Status s = one("mystery", [](proto::Buffer& m) { mp::pack_int(m, 1); });
    EXPECT_EQ(s.code(), kErrParam);
    EXPECT_NE(s.message().find("mystery"), std::string::npos);
    // PREFER_RACK only with racks in the client config.
    auto prefer_rack = [](proto::Buffer& m) { mp::pack_int(m, kReplicaPreferRack); };
    EXPECT_EQ(one("replica", prefer_rack).code(), kErrParam);
    c.rack_aware = true;
    EXPECT_EQ(one("replica", prefer_rack).code(), kErrParam);
    c.rack_ids = {1};
    EXPECT_TRUE(one("replica", prefer_rack).is_ok());
}

}  // namespace
}  // namespace aero

namespace aero {
namespace {

TEST(Policy, FiltersAreTakenAsTreesOrPackedAndRefusedByInfo) {
    ClientConfig c;
    Policy p;
    // {"filter_expression": [KEY_EXISTS]}, then the same tree packed in a bin.
    proto::Buffer tree{0x81};
    proto::msgpack::pack_str(tree, "filter_expression");
    tree.insert(tree.end(), {0x91, 0x47});
    ASSERT_TRUE(parse_policy(c, PolicyKind::kRead, tree.data(), tree.size(), p).is_ok());
    ASSERT_EQ(p.filter_len, 2u);
    EXPECT_EQ(p.filter[0], 0x91);
    proto::Buffer packed{0x81};
    proto::msgpack::pack_str(packed, "filter_expression");
    packed.insert(packed.end(), {0xc4, 0x02, 0x91, 0x47});
    ASSERT_TRUE(parse_policy(c, PolicyKind::kWrite, packed.data(), packed.size(), p).is_ok());
    ASSERT_EQ(p.filter_len, 2u);
    EXPECT_EQ(p.filter[1], 0x47);
    EXPECT_EQ(parse_policy(c, PolicyKind::kInfo, tree.data(), tree.size(), p).code(), kErrParam);
    proto::Buffer none{0x81};
    proto::msgpack::pack_str(none, "filter_expression");
    none.push_back(0xc0);
    ASSERT_TRUE(parse_policy(c, PolicyKind::kInfo, none.data(), none.size(), p).is_ok());
    EXPECT_EQ(p.filter, nullptr);
}

TEST(Policy, RetryPauseBacksOffWithCapAndJitter) {
    Policy p;
    p.sleep_between_retries_ms = 40;
    EXPECT_EQ(retry_pause_ms(p, 1), 40u);
    EXPECT_EQ(retry_pause_ms(p, 3), 40u);  // fixed by default, as the official clients
    p.backoff_multiplier = 3;
    EXPECT_EQ(retry_pause_ms(p, 1), 40u);
    EXPECT_EQ(retry_pause_ms(p, 2), 120u);
    EXPECT_EQ(retry_pause_ms(p, 3), 360u);
    EXPECT_EQ(retry_pause_ms(p, 100), UINT32_MAX);  // grows without overflowing
    p.max_sleep_between_retries_ms = 100;
    EXPECT_EQ(retry_pause_ms(p, 3), 100u);
    p.jitter = true;
    bool varied = false;
    for (int i = 0; i < 50; i++) {
        uint32_t pause = retry_pause_ms(p, 3);
        EXPECT_LE(pause, 100u);
        varied = varied || pause != retry_pause_ms(p, 3);
    }
    EXPECT_TRUE(varied);
}

}  // namespace
}  // namespace aero
