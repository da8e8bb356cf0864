// Strong consistency (--strong-consistency) on a local cluster: the regime in `replicas`, and
// where reads run by read mode, as the per-namespace counters show.
#include <gtest/gtest.h>

#include "core/server/cluster_routing.h"
#include "tests/core/server/cluster_fixture.h"

namespace aero::server::test {
namespace {

using namespace aero::proto;

constexpr uint8_t kSession = 0, kLinearize = kInfo3ScReadType, kAllowReplica = kInfo3ScReadRelax,
                  kAllowUnavailable = kInfo3ScReadRelax | kInfo3ScReadType;

class ScTest : public ClusterTest {
protected:
    // Three nodes keeping two copies; `pid`'s master, replica and the node without a copy.
    void start(bool strong_consistency) {
        ServerConfig cfg;
        cfg.nodes = 3;
        cfg.replication_factor = 2;
        cfg.strong_consistency = strong_consistency;
        ClusterTest::start(cfg);
        master = owner(pid);
        replica = owner(pid, 1);
        outsider = 3 - master - replica;
        ASSERT_EQ(put(port(master), d, 7), 0);
    }
    // Reads d at node `at` with an SC read mode; true when it returned the value written.
    bool read_at(size_t at, uint8_t mode) { return get(port(at), d, mode).value == 7; }
    // Runs a read of d as a batch row received by node `at`, straight through the routing.
    uint8_t batch_row_read_at(size_t at, uint8_t mode) {
        Buffer msg;
        MessageWriter w(msg);
        MsgHeader h;
        h.info1 = kInfo1Read | kInfo1GetAll;
        h.info3 = mode;
        w.begin(h);
        w.field(kFieldNamespace, "test");
        w.field(kFieldDigest, d.data(), d.size());
        w.finish();
        Request req;
        EXPECT_TRUE(parse_request(msg.data() + kProtoHeaderSize, msg.size() - kProtoHeaderSize, req).is_ok());
        Buffer out;
        Response resp(out);
        RwContext row{req, *ctx(at).storage.find("test"), d, Origin::batch_sub};
        run_routed_record_command(*cluster, ctx(at), row, resp);
        return resp.result();
    }

    const uint32_t pid = 42;
    const Digest d = digest_in(pid, 1);
    size_t master = 0, replica = 0, outsider = 0;
};

TEST_F(ScTest, ReplicasReportAGrowingRegime) {
    start(true);
    uint64_t regime = replicas_of(port(0)).regime;
    EXPECT_NE(regime, 0u);
    for (size_t n = 0; n < 3; n++) {
        EXPECT_EQ(replicas_of(port(n)).regime, regime);
        EXPECT_EQ(info_field(ask_info(port(n), "namespace/test"), "strong-consistency"), "true");
    }
    EXPECT_EQ(ask_info(port(0), "replicas-all").rfind("test:2,", 0), 0u);  // no regime there
    ASSERT_EQ(ask_info(port(0), "cluster-stop-node:port=" + std::to_string(port(2))), "ok");
    EXPECT_GT(replicas_of(port(0)).regime, regime);
    uint64_t stopped = replicas_of(port(0)).regime;
    ASSERT_EQ(ask_info(port(0), "cluster-start-node:port=" + std::to_string(port(2))), "ok");
    EXPECT_GT(replicas_of(port(2)).regime, stopped);
}

TEST_F(ScTest, ApNamespacesReportRegimeZero) {
    start(false);
    EXPECT_EQ(replicas_of(port(master)).regime, 0u);
    EXPECT_EQ(info_field(ask_info(port(master), "namespace/test"), "strong-consistency"), "false");
}

TEST_F(ScTest, StrictReadsAtAReplicaRunOnTheMaster) {
    start(true);
    for (uint8_t mode : {kSession, kLinearize}) {
        uint64_t proxied = ns_stat(replica, "client_proxy_complete");
        uint64_t on_master = ns_stat(master, "from_proxy_read_success");
        ASSERT_TRUE(read_at(replica, mode));
        EXPECT_EQ(ns_stat(replica, "client_proxy_complete"), proxied + 1) << int(mode);
        EXPECT_EQ(ns_stat(master, "from_proxy_read_success"), on_master + 1) << int(mode);
        EXPECT_EQ(ns_stat(replica, "client_read_success"), 0u);
    }
    // The node-wide counter counts them too.
    EXPECT_EQ(info_field(ask_info(port(replica), "statistics"), "client_proxy_complete"), "2");
    // At the master the read is its own.
    ASSERT_TRUE(read_at(master, kSession));
    EXPECT_EQ(ns_stat(master, "client_read_success"), 1u);
    EXPECT_EQ(ns_stat(master, "client_proxy_complete"), 0u);
}

TEST_F(ScTest, RelaxedReadsAtAReplicaReadItsCopy) {
    start(true);
    for (uint8_t mode : {kAllowReplica, kAllowUnavailable}) ASSERT_TRUE(read_at(replica, mode));
    EXPECT_EQ(ns_stat(replica, "client_read_success"), 2u);
    EXPECT_EQ(ns_stat(replica, "client_proxy_complete"), 0u);
    EXPECT_EQ(ns_stat(master, "from_proxy_read_success"), 0u);
    // A node without a copy has nothing to relax to.
    ASSERT_TRUE(read_at(outsider, kAllowReplica));
    EXPECT_EQ(ns_stat(outsider, "client_proxy_complete"), 1u);
    EXPECT_EQ(ns_stat(master, "from_proxy_read_success"), 1u);
}

TEST_F(ScTest, BatchRowsFollowTheSameRulesAndCountAsBatchRows) {
    start(true);
    ASSERT_EQ(batch_row_read_at(replica, kSession), 0);
    EXPECT_EQ(ns_stat(replica, "batch_sub_proxy_complete"), 1u);
    EXPECT_EQ(ns_stat(master, "from_proxy_batch_sub_read_success"), 1u);
    ASSERT_EQ(batch_row_read_at(replica, kAllowReplica), 0);
    EXPECT_EQ(ns_stat(replica, "batch_sub_read_success"), 1u);
    EXPECT_EQ(ns_stat(replica, "batch_sub_proxy_complete"), 1u);
    EXPECT_EQ(ns_stat(replica, "client_proxy_complete"), 0u);
}

TEST_F(ScTest, ApNamespacesIgnoreTheScReadBits) {
    start(false);
    for (uint8_t mode : {kSession, kLinearize, kAllowReplica, kAllowUnavailable}) ASSERT_TRUE(read_at(replica, mode));
    EXPECT_EQ(ns_stat(replica, "client_read_success"), 4u);
    EXPECT_EQ(ns_stat(replica, "client_proxy_complete"), 0u);
    EXPECT_EQ(ns_stat(master, "from_proxy_read_success"), 0u);
}

}  // namespace
}  // namespace aero::server::test
