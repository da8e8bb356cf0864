// Filters and expression ops through the AS_MSG paths: which commands a filter applies to,
// which error wins, and what EXP_READ / EXP_MODIFY answer and leave. The answers are the real
// Aerospike CE 8.1.2 server's (checked with the official client against both servers).
#include <gtest/gtest.h>

#include <optional>
#include <string>
#include <vector>

#include "core/proto/message.h"
#include "core/proto/particle.h"
#include "core/server/batch_request.h"
#include "core/server/rw_handler.h"
#include "tests/core/server/exp/exp_test_util.h"
#include "tests/core/server/wire_ops.h"

namespace aero::server::exp::test {
namespace {

using namespace aero::proto;
using wire::be64;
using wire::Op;

const E kPass = Eq(IntBin("i"), I(7));
const E kFail = Eq(IntBin("i"), I(8));
const E kMalformed = A({I(1), I(7)});

struct Reply {
    MsgHeader h;
    std::vector<Op> bins;
};

// The value [exp, flags] of an expression op.
std::string exp_op(const E& e, std::optional<int64_t> flags = {}) {
    return flags ? A({e, I(*flags)}).bytes : A({e}).bytes;
}

class ExpHandlerTest : public ::testing::Test {
protected:
    Storage storage{{"test"}, 0, 1};
    Digest digest{};

    static void add_fields(MessageWriter& w, const Digest& d, const std::optional<E>& filter) {
        w.field(kFieldNamespace, "test");
        w.field(kFieldSet, "demo");
        w.field(kFieldDigest, d.data(), d.size());
        if (filter) w.field(kFieldFilterExp, filter->bytes);
    }

    Reply send(MsgHeader h, const std::vector<Op>& ops, std::optional<E> filter = {}) {
        Buffer req;
        MessageWriter w(req);
        w.begin(h);
        add_fields(w, digest, filter);
        for (const Op& op : ops) w.op(op.op, op.particle, op.name, op.value.data(), op.value.size());
        w.finish();
        Buffer out;
        handle_message(storage, req.data() + kProtoHeaderSize, req.size() - kProtoHeaderSize, out);
        MessageView v;
        EXPECT_TRUE(v.parse(out.data() + kProtoHeaderSize, out.size() - kProtoHeaderSize).is_ok());
        Reply r{v.header(), {}};
        OpView op;
        while (r.bins.size() < r.h.n_ops && v.next_op(op))
            r.bins.push_back(Op(op.op_type, std::string(op.name), op.particle,
                                std::string(reinterpret_cast<const char*>(op.value), op.value_size)));
        return r;
    }

    static MsgHeader write(uint8_t info2 = 0, uint8_t info3 = 0) {
        MsgHeader h;
        h.info2 = kInfo2Write | info2;
        h.info3 = info3;
        return h;
    }
    static MsgHeader read(uint8_t info1 = kInfo1GetAll) {
        MsgHeader h;
        h.info1 = kInfo1Read | info1;
        return h;
    }
    static MsgHeader remove(uint8_t info2 = 0) { return write(kInfo2Delete | info2); }

    uint8_t put_i(int64_t v, std::optional<E> filter = {}, MsgHeader h = write()) {
        return send(h, {{kOpWrite, "i", kParticleInteger, be64(v)}}, filter).h.result_code;
    }
    // The record's bin i, or nullopt when the record is gone.
    std::optional<std::string> bin_i() {
        Reply r = send(read(), {});
        if (r.h.result_code != 0) return std::nullopt;
        for (const Op& b : r.bins)
            if (b.name == "i") return b.value;
        return std::string();
    }
    uint32_t generation() { return send(read(kInfo1NoBinData), {}).h.generation; }
};

TEST_F(ExpHandlerTest, ReadsAndExistsAreFiltered) {
    put_i(7);
    EXPECT_EQ(send(read(), {}, kPass).h.result_code, 0);
    Reply r = send(read(), {}, kFail);
    EXPECT_EQ(r.h.result_code, 27);
    EXPECT_EQ(r.h.generation, 1u) << "a filtered read still reports the record's metadata";
    EXPECT_TRUE(r.bins.empty());
    EXPECT_EQ(send(read(kInfo1NoBinData), {}, kFail).h.result_code, 27);
    EXPECT_EQ(send(read(0), {{kOpRead, "i"}}, kFail).h.result_code, 27);
    EXPECT_EQ(send(read(), {}, kMalformed).h.result_code, 4);
    EXPECT_EQ(send(read(), {}, A({I(20), I(1), I(2)})).h.result_code, 4) << "a filter must be boolean";
}

TEST_F(ExpHandlerTest, AMissingRecordIsNeverFiltered) {
    EXPECT_EQ(send(read(), {}, kFail).h.result_code, 2);
    EXPECT_EQ(send(read(), {}, kMalformed).h.result_code, 2) << "the filter is built only for a record";
    EXPECT_EQ(send(remove(), {}, kFail).h.result_code, 2);
    EXPECT_EQ(put_i(1, kFail), 0) << "a create is not filtered";
    EXPECT_EQ(bin_i(), be64(1));
    digest[0] = 1;
    EXPECT_EQ(put_i(1, kMalformed), 0);
}

TEST_F(ExpHandlerTest, FilteredWritesChangeNothing) {
    put_i(7);
    EXPECT_EQ(put_i(9, kFail), 27);
    EXPECT_EQ(send(write(), {{kOpIncr, "i", kParticleInteger, be64(1)}}, kFail).h.result_code, 27);
    EXPECT_EQ(send(write(), {{kOpTouch, ""}}, kFail).h.result_code, 27);
    EXPECT_EQ(send(remove(), {}, kFail).h.result_code, 27);
    MsgHeader op = write();
    op.info1 = kInfo1Read;
    EXPECT_EQ(send(op, {{kOpIncr, "i", kParticleInteger, be64(1)}, {kOpRead, "i"}}, kFail).h.result_code, 27);
    EXPECT_EQ(bin_i(), be64(7));
    EXPECT_EQ(generation(), 1u);
    EXPECT_EQ(put_i(9, kPass), 0);
    EXPECT_EQ(send(remove(), {}, Eq(IntBin("i"), I(9))).h.result_code, 0);
    EXPECT_EQ(bin_i(), std::nullopt);
}

TEST_F(ExpHandlerTest, WhichErrorWins) {
    put_i(7);
    EXPECT_EQ(put_i(1, kFail, write(kInfo2CreateOnly)), 5) << "create-only is checked first";
    MsgHeader gen = write(kInfo2Generation);
    gen.generation = 5;
    EXPECT_EQ(put_i(1, kFail, gen), 3) << "then the generation";
    MsgHeader del_gen = remove(kInfo2Generation);
    del_gen.generation = 5;
    EXPECT_EQ(send(del_gen, {}, kFail).h.result_code, 3);
    EXPECT_EQ(send(remove(kInfo2DurableDelete), {}, kFail).h.result_code, 25) << "durable delete before anything";
    EXPECT_EQ(put_i(1, kFail, write(0, kInfo3UpdateOnly)), 27);
    EXPECT_EQ(put_i(1, kFail, write(0, kInfo3ReplaceOnly)), 27);
    EXPECT_EQ(put_i(1, kMalformed), 4);
}

TEST_F(ExpHandlerTest, FilteredCommandsAreCounted) {
    put_i(7);
    send(read(), {}, kFail);
    put_i(1, kFail);
    send(remove(), {}, kFail);
    std::string info;
    storage.find("test")->stats().append_info(info);
    EXPECT_NE(info.find(";client_read_filtered_out=1"), std::string::npos) << info;
    EXPECT_NE(info.find(";client_write_filtered_out=1"), std::string::npos);
    EXPECT_NE(info.find(";client_delete_filtered_out=1"), std::string::npos);
}

TEST_F(ExpHandlerTest, ExpRead) {
    put_i(7);
    E plus = A({I(20), IntBin("i"), I(2)});
    Reply r = send(read(0), {{kOpExpRead, "r", kParticleBlob, exp_op(plus)}});
    ASSERT_EQ(r.h.result_code, 0);
    ASSERT_EQ(r.bins.size(), 1u);
    EXPECT_EQ(r.bins[0].name, "r");
    EXPECT_EQ(r.bins[0].particle, kParticleInteger);
    EXPECT_EQ(r.bins[0].value, be64(9));
    E bad = A({I(20), IntBin("missing"), I(2)});
    EXPECT_EQ(send(read(0), {{kOpExpRead, "r", kParticleBlob, exp_op(bad)}}).h.result_code, 26);
    MsgHeader all = read(0);
    all.info2 = kInfo2RespondAllOps;
    Reply quiet = send(all, {{kOpExpRead, "r", kParticleBlob, exp_op(bad, 16)}});
    EXPECT_EQ(quiet.h.result_code, 0) << "EVAL_NO_FAIL";
    ASSERT_EQ(quiet.bins.size(), 1u) << "RESPOND_ALL_OPS answers nil";
    EXPECT_EQ(quiet.bins[0].particle, kParticleNull);
    EXPECT_TRUE(send(read(0), {{kOpExpRead, "r", kParticleBlob, exp_op(bad, 16)}}).bins.empty());
    EXPECT_EQ(send(read(0), {{kOpExpRead, "r", kParticleBlob, exp_op(plus, 1)}}).h.result_code, 4) << "a write flag";
    EXPECT_EQ(send(read(0), {{kOpExpRead, "r", kParticleBlob, A({}).bytes}}).h.result_code, 4);
    EXPECT_EQ(send(read(0), {{kOpExpRead, "r", kParticleBlob, exp_op(kMalformed)}}).h.result_code, 4);
    EXPECT_EQ(send(read(0), {{kOpExpModify, "r", kParticleBlob, exp_op(plus)}}).h.result_code, 4) << "a write op in a read";
    std::string deep = std::string(600, '\0');
    for (size_t k = 0; k < 300; k++) deep[2 * k] = '\x92', deep[2 * k + 1] = '\x12';  // 300 nested NOTs
    Reply nested = send(read(0), {{kOpExpRead, "r", kParticleBlob, exp_op(Raw(deep + "\xc3"))}});
    EXPECT_EQ(nested.h.result_code, 0) << "expressions nest deeper than collection values";
    // Inside a write, it sees what the earlier ops did.
    MsgHeader op = write();
    op.info1 = kInfo1Read;
    Reply w = send(op, {{kOpWrite, "i", kParticleInteger, be64(40)}, {kOpExpRead, "r", kParticleBlob, exp_op(plus)}});
    ASSERT_EQ(w.bins.size(), 1u);
    EXPECT_EQ(w.bins[0].value, be64(42));
}

TEST_F(ExpHandlerTest, ExpModifyFlags) {
    E plus = A({I(20), IntBin("i"), I(1)});
    E nil = A({I(123), kPass, Nil(), Nil()});
    E unknown = A({I(20), IntBin("missing"), I(1)});
    struct Case {
        const char* bin;
        E e;
        int64_t flags;
        uint8_t rc;
        std::optional<std::string> i_after;  // bin i afterwards; "" when it is gone
    };
    const Case cases[] = {
        {"i", plus, 0, 0, be64(8)},
        {"i", plus, 1, 6, be64(7)},      // CREATE_ONLY on a bin that exists
        {"i", plus, 1 | 8, 0, be64(7)},  // ... with POLICY_NO_FAIL
        {"i", plus, 2, 0, be64(8)},      // UPDATE_ONLY
        {"new", plus, 2, 17, be64(7)},   // UPDATE_ONLY on a missing bin
        {"new", plus, 2 | 8, 0, be64(7)},
        {"i", nil, 0, 26, be64(7)},      // nil would delete without ALLOW_DELETE
        {"i", nil, 4, 0, ""},            // ALLOW_DELETE
        {"i", nil, 2, 0, be64(7)},       // any flag keeps the bin without an error
        {"i", nil, 16, 0, be64(7)},
        {"i", unknown, 0, 26, be64(7)},
        {"i", unknown, 16, 0, be64(7)},  // EVAL_NO_FAIL
        {"i", A({I(100)}), 0, 26, be64(7)},  // a remove marker is no value
        {"i", plus, 32, 4, be64(7)},     // unknown flag
    };
    for (const Case& c : cases) {
        digest[1]++;  // a record of its own
        send(write(), {{kOpWrite, "i", kParticleInteger, be64(7)}, {kOpWrite, "s", kParticleString, "x"}});
        EXPECT_EQ(send(write(), {{kOpExpModify, c.bin, kParticleBlob, exp_op(c.e, c.flags)}}).h.result_code, c.rc)
            << c.bin << " flags " << c.flags;
        EXPECT_EQ(bin_i(), c.i_after) << c.bin << " flags " << c.flags;
    }
}

TEST_F(ExpHandlerTest, ExpModifyDeletingTheLastBinDeletesTheRecord) {
    put_i(7);
    E nil = A({I(123), kPass, Nil(), Nil()});
    EXPECT_EQ(send(write(), {{kOpExpModify, "i", kParticleBlob, exp_op(nil, 4)}}).h.result_code, 0);
    EXPECT_EQ(bin_i(), std::nullopt);
}

TEST_F(ExpHandlerTest, ExpModifyWritesValuesOfEveryKind) {
    put_i(7);
    send(write(), {{kOpWrite, "l", kParticleList, std::string("\x92\x01\x02", 3)}});
    MsgHeader op = write();
    op.info1 = kInfo1Read;
    E append = A({I(127), I(4), I(0x40), A({I(1), I(9)}), Bin(4, "l")});
    Reply r = send(op, {{kOpExpModify, "l", kParticleBlob, exp_op(append)},
                        {kOpExpModify, "t", kParticleBlob, exp_op(kPass)},
                        {kOpExpModify, "s", kParticleBlob, exp_op(Str("hi"))},
                        {kOpRead, "l"}, {kOpRead, "t"}, {kOpRead, "s"}});
    ASSERT_EQ(r.h.result_code, 0);
    ASSERT_EQ(r.bins.size(), 3u);
    EXPECT_EQ(r.bins[0].value, std::string("\x93\x01\x02\x09", 4));
    EXPECT_EQ(r.bins[1].particle, kParticleBool);
    EXPECT_EQ(r.bins[2].value, "hi");
}

// Batch requests: rows with fields carry their own filter; the others take the parent's.
struct BatchRow {
    uint8_t digest0;
    uint8_t info1, info2;
    std::optional<E> filter;
    std::vector<Op> ops;
};

Buffer batch(const std::vector<BatchRow>& rows, std::optional<E> parent) {
    Buffer req;
    MessageWriter w(req);
    MsgHeader h;
    h.info1 = kInfo1Batch;
    w.begin(h);
    if (parent) w.field(kFieldFilterExp, parent->bytes);
    w.begin_field(kFieldBatchIndex);
    put_u32(req, uint32_t(rows.size()));
    put_u8(req, kBatchReportAllErrors);
    uint32_t index = 0;
    for (const BatchRow& r : rows) {
        put_u32(req, index++);
        Digest d{};
        d[0] = r.digest0;
        req.insert(req.end(), d.begin(), d.end());
        put_u8(req, kRowHasInfo);
        put_u8(req, r.info1);
        put_u8(req, r.info2);
        put_u8(req, 0);
        uint16_t n_fields = 2 + (r.filter ? 1 : 0);
        put_u16(req, n_fields);
        put_u16(req, uint16_t(r.ops.size()));
        auto field = [&](uint8_t type, std::string_view v) {
            put_u32(req, uint32_t(v.size() + 1));
            put_u8(req, type);
            put_str(req, v);
        };
        field(kFieldNamespace, "test");
        field(kFieldSet, "demo");
        if (r.filter) field(kFieldFilterExp, r.filter->bytes);
        for (const Op& op : r.ops) {
            put_u32(req, uint32_t(4 + op.name.size() + op.value.size()));
            put_u8(req, op.op);
            put_u8(req, op.particle);
            put_u8(req, 0);
            put_u8(req, uint8_t(op.name.size()));
            put_str(req, op.name);
            put_str(req, op.value);
        }
    }
    w.end_field();
    w.finish();
    return req;
}

// The result codes of the rows, in order, or the batch's own error.
std::vector<int> batch_results(Storage& storage, Buffer req) {
    Buffer out;
    handle_message(storage, req.data() + kProtoHeaderSize, req.size() - kProtoHeaderSize, out);
    std::vector<int> codes;
    size_t pos = 0;
    while (pos + kProtoHeaderSize <= out.size()) {
        uint8_t type;
        uint64_t size;
        EXPECT_TRUE(parse_proto_header(out.data() + pos, type, size).is_ok());
        const uint8_t* p = out.data() + pos + kProtoHeaderSize;
        const uint8_t* end = p + size;
        while (p < end) {
            MessageView v;
            size_t used = 0;
            EXPECT_TRUE(message_extent(p, size_t(end - p), used).is_ok());
            EXPECT_TRUE(v.parse(p, used).is_ok());
            if (v.header().info3 & kInfo3Last) {
                if (v.header().result_code != 0) codes.push_back(-int(v.header().result_code));
                return codes;
            }
            codes.push_back(v.header().result_code);
            p += used;
        }
        pos += kProtoHeaderSize + size;
    }
    return codes;
}

TEST_F(ExpHandlerTest, BatchRowAndParentFilters) {
    for (uint8_t k = 0; k < 3; k++) {
        digest[0] = k;
        put_i(k);
    }
    std::vector<BatchRow> rows = {
        {0, kInfo1Read | kInfo1GetAll, 0, {}, {}},
        {1, kInfo1Read | kInfo1GetAll, 0, {}, {}},
        {2, kInfo1Read | kInfo1GetAll, 0, Eq(IntBin("i"), I(5)), {}},  // its own filter wins
        {3, kInfo1Read | kInfo1GetAll, 0, {}, {}},                     // missing: never filtered
        {0, 0, kInfo2Write, Eq(IntBin("i"), I(0)), {{kOpWrite, "w", kParticleInteger, be64(1)}}},
        {1, 0, kInfo2Write | kInfo2Delete, {}, {}},
    };
    EXPECT_EQ(batch_results(storage, batch(rows, A({I(4), IntBin("i"), I(1)}))), (std::vector<int>{27, 0, 27, 2, 0, 0}));
    EXPECT_EQ(batch_results(storage, batch(rows, kMalformed)), (std::vector<int>{-4})) << "a parent that does not build";
    std::string info;
    storage.find("test")->stats().append_info(info);
    EXPECT_NE(info.find(";batch_sub_read_filtered_out=2"), std::string::npos) << info;
}

TEST_F(ExpHandlerTest, BatchExpOps) {
    for (uint8_t k = 0; k < 2; k++) {
        digest[0] = k;
        put_i(k + 1);
    }
    E triple = A({I(22), IntBin("i"), I(3)});
    std::vector<BatchRow> rows = {
        {0, kInfo1Read, kInfo2Write | kInfo2RespondAllOps, {}, {{kOpExpRead, "r", kParticleBlob, exp_op(triple)}, {kOpExpModify, "w", kParticleBlob, exp_op(triple)}}},
        {1, kInfo1Read, 0, {}, {{kOpExpRead, "r", kParticleBlob, exp_op(A({I(20), IntBin("x"), I(1)}))}}},
    };
    EXPECT_EQ(batch_results(storage, batch(rows, {})), (std::vector<int>{0, 26}));
    digest[0] = 0;
    Reply r = send(read(0), {{kOpRead, "w"}});
    ASSERT_EQ(r.bins.size(), 1u);
    EXPECT_EQ(r.bins[0].value, be64(3));
}

}  // namespace
}  // namespace aero::server::exp::test
