// Drives the batch engine with batch-index requests built as clients build them (fact sheet
// §9.1-§9.2) and checks the response stream (§9.3): rows, blocks, trailer and error policy.
#include <gtest/gtest.h>

#include <optional>
#include <random>
#include <string>
#include <vector>

#include "core/proto/message.h"
#include "core/proto/particle.h"
#include "core/server/batch_request.h"
#include "core/server/rw_handler.h"
#include "tests/core/server/wire_ops.h"

namespace aero::server {
namespace {

using namespace aero::proto;
using wire::be64;
using wire::Op;

// The rows current clients send.
constexpr uint8_t kFullRow = kRowHasInfo | kRowHasGeneration | kRowHasRecordTtl;

struct Row {
    Row(uint32_t i, uint32_t k) : index(i), key(k) {}
    uint32_t index = 0;
    uint32_t key = 0;  // the digest is derived from it
    uint8_t type = kFullRow;
    uint8_t info1 = 0, info2 = 0, info3 = 0;
    uint16_t generation = 0;
    uint32_t ttl = 0;
    std::string ns = "test";
    std::string set = "demo";
    std::optional<std::string> user_key;
    std::vector<Op> ops;
};

struct RowReply {
    MsgHeader h;
    std::vector<Op> bins;
};

struct BatchReply {
    std::vector<RowReply> rows;
    std::vector<size_t> proto_sizes;  // bodies of the row protos, trailer excluded
    uint8_t result = 0xFF;            // the trailer's
};

Digest digest_of(uint32_t key) {
    Digest d{};
    store_u32(d.data(), key);
    d[19] = 0xA5;
    return d;
}

Row read_row(uint32_t index, uint32_t key, std::vector<std::string> bins) {
    Row r(index, key);
    r.info1 = kInfo1Read;
    for (auto& b : bins) r.ops.push_back({kOpRead, b});
    return r;
}

Row get_all_row(uint32_t index, uint32_t key, uint8_t extra = kInfo1GetAll) {
    Row r(index, key);
    r.info1 = kInfo1Read | extra;
    return r;
}

Row write_row(uint32_t index, uint32_t key, const std::string& bin, int64_t v) {
    Row r(index, key);
    r.info2 = kInfo2Write | kInfo2RespondAllOps;
    r.ops.push_back({kOpWrite, bin, kParticleInteger, be64(v)});
    return r;
}

Row delete_row(uint32_t index, uint32_t key) {
    Row r(index, key);
    r.info2 = kInfo2Write | kInfo2Delete | kInfo2RespondAllOps;
    return r;
}

Row repeat_row(uint32_t index, uint32_t key) {
    Row r(index, key);
    r.type = kRowRepeat;
    return r;
}

// A row's fields and ops, encoded by MessageWriter into a scratch message and cut out of it.
void put_fields_and_ops(Buffer& b, const Row& r) {
    Buffer scratch;
    MessageWriter w(scratch);
    w.begin(MsgHeader{});
    w.field(kFieldNamespace, r.ns);
    w.field(kFieldSet, r.set);
    if (r.user_key) w.field(kFieldKey, *r.user_key);
    for (const Op& op : r.ops) w.op(op.op, op.particle, op.name, op.value.data(), op.value.size());
    put_u16(b, uint16_t(r.user_key ? 3 : 2));
    put_u16(b, uint16_t(r.ops.size()));
    b.insert(b.end(), scratch.begin() + kProtoHeaderSize + kMsgHeaderSize, scratch.end());
}

void put_row(Buffer& b, const Row& r) {
    put_u32(b, r.index);
    Digest d = digest_of(r.key);
    put_bytes(b, d.data(), d.size());
    put_u8(b, r.type);
    if (r.type & kRowRepeat) return;
    put_u8(b, r.info1);
    if (r.type & kRowHasInfo) {
        put_u8(b, r.info2);
        put_u8(b, r.info3);
    }
    if (r.type & kRowHasGeneration) put_u16(b, r.generation);
    if (r.type & kRowHasRecordTtl) put_u32(b, r.ttl);
    put_fields_and_ops(b, r);
}

// A parent message; `n_rows` defaults to the number of rows given.
Buffer batch_request(const std::vector<Row>& rows, uint8_t flags, std::optional<uint32_t> n_rows = {},
                     bool with_filter = false) {
    Buffer req;
    MessageWriter w(req);
    MsgHeader h;
    h.info1 = kInfo1Batch;
    h.transaction_ttl = 1000;
    w.begin(h);
    if (with_filter) w.field(kFieldFilterExp, "\x93\x01\x02\x02");  // 2 == 2: every row passes
    w.begin_field(kFieldBatchIndex);
    put_u32(req, n_rows.value_or(uint32_t(rows.size())));
    put_u8(req, flags);
    for (const Row& r : rows) put_row(req, r);
    w.end_field();
    w.finish();
    return req;
}

class BatchTest : public ::testing::Test {
protected:
    Storage storage{{"test"}, 0, 1};

    // Runs the request; flushed blocks and what is left in `out` form one byte stream.
    BatchReply send(Buffer req) {
        Buffer stream, out;
        ReplyFlush flush = [&](Buffer& b) {
            stream.insert(stream.end(), b.begin(), b.end());
            b.clear();
            return true;
        };
        handle_message(storage, req.data() + kProtoHeaderSize, req.size() - kProtoHeaderSize, out, flush);
        stream.insert(stream.end(), out.begin(), out.end());
        return parse_stream(stream);
    }

    BatchReply send(const std::vector<Row>& rows, uint8_t flags = kBatchReportAllErrors) {
        return send(batch_request(rows, flags));
    }

    static BatchReply parse_stream(const Buffer& s) {
        BatchReply reply;
        size_t pos = 0;
        bool last = false;
        while (pos < s.size()) {
            EXPECT_FALSE(last) << "bytes after the trailer";
            uint8_t type;
            uint64_t size;
            EXPECT_TRUE(parse_proto_header(s.data() + pos, type, size).is_ok());
            EXPECT_EQ(type, kProtoMessage);
            const uint8_t* p = s.data() + pos + kProtoHeaderSize;
            const uint8_t* end = p + size;
            pos += kProtoHeaderSize + size;
            EXPECT_LE(pos, s.size());
            bool is_trailer = false;
            while (p < end) {
                MessageView v;
                EXPECT_TRUE(v.parse(p, size_t(end - p)).is_ok());
                EXPECT_EQ(v.header().n_fields, 0);
                RowReply row{v.header(), {}};
                OpView op;
                for (uint16_t i = 0; i < row.h.n_ops; i++) {
                    EXPECT_TRUE(v.next_op(op));
                    row.bins.push_back({op.op_type, std::string(op.name), op.particle,
                                        std::string(reinterpret_cast<const char*>(op.value), op.value_size)});
                }
                p = v.end();
                if (row.h.info3 & kInfo3Last) {
                    is_trailer = last = true;
                    reply.result = row.h.result_code;
                    EXPECT_EQ(p, end) << "the trailer is alone in its proto";
                } else {
                    reply.rows.push_back(std::move(row));
                }
            }
            if (!is_trailer) reply.proto_sizes.push_back(size);
        }
        EXPECT_TRUE(last) << "no trailer";
        return reply;
    }

    // Writes bin "a" = key * 10 for every key in [from, to), checking each row succeeds.
    void populate(uint32_t from, uint32_t to) {
        std::vector<Row> rows;
        for (uint32_t k = from; k < to; k++) rows.push_back(write_row(k - from, k, "a", int64_t(k) * 10));
        BatchReply r = send(rows);
        ASSERT_EQ(r.result, 0);
        ASSERT_EQ(r.rows.size(), rows.size());
        for (const RowReply& row : r.rows) ASSERT_EQ(row.h.result_code, 0);
    }
};

TEST_F(BatchTest, ReadsWithMissingKeys) {
    populate(0, 3);
    BatchReply r = send({read_row(0, 0, {"a", "zz"}), read_row(1, 7, {"a"}), read_row(2, 2, {"a"}),
                         read_row(3, 8, {"a"}), read_row(4, 1, {"a"})});
    EXPECT_EQ(r.result, 0);
    ASSERT_EQ(r.rows.size(), 5u);
    const uint8_t want_rc[] = {0, 2, 0, 2, 0};
    const int64_t want_value[] = {0, 0, 20, 0, 10};
    for (uint32_t i = 0; i < 5; i++) {
        const RowReply& row = r.rows[i];
        EXPECT_EQ(row.h.transaction_ttl, i) << "the row index comes back in transaction_ttl";
        EXPECT_EQ(row.h.result_code, want_rc[i]);
        if (want_rc[i] != 0) {
            EXPECT_EQ(row.h.generation, 0u);
            EXPECT_TRUE(row.bins.empty());
            continue;
        }
        EXPECT_EQ(row.h.generation, 1u);
        EXPECT_EQ(row.h.record_ttl, 0u) << "void time 0: never expires";
        ASSERT_EQ(row.bins.size(), 1u) << "a missing bin is left out";
        EXPECT_EQ(row.bins[0].op, kOpRead);
        EXPECT_EQ(row.bins[0].name, "a");
        EXPECT_EQ(row.bins[0].particle, kParticleInteger);
        EXPECT_EQ(row.bins[0].value, be64(want_value[i]));
    }
}

TEST_F(BatchTest, RowsCountAsBatchSubTransactions) {
    populate(0, 2);  // two write rows
    send({read_row(0, 0, {"a"}), read_row(1, 7, {"a"}), delete_row(2, 1), delete_row(3, 1)});
    std::string stats;
    storage.find("test")->stats().append_info(stats);
    stats += ";";
    for (const char* counter : {";batch_sub_write_success=2;", ";batch_sub_read_success=1;", ";batch_sub_read_not_found=1;",
                                ";batch_sub_delete_success=1;", ";batch_sub_delete_not_found=1;",
                                ";client_read_success=0;", ";client_write_success=0;"})
        EXPECT_NE(stats.find(counter), std::string::npos) << counter << " in " << stats;
}

TEST_F(BatchTest, HeaderOnlyAndGetAllReads) {
    populate(0, 1);
    send({write_row(0, 0, "b", 5)});
    BatchReply r = send({get_all_row(0, 0, kInfo1NoBinData), get_all_row(1, 0), get_all_row(2, 9, kInfo1NoBinData)});
    ASSERT_EQ(r.rows.size(), 3u);
    EXPECT_EQ(r.rows[0].h.result_code, 0);
    EXPECT_EQ(r.rows[0].h.generation, 2u);
    EXPECT_TRUE(r.rows[0].bins.empty()) << "header only";
    ASSERT_EQ(r.rows[1].bins.size(), 2u);
    EXPECT_EQ(r.rows[1].bins[0].name, "a");
    EXPECT_EQ(r.rows[1].bins[1].name, "b");
    EXPECT_EQ(r.rows[2].h.result_code, 2);
}

TEST_F(BatchTest, WriteRowsAnswerLikeSingleRecordWrites) {
    Row operate = write_row(0, 4, "s", 1);
    operate.info1 = kInfo1Read;
    operate.ops.push_back({kOpIncr, "s", kParticleInteger, be64(41)});
    operate.ops.push_back({kOpRead, "s"});
    BatchReply r = send({operate});
    ASSERT_EQ(r.rows.size(), 1u);
    EXPECT_EQ(r.rows[0].h.result_code, 0);
    EXPECT_EQ(r.rows[0].h.generation, 1u);
    ASSERT_EQ(r.rows[0].bins.size(), 3u) << "RESPOND_ALL_OPS: one entry per op";
    EXPECT_EQ(r.rows[0].bins[0].particle, kParticleNull);
    EXPECT_EQ(r.rows[0].bins[1].op, kOpIncr);
    EXPECT_EQ(r.rows[0].bins[2].value, be64(42));

    Row create_only = write_row(1, 4, "s", 0);
    create_only.info2 |= kInfo2CreateOnly;
    Row update_only = write_row(2, 5, "s", 0);
    update_only.info3 = kInfo3UpdateOnly;
    r = send({create_only, update_only});
    EXPECT_EQ(r.rows[0].h.result_code, 5);
    EXPECT_EQ(r.rows[1].h.result_code, 2);
    EXPECT_EQ(r.result, 0);
}

TEST_F(BatchTest, GenerationFailuresWithReportAllErrors) {
    populate(0, 4);
    std::vector<Row> rows;
    for (uint32_t k = 0; k < 4; k++) {
        Row w = write_row(k, k, "a", 99);
        w.info2 |= kInfo2Generation;
        w.generation = k % 2 ? 7 : 1;  // odd keys expect a generation they do not have
        rows.push_back(w);
    }
    BatchReply r = send(rows, kBatchReportAllErrors);
    EXPECT_EQ(r.result, 0) << "every row carries its own error";
    ASSERT_EQ(r.rows.size(), 4u);
    for (uint32_t k = 0; k < 4; k++) {
        EXPECT_EQ(r.rows[k].h.result_code, k % 2 ? 3 : 0);
        EXPECT_EQ(r.rows[k].h.generation, k % 2 ? 1u : 2u);
    }
    r = send({get_all_row(0, 0), get_all_row(1, 1)});
    EXPECT_EQ(r.rows[0].bins[0].value, be64(99));
    EXPECT_EQ(r.rows[1].bins[0].value, be64(10));
}

TEST_F(BatchTest, RowErrorWithoutFlagsStopsTheResponse) {
    populate(0, 3);
    Row bad = write_row(1, 1, "a", 5);
    bad.info2 |= kInfo2Generation;
    bad.generation = 9;
    BatchReply r = send({write_row(0, 0, "a", 5), bad, write_row(2, 2, "a", 5)}, 0);
    EXPECT_EQ(r.result, 3) << "the trailer carries the error";
    EXPECT_TRUE(r.rows.empty()) << "the block holding the failing row is not sent";
    // As in the real server, the rows were all dispatched: the last write happened anyway.
    r = send({get_all_row(0, 2)});
    EXPECT_EQ(r.rows[0].bins[0].value, be64(5));
}

TEST_F(BatchTest, NotFoundNeverStopsABatch) {
    BatchReply r = send({read_row(0, 1, {"a"}), delete_row(1, 2)}, 0);
    EXPECT_EQ(r.result, 0);
    ASSERT_EQ(r.rows.size(), 2u);
    EXPECT_EQ(r.rows[0].h.result_code, 2);
    EXPECT_EQ(r.rows[1].h.result_code, 2);
}

TEST_F(BatchTest, ReportErrorRecSendsTheFailingRowThenStops) {
    populate(0, 3);
    Row bad = write_row(1, 1, "a", 5);
    bad.info2 |= kInfo2Generation;
    bad.generation = 9;
    BatchReply r = send({write_row(0, 0, "a", 5), bad, write_row(2, 2, "a", 5)}, kBatchReportErrorRec);
    EXPECT_EQ(r.result, 3);
    // The whole block holding the failing row is sent, rows after it included.
    ASSERT_EQ(r.rows.size(), 3u);
    EXPECT_EQ(r.rows[1].h.result_code, 3);
    EXPECT_EQ(r.rows[1].h.transaction_ttl, 1u);
}

TEST_F(BatchTest, ReportErrorRecDropsLaterBlocks) {
    // A failing row at the start, then enough rows to fill more blocks: only the first is sent.
    std::vector<Row> rows{Row(0, 0)};  // neither read nor write: 4
    for (uint32_t i = 1; i < 8000; i++) rows.push_back(get_all_row(i, i));
    BatchReply r = send(batch_request(rows, kBatchReportErrorRec));
    EXPECT_EQ(r.result, 4);
    ASSERT_EQ(r.proto_sizes.size(), 1u);
    EXPECT_EQ(r.rows[0].h.result_code, 4);
    EXPECT_LT(r.rows.size(), rows.size());
}

TEST_F(BatchTest, Deletes) {
    populate(0, 2);
    BatchReply r = send({delete_row(0, 0), delete_row(1, 5), delete_row(2, 1)});
    ASSERT_EQ(r.rows.size(), 3u);
    EXPECT_EQ(r.rows[0].h.result_code, 0);
    EXPECT_EQ(r.rows[1].h.result_code, 2);
    EXPECT_EQ(r.rows[2].h.result_code, 0);
    for (const RowReply& row : r.rows) {
        EXPECT_EQ(row.h.generation, 0u) << "delete replies carry no metadata";
        EXPECT_EQ(row.h.record_ttl, 0u);
    }
    r = send({get_all_row(0, 0), get_all_row(1, 1)});
    EXPECT_EQ(r.rows[0].h.result_code, 2);
    EXPECT_EQ(r.rows[1].h.result_code, 2);
}

TEST_F(BatchTest, RepeatRowsReuseThePreviousRow) {
    populate(0, 4);
    BatchReply r = send({read_row(0, 0, {"a"}), repeat_row(1, 1), repeat_row(2, 9), get_all_row(3, 2),
                         repeat_row(4, 3)});
    EXPECT_EQ(r.result, 0);
    ASSERT_EQ(r.rows.size(), 5u);
    EXPECT_EQ(r.rows[1].bins[0].value, be64(10));
    EXPECT_EQ(r.rows[2].h.result_code, 2);
    EXPECT_EQ(r.rows[4].h.transaction_ttl, 4u);
    EXPECT_EQ(r.rows[4].bins[0].value, be64(30));

    // Repeated writes apply the same ops to every digest.
    r = send({write_row(0, 10, "w", 1), repeat_row(1, 11)});
    EXPECT_EQ(r.rows[1].h.result_code, 0);
    EXPECT_EQ(send({get_all_row(0, 11)}).rows[0].bins[0].value, be64(1));
}

TEST_F(BatchTest, RepeatRowsThatTheServerRefuses) {
    // First row: nothing to repeat. The batch ends with 4 and no row is sent.
    BatchReply r = send({repeat_row(0, 0), get_all_row(1, 0)});
    EXPECT_EQ(r.result, 4);
    EXPECT_TRUE(r.rows.empty());

    // After a row that sent a KEY: that row runs, the rest fail together.
    Row keyed = write_row(0, 20, "a", 1);
    keyed.user_key = std::string("\x03k20", 4);
    r = send({keyed, repeat_row(1, 21)});
    EXPECT_EQ(r.result, 4);
    EXPECT_EQ(send({get_all_row(0, 20)}).rows[0].h.result_code, 0);
    EXPECT_EQ(send({get_all_row(0, 21)}).rows[0].h.result_code, 2);
}

TEST_F(BatchTest, LegacyReadRowsAndParentFilter) {
    populate(0, 1);
    Row legacy = read_row(5, 0, {"a"});
    legacy.type = 0;  // no info2/info3, generation or TTL
    BatchReply r = send(batch_request({legacy}, 0, {}, true));
    EXPECT_EQ(r.result, 0);
    ASSERT_EQ(r.rows.size(), 1u);
    EXPECT_EQ(r.rows[0].h.transaction_ttl, 5u);
    EXPECT_EQ(r.rows[0].bins[0].value, be64(0));
}

TEST_F(BatchTest, RowErrorsFromTheSingleRecordChecks) {
    populate(0, 1);
    Row neither(0, 0);  // neither read nor write
    Row no_ops = read_row(1, 0, {});
    BatchReply r = send({neither, no_ops, get_all_row(2, 0)});
    EXPECT_EQ(r.result, 0);
    ASSERT_EQ(r.rows.size(), 3u);
    EXPECT_EQ(r.rows[0].h.result_code, 4);
    EXPECT_EQ(r.rows[1].h.result_code, 4) << "READ without ops or GET_ALL";
    EXPECT_EQ(r.rows[2].h.result_code, 0);
}

TEST_F(BatchTest, EarlyErrorsAnswerOneLastMessage) {
    auto expect_early = [&](Buffer req) {
        BatchReply r = send(std::move(req));
        EXPECT_EQ(r.result, 4);
        EXPECT_TRUE(r.rows.empty());
        EXPECT_TRUE(r.proto_sizes.empty());
    };
    expect_early(batch_request({}, kBatchReportAllErrors));  // n_rows 0

    Buffer no_batch_field;
    MessageWriter w(no_batch_field);
    MsgHeader h;
    h.info1 = kInfo1Batch;
    w.begin(h);
    w.field(kFieldNamespace, "test");
    w.finish();
    expect_early(no_batch_field);

    Buffer short_field;
    MessageWriter w2(short_field);
    w2.begin(h);
    w2.field(kFieldBatchIndex, "\x00\x00\x01", 3);  // no room for n_rows and flags
    w2.finish();
    expect_early(short_field);

    Buffer truncated = batch_request({get_all_row(0, 0)}, 0);
    truncated.resize(kProtoHeaderSize + kMsgHeaderSize + 3);  // the field header is cut
    expect_early(truncated);
}

TEST_F(BatchTest, RowsThatDoNotAddUpEndTheBatchWith4) {
    populate(0, 1);
    // More rows announced than sent (also a hostile count: nothing is sized by it).
    BatchReply r = send(batch_request({get_all_row(0, 0)}, kBatchReportAllErrors, 0xFFFFFFFF));
    EXPECT_EQ(r.result, 4);
    EXPECT_TRUE(r.rows.empty()) << "the rows not yet sent are dropped";

    // Fewer announced than sent: the extra bytes are ignored, as by the server.
    r = send(batch_request({get_all_row(0, 0), get_all_row(1, 0)}, kBatchReportAllErrors, 1));
    EXPECT_EQ(r.result, 0);
    EXPECT_EQ(r.rows.size(), 1u);

    // A row whose op runs past the end of the data.
    Buffer req = batch_request({get_all_row(0, 0), write_row(1, 0, "a", 1)}, kBatchReportAllErrors);
    store_u32(req.data() + req.size() - (kOpHeaderSize + 1 + 8), 0x7FFFFFFF);  // the last op's size
    r = send(req);
    EXPECT_EQ(r.result, 4);
}

TEST_F(BatchTest, UnknownNamespaceOrMisplacedNamespaceEndsTheBatch) {
    // The real server stops reading rows at an unknown namespace (batch.c), so the batch gets
    // 4 rather than the row getting 20.
    Row other = get_all_row(1, 0);
    other.ns = "nope";
    BatchReply r = send({get_all_row(0, 0), other, get_all_row(2, 0)});
    EXPECT_EQ(r.result, 4);
    EXPECT_TRUE(r.rows.empty());

    Row swapped = get_all_row(0, 0);
    swapped.ns = "demo";  // SET first ...
    swapped.set = "test";
    Buffer req = batch_request({swapped}, kBatchReportAllErrors);
    // ... by swapping the field types of the namespace and set fields.
    size_t fields = kProtoHeaderSize + kMsgHeaderSize + kFieldHeaderSize + 5 + 4 + kDigestSize + 1 + 1 + 2 + 2 + 4 + 4;
    ASSERT_EQ(req[fields + 4], kFieldNamespace);
    req[fields + 4] = kFieldSet;
    req[fields + kFieldHeaderSize + 4 + 4] = kFieldNamespace;
    EXPECT_EQ(send(req).result, 4);
}

TEST_F(BatchTest, FiveThousandRowsSpanSeveralProtos) {
    std::vector<Row> writes;
    for (uint32_t i = 0; i < 5000; i++) {
        Row w = write_row(i, i, "big", 0);
        w.ops[0] = {kOpWrite, "big", kParticleString, std::string(100, char('a' + i % 26))};
        writes.push_back(w);
    }
    BatchReply r = send(writes);
    ASSERT_EQ(r.result, 0);
    ASSERT_EQ(r.rows.size(), 5000u);

    std::vector<Row> reads;
    for (uint32_t i = 0; i < 5000; i++) reads.push_back(i % 2 ? repeat_row(i, i) : get_all_row(i, i));
    r = send(batch_request(reads, kBatchReportAllErrors));
    EXPECT_EQ(r.result, 0);
    ASSERT_EQ(r.rows.size(), 5000u);
    EXPECT_GE(r.proto_sizes.size(), 5u);
    for (size_t s : r.proto_sizes) EXPECT_LE(s, 128u * 1024);
    for (size_t s = 0; s + 1 < r.proto_sizes.size(); s++) EXPECT_GT(r.proto_sizes[s], 120u * 1024) << "blocks are filled";
    for (uint32_t i = 0; i < 5000; i++) {
        EXPECT_EQ(r.rows[i].h.transaction_ttl, i);
        ASSERT_EQ(r.rows[i].bins.size(), 1u);
        EXPECT_EQ(r.rows[i].bins[0].value, std::string(100, char('a' + i % 26)));
    }
}

TEST_F(BatchTest, CorruptedRequestsAlwaysEndWithATrailer) {
    populate(0, 2);
    Row keyed = write_row(2, 1, "b", 3);
    keyed.user_key = std::string("\x01\0\0\0\0\0\0\0\x01", 9);
    Buffer good = batch_request({read_row(0, 0, {"a"}), repeat_row(1, 1), keyed, delete_row(3, 9)}, kBatchReportAllErrors);
    std::mt19937 rng(7);
    for (int round = 0; round < 2000; round++) {
        Buffer req = good;
        int flips = 1 + int(rng() % 4);
        for (int i = 0; i < flips; i++) {
            size_t at = kProtoHeaderSize + rng() % (req.size() - kProtoHeaderSize);
            req[at] = uint8_t(rng());
        }
        // Keep info1 (body byte 1), so that every request goes to the batch engine.
        if (round % 3 == 0) req.resize(kProtoHeaderSize + 2 + rng() % (req.size() - kProtoHeaderSize - 2));
        write_proto_header(req.data(), kProtoMessage, req.size() - kProtoHeaderSize);
        req[kProtoHeaderSize + 1] |= kInfo1Batch;
        send(req);  // parse_stream checks the framing and the trailer
        if (HasFailure()) FAIL() << "round " << round;
    }
}

}  // namespace
}  // namespace aero::server
