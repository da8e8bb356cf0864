#include <gtest/gtest.h>

#include "core/command/batch.h"
#include "core/proto/msgpack.h"

namespace aero {
namespace {

namespace mp = proto::msgpack;

void pack_key_head(proto::Buffer& b) {
    mp::pack_array_header(b, 3);
    mp::pack_str(b, "test");
    mp::pack_str(b, "s");
}

// A row's array header, its key's head and the header of a run of `n` user keys.
void pack_run_head(proto::Buffer& b, uint32_t n) {
    mp::pack_array_header(b, 3);
    pack_key_head(b);
    mp::pack_array_header(b, n);
}

void pack_read_rest(proto::Buffer& b) {
    mp::pack_int(b, kBatchRead);
    mp::pack_array_header(b, 1);
    mp::pack_str(b, "a");
}

// Rows 0-2 read bin "a" of user keys 1, "k", 3; row 3 writes {"a": 1} to user key 9. As a
// run of three keys and a plain row, or as four plain rows.
proto::Buffer batch(bool as_run) {
    proto::Buffer b;
    mp::pack_array_header(b, as_run ? 2 : 4);
    if (as_run) {
        pack_run_head(b, 3);
        mp::pack_int(b, 1);
        mp::pack_str(b, "k");
        mp::pack_int(b, 3);
        pack_read_rest(b);
    } else {
        for (int i = 0; i < 3; i++) {
            mp::pack_array_header(b, 3);
            pack_key_head(b);
            if (i == 1) mp::pack_str(b, "k");
            else mp::pack_int(b, i + 1);
            pack_read_rest(b);
        }
    }
    mp::pack_array_header(b, 3);
    pack_key_head(b);
    mp::pack_int(b, 9);
    mp::pack_int(b, kBatchWrite);
    mp::pack_map_header(b, 1);
    mp::pack_str(b, "a");
    mp::pack_int(b, 1);
    return b;
}

Status parse(BatchJob& job, const proto::Buffer& b) { return job.parse(b.data(), b.size(), Policy()); }

// A run stands for one row per user key: the same keys, digests, kinds and node requests as
// the rows written out one by one.
TEST(BatchParse, RunOfKeysIsOneRowPerUserKey) {
    BatchJob run, plain;
    ASSERT_TRUE(parse(run, batch(true)).is_ok());
    ASSERT_TRUE(parse(plain, batch(false)).is_ok());
    ASSERT_EQ(run.rows().size(), 4u);
    ASSERT_EQ(plain.rows().size(), 4u);
    for (size_t i = 0; i < 4; i++) {
        const BatchRow& a = run.rows()[i];
        const BatchRow& b = plain.rows()[i];
        EXPECT_EQ(a.key.digest, b.key.digest) << i;
        EXPECT_EQ(a.key.key_type, b.key.key_type) << i;
        EXPECT_EQ(std::string_view(reinterpret_cast<const char*>(a.key.key_data), a.key.key_len),
                  std::string_view(reinterpret_cast<const char*>(b.key.key_data), b.key.key_len))
            << i;
        EXPECT_EQ(a.kind, b.kind) << i;
        EXPECT_EQ(a.is_write, b.is_write) << i;
    }
    proto::Buffer from_run, from_plain;
    ASSERT_TRUE(run.build_request(from_run, {0, 1, 2, 3}).is_ok());
    ASSERT_TRUE(plain.build_request(from_plain, {0, 1, 2, 3}).is_ok());
    EXPECT_EQ(from_run, from_plain);
}

TEST(BatchParse, BadRunsAreRefusedWithTheirRow) {
    proto::Buffer b;
    mp::pack_array_header(b, 2);
    mp::pack_array_header(b, 3);
    pack_key_head(b);
    mp::pack_int(b, 7);
    pack_read_rest(b);
    pack_run_head(b, 2);
    mp::pack_int(b, 8);
    mp::pack_double(b, 1.5);
    pack_read_rest(b);
    BatchJob job;
    Status s = parse(job, b);
    EXPECT_EQ(s.code(), kErrParam);
    EXPECT_NE(s.message().find("batch row 1: invalid key: user key must be"), std::string::npos) << s.message();

    proto::Buffer empty;
    mp::pack_array_header(empty, 1);
    pack_run_head(empty, 0);
    pack_read_rest(empty);
    BatchJob job2;
    s = parse(job2, empty);
    EXPECT_EQ(s.code(), kErrParam);
    EXPECT_NE(s.message().find("batch row 0: invalid key: a run of keys needs at least one user key"),
              std::string::npos)
        << s.message();
}

}  // namespace
}  // namespace aero
