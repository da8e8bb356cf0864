#include "core/proto/collection_op.h"

#include <gtest/gtest.h>

#include "core/proto/message.h"
#include "core/proto/msgpack.h"
#include "core/proto/particle.h"

namespace aero::proto {
namespace {

namespace mp = msgpack;

// Writes one collection op into a fresh message and returns its op view's value bytes.
struct Written {
    Buffer msg;
    OpView op;
    Status status;
    bool modifies = false;
};

Written write(int64_t kind, const Buffer& value, const Buffer* ctx) {
    Written out;
    MessageWriter w(out.msg);
    w.begin(MsgHeader{});
    Reader v(value.data(), value.size());
    Reader c(ctx ? ctx->data() : nullptr, ctx ? ctx->size() : 0);
    bool modifies = false;
    out.status = write_collection_op(w, kind, "bin", v, ctx ? &c : nullptr, modifies);
    out.modifies = modifies;
    if (!out.status.is_ok()) return out;
    w.finish();
    MessageView view;
    EXPECT_TRUE(view.parse(out.msg.data() + kProtoHeaderSize, out.msg.size() - kProtoHeaderSize).is_ok());
    EXPECT_TRUE(view.next_op(out.op));
    return out;
}

Buffer bytes(std::initializer_list<uint8_t> b) { return Buffer(b); }

std::vector<uint8_t> value_of(const OpView& op) { return {op.value, op.value + op.value_size}; }

TEST(CollectionOp, ListAppendConvertsValuesToTheDialect) {
    // [1, "ab"] -> list APPEND of a string: the string gains its particle byte.
    Written w = write(kCollectionCdt, bytes({0x92, 0x01, 0xa2, 'a', 'b'}), nullptr);
    ASSERT_TRUE(w.status.is_ok()) << w.status.message();
    EXPECT_EQ(w.op.op_type, kOpCdtModify);
    EXPECT_TRUE(w.modifies);
    EXPECT_EQ(w.op.particle, kParticleBlob);
    EXPECT_EQ(value_of(w.op), (std::vector<uint8_t>{0x92, 0x01, 0xa3, 0x03, 'a', 'b'}));
}

TEST(CollectionOp, ReadCodesGoOutAsReads) {
    Written w = write(kCollectionCdt, bytes({0x91, 16}), nullptr);  // list SIZE
    ASSERT_TRUE(w.status.is_ok());
    EXPECT_EQ(w.op.op_type, kOpCdtRead);
    EXPECT_FALSE(w.modifies);
    Written m = write(kCollectionCdt, bytes({0x91, 96}), nullptr);  // map SIZE
    EXPECT_EQ(m.op.op_type, kOpCdtRead);
    Written b = write(kCollectionBit, bytes({0x93, 51, 0x00, 0x08}), nullptr);  // bit COUNT
    EXPECT_EQ(b.op.op_type, kOpBitRead);
    Written h = write(kCollectionHll, bytes({0x91, 50}), nullptr);  // HLL COUNT
    EXPECT_EQ(h.op.op_type, kOpHllRead);
}

TEST(CollectionOp, ContextWrapsTheCall) {
    // ctx [[0x10, 1], [0x22, "k"]] around map PUT ["b", 2].
    Buffer ctx = bytes({0x92, 0x92, 0x10, 0x01, 0x92, 0x22, 0xa1, 'k'});
    Written w = write(kCollectionCdt, bytes({0x93, 67, 0xa1, 'b', 0x02}), &ctx);
    ASSERT_TRUE(w.status.is_ok()) << w.status.message();
    EXPECT_EQ(w.op.op_type, kOpCdtModify);
    EXPECT_EQ(value_of(w.op), (std::vector<uint8_t>{0x93, 0xcc, 0xff, 0x94, 0x10, 0x01, 0x22, 0xa2, 0x03, 'k', 0x93,
                                                    67, 0xa2, 0x03, 'b', 0x02}));
    // A nil ctx is the bin itself.
    Buffer nil = bytes({0xc0});
    Written plain = write(kCollectionCdt, bytes({0x91, 16}), &nil);
    EXPECT_EQ(value_of(plain.op), (std::vector<uint8_t>{0x91, 16}));
}

TEST(CollectionOp, ComparisonMarkersBecomeTheServers) {
    // GET_BY_VALUE_INTERVAL [7, 1, ext(1, 0x01)]: infinity as the end.
    Written w = write(kCollectionCdt, bytes({0x94, 25, 0x07, 0x01, 0xd4, 0x01, 0x01}), nullptr);
    ASSERT_TRUE(w.status.is_ok());
    EXPECT_EQ(value_of(w.op), (std::vector<uint8_t>{0x94, 25, 0x07, 0x01, 0xd4, 0xff, 0x01}));
}

TEST(CollectionOp, BitOperandsAreBlobsAndHllOperandsAreTyped) {
    // bit SET [3, 0, 8, bin(0xff)]: the blob operand is a dialect blob.
    Written b = write(kCollectionBit, bytes({0x94, 3, 0x00, 0x08, 0xc4, 0x01, 0xff}), nullptr);
    ASSERT_TRUE(b.status.is_ok());
    EXPECT_EQ(b.op.op_type, kOpBitModify);
    EXPECT_EQ(value_of(b.op), (std::vector<uint8_t>{0x94, 3, 0x00, 0x08, 0xa2, kParticleBlob, 0xff}));
    // HLL GET_UNION [51, [bin(0xaa)]]: each HLL gains the HLL particle byte.
    Written h = write(kCollectionHll, bytes({0x92, 51, 0x91, 0xc4, 0x01, 0xaa}), nullptr);
    ASSERT_TRUE(h.status.is_ok());
    EXPECT_EQ(value_of(h.op), (std::vector<uint8_t>{0x92, 51, 0x91, 0xa2, kParticleHll, 0xaa}));
    // HLL ADD [1, ["x"], 8]: plain values take the dialect, counts stay ints.
    Written a = write(kCollectionHll, bytes({0x93, 1, 0x91, 0xa1, 'x', 0x08}), nullptr);
    EXPECT_EQ(value_of(a.op), (std::vector<uint8_t>{0x93, 1, 0x91, 0xa2, 0x03, 'x', 0x08}));
}

TEST(CollectionOp, BadShapesAreParameterErrors) {
    EXPECT_EQ(write(kCollectionCdt, bytes({0x91, 0x3f}), nullptr).status.code(), kErrParam);  // unknown code
    EXPECT_EQ(write(kCollectionCdt, bytes({0x90}), nullptr).status.code(), kErrParam);        // no code
    EXPECT_EQ(write(kCollectionCdt, bytes({0x01}), nullptr).status.code(), kErrParam);        // not an array
    EXPECT_EQ(write(kCollectionBit, bytes({0x91, 60}), nullptr).status.code(), kErrParam);
    Buffer ctx = bytes({0x91, 0x92, 0x10, 0x01});
    EXPECT_EQ(write(kCollectionBit, bytes({0x93, 51, 0x00, 0x08}), &ctx).status.code(), kErrParam);  // bit ctx
    Buffer empty = bytes({0x90});
    EXPECT_EQ(write(kCollectionCdt, bytes({0x91, 16}), &empty).status.code(), kErrParam);
    Buffer bad_item = bytes({0x91, 0x91, 0x10});
    EXPECT_EQ(write(kCollectionCdt, bytes({0x91, 16}), &bad_item).status.code(), kErrParam);
    EXPECT_EQ(write(kCollectionHll, bytes({0x92, 51, 0x91, 0x01}), nullptr).status.code(), kErrParam);
}

}  // namespace
}  // namespace aero::proto
