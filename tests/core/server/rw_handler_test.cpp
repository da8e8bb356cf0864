// Drives the AS_MSG paths with request bytes built by MessageWriter, as a client sends them.
#include <gtest/gtest.h>

#include <string>
#include <vector>

#include "core/proto/message.h"
#include "core/proto/particle.h"
#include "core/proto/ttl.h"
#include "core/server/rw_handler.h"
#include "tests/core/server/wire_ops.h"

namespace aero::server {
namespace {

using namespace aero::proto;
using wire::be64;
using wire::Op;

struct Bin {
    uint8_t op;
    std::string name;
    uint8_t particle;
    std::string value;
};

struct Reply {
    MsgHeader h;
    std::vector<Bin> bins;
};

class RwTest : public ::testing::Test {
protected:
    Storage storage{{"test"}, 0, 1};
    Digest digest{};
    std::string set = "demo";
    std::string ns = "test";

    Reply send(MsgHeader h, const std::vector<Op>& ops, const std::string* key = nullptr) {
        Buffer req;
        MessageWriter w(req);
        w.begin(h);
        w.field(kFieldNamespace, ns);
        w.field(kFieldSet, set);
        w.field(kFieldDigest, digest.data(), digest.size());
        if (key) w.field(kFieldKey, *key);
        for (const Op& op : ops) w.op(op.op, op.particle, op.name, op.value.data(), op.value.size());
        w.finish();
        return exchange(req);
    }

    // By value: the server may rewrite the request bytes it is given.
    Reply exchange(Buffer req) {
        Buffer out;
        handle_message(storage, req.data() + kProtoHeaderSize, req.size() - kProtoHeaderSize, out);
        uint8_t type;
        uint64_t size;
        EXPECT_TRUE(parse_proto_header(out.data(), type, size).is_ok());
        EXPECT_EQ(type, kProtoMessage);
        EXPECT_EQ(size, out.size() - kProtoHeaderSize);
        MessageView v;
        EXPECT_TRUE(v.parse(out.data() + kProtoHeaderSize, size).is_ok());
        Reply r{v.header(), {}};
        OpView op;
        while (r.bins.size() < r.h.n_ops && v.next_op(op))
            r.bins.push_back({op.op_type, std::string(op.name), op.particle,
                              std::string(reinterpret_cast<const char*>(op.value), op.value_size)});
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
    Reply put(const std::string& bin, int64_t v, MsgHeader h = write()) {
        return send(h, {{kOpWrite, bin, kParticleInteger, be64(v)}});
    }
};

TEST_F(RwTest, PutThenGet) {
    EXPECT_EQ(send(read(), {}).h.result_code, 2);
    Reply w = send(write(), {{kOpWrite, "s", kParticleString, "hi"}, {kOpWrite, "i", kParticleInteger, be64(7)}});
    EXPECT_EQ(w.h.result_code, 0);
    EXPECT_EQ(w.h.generation, 1u);
    Reply r = send(read(), {});
    ASSERT_EQ(r.h.result_code, 0);
    ASSERT_EQ(r.bins.size(), 2u);
    EXPECT_EQ(r.bins[0].name, "s");
    EXPECT_EQ(r.bins[0].value, "hi");
    EXPECT_EQ(r.bins[1].value, be64(7));
    Reply header = send(read(kInfo1NoBinData), {});
    EXPECT_EQ(header.h.result_code, 0);
    EXPECT_EQ(header.h.generation, 1u);
    EXPECT_TRUE(header.bins.empty());
}

TEST_F(RwTest, BitOpsNeedABlobOperand) {
    // [RESIZE 0, 2]: resize the bin to 2 bytes; as a blob it creates the bin, as anything else
    // the server answers 12 (as_bin_bits_modify_from_client), for reads too.
    std::string resize("\x92\x00\x02", 3);
    EXPECT_EQ(send(write(), {{kOpBitModify, "b", kParticleString, resize}}).h.result_code, 12);
    EXPECT_EQ(send(write(), {{kOpBitModify, "b", kParticleBlob, resize}}).h.result_code, 0);
    std::string count("\x93\x33\x00\x08", 4);  // [COUNT 51, 0, 8]
    EXPECT_EQ(send(read(0), {{kOpBitRead, "b", kParticleInteger, count}}).h.result_code, 12);
    Reply r = send(read(0), {{kOpBitRead, "b", kParticleBlob, count}});
    ASSERT_EQ(r.h.result_code, 0);
    ASSERT_EQ(r.bins.size(), 1u);
    EXPECT_EQ(r.bins[0].value, be64(0));
}

TEST_F(RwTest, NamedBinReadLeavesOutMissingBins) {
    put("a", 1);
    Reply r = send(read(0), {{kOpRead, "a"}, {kOpRead, "missing"}});
    ASSERT_EQ(r.bins.size(), 1u);
    EXPECT_EQ(r.bins[0].name, "a");
}

TEST_F(RwTest, ExistsPolicies) {
    EXPECT_EQ(put("a", 1, write(0, kInfo3UpdateOnly)).h.result_code, 2);
    EXPECT_EQ(put("a", 1, write(0, kInfo3ReplaceOnly)).h.result_code, 2);
    EXPECT_EQ(put("a", 1, write(kInfo2CreateOnly)).h.result_code, 0);
    EXPECT_EQ(put("a", 1, write(kInfo2CreateOnly)).h.result_code, 5);
    EXPECT_EQ(put("b", 2, write(0, kInfo3CreateOrReplace)).h.result_code, 0);
    Reply r = send(read(), {});
    ASSERT_EQ(r.bins.size(), 1u);  // replace dropped bin a
    EXPECT_EQ(r.bins[0].name, "b");
}

TEST_F(RwTest, GenerationChecks) {
    put("a", 1);
    MsgHeader h = write(kInfo2Generation);
    h.generation = 5;
    Reply bad = put("a", 2, h);
    EXPECT_EQ(bad.h.result_code, 3);
    EXPECT_EQ(bad.h.generation, 1u);  // errors report the record's metadata
    h.generation = 1;
    EXPECT_EQ(put("a", 2, h).h.generation, 2u);
    h = write(kInfo2GenerationGt);
    h.generation = 2;
    EXPECT_EQ(put("a", 3, h).h.result_code, 3);
    h.generation = 9;
    EXPECT_EQ(put("a", 3, h).h.result_code, 0);
}

TEST_F(RwTest, TtlRules) {
    MsgHeader h = write();
    h.record_ttl = kTtlMax + 1;
    EXPECT_EQ(put("a", 1, h).h.result_code, 4);
    h.record_ttl = 100;
    Reply r = put("a", 1, h);
    EXPECT_NE(r.h.record_ttl, 0u);
    h.record_ttl = kTtlDontUpdate;
    EXPECT_EQ(put("a", 2, h).h.record_ttl, r.h.record_ttl);
    h.record_ttl = kTtlNeverExpire;
    EXPECT_EQ(put("a", 3, h).h.record_ttl, 0u);
}

TEST_F(RwTest, ModifyOps) {
    put("i", 5);
    EXPECT_EQ(send(write(), {{kOpIncr, "i", kParticleInteger, be64(-7)}}).h.result_code, 0);
    EXPECT_EQ(send(write(), {{kOpIncr, "i", kParticleFloat, be64(0)}}).h.result_code, 12);
    EXPECT_EQ(send(write(), {{kOpAppend, "i", kParticleString, "x"}}).h.result_code, 12);
    send(write(), {{kOpAppend, "s", kParticleString, "b"}, {kOpPrepend, "s", kParticleString, "a"}});
    Reply r = send(read(0), {{kOpRead, "i"}, {kOpRead, "s"}});
    ASSERT_EQ(r.bins.size(), 2u);
    EXPECT_EQ(r.bins[0].value, be64(-2));
    EXPECT_EQ(r.bins[1].value, "ab");
}

TEST_F(RwTest, OperateRespondAllOpsSnapshotsReads) {
    MsgHeader h = write(kInfo2RespondAllOps);
    h.info1 = kInfo1Read;
    Reply r = send(h, {{kOpWrite, "s", kParticleString, "a"},
                       {kOpRead, "s"},
                       {kOpAppend, "s", kParticleString, "b"},
                       {kOpRead, "s"},
                       {kOpRead, "none"}});
    ASSERT_EQ(r.h.result_code, 0);
    ASSERT_EQ(r.bins.size(), 5u);
    EXPECT_EQ(r.bins[0].particle, kParticleNull);
    EXPECT_EQ(r.bins[1].value, "a");
    EXPECT_EQ(r.bins[3].value, "ab");
    EXPECT_EQ(r.bins[4].particle, kParticleNull);
    EXPECT_EQ(r.h.generation, 1u);
}

TEST_F(RwTest, DeletesAndEmptyRecords) {
    EXPECT_EQ(send(write(kInfo2Delete), {}).h.result_code, 2);
    put("a", 1);
    EXPECT_EQ(send(write(), {{kOpWrite, "a", kParticleNull, ""}}).h.result_code, 0);
    EXPECT_EQ(send(read(), {}).h.result_code, 2);  // no bins left: the record is gone
    EXPECT_EQ(send(write(), {{kOpWrite, "a", kParticleNull, ""}}).h.result_code, 2);
    put("a", 1);
    Reply d = send(write(kInfo2Delete), {});
    EXPECT_EQ(d.h.result_code, 0);
    EXPECT_EQ(d.h.generation, 0u);
    EXPECT_EQ(send(write(), {{kOpTouch, ""}}).h.result_code, 2);
}

TEST_F(RwTest, KeyAndSetChecks) {
    std::string key = std::string(1, char(kParticleString)) + "k1";
    std::string other = std::string(1, char(kParticleString)) + "k2";
    EXPECT_EQ(send(write(), {{kOpWrite, "a", kParticleString, "v"}}, &key).h.result_code, 0);
    EXPECT_EQ(send(read(), {}, &other).h.result_code, 19);
    EXPECT_EQ(send(read(), {}, &key).h.result_code, 0);
    set = "elsewhere";
    EXPECT_EQ(send(read(), {}).h.result_code, 4);
    EXPECT_EQ(put("a", 1).h.result_code, 4);
}

TEST_F(RwTest, RequestErrors) {
    EXPECT_EQ(send(write(), {{kOpWrite, std::string(16, 'n'), kParticleString, "v"}}).h.result_code, 21);
    EXPECT_EQ(send(write(), {{kOpWrite, "a", kParticleString, std::string(kMaxRecordSize, 'x')}}).h.result_code, 13);
    ns = "nope";
    EXPECT_EQ(put("a", 1).h.result_code, 20);
    ns = "test";
    Buffer req;
    MessageWriter w(req);
    w.begin(write());
    w.field(kFieldNamespace, ns);
    w.field(kFieldDigest, "short");
    w.finish();
    EXPECT_EQ(exchange(req).h.result_code, 4);
    req.push_back(0);  // a trailing byte the header does not account for
    write_proto_header(req.data(), kProtoMessage, req.size() - kProtoHeaderSize);
    EXPECT_EQ(exchange(req).h.result_code, 4);
}

}  // namespace
}  // namespace aero::server
