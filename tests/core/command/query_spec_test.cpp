#include "core/command/query_spec.h"

#include <gtest/gtest.h>

#include <map>

#include "core/proto/message.h"
#include "core/proto/msgpack.h"
#include "core/proto/particle.h"
#include "tests/core/command/wire.h"

namespace aero {
namespace {

namespace mp = proto::msgpack;
using test::fields_of;

// A spec map from (key, packer) pairs.
template <typename... Kv>
proto::Buffer spec(Kv... kv) {
    proto::Buffer b;
    mp::pack_map_header(b, sizeof...(kv));
    (kv(b), ...);
    return b;
}

auto str(const char* k, const char* v) {
    return [=](proto::Buffer& b) { mp::pack_str(b, k); mp::pack_str(b, v); };
}
auto num(const char* k, int64_t v) {
    return [=](proto::Buffer& b) { mp::pack_str(b, k); mp::pack_int(b, v); };
}

Status parse(const proto::Buffer& b, QuerySpec& q) { return parse_query_spec(b.data(), b.size(), q); }

TEST(QuerySpec, DefaultsToEveryPartition) {
    QuerySpec q;
    ASSERT_TRUE(parse(spec(str("ns", "test")), q).is_ok());
    EXPECT_EQ(q.partitions.size(), 4096u);
    EXPECT_TRUE(q.all_bins);
    EXPECT_EQ(q.record_queue_size, 1024u);
}

TEST(QuerySpec, RefusesBadInput) {
    QuerySpec q;
    EXPECT_EQ(parse(spec(str("set", "s")), q).code(), kErrParam);                          // no namespace
    EXPECT_EQ(parse(spec(str("ns", "test"), num("colour", 1)), q).code(), kErrParam);     // unknown key
    EXPECT_EQ(parse(spec(str("ns", "test"), num("record_queue_size", 0)), q).code(), kErrParam);
    EXPECT_EQ(parse(spec(str("ns", "test"), num("expected_duration", 3)), q).code(), kErrParam);
    EXPECT_EQ(parse(spec(str("ns", "test"), num("max_records", -1)), q).code(), kErrParam);
    EXPECT_EQ(parse(spec(str("ns", "test"), num("expected_duration", 1), num("records_per_second", 5)), q).code(),
              kErrParam);
    auto range = [](int64_t begin, int64_t count) {
        return [=](proto::Buffer& b) {
            mp::pack_str(b, "partitions");
            mp::pack_array_header(b, 2);
            mp::pack_int(b, begin);
            mp::pack_int(b, count);
        };
    };
    EXPECT_TRUE(parse(spec(str("ns", "test"), range(4000, 96)), q).is_ok());
    EXPECT_EQ(q.partitions.size(), 96u);
    EXPECT_EQ(parse(spec(str("ns", "test"), range(4000, 97)), q).code(), kErrParam);
    EXPECT_EQ(parse(spec(str("ns", "test"), range(4096, 0)), q).code(), kErrParam);
    auto where = [](int64_t begin, int64_t end) {
        return [=](proto::Buffer& b) {
            mp::pack_str(b, "where");
            mp::pack_map_header(b, 3);
            mp::pack_str(b, "bin");
            mp::pack_str(b, "a");
            mp::pack_str(b, "begin");
            mp::pack_int(b, begin);
            mp::pack_str(b, "end");
            mp::pack_int(b, end);
        };
    };
    EXPECT_TRUE(parse(spec(str("ns", "test"), where(-3, 3)), q).is_ok());
    EXPECT_EQ(parse(spec(str("ns", "test"), where(3, -3)), q).code(), kErrParam);
}

TEST(QuerySpec, ResumesFromAStatus) {
    QuerySpec q;
    ASSERT_TRUE(parse(spec(str("ns", "test")), q).is_ok());
    q.partitions[5].done = true;
    q.partitions[6].has_digest = true;
    q.partitions[6].digest[0] = 6;
    q.partitions[6].bval = -9;
    proto::Buffer saved;
    write_partition_status(saved, q.partitions);
    proto::Buffer again;
    mp::pack_map_header(again, 2);
    mp::pack_str(again, "ns");
    mp::pack_str(again, "test");
    mp::pack_str(again, "status");
    again.insert(again.end(), saved.begin(), saved.end());
    QuerySpec r;
    ASSERT_TRUE(parse(again, r).is_ok());
    ASSERT_EQ(r.partitions.size(), 4096u);
    EXPECT_TRUE(r.partitions[5].done && !r.partitions[5].retry);
    EXPECT_TRUE(r.partitions[6].has_digest && r.partitions[6].digest[0] == 6 && r.partitions[6].bval == -9);
    EXPECT_TRUE(r.partitions[7].retry && !r.partitions[7].has_digest);
}

TEST(QuerySpec, RequestCarriesPartitionsDigestsAndTheRange) {
    proto::Buffer b;
    mp::pack_map_header(b, 4);
    mp::pack_str(b, "ns");
    mp::pack_str(b, "test");
    mp::pack_str(b, "set");
    mp::pack_str(b, "demo");
    mp::pack_str(b, "bins");
    mp::pack_array_header(b, 1);
    mp::pack_str(b, "x");
    mp::pack_str(b, "where");
    mp::pack_map_header(b, 3);
    mp::pack_str(b, "bin");
    mp::pack_str(b, "age");
    mp::pack_str(b, "begin");
    mp::pack_int(b, 18);
    mp::pack_str(b, "end");
    mp::pack_int(b, 65);
    QuerySpec q;
    ASSERT_TRUE(parse(b, q).is_ok());
    q.partitions[1].has_digest = true;
    q.partitions[1].digest.fill(0xab);
    q.partitions[1].bval = 0x0102;
    std::vector<const PartitionStatus*> parts = {&q.partitions[0], &q.partitions[1], &q.partitions[258]};
    Policy p;
    p.total_timeout_ms = 5000;
    p.socket_timeout_ms = 700;
    proto::Buffer out;
    ASSERT_TRUE(build_query_request(out, q, p, 0x1122334455667788ull, parts, 10).is_ok());
    proto::MsgHeader h;
    auto f = fields_of(out, h);
    EXPECT_EQ(h.info1, proto::kInfo1Read);  // named bins: no GET_ALL
    EXPECT_EQ(h.info3 & proto::kInfo3PartitionDone, proto::kInfo3PartitionDone);
    EXPECT_EQ(h.transaction_ttl, 5000u);
    EXPECT_EQ(h.n_ops, 1);
    EXPECT_EQ(f[proto::kFieldPidArray], (std::vector<uint8_t>{0, 0, 2, 1}));  // u16 LE: 0 and 258
    EXPECT_EQ(f[proto::kFieldDigestArray], std::vector<uint8_t>(20, 0xab));
    EXPECT_EQ(f[proto::kFieldBvalArray], (std::vector<uint8_t>{2, 1, 0, 0, 0, 0, 0, 0}));  // i64 LE
    EXPECT_EQ(f[proto::kFieldMaxRecords], (std::vector<uint8_t>{0, 0, 0, 0, 0, 0, 0, 10}));
    EXPECT_EQ(f[proto::kFieldQueryId], (std::vector<uint8_t>{0x11, 0x22, 0x33, 0x44, 0x55, 0x66, 0x77, 0x88}));
    EXPECT_EQ(f[proto::kFieldSocketTimeout], (std::vector<uint8_t>{0, 0, 0x02, 0xbc}));
    std::vector<uint8_t> range = {1, 3, 'a', 'g', 'e', proto::kParticleInteger, 0, 0, 0, 8, 0, 0, 0, 0, 0, 0, 0, 18,
                                  0, 0, 0, 8, 0, 0, 0, 0, 0, 0, 0, 65};
    EXPECT_EQ(f[proto::kFieldIndexRange], range);
    EXPECT_EQ(f.count(proto::kFieldIndexType), 0u);  // default collection: no field
    EXPECT_EQ(f.count(proto::kFieldRecordsPerSecond), 0u);
}

TEST(QuerySpec, ScanWithoutBinsAsksForMetadataOnly) {
    proto::Buffer b;
    mp::pack_map_header(b, 2);
    mp::pack_str(b, "ns");
    mp::pack_str(b, "test");
    mp::pack_str(b, "no_bins");
    mp::pack_bool(b, true);
    QuerySpec q;
    ASSERT_TRUE(parse(b, q).is_ok());
    std::vector<const PartitionStatus*> parts = {&q.partitions[7]};
    proto::Buffer out;
    ASSERT_TRUE(build_query_request(out, q, Policy(), 1, parts, 0).is_ok());
    proto::MsgHeader h;
    auto f = fields_of(out, h);
    EXPECT_EQ(h.info1, proto::kInfo1Read | proto::kInfo1NoBinData);
    EXPECT_EQ(h.n_ops, 0);
    EXPECT_EQ(f.count(proto::kFieldMaxRecords), 0u);
    EXPECT_EQ(f.count(proto::kFieldIndexRange), 0u);
    EXPECT_EQ(f[proto::kFieldPidArray], (std::vector<uint8_t>{7, 0}));
}

}  // namespace
}  // namespace aero
