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
}

}  // namespace
}  // namespace aero
