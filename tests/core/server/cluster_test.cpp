// A local cluster (--nodes) driven over its sockets as a client would: ownership, peers,
// generations, proxying, replication, per-namespace counters, and the node stop/start knobs.
#include <gtest/gtest.h>

#include <map>
#include <vector>

#include "core/server/info_commands.h"
#include "tests/core/server/cluster_fixture.h"

namespace aero::server::test {
namespace {

using namespace aero::proto;

TEST_F(ClusterTest, PartitionsSplitConsistentlyAcrossNodes) {
    start(3, 2);
    std::vector<int> masters(kPartitions, 0), replicas(kPartitions, 0);
    for (size_t n = 0; n < 3; n++) {
        Replicas r = replicas_of(port(n));
        EXPECT_EQ(r.regime, 0u);  // AP
        auto& cols = r.columns;
        ASSERT_EQ(cols.size(), 2u);
        int owned = 0;
        for (uint32_t p = 0; p < kPartitions; p++) {
            masters[p] += cols[0][p];
            replicas[p] += cols[1][p];
            EXPECT_FALSE(cols[0][p] && cols[1][p]) << "node " << n << " is both copies of " << p;
            owned += cols[0][p];
        }
        // Rendezvous hashing spreads 4096 partitions over 3 nodes roughly evenly.
        EXPECT_GT(owned, 1100);
        EXPECT_LT(owned, 1650);
        std::string ns = ask_info(port(n), "namespace/test");
        EXPECT_NE(ns.find("ns_cluster_size=3;effective_replication_factor=2;"), std::string::npos) << ns;
        EXPECT_NE(ns.find(";replication-factor=2;"), std::string::npos) << ns;
        EXPECT_EQ(ask_info(port(n), "replicas:max=1").find(",1,"), 6u);
    }
    for (uint32_t p = 0; p < kPartitions; p++) {
        ASSERT_EQ(masters[p], 1) << p;
        ASSERT_EQ(replicas[p], 1) << p;
    }
}

TEST_F(ClusterTest, PeersListTheOtherNodes) {
    start(3, 1);
    for (size_t n = 0; n < 3; n++) {
        std::string expected = "1," + std::to_string(port(n)) + ",[";
        bool first = true;
        for (size_t o = 0; o < 3; o++) {
            if (o == n) continue;
            expected += (first ? "[" : ",[") + info::node_id_hex(ctx(o).node_id) + ",,[127.0.0.1:" +
                        std::to_string(port(o)) + "]]";
            first = false;
        }
        EXPECT_EQ(ask_info(port(n), "peers-clear-std"), expected + "]");
        EXPECT_EQ(ask_info(port(n), "peers-tls-std"), "1," + std::to_string(port(n)) + ",[]");
        EXPECT_EQ(ask_info(port(n), "cluster-name"), "aero");
        EXPECT_EQ(ask_info(port(n), "node"), info::node_id_hex(ctx(n).node_id));
    }
    EXPECT_NE(ctx(0).node_id, ctx(1).node_id);
}

TEST_F(ClusterTest, CommandsSentToANonOwnerRunOnTheOwner) {
    start(3, 1);
    uint32_t pid = 7;
    size_t master = owner(pid), other = (master + 1) % 3;
    Digest d = digest_in(pid, 1);
    ASSERT_EQ(put(port(other), d, 42), 0);
    EXPECT_TRUE(stored(master, d));
    EXPECT_FALSE(stored(other, d));
    EXPECT_EQ(get(port(other), d).value, 42);
    EXPECT_EQ(get(port(master), d).value, 42);
    EXPECT_NE(ask_info(port(master), "statistics").find(";objects=1;"), std::string::npos);
    EXPECT_NE(ask_info(port(other), "statistics").find(";objects=0;"), std::string::npos);
    EXPECT_NE(ask_info(port(other), "statistics").find(";client_proxy_complete=2"), std::string::npos);
    EXPECT_NE(ask_info(port(master), "statistics").find(";client_proxy_complete=0"), std::string::npos);
}

TEST_F(ClusterTest, WritesReachTheReplica) {
    start(3, 2);
    uint32_t pid = 100;
    Digest d = digest_in(pid, 1);
    ASSERT_EQ(put(port(owner(pid)), d, 5), 0);
    EXPECT_TRUE(stored(owner(pid, 1), d));
    // A replica answers reads from its own copy (a client's SEQUENCE retry lands there).
    EXPECT_EQ(get(port(owner(pid, 1)), d).value, 5);
    MsgHeader del;
    del.info2 = kInfo2Write | kInfo2Delete;
    ASSERT_EQ(command(port(owner(pid)), d, del, {}).result, 0);
    EXPECT_FALSE(stored(owner(pid, 1), d));
}

TEST_F(ClusterTest, NamespaceCountersSplitByOutcomeOnTheNodeThatRanTheCommand) {
    start(3, 2);
    uint32_t pid = 42;
    size_t master = owner(pid), replica = owner(pid, 1), outsider = 3 - master - replica;
    Digest d = digest_in(pid, 1), missing = digest_in(pid, 2);
    ASSERT_EQ(put(port(master), d, 7), 0);
    EXPECT_EQ(ns_stat(master, "client_write_success"), 1u);
    EXPECT_EQ(get(port(master), missing).result, 2);
    EXPECT_EQ(ns_stat(master, "client_read_not_found"), 1u);
    EXPECT_EQ(ns_stat(master, "client_read_success"), 0u);
    // A replica reads its own copy; a node without one passes the read to the master.
    EXPECT_EQ(get(port(replica), d).value, 7);
    EXPECT_EQ(ns_stat(replica, "client_read_success"), 1u);
    EXPECT_EQ(get(port(outsider), d).value, 7);
    EXPECT_EQ(ns_stat(outsider, "client_proxy_complete"), 1u);
    EXPECT_EQ(ns_stat(outsider, "client_read_success"), 0u);
    EXPECT_EQ(ns_stat(master, "from_proxy_read_success"), 1u);
    // So does a write; the replica only stores its copy.
    ASSERT_EQ(put(port(outsider), d, 8), 0);
    EXPECT_EQ(ns_stat(outsider, "client_proxy_complete"), 2u);
    EXPECT_EQ(ns_stat(master, "from_proxy_write_success"), 1u);
    EXPECT_EQ(ns_stat(master, "client_write_success"), 1u);
    EXPECT_EQ(ns_stat(replica, "client_write_success"), 0u);
    EXPECT_EQ(ns_stat(outsider, "client_write_success"), 0u);
    // A write that needs a record it does not find is an error: writes have no "not found".
    MsgHeader update;
    update.info2 = kInfo2Write;
    update.info3 = kInfo3UpdateOnly;
    EXPECT_EQ(command(port(master), missing, update, {{kOpWrite, "v", kParticleInteger, wire::be64(1)}}).result, 2);
    EXPECT_EQ(ns_stat(master, "client_write_error"), 1u);
    MsgHeader del;
    del.info2 = kInfo2Write | kInfo2Delete;
    EXPECT_EQ(command(port(master), d, del, {}).result, 0);
    EXPECT_EQ(command(port(master), d, del, {}).result, 2);
    EXPECT_EQ(ns_stat(master, "client_delete_success"), 1u);
    EXPECT_EQ(ns_stat(master, "client_delete_not_found"), 1u);
    // Node-wide statistics do not carry the namespace counters, as on the real server.
    EXPECT_EQ(info_field(ask_info(port(master), "statistics"), "client_read_success"), "");
}

TEST_F(ClusterTest, KnobsRefuseWhatTheyCannotDo) {
    start(2, 1);
    std::string p0 = std::to_string(port(0));
    EXPECT_EQ(ask_info(port(0), "cluster-stop-node:port=" + p0), "ERROR:4:a node cannot stop itself; ask another node");
    EXPECT_EQ(ask_info(port(0), "cluster-stop-node:port=1"), "ERROR:4:no node on port 1");
    EXPECT_EQ(ask_info(port(0), "cluster-start-node:port=" + p0), "ERROR:4:node already running");
    EXPECT_EQ(ask_info(port(0), "cluster-stop-node"), "ERROR:4:missing or bad 'port'");
}

TEST_F(ClusterTest, ARestartedNodeCountsItsPeersGenerationAnew) {
    start(3, 2);
    std::string stop1 = "cluster-stop-node:port=" + std::to_string(port(1));
    std::string start1 = "cluster-start-node:port=" + std::to_string(port(1));
    ASSERT_EQ(ask_info(port(0), stop1), "ok");
    ASSERT_EQ(ask_info(port(0), start1), "ok");
    uint64_t before = std::stoull(ask_info(port(2), "peers-generation"));
    EXPECT_EQ(std::stoull(ask_info(port(1), "peers-generation")), 1u);
    ASSERT_EQ(ask_info(port(0), "cluster-stop-node:port=" + std::to_string(port(2))), "ok");
    ASSERT_EQ(ask_info(port(0), "cluster-start-node:port=" + std::to_string(port(2))), "ok");
    // As a restarted server's: lower than before, which is how clients see a quick restart.
    EXPECT_LT(std::stoull(ask_info(port(2), "peers-generation")), before);
    EXPECT_GT(std::stoull(ask_info(port(0), "peers-generation")), before);
}

// Writes `per_partition` records in each of `partitions` spread partitions through node 0.
std::vector<Digest> fill(uint16_t port, uint32_t partitions, uint32_t per_partition) {
    std::vector<Digest> out;
    for (uint32_t p = 0; p < kPartitions; p += kPartitions / partitions)
        for (uint32_t i = 0; i < per_partition; i++) {
            out.push_back(digest_in(p, i));
            EXPECT_EQ(put(port, out.back(), p * 100 + i), 0);
        }
    return out;
}

TEST_F(ClusterTest, ReplicationFactorTwoLosesNothingWhenANodeStops) {
    start(3, 2);
    std::vector<Digest> records = fill(port(0), 256, 2);
    uint64_t gen = generation(0);
    std::string peers_gen = ask_info(port(0), "peers-generation");
    ASSERT_EQ(ask_info(port(0), "cluster-stop-node:port=" + std::to_string(port(1))), "ok");
    EXPECT_GT(generation(0), gen);
    EXPECT_GT(generation(2), gen);
    EXPECT_NE(ask_info(port(0), "peers-generation"), peers_gen);
    EXPECT_EQ(ask_info(port(0), "peers-clear-std").find("127.0.0.1:" + std::to_string(port(1))), std::string::npos);
    EXPECT_NE(ask_info(port(2), "namespace/test").find("ns_cluster_size=2;effective_replication_factor=2;"),
              std::string::npos);
    for (const Digest& d : records) {
        uint32_t pid = partition_id(d.data());
        ASSERT_EQ(get(port(2), d).value, int64_t(pid * 100 + load_u32(d.data() + 2)));
        // Both survivors hold every partition now: migration made a new replica.
        EXPECT_TRUE(stored(0, d) && stored(2, d));
    }
    // A stopped node takes no connections.
    EXPECT_EQ(try_connect(port(1)), -1);
}

TEST_F(ClusterTest, ReplicationFactorOneLosesOnlyTheStoppedNodesPartitionsUntilItReturns) {
    start(3, 1);
    std::vector<Digest> records = fill(port(0), 512, 1);
    std::map<uint32_t, size_t> owners;
    for (const Digest& d : records) owners[partition_id(d.data())] = owner(partition_id(d.data()));
    ASSERT_EQ(ask_info(port(0), "cluster-stop-node:port=" + std::to_string(port(2))), "ok");
    uint64_t gen = generation(0);
    for (const Digest& d : records) {
        bool lost = owners[partition_id(d.data())] == 2;
        EXPECT_EQ(get(port(1), d).result, lost ? 2 : 0);
    }
    ASSERT_EQ(ask_info(port(1), "cluster-start-node:port=" + std::to_string(port(2))), "ok");
    EXPECT_GT(generation(0), gen);
    EXPECT_EQ(generation(2), generation(0));
    for (const Digest& d : records) {
        EXPECT_EQ(get(port(0), d).result, 0);
        EXPECT_TRUE(stored(owners[partition_id(d.data())], d));  // the same table as before the stop
    }
    EXPECT_NE(ask_info(port(2), "peers-clear-std").find(std::to_string(port(0))), std::string::npos);
}

TEST_F(ClusterTest, TheNewestCopyWinsWhenANodeReturns) {
    start(2, 1);
    uint32_t pid = 0;
    while (owner(pid) != 1) pid++;
    Digest d = digest_in(pid, 9);
    ASSERT_EQ(put(port(0), d, 1), 0);
    ASSERT_EQ(ask_info(port(0), "cluster-stop-node:port=" + std::to_string(port(1))), "ok");
    // Written twice while node 1 is away: generation 2 beats the generation 1 it kept.
    ASSERT_EQ(put(port(0), d, 2), 0);
    ASSERT_EQ(put(port(0), d, 3), 0);
    ASSERT_EQ(ask_info(port(0), "cluster-start-node:port=" + std::to_string(port(1))), "ok");
    EXPECT_EQ(get(port(1), d).value, 3);
    EXPECT_FALSE(stored(0, d));  // handed back to its owner
}

}  // namespace
}  // namespace aero::server::test
