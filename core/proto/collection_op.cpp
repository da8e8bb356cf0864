#include "core/proto/collection_op.h"

#include "core/proto/msgpack.h"
#include "core/proto/particle.h"

namespace aero::proto {

namespace mp = msgpack;

namespace {

// as_cdt_optype (proto.h): list codes below 64, map codes from 64; reads sit in 16..31 and
// 96..127. Bit and HLL codes from 50 read (AS_BITS_READ_OP_START, AS_HLL_READ_OP_START).
bool known_cdt_code(int64_t c) { return (c >= 0 && c <= 13) || (c >= 16 && c <= 27) || (c >= 32 && c <= 40) ||
                                        (c >= 64 && c <= 70) || (c >= 73 && c <= 79) || (c >= 81 && c <= 89) ||
                                        c == 96 || (c >= 97 && c <= 100) || (c >= 102 && c <= 110); }
bool cdt_reads(int64_t c) { return (c >= 16 && c < 32) || c >= 96; }
bool known_bit_code(int64_t c) { return (c >= 0 && c <= 12) || (c >= 50 && c <= 54); }
bool known_hll_code(int64_t c) { return (c >= 0 && c <= 4) || (c >= 50 && c <= 56); }

Status bad(std::string_view what) { return Status(kErrParam, std::string(what)); }

bool peek_code(const Reader& value, int64_t& code) {
    Reader r = value;
    mp::Item arr, c;
    if (!mp::read_item(r, arr) || arr.kind != mp::Item::kArray || arr.len == 0) return false;
    if (!mp::read_item(r, c) || c.kind != mp::Item::kInt) return false;
    code = c.i;
    return true;
}

}  // namespace

bool hll_takes_hlls(int64_t c) { return c == 2 || (c >= 51 && c <= 54); }

Status write_hll_list(Reader& r, Buffer& out) {
    mp::Item arr;
    if (!mp::read_item(r, arr) || arr.kind != mp::Item::kArray) return bad("HLL operands must be a list of HLL values");
    mp::pack_array_header(out, arr.len);
    for (uint32_t i = 0; i < arr.len; i++) {
        mp::Item it;
        if (!mp::read_item(r, it) || it.kind != mp::Item::kBin) return bad("HLL operands must be bytes");
        mp::pack_raw_header(out, it.len + 1);
        out.push_back(kParticleHll);
        put_bytes(out, it.data, it.len);
    }
    return Status::ok();
}

namespace {

// [code, args...] with the arguments in the dialect, HLL operand lists typed as HLLs.
Status write_call(int64_t kind, Reader& value, Buffer& out) {
    mp::Item arr, code;
    if (!mp::read_item(value, arr) || arr.kind != mp::Item::kArray || arr.len == 0 || !mp::read_item(value, code) ||
        code.kind != mp::Item::kInt)
        return bad("a collection operation must be [code, arg, ...]");
    mp::pack_array_header(out, arr.len);
    mp::pack_int(out, code.i);
    for (uint32_t i = 1; i < arr.len; i++) {
        // Bit operands are dialect blobs too: the server skips their particle byte.
        Status s = kind == kCollectionHll && i == 1 && hll_takes_hlls(code.i) ? write_hll_list(value, out)
                                                                             : mp::std_to_as(value, out);
        if (!s.is_ok()) return s;
    }
    return Status::ok();
}

}  // namespace

Status write_context(Reader& ctx, Buffer& out, uint32_t& levels) {
    mp::Item arr;
    if (!mp::read_item(ctx, arr) || arr.kind != mp::Item::kArray) return bad("ctx must be a list of [type, value]");
    levels = arr.len;
    mp::pack_array_header(out, arr.len * 2);
    for (uint32_t i = 0; i < arr.len; i++) {
        mp::Item pair, type;
        if (!mp::read_item(ctx, pair) || pair.kind != mp::Item::kArray || pair.len != 2 || !mp::read_item(ctx, type) ||
            type.kind != mp::Item::kInt || type.i < 0 || type.i > 0x3ff)
            return bad("each ctx item must be [AERO_CTX_* type, value]");
        mp::pack_int(out, type.i);
        Status s = mp::std_to_as(ctx, out);
        if (!s.is_ok()) return s;
    }
    return Status::ok();
}

bool is_collection_kind(int64_t abi_op) {
    return abi_op == kCollectionCdt || abi_op == kCollectionBit || abi_op == kCollectionHll;
}

bool collection_op_modifies(int64_t abi_op, const Reader& value, bool& modifies) {
    int64_t c = 0;
    if (!peek_code(value, c)) return false;
    switch (abi_op) {
    case kCollectionCdt: modifies = !cdt_reads(c); return known_cdt_code(c);
    case kCollectionBit: modifies = c < 50; return known_bit_code(c);
    case kCollectionHll: modifies = c < 50; return known_hll_code(c);
    default: return false;
    }
}

Status write_collection_op(MessageWriter& w, int64_t abi_op, std::string_view name, Reader& value, Reader* ctx,
                           bool& modifies) {
    if (!collection_op_modifies(abi_op, value, modifies))
        return bad("unknown collection operation code for op " + std::to_string(abi_op));
    uint8_t type = abi_op == kCollectionCdt   ? (modifies ? kOpCdtModify : kOpCdtRead)
                   : abi_op == kCollectionBit ? (modifies ? kOpBitModify : kOpBitRead)
                                              : (modifies ? kOpHllModify : kOpHllRead);
    bool nested = ctx != nullptr && ctx->left() > 0 && *ctx->pos() != 0xc0;
    if (nested && abi_op != kCollectionCdt) return bad("only list and map operations take a ctx");
    if (ctx != nullptr && !nested && !mp::skip_value(*ctx)) return bad("malformed ctx");
    w.begin_op(type, kParticleBlob, name);
    Buffer& out = w.buffer();
    if (nested) {
        mp::pack_array_header(out, 3);
        mp::pack_uint(out, kContextEval);
        uint32_t levels = 0;
        Status s = write_context(*ctx, out, levels);
        if (!s.is_ok()) return s;
        if (levels == 0) return bad("ctx must not be empty");
    }
    Status s = write_call(abi_op, value, out);
    if (!s.is_ok()) return s;
    w.end_op();
    return Status::ok();
}

}  // namespace aero::proto
