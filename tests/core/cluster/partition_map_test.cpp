#include "core/cluster/partition_map.h"
#include "core/proto/base64.h"

#include <gtest/gtest.h>

#include <string>

namespace aero {
namespace {

// 512 bytes of 0xFF: a node owning every partition (fact sheet §18).
std::string all_partitions() { return std::string(682, '/') + "8="; }

TEST(PartitionMap, Base64) {
    std::vector<uint8_t> out;
    ASSERT_TRUE(proto::base64_decode("AQID", out));
    EXPECT_EQ(out, (std::vector<uint8_t>{1, 2, 3}));
    ASSERT_TRUE(proto::base64_decode("AQ==", out));
    EXPECT_EQ(out, (std::vector<uint8_t>{1}));
    EXPECT_FALSE(proto::base64_decode("AQ=", out));
    EXPECT_FALSE(proto::base64_decode("A=QI", out));
    ASSERT_TRUE(proto::base64_decode(all_partitions(), out));
    EXPECT_EQ(out.size(), 512u);
}

TEST(PartitionMap, AppliesColumnsPerNamespace) {
    PartitionMap m;
    auto* a = reinterpret_cast<Node*>(uintptr_t(0x10));
    auto* b = reinterpret_cast<Node*>(uintptr_t(0x20));
    // Node a masters everything in "test"; node b is replica 1 there and masters "bar".
    ASSERT_TRUE(m.apply_replicas("test:0,1," + all_partitions(), a).is_ok());
    std::string none = std::string(683, 'A') + "=";
    ASSERT_TRUE(m.apply_replicas("test:0,2," + none + "," + all_partitions() + ";bar:0,1," + all_partitions(), b).is_ok());
    const NamespacePartitions* t = m.find("test");
    ASSERT_NE(t, nullptr);
    ASSERT_EQ(t->columns.size(), 2u);
    EXPECT_EQ(t->columns[0][0], a);
    EXPECT_EQ(t->columns[1][4095], b);
    EXPECT_EQ(m.find("bar")->columns[0][17], b);
    EXPECT_EQ(m.find("nope"), nullptr);
    m.remove_node(a);
    EXPECT_EQ(t->columns[0][0], nullptr);
}

TEST(PartitionMap, RefusesMalformedValues) {
    PartitionMap m;
    auto* a = reinterpret_cast<Node*>(uintptr_t(0x10));
    EXPECT_FALSE(m.apply_replicas("test:0,2," + all_partitions(), a).is_ok());
    EXPECT_FALSE(m.apply_replicas("test:0,1,AQID", a).is_ok());
    EXPECT_FALSE(m.apply_replicas("garbage", a).is_ok());
}

TEST(PartitionMap, OlderRegimesAreIgnored) {
    PartitionMap m;
    auto* a = reinterpret_cast<Node*>(uintptr_t(0x10));
    auto* b = reinterpret_cast<Node*>(uintptr_t(0x20));
    ASSERT_TRUE(m.apply_replicas("sc:5,1," + all_partitions(), a).is_ok());
    EXPECT_TRUE(m.find("sc")->strong_consistency);
    // b claims every partition under regime 4: it has not caught up, a keeps them.
    ASSERT_TRUE(m.apply_replicas("sc:4,1," + all_partitions(), b).is_ok());
    EXPECT_EQ(m.find("sc")->columns[0][100], a);
    ASSERT_TRUE(m.apply_replicas("sc:6,1," + all_partitions(), b).is_ok());
    EXPECT_EQ(m.find("sc")->columns[0][100], b);
    EXPECT_EQ(m.find("sc")->regimes[100], 6u);
}

TEST(PartitionMap, RacksPerNamespace) {
    PartitionMap m;
    auto* a = reinterpret_cast<Node*>(uintptr_t(0x10));
    auto* b = reinterpret_cast<Node*>(uintptr_t(0x20));
    ASSERT_TRUE(m.apply_racks("test:2;bar:7", a).is_ok());
    ASSERT_TRUE(m.apply_racks("test:3", b).is_ok());
    EXPECT_TRUE(m.find("test")->on_rack(a, 2));
    EXPECT_TRUE(m.find("bar")->on_rack(a, 7));
    EXPECT_TRUE(m.find("test")->on_rack(b, 3));
    EXPECT_FALSE(m.find("test")->on_rack(b, 2));
    EXPECT_FALSE(m.find("bar")->on_rack(b, 0));
    m.remove_node(a);
    EXPECT_FALSE(m.find("test")->on_rack(a, 2));
    EXPECT_FALSE(m.apply_racks("test:x", a).is_ok());
    EXPECT_FALSE(m.apply_racks("test", a).is_ok());
    EXPECT_FALSE(m.apply_racks(":1", a).is_ok());
}

}  // namespace
}  // namespace aero
