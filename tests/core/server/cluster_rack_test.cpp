// Rack awareness (--rack-ids): where a cluster places each partition's copies, as clients
// see it in `replicas`, and the rack-ids / rebalance-generation answers they read racks from.
#include <gtest/gtest.h>

#include <set>
#include <vector>

#include "core/server/config.h"
#include "core/server/server.h"
#include "tests/core/server/cluster_fixture.h"

namespace aero::server::test {
namespace {

using namespace aero::proto;

class RackTest : public ClusterTest {
protected:
    void start(std::vector<uint32_t> racks, uint32_t replication_factor) {
        ServerConfig cfg;
        cfg.nodes = uint32_t(racks.size());
        cfg.rack_ids = std::move(racks);
        cfg.replication_factor = replication_factor;
        ClusterTest::start(cfg);
    }
    // Per partition, the racks of the live nodes that report a copy of it in `replicas`;
    // fails the test unless every partition has exactly `copies` of them.
    std::vector<std::multiset<uint32_t>> racks_holding(const std::vector<size_t>& live, size_t copies) {
        std::vector<std::multiset<uint32_t>> racks(kPartitions);
        for (size_t n : live) {
            Replicas r = replicas_of(port(n));
            for (const auto& column : r.columns)
                for (uint32_t p = 0; p < kPartitions; p++)
                    if (column[p]) racks[p].insert(ctx(n).rack_id);
        }
        for (uint32_t p = 0; p < kPartitions; p++) EXPECT_EQ(racks[p].size(), copies) << "partition " << p;
        return racks;
    }
    // Every node's `replicas` answer.
    std::vector<std::string> maps() {
        std::vector<std::string> out;
        for (size_t n = 0; n < cluster->size(); n++) out.push_back(ask_info(port(n), "replicas"));
        return out;
    }
};

TEST_F(RackTest, ThreeCopiesOnThreeRacksPutOneCopyOnEachRack) {
    start({1, 1, 2, 2, 3, 3}, 3);
    auto racks = racks_holding({0, 1, 2, 3, 4, 5}, 3);
    for (uint32_t p = 0; p < kPartitions; p++) ASSERT_EQ(racks[p], (std::multiset<uint32_t>{1, 2, 3})) << p;
    // Masters stay where the plain ranking puts them: spread over all six nodes.
    for (size_t n = 0; n < 6; n++) {
        Replicas r = replicas_of(port(n));
        int masters = 0;
        for (bool m : r.columns[0]) masters += m;
        EXPECT_GT(masters, 500) << n;
        EXPECT_LT(masters, 870) << n;
    }
}

TEST_F(RackTest, TwoCopiesOnTwoRacksPutOneOnEachRack) {
    start({1, 1, 2}, 2);
    auto racks = racks_holding({0, 1, 2}, 2);
    for (uint32_t p = 0; p < kPartitions; p++) ASSERT_EQ(racks[p], (std::multiset<uint32_t>{1, 2})) << p;
    // The lone node of rack 2 holds everything; rack 1's copies are split between its nodes.
    Replicas lone = replicas_of(port(2));
    for (uint32_t p = 0; p < kPartitions; p++) ASSERT_TRUE(lone.columns[0][p] || lone.columns[1][p]) << p;
}

TEST_F(RackTest, PlacementSurvivesAStopAndComesBackAfterTheStart) {
    start({1, 1, 2, 2, 3, 3}, 3);
    std::vector<std::string> before = maps();
    uint64_t rebalance = std::stoull(ask_info(port(0), "rebalance-generation"));
    // Rack 3 keeps one node, which then holds a copy of every partition.
    ASSERT_EQ(ask_info(port(0), "cluster-stop-node:port=" + std::to_string(port(5))), "ok");
    EXPECT_GT(std::stoull(ask_info(port(0), "rebalance-generation")), rebalance);
    auto racks = racks_holding({0, 1, 2, 3, 4}, 3);
    for (uint32_t p = 0; p < kPartitions; p++) ASSERT_EQ(racks[p], (std::multiset<uint32_t>{1, 2, 3})) << p;
    // With rack 3 gone, the third copy goes back to a second node of rack 1 or 2.
    ASSERT_EQ(ask_info(port(0), "cluster-stop-node:port=" + std::to_string(port(4))), "ok");
    racks = racks_holding({0, 1, 2, 3}, 3);
    for (uint32_t p = 0; p < kPartitions; p++) {
        ASSERT_EQ(racks[p].count(1) + racks[p].count(2), 3u) << p;
        ASSERT_TRUE(racks[p].count(1) && racks[p].count(2)) << p;
    }
    ASSERT_EQ(ask_info(port(0), "cluster-start-node:port=" + std::to_string(port(4))), "ok");
    ASSERT_EQ(ask_info(port(0), "cluster-start-node:port=" + std::to_string(port(5))), "ok");
    EXPECT_EQ(maps(), before);  // the same table as before the stops, on every node
}

TEST_F(RackTest, InfoAnswersTheNodesRack) {
    ServerConfig cfg;
    cfg.nodes = 3;
    cfg.rack_ids = {4, 0, 1000000};
    cfg.namespaces.push_back("bar");
    ClusterTest::start(cfg);
    EXPECT_EQ(ask_info(port(0), "rack-ids"), "test:4;bar:4");
    EXPECT_EQ(ask_info(port(1), "rack-ids"), "test:0;bar:0");
    EXPECT_EQ(ask_info(port(2), "rack-ids"), "test:1000000;bar:1000000");
    EXPECT_EQ(info_field(ask_info(port(0), "namespace/bar"), "rack-id"), "4");
    // Every node has seen the one rebalance that formed the cluster.
    for (size_t n = 0; n < 3; n++) EXPECT_EQ(ask_info(port(n), "rebalance-generation"), "1");
}

TEST(RackInfo, StandaloneServerAnswersItsRack) {
    ServerConfig cfg;
    cfg.port = 0;
    Server plain(cfg);
    ASSERT_TRUE(plain.start().is_ok());
    EXPECT_EQ(ask_info(plain.port(), "rack-ids"), "test:0");
    EXPECT_EQ(ask_info(plain.port(), "rebalance-generation"), "1");
    cfg.rack_ids = {7};
    Server racked(cfg);
    ASSERT_TRUE(racked.start().is_ok());
    EXPECT_EQ(ask_info(racked.port(), "rack-ids"), "test:7");
}

// parse_args on a command line given as one string.
Status parse(const std::vector<const char*>& args, ServerConfig& cfg) {
    std::vector<const char*> argv{"aero-server"};
    argv.insert(argv.end(), args.begin(), args.end());
    return parse_args(int(argv.size()), const_cast<char**>(argv.data()), cfg);
}

TEST(RackConfig, OneRackPerNodeOrOneForAll) {
    ServerConfig cfg;
    ASSERT_TRUE(parse({"--nodes", "3", "--rack-ids", "1,2,3", "--strong-consistency", "--port", "4000"}, cfg).is_ok());
    EXPECT_EQ(rack_id(cfg, 0), 1u);
    EXPECT_EQ(rack_id(cfg, 2), 3u);
    EXPECT_TRUE(cfg.strong_consistency);
    EXPECT_EQ(cfg.port, 4000);
    ServerConfig one;
    ASSERT_TRUE(parse({"--nodes", "3", "--rack-ids", "9"}, one).is_ok());
    EXPECT_EQ(rack_id(one, 2), 9u);
    EXPECT_FALSE(one.strong_consistency);
    ServerConfig standalone;
    ASSERT_TRUE(parse({"--rack-ids", "5"}, standalone).is_ok());
    EXPECT_EQ(rack_id(standalone, 0), 5u);
    EXPECT_EQ(rack_id(ServerConfig{}, 0), 0u);

    for (auto bad : std::vector<std::vector<const char*>>{{"--nodes", "3", "--rack-ids", "1,2"},
                                                         {"--rack-ids", "1,2"},
                                                         {"--nodes", "2", "--rack-ids", "1,x"},
                                                         {"--nodes", "2", "--rack-ids", "1,"},
                                                         {"--rack-ids", "1000001"},
                                                         {"--rack-ids", "-1"}}) {
        ServerConfig c;
        EXPECT_FALSE(parse(bad, c).is_ok()) << bad.back();
    }
}

}  // namespace
}  // namespace aero::server::test
