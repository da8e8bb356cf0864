// Secondary indexes: the sindex info commands, index queries over the wire (fact sheet §2.4,
// §10.2) and indexes kept up to date by storage changes.
#include <gtest/gtest.h>

#include <openssl/evp.h>

#include "core/proto/msgpack.h"
#include "core/proto/particle.h"
#include "core/server/geo/geo.h"
#include "core/server/info_handler.h"
#include "core/server/server_context.h"
#include "tests/core/server/query/query_wire.h"

namespace aero::server::test {
namespace {

using namespace aero::proto;
using wire::be64;

Digest digest_at(uint32_t i) {
    Digest d{};
    store_u32(d.data(), i * 2654435761u);
    d[19] = uint8_t(i);
    return d;
}

std::string b64(const std::string& bytes) {
    std::string out(4 * ((bytes.size() + 2) / 3), '\0');
    EVP_EncodeBlock(reinterpret_cast<unsigned char*>(out.data()), reinterpret_cast<const unsigned char*>(bytes.data()),
                    int(bytes.size()));
    return out;
}

class SindexTest : public ::testing::Test {
protected:
    SindexTest() : ctx(ServerConfig{}, 3000) {}

    std::string info(const std::string& cmd) {
        std::string out = handle_info(ctx, cmd + "\n");
        return out.substr(cmd.size() + 1, out.size() - cmd.size() - 2);
    }

    void put(uint32_t i, std::vector<Bin> bins, const std::string& set = "demo") {
        Namespace& ns = *ctx.storage.find("test");
        Record r;
        r.set_id = *ns.set_id(set, true);
        r.bins = std::move(bins);
        r.generation = 1;
        ns.lock(digest_at(i)).put(std::move(r));
    }

    Stream query(const std::string& range, std::optional<uint8_t> itype = {}) {
        QuerySpec s;
        s.pids = all_partitions();
        s.range = range;
        s.index_type = itype;
        return serve(ctx, query_body(s));
    }

    ServerContext ctx;
};

std::string str_list(std::initializer_list<const char*> items) {
    Buffer b;
    msgpack::pack_array_header(b, uint32_t(items.size()));
    for (const char* s : items) {
        std::string v = std::string(1, char(kParticleString)) + s;
        msgpack::pack_str(b, v);
    }
    return std::string(b.begin(), b.end());
}

TEST_F(SindexTest, CreateListExistsStatDelete) {
    EXPECT_EQ(info("sindex-create:namespace=test;set=demo;indexname=by_n;bin=n;type=numeric"), "ok");
    EXPECT_EQ(info("sindex-create:namespace=test;set=demo;indexname=by_n;bin=n;type=NUMERIC"), "ok");
    EXPECT_EQ(info("sindex-create:namespace=test;set=demo;indexname=by_n;bin=s;type=string"),
              "ERROR:200:'indexname' already exists with different definition");
    EXPECT_EQ(info("sindex-create:ns=test;indexname=by_s;indexdata=s,STRING"), "ok");
    EXPECT_EQ(info("sindex-list:namespace=test"),
              "ns=test:indexname=by_n:set=demo:bin=n:type=numeric:indextype=default:context=null:exp=null:state=RW;"
              "ns=test:indexname=by_s:set=null:bin=s:type=string:indextype=default:context=null:exp=null:state=RW");
    EXPECT_EQ(info("sindex-exists:namespace=test;indexname=by_n"), "true");
    EXPECT_EQ(info("sindex-exists:namespace=test;indexname=nope"), "false");
    EXPECT_EQ(info("sindex-exists:namespace=nope;indexname=by_n"), "ERROR:20:namespace not found on node");
    put(1, {Bin{"n", kParticleInteger, be64(5)}});
    EXPECT_EQ(info("sindex-stat:namespace=test;indexname=by_n"),
              "entries=1;used_bytes=14;entries_per_bval=1;entries_per_rec=1;load_pct=100;load_time=0;stat_gc_recs=0");
    EXPECT_EQ(info("sindex/test/by_n"), info("sindex-stat:namespace=test;indexname=by_n"));
    EXPECT_EQ(info("sindex-stat:namespace=test;indexname=nope"), "ERROR:201:no index");
    EXPECT_EQ(info("sindex-create:namespace=test;indexname=x;bin=n"), "ERROR:4:both 'indexdata' and 'type' are missing");
    EXPECT_EQ(info("sindex-create:namespace=test;indexname=x;bin=n;type=integer"),
              "ERROR:4:bad 'type' - must be one of 'numeric', 'string', 'blob', 'geo2dsphere'");
    EXPECT_EQ(info("sindex-create:namespace=test;bin=n;type=numeric"), "ERROR:4:missing 'indexname'");
    EXPECT_EQ(info("sindex-create:indexname=x;bin=n;type=numeric"), "ERROR:20:missing 'namespace'");
    EXPECT_EQ(info("sindex-delete:namespace=test;indexname=nope"), "ok");
    EXPECT_EQ(info("sindex-delete:namespace=test;indexname=by_n"), "ok");
    EXPECT_EQ(info("sindex-exists:namespace=test;indexname=by_n"), "false");
}

TEST_F(SindexTest, SameDefinitionUnderANewNameRenames) {
    EXPECT_EQ(info("sindex-create:namespace=test;indexname=a;bin=n;type=numeric"), "ok");
    EXPECT_EQ(info("sindex-create:namespace=test;indexname=b;bin=n;type=numeric"), "ok");
    EXPECT_EQ(info("sindex-exists:namespace=test;indexname=a"), "false");
    EXPECT_EQ(info("sindex-exists:namespace=test;indexname=b"), "true");
}

TEST_F(SindexTest, IntegerRangeAndKeepingUpToDate) {
    for (uint32_t i = 0; i < 20; i++) put(i, {Bin{"n", kParticleInteger, be64(i)}});
    ASSERT_EQ(info("sindex-create:namespace=test;indexname=by_n;bin=n;type=numeric"), "ok");
    Stream st = query(int_range("n", 5, 9));
    ASSERT_EQ(st.last, 0);
    ASSERT_EQ(st.records.size(), 5u);
    for (const auto& r : st.records) {
        ASSERT_TRUE(r.bval);
        EXPECT_EQ(r.bins[0].value, be64(*r.bval));
    }
    put(5, {Bin{"n", kParticleInteger, be64(100)}});  // moves out of the range
    ctx.storage.find("test")->lock(digest_at(6)).erase();
    EXPECT_EQ(query(int_range("n", 5, 9)).records.size(), 3u);
    EXPECT_EQ(query(int_range("n", 100, 100)).records.size(), 1u);
    ctx.storage.find("test")->truncate(std::nullopt, UINT64_MAX);
    EXPECT_TRUE(query(int_range("n", 0, 1000)).records.empty());
    EXPECT_EQ(info("sindex-stat:namespace=test;indexname=by_n").substr(0, 10), "entries=0;");
}

TEST_F(SindexTest, QueryWithoutIndexIs201AndResumes) {
    for (uint32_t i = 0; i < 10; i++) put(i, {Bin{"n", kParticleInteger, be64(7)}});
    EXPECT_EQ(query(int_range("n", 0, 9)).bare, 201);
    ASSERT_EQ(info("sindex-create:namespace=test;indexname=by_n;bin=n;type=numeric"), "ok");
    Stream all = query(int_range("n", 0, 9));
    ASSERT_EQ(all.records.size(), 10u);
    // Resume one partition after its first record.
    const StreamMsg& first = all.records[0];
    QuerySpec s;
    s.range = int_range("n", 0, 9);
    s.digests = {*first.digest};
    s.bvals = {*first.bval};
    Stream rest = serve(ctx, query_body(s));
    for (const auto& r : rest.records) EXPECT_NE(*r.digest, *first.digest);
    QuerySpec no_bval = s;
    no_bval.bvals.clear();
    EXPECT_EQ(serve(ctx, query_body(no_bval)).bare, 4);
}

TEST_F(SindexTest, StringListMapAndByName) {
    put(1, {Bin{"s", kParticleString, "red"}, Bin{"l", kParticleList, str_list({"a", "b"})}});
    put(2, {Bin{"s", kParticleString, "blue"}, Bin{"l", kParticleList, str_list({"b", "c"})}});
    ASSERT_EQ(info("sindex-create:namespace=test;indexname=by_s;bin=s;type=string"), "ok");
    ASSERT_EQ(info("sindex-create:namespace=test;indexname=by_l;bin=l;type=string;indextype=list"), "ok");
    EXPECT_EQ(query(value_range("s", kParticleString, "red")).records.size(), 1u);
    EXPECT_EQ(query(value_range("l", kParticleString, "b"), 1).records.size(), 2u);
    EXPECT_EQ(query(value_range("l", kParticleString, "c"), 1).records.size(), 1u);
    // The collection type must match the index's.
    EXPECT_EQ(query(value_range("l", kParticleString, "b")).bare, 201);
    QuerySpec by_name;
    by_name.pids = all_partitions();
    by_name.index_name = "by_s";
    by_name.range = value_range("", kParticleString, "blue");
    EXPECT_EQ(serve(ctx, query_body(by_name)).records.size(), 1u);
}

TEST_F(SindexTest, ListRangeReturnsARecordOncePerBurst) {
    Buffer b;
    msgpack::pack_array_header(b, 3);
    for (int v : {1, 2, 3}) msgpack::pack_int(b, v);
    put(1, {Bin{"l", kParticleList, std::string(b.begin(), b.end())}});
    ASSERT_EQ(info("sindex-create:namespace=test;indexname=by_l;bin=l;type=numeric;indextype=list"), "ok");
    EXPECT_EQ(query(int_range("l", 1, 3), 1).records.size(), 1u);
    EXPECT_EQ(query(int_range("l", 2, 2), 1).records.size(), 1u);
}

TEST_F(SindexTest, ContextIndex) {
    // {"k": 5}: index the value under key "k".
    Buffer m;
    msgpack::pack_map_header(m, 1);
    msgpack::pack_str(m, std::string(1, char(kParticleString)) + "k");
    msgpack::pack_int(m, 5);
    put(1, {Bin{"m", kParticleMap, std::string(m.begin(), m.end())}});
    Buffer ctx_list;
    msgpack::pack_array_header(ctx_list, 2);
    msgpack::pack_int(ctx_list, 0x22);
    msgpack::pack_str(ctx_list, std::string(1, char(kParticleString)) + "k");
    std::string cbytes(ctx_list.begin(), ctx_list.end());
    ASSERT_EQ(info("sindex-create:namespace=test;indexname=by_k;bin=m;type=numeric;context=" + b64(cbytes)), "ok");
    QuerySpec s;
    s.pids = all_partitions();
    s.range = int_range("m", 5, 5);
    s.index_context = cbytes;
    EXPECT_EQ(serve(ctx, query_body(s)).records.size(), 1u);
    EXPECT_EQ(info("sindex-create:namespace=test;indexname=bad;bin=m;type=numeric;context=!!!!"),
              "ERROR:4:'context' invalid base64");
}

TEST_F(SindexTest, GeoPointsWithinRegion) {
    std::string inside, outside;
    ASSERT_TRUE(geo::make_particle(R"({"type":"Point","coordinates":[10.0,10.0]})", inside));
    ASSERT_TRUE(geo::make_particle(R"({"type":"Point","coordinates":[50.0,50.0]})", outside));
    put(1, {Bin{"g", kParticleGeoJson, inside}});
    put(2, {Bin{"g", kParticleGeoJson, outside}});
    ASSERT_EQ(info("sindex-create:namespace=test;indexname=by_g;bin=g;type=geo2dsphere"), "ok");
    std::string region = R"({"type":"AeroCircle","coordinates":[[10.0,10.0],1000]})";
    Stream st = query(value_range("g", kParticleGeoJson, region));
    ASSERT_EQ(st.records.size(), 1u);
    EXPECT_EQ(*st.records[0].digest, digest_at(1));
}

}  // namespace
}  // namespace aero::server::test
