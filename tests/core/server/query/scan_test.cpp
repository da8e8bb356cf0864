// Foreground scans by partition (fact sheet §10): requests built by hand, reply streams decoded.
#include <gtest/gtest.h>

#include <algorithm>
#include <cstring>

#include "core/proto/particle.h"
#include "core/server/cluster.h"
#include "core/server/server_context.h"
#include "tests/core/server/exp/exp_test_util.h"
#include "tests/core/server/query/query_wire.h"

namespace aero::server::test {
namespace {

using namespace aero::proto;
using wire::be64;
using wire::Op;

Digest digest_at(uint32_t pid, uint32_t i) {
    Digest d{};
    d[0] = uint8_t(pid);
    d[1] = uint8_t((pid >> 8) | ((i & 0xF) << 4));
    store_u32(d.data() + 2, i * 2654435761u);
    return d;
}

class ScanTest : public ::testing::Test {
protected:
    ScanTest() : ctx(ServerConfig{}, 3000) {}

    void put(const Digest& d, const std::string& set, std::vector<Bin> bins, std::string key = {}) {
        Namespace& ns = *ctx.storage.find("test");
        Record r;
        r.set_id = *ns.set_id(set, true);
        r.bins = std::move(bins);
        r.key = std::move(key);
        r.generation = 1;
        ns.lock(d).put(std::move(r));
    }

    // 3 records in each of partitions 0..9: sets "a" and "b", bins x (int) and y (string).
    void fill() {
        for (uint32_t pid = 0; pid < 10; pid++)
            for (uint32_t i = 0; i < 3; i++)
                put(digest_at(pid, i), i == 2 ? "b" : "a",
                    {Bin{"x", kParticleInteger, be64(pid * 10 + i)}, Bin{"y", kParticleString, "s"}});
    }

    ServerContext ctx;
};

TEST_F(ScanTest, WholeNamespaceInPartitionThenDescendingDigestOrder) {
    fill();
    QuerySpec s;
    s.pids = all_partitions();
    Stream st = serve(ctx, query_body(s));
    ASSERT_EQ(st.last, 0);
    EXPECT_TRUE(st.partitions_done.empty());
    ASSERT_EQ(st.records.size(), 30u);
    for (size_t i = 1; i < st.records.size(); i++) {
        const Digest& a = *st.records[i - 1].digest;
        const Digest& b = *st.records[i].digest;
        uint32_t pa = partition_id(a.data()), pb = partition_id(b.data());
        EXPECT_TRUE(pa < pb || (pa == pb && std::memcmp(a.data(), b.data(), kDigestSize) > 0));
    }
    const StreamMsg& m = st.records[0];
    EXPECT_EQ(m.h.result_code, 0);
    EXPECT_EQ(m.h.generation, 1u);
    EXPECT_EQ(m.h.info1, 0);
    ASSERT_TRUE(m.set);
    ASSERT_EQ(m.bins.size(), 2u);
    EXPECT_EQ(m.bins[0].op, kOpRead);
    EXPECT_EQ(m.bins[0].name, "x");
    EXPECT_FALSE(m.bval);
}

TEST_F(ScanTest, StartupFailures) {
    fill();
    QuerySpec s;
    s.pids = all_partitions();
    s.h.info3 = 0;  // no PARTITION_DONE: basic_query_job_start() refuses
    EXPECT_EQ(serve(ctx, query_body(s)).bare, 16);
    QuerySpec none;  // neither PID_ARRAY nor DIGEST_ARRAY
    EXPECT_EQ(serve(ctx, query_body(none)).bare, 16);
    QuerySpec dup;
    dup.pids = {3, 3};
    EXPECT_EQ(serve(ctx, query_body(dup)).bare, 4);
    QuerySpec both;  // a partition both in PID_ARRAY and DIGEST_ARRAY
    both.pids = {1};
    both.digests = {digest_at(1, 0)};
    EXPECT_EQ(serve(ctx, query_body(both)).bare, 4);
    QuerySpec write_op;
    write_op.pids = {1};
    write_op.ops = {Op(kOpWrite, "x", kParticleInteger, be64(1))};
    EXPECT_EQ(serve(ctx, query_body(write_op)).bare, 4);
    QuerySpec short_rps;
    short_rps.pids = {1};
    short_rps.h.info1 |= kInfo1ShortQuery;
    short_rps.rps = 10;
    EXPECT_EQ(serve(ctx, query_body(short_rps)).bare, 4);
}

TEST_F(ScanTest, SetAndUnknownSet) {
    fill();
    QuerySpec s;
    s.pids = all_partitions();
    s.set = "b";
    Stream st = serve(ctx, query_body(s));
    EXPECT_EQ(st.records.size(), 10u);
    for (const auto& r : st.records) EXPECT_EQ(r.set, "b");
    s.set = "nope";
    st = serve(ctx, query_body(s));
    EXPECT_EQ(st.last, 0);
    EXPECT_TRUE(st.records.empty());
    EXPECT_TRUE(st.partitions_done.empty());
    s.set = "";  // empty: the whole namespace
    EXPECT_EQ(serve(ctx, query_body(s)).records.size(), 30u);
}

TEST_F(ScanTest, ResumesStrictlyAfterTheDigest) {
    fill();
    QuerySpec first;
    first.pids = {4};
    Stream all = serve(ctx, query_body(first));
    ASSERT_EQ(all.records.size(), 3u);
    QuerySpec resume;
    resume.digests = {*all.records[0].digest};
    Stream rest = serve(ctx, query_body(resume));
    ASSERT_EQ(rest.records.size(), 2u);
    EXPECT_EQ(*rest.records[0].digest, *all.records[1].digest);
    EXPECT_EQ(*rest.records[1].digest, *all.records[2].digest);
}

TEST_F(ScanTest, MaxRecordsStopsTheNode) {
    fill();
    QuerySpec s;
    s.pids = all_partitions();
    s.max_records = 5;
    Stream st = serve(ctx, query_body(s));
    EXPECT_EQ(st.last, 0);
    EXPECT_EQ(st.records.size(), 5u);
    EXPECT_TRUE(st.partitions_done.empty());
}

TEST_F(ScanTest, MetadataOnlyAndProjection) {
    fill();
    put(digest_at(20, 0), "a", {Bin{"z", kParticleInteger, be64(1)}}, std::string(1, char(kParticleString)) + "k1");
    QuerySpec meta;
    meta.pids = all_partitions();
    meta.h.info1 |= kInfo1NoBinData;
    Stream st = serve(ctx, query_body(meta));
    ASSERT_EQ(st.records.size(), 31u);
    for (const auto& r : st.records) {
        EXPECT_EQ(r.h.info1, kInfo1NoBinData);
        EXPECT_TRUE(r.bins.empty());
    }
    EXPECT_EQ(std::count_if(st.records.begin(), st.records.end(), [](const StreamMsg& m) { return m.key.has_value(); }), 1);

    QuerySpec proj;
    proj.pids = all_partitions();
    proj.ops = {Op(kOpRead, "x")};
    st = serve(ctx, query_body(proj));
    // The record without bin x is not returned at all.
    ASSERT_EQ(st.records.size(), 30u);
    for (const auto& r : st.records) {
        ASSERT_EQ(r.bins.size(), 1u);
        EXPECT_EQ(r.bins[0].name, "x");
    }
}

TEST_F(ScanTest, FilterExpression) {
    fill();
    using namespace exp::test;
    QuerySpec s;
    s.pids = all_partitions();
    s.filter = Eq(IntBin("x"), I(42)).bytes;
    Stream st = serve(ctx, query_body(s));
    ASSERT_EQ(st.records.size(), 1u);
    EXPECT_EQ(st.records[0].bins[0].value, be64(42));
    s.filter = std::string("\x93\x01", 2);  // malformed
    EXPECT_EQ(serve(ctx, query_body(s)).bare, 4);
}

TEST_F(ScanTest, ExpiredRecordsAreSkipped) {
    fill();
    Namespace& ns = *ctx.storage.find("test");
    Record r;
    r.bins = {Bin{"x", kParticleInteger, be64(1)}};
    r.void_time = 1;  // long past
    ns.lock(digest_at(30, 0)).put(std::move(r));
    QuerySpec s;
    s.pids = {30};
    EXPECT_TRUE(serve(ctx, query_body(s)).records.empty());
}

TEST_F(ScanTest, LargeScanComesInChunks) {
    std::string big(4000, 'v');
    for (uint32_t i = 0; i < 600; i++) put(digest_at(i % 4096, i), "", {Bin{"b", kParticleString, big}});
    QuerySpec s;
    s.pids = all_partitions();
    Stream st = serve(ctx, query_body(s));
    EXPECT_EQ(st.records.size(), 600u);
    EXPECT_GE(st.n_protos, 3u);  // two ~1 MiB chunks, the rest, and LAST in a proto of its own
    EXPECT_EQ(st.last, 0);
}

TEST_F(ScanTest, ListedInQueryShow) {
    fill();
    QuerySpec s;
    s.pids = {1, 2};
    s.trid = 4242;
    serve(ctx, query_body(s));
    auto job = ctx.jobs.find(4242);
    ASSERT_TRUE(job);
    EXPECT_NE(job->info().find("trid=4242:ns=test:n-pids-requested=2:n-keyds-requested=0:rps=0"), std::string::npos);
    EXPECT_NE(job->info().find(":status=done(ok):job-progress=100.00:"), std::string::npos);
    EXPECT_NE(job->info().find(":recs-succeeded=6:recs-failed=0:"), std::string::npos);
    // A trid still listed is refused.
    EXPECT_EQ(serve(ctx, query_body(s)).bare, 4);
}

TEST(ClusterScanTest, PartitionsOfOtherNodesAreUnavailable) {
    ServerConfig cfg;
    cfg.nodes = 2;
    cfg.port = 0;  // a free port: a real server may hold 3000
    Cluster cluster(cfg);
    ASSERT_TRUE(cluster.start().is_ok());
    ServerContext& node0 = cluster.node(0).context();
    auto table = node0.view().table;
    size_t foreign = 0;
    for (uint32_t pid = 0; pid < kPartitions; pid++) foreign += !table->holds(node0.node_id, pid);
    QuerySpec s;
    s.pids = all_partitions();
    Stream st = serve(node0, query_body(s));
    EXPECT_EQ(st.last, 0);
    ASSERT_EQ(st.partitions_done.size(), foreign);
    for (auto [pid, result] : st.partitions_done) {
        EXPECT_FALSE(table->holds(node0.node_id, pid));
        EXPECT_EQ(result, 11);
    }
    cluster.stop();
}

}  // namespace
}  // namespace aero::server::test
