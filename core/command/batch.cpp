#include "core/command/batch.h"

#include <algorithm>
#include <cstring>

#include "core/command/request.h"
#include "core/command/udf.h"
#include "core/proto/message.h"
#include "core/proto/msgpack.h"
#include "core/proto/ttl.h"

namespace aero {

namespace mp = proto::msgpack;

namespace {

// Row type bits (fact sheet §9.2).
constexpr uint8_t kRowRepeat = 0x01;
constexpr uint8_t kRowInfo = 0x02;
constexpr uint8_t kRowGen = 0x04;
constexpr uint8_t kRowTtl = 0x08;
// BATCH_INDEX flags (fact sheet §9.1).
constexpr uint8_t kFlagInlineInMemory = 0x01;
constexpr uint8_t kFlagInlineOnDevice = 0x02;
constexpr uint8_t kFlagReportAllErrors = 0x04;
constexpr uint8_t kFieldBatchIndex = 41;

Status bad_row(size_t i, const std::string& why) {
    return Status(kErrParam, "batch row " + std::to_string(i) + ": " + why);
}

// The bytes of the next whole msgpack value.
bool slice(proto::Reader& r, const uint8_t*& p, size_t& n) {
    p = r.pos();
    if (!mp::skip_value(r)) return false;
    n = size_t(r.pos() - p);
    return true;
}

bool same_bytes(const uint8_t* a, size_t an, const uint8_t* b, size_t bn) {
    return an == bn && (an == 0 || std::memcmp(a, b, an) == 0);
}

}  // namespace

Status BatchJob::parse(const uint8_t* input, size_t len, const Policy& batch_policy) {
    input_.assign(input, input + len);
    policy_ = batch_policy;
    // The batch's filter goes in the message's own field, which applies to every row without
    // a filter of its own; the caller's policy map may be gone before the request is built.
    if (batch_policy.filter != nullptr) {
        filter_.assign(batch_policy.filter, batch_policy.filter + batch_policy.filter_len);
        policy_.filter = filter_.data();
        scratch_.clear();
        proto::MessageWriter w(scratch_);
        Status s = filter_field(w, policy_);
        if (!s.is_ok()) return s;
    }
    proto::Reader r(input_.data(), input_.size());
    mp::Item arr;
    if (!mp::read_item(r, arr) || arr.kind != mp::Item::kArray) return Status(kErrParam, "batch must be a msgpack array");
    rows_.clear();
    rows_.reserve(arr.len);
    for (uint32_t i = 0; i < arr.len; i++) {
        const size_t first = rows_.size();
        Status s = parse_row(r);
        if (!s.is_ok()) return bad_row(first, s.message());
    }
    if (r.left() != 0) return Status(kErrParam, "trailing bytes after the batch");
    return Status::ok();
}

Status BatchJob::parse_row(proto::Reader& r) {
    mp::Item it;
    if (!mp::read_item(r, it) || it.kind != mp::Item::kArray || it.len < 3 || it.len > 4)
        return Status(kErrParam, "expected [key, kind, arg(, policy)]");
    const size_t first = rows_.size();
    Status s = parse_run_keys(r);
    if (!s.is_ok()) return s;
    if (rows_.size() == first) {
        const uint8_t* key;
        size_t key_len;
        if (!slice(r, key, key_len)) return Status(kErrParam, "malformed key");
        s = parse_key(key, key_len, rows_.emplace_back().key);
        if (!s.is_ok()) return s;
    }
    s = parse_row_rest(r, it.len, rows_[first]);
    if (!s.is_ok()) return s;
    // A run's rows share what follows the key.
    const BatchRow& head = rows_[first];
    for (size_t i = first + 1; i < rows_.size(); i++) {
        BatchRow& row = rows_[i];
        row.kind = head.kind;
        row.is_write = head.is_write;
        row.arg = head.arg;
        row.arg_len = head.arg_len;
        row.attrs = head.attrs;
        row.attrs_len = head.attrs_len;
        row.policy = head.policy;
    }
    return Status::ok();
}

Status BatchJob::parse_run_keys(proto::Reader& r) {
    proto::Reader peek = r;
    mp::Item key, ns, set, user_keys;
    if (!mp::read_item(peek, key) || key.kind != mp::Item::kArray || key.len != 3 || !mp::read_item(peek, ns) ||
        !mp::read_item(peek, set) || !mp::read_item(peek, user_keys) || user_keys.kind != mp::Item::kArray)
        return Status::ok();  // not a run: parse_key reads the key
    r = peek;
    Key names;
    Status s = parse_key_names(ns, set, names);
    if (!s.is_ok()) return s;
    if (user_keys.len == 0) return Status(kErrParam, "invalid key: a run of keys needs at least one user key");
    // Every user key needs a byte: a count beyond what is left is malformed, not a reason to
    // reserve memory.
    if (user_keys.len > r.left()) return Status(kErrParam, "invalid key: malformed user key");
    const size_t need = rows_.size() + user_keys.len;
    if (rows_.capacity() < need) rows_.reserve(std::max(need, 2 * rows_.capacity()));
    for (uint32_t k = 0; k < user_keys.len; k++) {
        mp::Item user_key;
        if (!mp::read_item(r, user_key)) return Status(kErrParam, "invalid key: malformed user key");
        Key& row_key = rows_.emplace_back().key;
        row_key.ns = names.ns;
        row_key.set = names.set;
        s = parse_user_key(user_key, false, row_key);
        if (!s.is_ok()) return s;
    }
    return Status::ok();
}

Status BatchJob::parse_row_rest(proto::Reader& r, uint32_t fields, BatchRow& row) {
    mp::Item kind;
    Status s = Status::ok();
    if (!mp::read_item(r, kind) || kind.kind != mp::Item::kInt || kind.i < kBatchRead || kind.i > kBatchUdf)
        return Status(kErrParam, "kind must be 0 (read), 1 (write), 2 (operate), 3 (delete) or 4 (UDF)");
    row.kind = uint8_t(kind.i);
    if (!slice(r, row.arg, row.arg_len)) return Status(kErrParam, "malformed arg");
    row.policy = policy_;
    row.policy.filter = nullptr;
    if (fields == 4) {
        if (!slice(r, row.attrs, row.attrs_len)) return Status(kErrParam, "malformed policy");
        if (row.attrs[0] == 0xc0) {
            row.attrs = nullptr;
            row.attrs_len = 0;
        }
        s = apply_policy_map(row.attrs, row.attrs_len, row.policy);
        if (!s.is_ok()) return s;
    }
    // Writing the row's ops once here checks every name and value, so that building the node
    // requests later cannot fail half way.
    bool nil_arg = row.arg[0] == 0xc0;
    scratch_.clear();
    proto::MessageWriter w(scratch_);
    uint8_t info1 = 0, info2 = 0;
    s = filter_field(w, row.policy);
    if (!s.is_ok()) return s;
    switch (row.kind) {
    case kBatchRead:
        s = write_read_ops(w, nil_arg ? nullptr : row.arg, row.arg_len, info1);
        break;
    case kBatchWrite:
        row.is_write = true;
        s = write_bin_ops(w, row.arg, row.arg_len);
        break;
    case kBatchOperate:
        s = operate_writes(row.arg, row.arg_len, row.is_write);
        if (s.is_ok()) s = write_operate_ops(w, row.arg, row.arg_len, info1, info2);
        break;
    case kBatchDelete:
        row.is_write = true;
        if (!nil_arg) s = Status(kErrParam, "a delete takes no arg");
        break;
    case kBatchUdf: {
        row.is_write = true;
        UdfCall call;
        s = parse_udf_call(row.arg, row.arg_len, call);
        if (s.is_ok()) s = udf_fields(w, call);
        break;
    }
    }
    // A row carries its own 16-bit op count.
    return s.is_ok() ? proto::check_op_count(w.op_count()) : s;
}

Status BatchJob::set_target(BatchTarget target) {
    if (target.count != rows_.size())
        return Status(kErrParam, "the target holds " + std::to_string(target.count) + " rows for a batch of " +
                                     std::to_string(rows_.size()));
    for (const BatchRow& row : rows_)
        if (row.kind != kBatchRead) return Status(kErrParam, "only batch reads can fill a target");
    target_ = std::move(target);
    has_target_ = true;
    return Status::ok();
}

Status BatchJob::build_request(proto::Buffer& out, const std::vector<uint32_t>& rows) const {
    out.clear();
    proto::MessageWriter w(out);
    proto::MsgHeader h;
    h.info1 = proto::kInfo1Batch;
    h.transaction_ttl = policy_.total_timeout_ms;
    w.begin(h);
    // parse() checked the filter, so this cannot fail.
    filter_field(w, policy_).ignore();
    w.begin_field(kFieldBatchIndex);
    proto::put_u32(out, uint32_t(rows.size()));
    out.push_back(uint8_t((policy_.allow_inline ? kFlagInlineInMemory : 0) |
                          (policy_.allow_inline_ssd ? kFlagInlineOnDevice : 0) |
                          (policy_.respond_all_keys ? kFlagReportAllErrors : 0)));
    const BatchRow* previous = nullptr;
    for (uint32_t index : rows) {
        const BatchRow& row = rows_[index];
        proto::put_u32(out, index);
        proto::put_bytes(out, row.key.digest.data(), row.key.digest.size());
        write_row(out, row, previous);
        previous = &row;
    }
    w.end_field();
    w.finish();
    return w.fits();
}

void BatchJob::write_row(proto::Buffer& out, const BatchRow& row, const BatchRow* prev) const {
    // A row the same as the previous one but for its key is sent as REPEAT (25 bytes). Not
    // after a row that carried its user key: the server refuses that.
    if (prev != nullptr && !prev->policy.send_key && !row.policy.send_key && prev->kind == row.kind &&
        prev->key.ns == row.key.ns && prev->key.set == row.key.set &&
        same_bytes(prev->arg, prev->arg_len, row.arg, row.arg_len) &&
        same_bytes(prev->attrs, prev->attrs_len, row.attrs, row.attrs_len)) {
        out.push_back(kRowRepeat);
        return;
    }
    const Policy& p = row.policy;
    proto::MsgHeader h = row.is_write ? write_header(p, row.kind == kBatchDelete ? proto::kInfo2Delete : 0)
                                      : read_header(p, 0);
    out.push_back(row.is_write ? (kRowInfo | kRowGen | kRowTtl) : (kRowInfo | kRowTtl));
    size_t info1_at = out.size();
    out.push_back(h.info1);
    out.push_back(h.info2);
    out.push_back(h.info3);
    if (row.is_write) proto::put_u16(out, uint16_t(h.generation));
    proto::put_u32(out, h.record_ttl);
    size_t counts_at = out.size();
    proto::put_u32(out, 0);  // n_fields, n_ops: patched below
    proto::MessageWriter w(out);
    key_fields(w, row.key, row.is_write && p.send_key, false);
    filter_field(w, p).ignore();
    uint8_t info1 = 0, info2 = 0;
    switch (row.kind) {
    // parse() already wrote each row's ops once, so these cannot fail.
    case kBatchRead: write_read_ops(w, row.arg[0] == 0xc0 ? nullptr : row.arg, row.arg_len, info1).ignore(); break;
    case kBatchWrite: write_bin_ops(w, row.arg, row.arg_len).ignore(); break;
    case kBatchOperate:
        write_operate_ops(w, row.arg, row.arg_len, info1, info2).ignore();
        // Writes answer one entry per op, so read results keep their place.
        if (row.is_write && !(info1 & proto::kInfo1GetAll)) info2 |= proto::kInfo2RespondAllOps;
        out[info1_at + 1] |= info2;
        break;
    case kBatchDelete: break;
    case kBatchUdf: {
        UdfCall call;
        parse_udf_call(row.arg, row.arg_len, call).ignore();
        udf_fields(w, call).ignore();
        break;
    }
    }
    if (info1 != 0 && p.read_mode_all) info1 |= proto::kInfo1ReadModeApAll;
    out[info1_at] |= info1;
    proto::store_u16(out.data() + counts_at, w.field_count());
    proto::store_u16(out.data() + counts_at + 2, w.op_count());
}

Status BatchJob::on_block(const uint8_t* body, size_t len, bool& done, int& batch_code) {
    done = false;
    size_t at = 0;
    while (at < len) {
        proto::MessageView v;
        size_t used = 0;
        Status s = proto::message_extent(body + at, len - at, used);
        if (s.is_ok()) s = v.parse(body + at, used);
        if (!s.is_ok()) return Status(kErrConnection, "malformed batch reply: " + s.message());
        const proto::MsgHeader& h = v.header();
        if (h.info3 & proto::kInfo3Last) {
            done = true;
            batch_code = h.result_code;
            return Status::ok();
        }
        uint32_t index = h.transaction_ttl;
        if (index >= rows_.size()) return Status(kErrConnection, "batch reply names row " + std::to_string(index));
        BatchRow& row = rows_[index];
        row.code = h.result_code;
        row.in_doubt = row.is_write && h.result_code == 9;  // the server timed out mid-write
        row.generation = h.generation;
        row.void_time = h.record_ttl;
        row.bins_len = 0;
        proto::FieldView f;
        for (uint16_t i = 0; i < h.n_fields; i++) v.next_field(f);
        if (has_target_) {
            for (uint16_t i = 0; i < h.n_ops; i++) {
                proto::OpView op;
                v.next_op(op);
                const TargetField* field = target_.field(op.name);
                // A bin whose type cannot go into its field flags the row instead of failing the batch.
                if (field != nullptr && !target_.store(index, *field, op.particle, op.value, op.value_size))
                    row.code = 12;  // BIN_INCOMPATIBLE_TYPE
            }
        } else if (h.n_ops > 0) {
            // Operate rows answer once per op, a bin possibly several times: [name, value]
            // pairs in op order, as aero_client_operate() gives them; other rows a map.
            bool pairs = row.kind == kBatchOperate;
            row.bins_at = bins_.size();
            if (pairs) mp::pack_array_header(bins_, h.n_ops); else mp::pack_map_header(bins_, h.n_ops);
            for (uint16_t i = 0; i < h.n_ops; i++) {
                proto::OpView op;
                v.next_op(op);
                if (pairs) mp::pack_array_header(bins_, 2);
                mp::pack_str(bins_, op.name);
                s = mp::particle_to_std(op.particle, op.value, op.value_size, bins_);
                if (!s.is_ok()) return Status(kErrClient, "batch row bin '" + std::string(op.name) + "': " + s.message());
            }
            row.bins_len = bins_.size() - row.bins_at;
        }
        at += used;
    }
    return Status::ok();
}

namespace {

// The codes worth another try: timeout, device overload, key busy, server memory, partition
// unavailable; never for a row whose write may have been applied.
bool transient(const BatchRow& row) {
    bool code = row.code == 9 || row.code == 18 || row.code == 14 || row.code == 8 || row.code == 11;
    return code && !row.in_doubt;
}

}  // namespace

size_t BatchJob::transient_rows() const {
    size_t n = 0;
    for (const BatchRow& row : rows_) n += transient(row) ? 1 : 0;
    return n;
}

void BatchJob::reset_transient_rows() {
    for (BatchRow& row : rows_)
        if (transient(row)) row.code = kRowPending;
}

void BatchJob::fail_rows(const std::vector<uint32_t>& rows, int code, bool in_doubt_if_sent) {
    for (uint32_t index : rows) {
        BatchRow& row = rows_[index];
        if (row.code != kRowPending) continue;
        row.code = code;
        row.in_doubt = in_doubt_if_sent && row.is_write && row.sent;
    }
}

bool BatchJob::any_write_sent() const {
    for (const BatchRow& row : rows_)
        if (row.is_write && row.sent) return true;
    return false;
}

void BatchJob::write_result(proto::Buffer& out) const {
    out.clear();
    if (has_target_) {
        int64_t now = proto::now_unix_seconds();
        for (size_t i = 0; i < rows_.size(); i++) {
            const BatchRow& row = rows_[i];
            target_.codes[i] = row.code;
            uint32_t meta[2] = {row.code == 0 ? row.generation : 0,
                                row.code == 0 ? proto::void_time_to_ttl(row.void_time, now) : 0};
            std::memcpy(target_.meta + i * sizeof meta, meta, sizeof meta);
        }
        mp::pack_nil(out);
        return;
    }
    int64_t now = proto::now_unix_seconds();
    mp::pack_array_header(out, uint32_t(rows_.size() + (policy_.report_retries ? 1 : 0)));
    for (const BatchRow& row : rows_) {
        mp::pack_array_header(out, 6);
        mp::pack_int(out, row.code);
        mp::pack_uint(out, row.generation);
        mp::pack_uint(out, proto::void_time_to_ttl(row.void_time, now));
        // Rows that answered with a record but no bins (header reads, writes) get an empty map,
        // or no pairs for an operate row.
        if (row.bins_len > 0) proto::put_bytes(out, bins_.data() + row.bins_at, row.bins_len);
        else if (row.code == 0 && row.kind == kBatchOperate) mp::pack_array_header(out, 0);
        else if (row.code == 0) mp::pack_map_header(out, 0);
        else mp::pack_nil(out);
        mp::pack_bool(out, row.in_doubt);
        mp::pack_bin(out, row.key.digest.data(), row.key.digest.size());
    }
    if (policy_.report_retries) {
        mp::pack_array_header(out, 4);
        mp::pack_uint(out, attempts_);
        mp::pack_uint(out, uint64_t(policy_.row_retries) + 1);
        mp::pack_bool(out, truncated_);
        mp::pack_uint(out, transient_rows());
    }
}

}  // namespace aero
