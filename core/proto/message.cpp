#include "core/proto/message.h"

namespace aero::proto {

void write_proto_header(uint8_t* out, uint8_t type, uint64_t size) {
    store_u64(out, uint64_t(kProtoVersion) << 56 | uint64_t(type) << 48 | (size & 0xFFFFFFFFFFFFull));
}

Status parse_proto_header(const uint8_t* p, uint8_t& type, uint64_t& size) {
    uint64_t v = load_u64(p);
    if (p[0] != kProtoVersion) return Status(kErrClient, "unsupported proto version " + std::to_string(p[0]));
    type = p[1];
    size = v & 0xFFFFFFFFFFFFull;
    if (size > kMaxProtoSize) return Status(kErrClient, "proto size " + std::to_string(size) + " exceeds the limit");
    return Status::ok();
}

void MessageWriter::begin(const MsgHeader& h) {
    start_ = b_.size();
    n_fields_ = n_ops_ = 0;
    b_.resize(start_ + kProtoHeaderSize + kMsgHeaderSize);
    uint8_t* p = b_.data() + start_ + kProtoHeaderSize;
    p[0] = kMsgHeaderSize;
    p[1] = h.info1;
    p[2] = h.info2;
    p[3] = h.info3;
    p[4] = h.info4;
    p[5] = h.result_code;
    store_u32(p + 6, h.generation);
    store_u32(p + 10, h.record_ttl);
    store_u32(p + 14, h.transaction_ttl);
}

void MessageWriter::field(uint8_t type, const void* data, size_t n) {
    put_u32(b_, uint32_t(n + 1));
    put_u8(b_, type);
    put_bytes(b_, data, n);
    n_fields_++;
}

void MessageWriter::begin_field(uint8_t type) {
    open_ = b_.size();
    put_u32(b_, 0);
    put_u8(b_, type);
}

void MessageWriter::end_field() {
    store_u32(b_.data() + open_, uint32_t(b_.size() - open_ - 4));
    n_fields_++;
}

void MessageWriter::op(uint8_t op_type, uint8_t particle, std::string_view name, const void* value, size_t n) {
    begin_op(op_type, particle, name);
    put_bytes(b_, value, n);
    end_op();
}

void MessageWriter::begin_op(uint8_t op_type, uint8_t particle, std::string_view name) {
    open_ = b_.size();
    put_u32(b_, 0);
    put_u8(b_, op_type);
    put_u8(b_, particle);
    put_u8(b_, 0);
    put_u8(b_, uint8_t(name.size()));
    put_str(b_, name);
}

void MessageWriter::end_op() {
    store_u32(b_.data() + open_, uint32_t(b_.size() - open_ - 4));
    n_ops_++;
}

void MessageWriter::finish() {
    uint8_t* p = b_.data() + start_;
    write_proto_header(p, kProtoMessage, b_.size() - start_ - kProtoHeaderSize);
    store_u16(p + kProtoHeaderSize + 18, uint16_t(n_fields_));
    store_u16(p + kProtoHeaderSize + 20, uint16_t(n_ops_));
}

IncomingMessage::Step IncomingMessage::received(size_t n) {
    filled += n;
    if (!header_done) return filled < sizeof header ? kMore : kHeader;
    if (filled < body.size()) return kMore;
    if (body.size() < expected) {
        body.resize(grown_size(body.size(), expected));
        return kMore;
    }
    return kComplete;
}

IncomingMessage::Step IncomingMessage::begin_body(uint64_t size) {
    header_done = true;
    filled = 0;
    expected = size;
    body.resize(grown_size(0, size));
    return size == 0 ? kComplete : kMore;
}

Status check_op_count(uint64_t n) {
    if (n <= kMaxCount) return Status::ok();
    return Status(kErrParam, std::to_string(n) + " operations or bins in one command: a message carries at most " +
                                 std::to_string(kMaxCount));
}

Status MessageWriter::fits() const {
    if (n_fields_ > kMaxCount) return Status(kErrParam, std::to_string(n_fields_) + " fields do not fit one message");
    Status s = check_op_count(n_ops_);
    if (!s.is_ok()) return s;
    uint64_t size = b_.size() - start_ - kProtoHeaderSize;
    if (size > kMaxProtoSize)
        return Status(kErrParam, "the request is " + std::to_string(size) + " bytes; a message holds at most " +
                                     std::to_string(kMaxProtoSize));
    return Status::ok();
}

Status MessageView::parse(const uint8_t* body, size_t n) {
    Reader r(body, n);
    uint8_t hsz;
    if (!r.u8(hsz) || hsz != kMsgHeaderSize || n < kMsgHeaderSize)
        return Status(4, "message header is truncated or has a wrong size");
    const uint8_t* p = body;
    h_.info1 = p[1];
    h_.info2 = p[2];
    h_.info3 = p[3];
    h_.info4 = p[4];
    h_.result_code = p[5];
    h_.generation = load_u32(p + 6);
    h_.record_ttl = load_u32(p + 10);
    h_.transaction_ttl = load_u32(p + 14);
    h_.n_fields = load_u16(p + 18);
    h_.n_ops = load_u16(p + 20);
    r_ = Reader(body + kMsgHeaderSize, n - kMsgHeaderSize);
    end_ = nullptr;
    return Status::ok();
}

bool MessageView::next_field(FieldView& f) {
    uint32_t sz;
    if (!r_.u32(sz) || sz < 1 || !r_.u8(f.type)) return false;
    f.size = sz - 1;
    return r_.bytes(f.size, f.data);
}

bool MessageView::next_op(OpView& op) {
    uint32_t sz;
    uint8_t flags, name_len;
    if (!r_.u32(sz) || sz < 4 || !r_.u8(op.op_type) || !r_.u8(op.particle) || !r_.u8(flags) || !r_.u8(name_len))
        return false;
    const uint8_t* name;
    size_t lut = (flags & 1) ? 8 : 0;
    if (size_t(name_len) + lut + 4 > sz || !r_.bytes(name_len, name) || !r_.skip(lut)) return false;
    op.name = std::string_view(reinterpret_cast<const char*>(name), name_len);
    op.value_size = uint32_t(sz - 4 - name_len - lut);
    return r_.bytes(op.value_size, op.value);
}

const uint8_t* MessageView::end() const { return r_.pos(); }

Status message_extent(const uint8_t* body, size_t n, size_t& used) {
    MessageView v;
    Status s = v.parse(body, n);
    if (!s.is_ok()) return s;
    FieldView f;
    OpView op;
    for (uint16_t i = 0; i < v.header().n_fields; i++)
        if (!v.next_field(f)) return Status(4, "message fields are truncated");
    for (uint16_t i = 0; i < v.header().n_ops; i++)
        if (!v.next_op(op)) return Status(4, "message ops are truncated");
    used = size_t(v.end() - body);
    return Status::ok();
}

bool ends_stream(const uint8_t* body, size_t n) {
    for (size_t at = 0, used = 0; at < n; at += used) {
        MessageView v;
        if (!v.parse(body + at, n - at).is_ok()) return false;
        if (v.header().info3 & kInfo3Last) return true;
        if (!message_extent(body + at, n - at, used).is_ok()) return false;
    }
    return false;
}

}  // namespace aero::proto
