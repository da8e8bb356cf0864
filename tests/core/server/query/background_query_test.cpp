// Background ops queries (fact sheet §10.5) and the job commands query-show / query-abort.
#include <gtest/gtest.h>

#include <chrono>
#include <thread>

#include "core/proto/particle.h"
#include "core/server/info_handler.h"
#include "core/server/server_context.h"
#include "tests/core/server/query/query_wire.h"

namespace aero::server::test {
namespace {

using namespace aero::proto;
using wire::be64;
using wire::Op;

class BackgroundQueryTest : public ::testing::Test {
protected:
    BackgroundQueryTest() : ctx(ServerConfig{}, 3000) {
        Namespace& ns = *ctx.storage.find("test");
        for (uint32_t i = 0; i < 50; i++) {
            Digest d{};
            store_u32(d.data(), i * 2654435761u);
            Record r;
            r.set_id = *ns.set_id(i < 40 ? "demo" : "other", true);
            r.bins = {Bin{"n", kParticleInteger, be64(i)}};
            r.generation = 1;
            ns.lock(d).put(std::move(r));
        }
    }

    std::string info(const std::string& cmd) {
        std::string out = handle_info(ctx, cmd + "\n");
        return out.substr(cmd.size() + 1, out.size() - cmd.size() - 2);
    }

    QuerySpec write_job(uint64_t trid) {
        QuerySpec s;
        s.h = MsgHeader{};
        s.h.info2 = kInfo2Write;
        s.set = "demo";
        s.trid = trid;
        s.ops = {Op(kOpWrite, "w", kParticleInteger, be64(1))};
        return s;
    }

    void wait_done(uint64_t trid) {
        for (int i = 0; i < 500 && info("query-show:id=" + std::to_string(trid)).find("status=active") != std::string::npos; i++)
            std::this_thread::sleep_for(std::chrono::milliseconds(10));
    }

    size_t count_with(const std::string& bin) {
        size_t n = 0;
        ctx.storage.find("test")->for_each([&](const Digest&, const Record& r) { n += r.find_bin(bin) != nullptr; });
        return n;
    }

    ServerContext ctx;
};

TEST_F(BackgroundQueryTest, WritesEveryRecordOfTheSetAndReportsTheJob) {
    Stream st = serve(ctx, query_body(write_job(501)));
    EXPECT_EQ(st.last, 0);
    EXPECT_TRUE(st.records.empty());
    wait_done(501);
    EXPECT_EQ(count_with("w"), 40u);
    std::string show = info("query-show:id=501");
    EXPECT_NE(show.find("trid=501:ns=test:set=demo:rps=10000:"), std::string::npos) << show;
    EXPECT_NE(show.find(":status=done(ok):job-progress=100.00:"), std::string::npos) << show;
    EXPECT_NE(show.find(":recs-succeeded=40:recs-failed=0:"), std::string::npos) << show;
    EXPECT_NE(show.find(":job-type=background-ops:"), std::string::npos) << show;
    EXPECT_EQ(info("query-abort:id=501"), "ERROR:2:id not active");
    EXPECT_EQ(info("query-show:id=999"), "ERROR:2:job not found");
    EXPECT_EQ(info("query-show:id=abc"), "ERROR:4:bad id");
    EXPECT_EQ(info("query-abort"), "ERROR:4:missing 'id'");
}

TEST_F(BackgroundQueryTest, FilterAndRefusals) {
    QuerySpec s = write_job(502);
    s.filter = std::string("\x93\x04\x93\x51\x02\xa1\x6e\x1e", 8);  // n >= 30 (GE, int bin "n")
    EXPECT_EQ(serve(ctx, query_body(s)).last, 0);
    wait_done(502);
    EXPECT_EQ(count_with("w"), 10u);
    EXPECT_NE(info("query-show:id=502").find(":recs-filtered-bins=30:recs-succeeded=10:"), std::string::npos);

    QuerySpec read = write_job(503);
    read.h.info1 = kInfo1Read;
    EXPECT_EQ(serve(ctx, query_body(read)).bare, 4);
    QuerySpec short_job = write_job(504);
    short_job.h.info1 = kInfo1ShortQuery;
    EXPECT_EQ(serve(ctx, query_body(short_job)).bare, 4);
    QuerySpec unknown_set = write_job(505);
    unknown_set.set = "nope";
    EXPECT_EQ(serve(ctx, query_body(unknown_set)).bare, 2);
    QuerySpec fast = write_job(506);
    fast.rps = 10001;
    EXPECT_EQ(serve(ctx, query_body(fast)).bare, 4);
}

TEST_F(BackgroundQueryTest, ThroughAnIndex) {
    ASSERT_EQ(info("sindex-create:namespace=test;indexname=by_n;bin=n;type=numeric"), "ok");
    QuerySpec s = write_job(507);
    s.range = int_range("n", 0, 4);
    EXPECT_EQ(serve(ctx, query_body(s)).last, 0);
    wait_done(507);
    EXPECT_EQ(count_with("w"), 5u);
    EXPECT_NE(info("query-show:id=507").find(":sindex-name=by_n:"), std::string::npos);
}

}  // namespace
}  // namespace aero::server::test
