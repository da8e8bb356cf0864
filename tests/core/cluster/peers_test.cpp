#include "core/cluster/peers.h"

#include <gtest/gtest.h>

namespace aero {
namespace {

TEST(Peers, EmptyList) {
    auto r = parse_peers("7,3000,[]");
    ASSERT_TRUE(r.is_ok());
    EXPECT_EQ(r.value().generation, 7);
    EXPECT_TRUE(r.value().peers.empty());
}

TEST(Peers, HostsWithAndWithoutPorts) {
    auto r = parse_peers("3,3100,[[BB9A,,[10.0.0.1]],[BB9B,tls1,[10.0.0.2:4000,[::1]:4001,[fe80::2]]]]");
    ASSERT_TRUE(r.is_ok());
    const auto& p = r.value().peers;
    ASSERT_EQ(p.size(), 2u);
    EXPECT_EQ(p[0].node_name, "BB9A");
    ASSERT_EQ(p[0].hosts.size(), 1u);
    EXPECT_EQ(p[0].hosts[0].name, "10.0.0.1");
    EXPECT_EQ(p[0].hosts[0].port, 3100);  // the default port of the list
    EXPECT_EQ(p[1].tls_name, "tls1");
    ASSERT_EQ(p[1].hosts.size(), 3u);
    EXPECT_EQ(p[1].hosts[0].port, 4000);
    EXPECT_EQ(p[1].hosts[1].name, "::1");
    EXPECT_EQ(p[1].hosts[1].port, 4001);
    EXPECT_EQ(p[1].hosts[2].name, "fe80::2");
    EXPECT_EQ(p[1].hosts[2].port, 3100);
}

TEST(Peers, MalformedValuesAreRefused) {
    EXPECT_FALSE(parse_peers("").is_ok());
    EXPECT_FALSE(parse_peers("1,3000").is_ok());
    EXPECT_FALSE(parse_peers("1,3000,[[A,,[").is_ok());
}

}  // namespace
}  // namespace aero
