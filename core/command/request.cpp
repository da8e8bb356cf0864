#include "core/command/request.h"

#include "core/proto/collection_op.h"
#include "core/proto/expression.h"
#include "core/proto/message.h"
#include "core/proto/msgpack.h"
#include "core/proto/particle.h"
#include "core/proto/ttl.h"

namespace aero {

namespace mp = proto::msgpack;
using proto::MessageWriter;
using proto::MsgHeader;

namespace {

// The timeout the server applies: the socket timeout when it is the tighter bound (§3.5).
uint32_t server_timeout(const Policy& p) {
    if (p.socket_timeout_ms > 0 && p.socket_timeout_ms < p.total_timeout_ms) return p.socket_timeout_ms;
    return p.total_timeout_ms;
}

uint32_t wire_ttl(int64_t ttl) {
    if (ttl == -1) return proto::kTtlNeverExpire;
    if (ttl == -2) return proto::kTtlDontUpdate;
    return uint32_t(ttl);
}

}  // namespace

MsgHeader read_header(const Policy& p, uint8_t info1) {
    MsgHeader h;
    h.info1 = uint8_t(proto::kInfo1Read | info1 | (p.read_mode_all ? proto::kInfo1ReadModeApAll : 0));
    // Strong-consistency read modes (fact sheet §8): session 0, linearize TYPE, allow replica
    // RELAX, allow unavailable both. AP namespaces ignore them.
    if (p.read_mode_sc == kReadModeScLinearize || p.read_mode_sc == kReadModeScAllowUnavailable)
        h.info3 |= proto::kInfo3ScReadType;
    if (p.read_mode_sc == kReadModeScAllowReplica || p.read_mode_sc == kReadModeScAllowUnavailable)
        h.info3 |= proto::kInfo3ScReadRelax;
    h.record_ttl = uint32_t(p.read_touch_ttl_percent);
    h.transaction_ttl = server_timeout(p);
    return h;
}

MsgHeader write_header(const Policy& p, uint8_t info2) {
    MsgHeader h;
    h.info2 = uint8_t(proto::kInfo2Write | info2);
    switch (p.exists) {
    case kExistsUpdateOnly: h.info3 |= proto::kInfo3UpdateOnly; break;
    case kExistsReplace: h.info3 |= proto::kInfo3CreateOrReplace; break;
    case kExistsReplaceOnly: h.info3 |= proto::kInfo3ReplaceOnly; break;
    case kExistsCreateOnly: h.info2 |= proto::kInfo2CreateOnly; break;
    default: break;
    }
    if (p.gen_mode == kGenEq) {
        h.info2 |= proto::kInfo2Generation;
        h.generation = p.generation;
    } else if (p.gen_mode == kGenGt) {
        h.info2 |= proto::kInfo2GenerationGt;
        h.generation = p.generation;
    }
    if (p.commit_master) h.info3 |= proto::kInfo3CommitMaster;
    if (p.durable_delete) h.info2 |= proto::kInfo2DurableDelete;
    h.record_ttl = wire_ttl(p.ttl);
    h.transaction_ttl = server_timeout(p);
    return h;
}

void key_fields(MessageWriter& w, const Key& key, bool send_key, bool with_digest) {
    w.field(proto::kFieldNamespace, key.ns);
    if (!key.set.empty()) w.field(proto::kFieldSet, key.set);
    if (with_digest) w.field(proto::kFieldDigest, key.digest.data(), key.digest.size());
    if (send_key && key.key_type != 0) {
        w.begin_field(proto::kFieldKey);
        w.buffer().push_back(key.key_type);
        proto::put_bytes(w.buffer(), key.key_data, key.key_len);
        w.end_field();
    }
}

Status filter_field(MessageWriter& w, const Policy& p) {
    if (p.filter == nullptr) return Status::ok();
    w.begin_field(proto::kFieldFilterExp);
    proto::Reader r(p.filter, p.filter_len);
    Status s = proto::write_expression(r, w.buffer());
    if (s.is_ok() && r.left() != 0) s = Status(kErrParam, "filter_expression: trailing bytes after the expression");
    w.end_field();
    return s;
}

namespace {

Status bin_name(const mp::Item& it, std::string_view& out) {
    if (it.kind != mp::Item::kStr) return Status(kErrParam, "bin names must be strings");
    std::string_view name(reinterpret_cast<const char*>(it.data), it.len);
    if (it.len > proto::kMaxBinNameSize)
        return Status(kErrParam, "bin name '" + std::string(name) + "' is longer than 15 bytes");
    // The server refuses a NUL in a bin name; refusing it here keeps the error a parameter
    // error, found before anything is sent.
    if (name.find('\0') != std::string_view::npos) return Status(kErrParam, "bin names must not contain NUL bytes");
    out = name;
    return Status::ok();
}

// Appends one op whose value is a standard msgpack value converted to a particle.
Status value_op(MessageWriter& w, uint8_t op, std::string_view name, proto::Reader& r) {
    w.begin_op(op, 0, name);
    size_t type_at = w.buffer().size() - name.size() - 3;  // the op's particle byte
    uint8_t type = 0;
    Status s = mp::particle_from_std(r, type, w.buffer());
    if (!s.is_ok()) return s;
    w.buffer()[type_at] = type;
    w.end_op();
    return Status::ok();
}

// [exp, flags] as the op's blob value (fact sheet §12.5), from the ABI's expression argument
// (a tree, or a bin holding one) and its optional flags.
Status expression_op(MessageWriter& w, uint8_t op, std::string_view name, proto::Reader& r, bool has_flags) {
    const uint8_t* tree = nullptr;
    size_t tree_len = 0, used = 0;
    if (!proto::expression_tree(r.pos(), r.left(), tree, tree_len, used))
        return Status(kErrParam, "an expression operation takes an expression (an array, or a bin holding one)");
    r.skip(used);
    int64_t flags = 0;
    if (has_flags) {
        mp::Item f;
        if (!mp::read_item(r, f) || (f.kind != mp::Item::kInt && f.kind != mp::Item::kNil) ||
            (f.kind == mp::Item::kInt && (f.i < 0 || f.i > UINT32_MAX)))
            return Status(kErrParam, "expression operation flags must be an unsigned 32-bit integer");
        flags = f.i;
    }
    w.begin_op(op, proto::kParticleBlob, name);
    mp::pack_array_header(w.buffer(), 2);
    proto::Reader tr(tree, tree_len);
    Status s = proto::write_expression(tr, w.buffer());
    if (s.is_ok() && tr.left() != 0) s = Status(kErrParam, "trailing bytes after an operation's expression");
    if (!s.is_ok()) return s;
    mp::pack_int(w.buffer(), flags);
    w.end_op();
    return Status::ok();
}

Status malformed_ops() { return Status(kErrParam, "ops must be a msgpack array of [op, bin, value]"); }

}  // namespace

Status write_bin_ops(MessageWriter& w, const uint8_t* bins, size_t len) {
    proto::Reader r(bins, len);
    mp::Item map;
    if (!mp::read_item(r, map) || map.kind != mp::Item::kMap) return Status(kErrParam, "bins must be a msgpack map");
    for (uint32_t i = 0; i < map.len; i++) {
        mp::Item k;
        std::string_view name;
        if (!mp::read_item(r, k)) return Status(kErrParam, "malformed bins map");
        Status s = bin_name(k, name);
        if (s.is_ok()) s = value_op(w, proto::kOpWrite, name, r);
        if (!s.is_ok()) return s;
    }
    if (r.left() != 0) return Status(kErrParam, "trailing bytes after the bins map");
    return Status::ok();
}

Status build_put(proto::Buffer& out, const Key& key, const Policy& p, const uint8_t* bins, size_t len) {
    out.clear();
    MessageWriter w(out);
    w.begin(write_header(p, 0));
    key_fields(w, key, p.send_key, true);
    Status s = filter_field(w, p);
    if (s.is_ok()) s = write_bin_ops(w, bins, len);
    if (!s.is_ok()) return s;
    w.finish();
    return w.fits();
}

Status build_get(proto::Buffer& out, const Key& key, const Policy& p, const uint8_t* names, size_t len) {
    out.clear();
    MessageWriter w(out);
    w.begin(read_header(p, 0));
    key_fields(w, key, false, true);
    uint8_t info1 = 0;
    Status s = filter_field(w, p);
    if (s.is_ok()) s = write_read_ops(w, names, len, info1);
    if (!s.is_ok()) return s;
    out[proto::kProtoHeaderSize + 1] |= info1;
    w.finish();
    return w.fits();
}

Status write_read_ops(MessageWriter& w, const uint8_t* names, size_t len, uint8_t& info1) {
    if (names == nullptr) {
        info1 = proto::kInfo1GetAll;
        return Status::ok();
    }
    proto::Reader r(names, len);
    mp::Item arr;
    if (!mp::read_item(r, arr) || arr.kind != mp::Item::kArray) return Status(kErrParam, "bin names must be a msgpack array");
    // Reading no named bins is a header-only read, as the official clients do for select([]).
    info1 = arr.len == 0 ? proto::kInfo1NoBinData : 0;
    for (uint32_t i = 0; i < arr.len; i++) {
        mp::Item it;
        std::string_view name;
        if (!mp::read_item(r, it)) return Status(kErrParam, "malformed bin names");
        Status s = bin_name(it, name);
        if (!s.is_ok()) return s;
        w.op(proto::kOpRead, 0, name, nullptr, 0);
    }
    if (r.left() != 0) return Status(kErrParam, "trailing bytes after the bin names");
    return Status::ok();
}

Status build_exists(proto::Buffer& out, const Key& key, const Policy& p) {
    out.clear();
    MessageWriter w(out);
    w.begin(read_header(p, proto::kInfo1NoBinData));
    key_fields(w, key, false, true);
    Status s = filter_field(w, p);
    if (!s.is_ok()) return s;
    w.finish();
    return w.fits();
}

Status build_remove(proto::Buffer& out, const Key& key, const Policy& p) {
    out.clear();
    MessageWriter w(out);
    w.begin(write_header(p, proto::kInfo2Delete));
    key_fields(w, key, p.send_key, true);
    Status s = filter_field(w, p);
    if (!s.is_ok()) return s;
    w.finish();
    return w.fits();
}

Status build_touch(proto::Buffer& out, const Key& key, const Policy& p) {
    out.clear();
    MessageWriter w(out);
    w.begin(write_header(p, 0));
    key_fields(w, key, p.send_key, true);
    Status s = filter_field(w, p);
    if (!s.is_ok()) return s;
    w.op(proto::kOpTouch, 0, {}, nullptr, 0);
    w.finish();
    return w.fits();
}

Status operate_writes(const uint8_t* ops, size_t len, bool& writes) {
    proto::Reader r(ops, len);
    mp::Item arr;
    if (!mp::read_item(r, arr) || arr.kind != mp::Item::kArray) return malformed_ops();
    if (arr.len == 0) return Status(kErrParam, "ops must not be empty");
    writes = false;
    for (uint32_t i = 0; i < arr.len; i++) {
        mp::Item op, code;
        if (!mp::read_item(r, op) || op.kind != mp::Item::kArray || op.len < 1 || !mp::read_item(r, code) ||
            code.kind != mp::Item::kInt)
            return malformed_ops();
        uint32_t j = 1;
        if (proto::is_collection_kind(code.i)) {
            // A collection op writes or reads by its own code: [kind, bin, [code, ...], ctx].
            bool modifies = false;
            if (op.len < 3 || !mp::skip_value(r)) return malformed_ops();
            if (!proto::collection_op_modifies(code.i, r, modifies))
                return Status(kErrParam, "unknown collection operation code for op " + std::to_string(code.i));
            writes |= modifies;
            j = 2;
        } else if (code.i != kOpCodeRead && code.i != kOpCodeExpRead) {
            writes = true;
        }
        for (; j < op.len; j++)
            if (!mp::skip_value(r)) return malformed_ops();
    }
    return r.left() == 0 ? Status::ok() : malformed_ops();
}

Status build_operate(proto::Buffer& out, const Key& key, const Policy& p, const uint8_t* ops, size_t len) {
    bool writes = false;
    Status s = operate_writes(ops, len, writes);
    if (!s.is_ok()) return s;
    out.clear();
    MessageWriter w(out);
    w.begin(writes ? write_header(p, 0) : read_header(p, 0));
    key_fields(w, key, writes && p.send_key, true);
    uint8_t info1 = 0, info2 = 0;
    s = filter_field(w, p);
    if (s.is_ok()) s = write_operate_ops(w, ops, len, info1, info2);
    if (!s.is_ok()) return s;
    if (info1 != 0 && p.read_mode_all) info1 |= proto::kInfo1ReadModeApAll;
    out[proto::kProtoHeaderSize + 1] |= info1;
    out[proto::kProtoHeaderSize + 2] |= info2;
    w.finish();
    return w.fits();
}

Status write_operate_ops(MessageWriter& w, const uint8_t* ops, size_t len, uint8_t& info1, uint8_t& info2) {
    proto::Reader r(ops, len);
    mp::Item arr;
    if (!mp::read_item(r, arr) || arr.kind != mp::Item::kArray) return malformed_ops();
    info1 = 0;
    info2 = 0;
    Status s;
    for (uint32_t i = 0; i < arr.len; i++) {
        mp::Item op, code, name_item;
        if (!mp::read_item(r, op) || op.kind != mp::Item::kArray || op.len < 1 || !mp::read_item(r, code) ||
            code.kind != mp::Item::kInt)
            return malformed_ops();
        std::string_view name;
        if (op.len >= 2) {
            if (!mp::read_item(r, name_item)) return malformed_ops();
            if (name_item.kind != mp::Item::kNil) {
                s = bin_name(name_item, name);
                if (!s.is_ok()) return s;
            }
        }
        bool takes_value = code.i == kOpCodeWrite || code.i == kOpCodeIncr || code.i == kOpCodeAppend ||
                           code.i == kOpCodePrepend;
        switch (code.i) {
        case kOpCodeRead:
            info1 |= proto::kInfo1Read | (name.empty() ? proto::kInfo1GetAll : 0);
            w.op(proto::kOpRead, 0, name, nullptr, 0);
            break;
        case kOpCodeWrite:
        case kOpCodeIncr:
        case kOpCodeAppend:
        case kOpCodePrepend: {
            if (name.empty()) return Status(kErrParam, "operation " + std::to_string(code.i) + " needs a bin name");
            if (op.len < 3) return Status(kErrParam, "operation " + std::to_string(code.i) + " needs a value");
            uint8_t wire = code.i == kOpCodeWrite ? proto::kOpWrite
                           : code.i == kOpCodeIncr ? proto::kOpIncr
                           : code.i == kOpCodeAppend ? proto::kOpAppend
                                                     : proto::kOpPrepend;
            s = value_op(w, wire, name, r);
            if (!s.is_ok()) return s;
            break;
        }
        case proto::kCollectionCdt:
        case proto::kCollectionBit:
        case proto::kCollectionHll: {
            if (name.empty()) return Status(kErrParam, "operation " + std::to_string(code.i) + " needs a bin name");
            if (op.len < 3) return Status(kErrParam, "operation " + std::to_string(code.i) + " needs a value");
            // The value is read from its own reader, the ctx (when given) from the one after it.
            proto::Reader value = r;
            if (!mp::skip_value(r)) return malformed_ops();
            bool modifies = false;
            s = proto::write_collection_op(w, code.i, name, value, op.len >= 4 ? &r : nullptr, modifies);
            if (!s.is_ok()) return s;
            if (!modifies) info1 |= proto::kInfo1Read;
            // One reply entry per op, as the official clients ask for collection ops, so that
            // results keep their place (an op without a result answers nil).
            info2 |= proto::kInfo2RespondAllOps;
            for (uint32_t j = 4; j < op.len; j++)
                if (!mp::skip_value(r)) return malformed_ops();
            continue;
        }
        case kOpCodeExpRead:
        case kOpCodeExpModify: {
            if (name.empty()) return Status(kErrParam, "operation " + std::to_string(code.i) + " needs a bin name");
            if (op.len < 3) return Status(kErrParam, "operation " + std::to_string(code.i) + " needs an expression");
            s = expression_op(w, code.i == kOpCodeExpRead ? proto::kOpExpRead : proto::kOpExpModify, name, r,
                              op.len >= 4);
            if (!s.is_ok()) return s;
            if (code.i == kOpCodeExpRead) info1 |= proto::kInfo1Read;
            info2 |= proto::kInfo2RespondAllOps;
            for (uint32_t j = 4; j < op.len; j++)
                if (!mp::skip_value(r)) return malformed_ops();
            continue;
        }
        case kOpCodeTouch: w.op(proto::kOpTouch, 0, {}, nullptr, 0); break;
        case kOpCodeDelete: w.op(proto::kOpDeleteAll, 0, {}, nullptr, 0); break;
        default: return Status(kErrParam, "unknown operation " + std::to_string(code.i));
        }
        // Values an op does not use (a read's value slot) are skipped.
        for (uint32_t j = takes_value ? 3 : std::min<uint32_t>(op.len, 2); j < op.len; j++)
            if (!mp::skip_value(r)) return malformed_ops();
    }
    return r.left() == 0 ? Status::ok() : malformed_ops();
}

}  // namespace aero
