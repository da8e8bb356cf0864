#include "core/command/routing.h"

#include <gtest/gtest.h>

namespace aero {
namespace {

Node* fake(uintptr_t n) { return reinterpret_cast<Node*>(n * 0x10); }

// One namespace whose every partition has replicas a (master), b, c on racks 1, 2, 3.
ClusterState three_replicas(bool strong_consistency, std::vector<int32_t> client_racks = {}) {
    ClusterState s;
    NamespacePartitions& ns = s.partitions.get_or_add("test");
    ns.strong_consistency = strong_consistency;
    ns.columns.resize(3);
    for (uint32_t pid = 0; pid < proto::kPartitions; pid++)
        for (size_t col = 0; col < 3; col++) ns.columns[col][pid] = fake(col + 1);
    for (uintptr_t n = 1; n <= 3; n++) ns.racks[fake(n)] = int32_t(n);
    s.rack_ids = std::move(client_racks);
    return s;
}

Node* pick(const ClusterState& s, const Policy& p, bool is_write, Route& route) {
    Status err;
    return pick_node(s, p, is_write, "test", proto::Digest{}, route, err);
}

Policy with(uint8_t replica, uint8_t read_mode_sc = kReadModeScSession) {
    Policy p;
    p.replica = replica;
    p.read_mode_sc = read_mode_sc;
    return p;
}

TEST(Routing, SequenceReadsMoveOnEveryFailure) {
    ClusterState s = three_replicas(false);
    Route r;
    EXPECT_EQ(pick(s, with(kReplicaSequence), false, r), fake(1));
    r.next(fake(1), true, false);
    EXPECT_EQ(pick(s, with(kReplicaSequence), false, r), fake(2));
    r.next(fake(2), false, false);
    EXPECT_EQ(pick(s, with(kReplicaSequence), false, r), fake(3));
    r.next(fake(3), false, false);
    EXPECT_EQ(pick(s, with(kReplicaSequence), false, r), fake(1));
}

TEST(Routing, MasterAlwaysTheMaster) {
    ClusterState s = three_replicas(false);
    Route r;
    r.next(fake(1), false, false);
    EXPECT_EQ(pick(s, with(kReplicaMaster), false, r), fake(1));
}

TEST(Routing, WritesStayAfterATimeoutAndMoveOtherwise) {
    ClusterState s = three_replicas(false);
    Route r;
    EXPECT_EQ(pick(s, with(kReplicaSequence), true, r), fake(1));
    r.next(fake(1), true, true);
    EXPECT_EQ(pick(s, with(kReplicaSequence), true, r), fake(1));
    r.next(fake(1), false, true);
    EXPECT_EQ(pick(s, with(kReplicaSequence), true, r), fake(2));
    // PREFER_RACK writes go in sequence too.
    Route w;
    EXPECT_EQ(pick(three_replicas(false, {3}), with(kReplicaPreferRack), true, w), fake(1));
}

TEST(Routing, MissingReplicasAreSkipped) {
    ClusterState s = three_replicas(false);
    s.partitions.remove_node(fake(1));
    Route r;
    EXPECT_EQ(pick(s, with(kReplicaSequence), false, r), fake(2));
    Route w;
    EXPECT_EQ(pick(s, with(kReplicaSequence), true, w), fake(2));
    Route m;
    Status err;
    EXPECT_EQ(pick_node(s, with(kReplicaMaster), false, "test", proto::Digest{}, m, err), nullptr);
    EXPECT_EQ(err.code(), kErrInvalidNode);
    EXPECT_EQ(pick_node(s, with(kReplicaMaster), false, "other", proto::Digest{}, m, err), nullptr);
    EXPECT_EQ(err.code(), 20);
}

TEST(Routing, PreferRackReadsTheClientsRackFirst) {
    ClusterState s = three_replicas(false, {2});
    Route r;
    EXPECT_EQ(pick(s, with(kReplicaPreferRack), false, r), fake(2));
    // The node that failed is skipped even on the right rack: another replica serves.
    r.next(fake(2), false, false);
    Node* second = pick(s, with(kReplicaPreferRack), false, r);
    EXPECT_NE(second, fake(2));
    // Racks in order of preference: rack 5 has no node, rack 3 has c.
    ClusterState t = three_replicas(false, {5, 3});
    Route q;
    EXPECT_EQ(pick(t, with(kReplicaPreferRack), false, q), fake(3));
}

TEST(Routing, PreferRackWithoutRacksReadsInSequence) {
    ClusterState s = three_replicas(false);
    Route r;
    EXPECT_EQ(pick(s, with(kReplicaPreferRack), false, r), fake(1));
    r.next(fake(1), false, false);
    EXPECT_EQ(pick(s, with(kReplicaPreferRack), false, r), fake(2));
}

TEST(Routing, PreferRackFallsBackToTheFailedNodeLast) {
    ClusterState s = three_replicas(false, {1});
    NamespacePartitions& ns = s.partitions.namespaces[0];
    ns.columns.resize(1);
    Route r;
    EXPECT_EQ(pick(s, with(kReplicaPreferRack), false, r), fake(1));
    r.next(fake(1), false, false);
    EXPECT_EQ(pick(s, with(kReplicaPreferRack), false, r), fake(1));
}

TEST(Routing, StrongConsistencySessionReadsTheMaster) {
    ClusterState s = three_replicas(true, {2});
    Route r;
    r.next(fake(1), false, false);
    EXPECT_EQ(pick(s, with(kReplicaPreferRack, kReadModeScSession), false, r), fake(1));
    EXPECT_FALSE(r.linearize);
}

TEST(Routing, StrongConsistencyLinearizeStaysAfterATimeout) {
    ClusterState s = three_replicas(true, {2});
    Route r;
    // PREFER_RACK becomes SEQUENCE for linearized reads.
    EXPECT_EQ(pick(s, with(kReplicaPreferRack, kReadModeScLinearize), false, r), fake(1));
    EXPECT_TRUE(r.linearize);
    r.next(fake(1), true, false);
    EXPECT_EQ(pick(s, with(kReplicaPreferRack, kReadModeScLinearize), false, r), fake(1));
    r.next(fake(1), false, false);
    EXPECT_EQ(pick(s, with(kReplicaPreferRack, kReadModeScLinearize), false, r), fake(2));
}

TEST(Routing, StrongConsistencyAllowReplicaFollowsThePolicy) {
    ClusterState s = three_replicas(true, {3});
    Route r;
    EXPECT_EQ(pick(s, with(kReplicaPreferRack, kReadModeScAllowReplica), false, r), fake(3));
    // An AP namespace ignores the SC read mode.
    ClusterState ap = three_replicas(false);
    Route q;
    q.next(fake(1), false, false);
    EXPECT_EQ(pick(ap, with(kReplicaSequence, kReadModeScSession), false, q), fake(2));
}

}  // namespace
}  // namespace aero
