#include "core/server/batch_request.h"

#include <algorithm>
#include <cstring>

#include "core/server/rw_utils.h"

namespace aero::server {

namespace {

using namespace aero::proto;

// n_rows (u32) and the flags byte open the BATCH_INDEX data.
constexpr size_t kBatchFieldHead = 5;
// Every row starts with index (u32), digest and the type byte; a REPEAT row is only that.
constexpr size_t kRowHead = 4 + kDigestSize + 1;

}  // namespace

Status parse_batch_request(uint8_t* body, size_t n, BatchRequest& out) {
    MessageView v;
    if (!v.parse(body, n).is_ok()) return Status(kResultParameter, "batch header is truncated");
    bool has_batch = false, has_filter = false;
    FieldView f, batch, filter;
    for (uint16_t i = 0; i < v.header().n_fields; i++) {
        if (!v.next_field(f)) return Status(kResultParameter, "batch fields are truncated");
        if (f.type == kFieldBatchIndex || f.type == kFieldBatchWithSet) {
            batch = f;  // the last one counts, as in the server
            has_batch = true;
        } else if (f.type == kFieldFilterExp) {
            filter = f;
            has_filter = true;
        }
    }
    if (!has_batch) return Status(kResultParameter, "batch index field not found");
    if (batch.size < kBatchFieldHead) return Status(kResultParameter, "batch index field is truncated");
    out = BatchRequest();
    out.n_rows = load_u32(batch.data);
    if (out.n_rows == 0) return Status(kResultParameter, "batch request size is zero");
    out.flags = batch.data[4];
    out.transaction_ttl = v.header().transaction_ttl;
    out.sc_read_bits = v.header().info3 & (kInfo3ScReadRelax | kInfo3ScReadType);
    // The same bytes as batch.data, reached through the mutable body.
    out.rows = body + (batch.data - body) + kBatchFieldHead;
    out.rows_size = batch.size - kBatchFieldHead;
    out.has_filter = has_filter;
    out.filter = filter.data;
    out.filter_size = filter.size;
    return Status::ok();
}

BatchRowReader::BatchRowReader(Storage& storage, const BatchRequest& batch)
    : storage_(storage), batch_(batch), pos_(batch.rows), end_(batch.rows + batch.rows_size) {}

const BatchRow* BatchRowReader::next() {
    if (size_t(end_ - pos_) < kRowHead) return nullptr;
    uint32_t index = load_u32(pos_);
    std::memcpy(row_.digest.data(), pos_ + 4, kDigestSize);  // before read_full_row overwrites it
    uint8_t type = pos_[kRowHead - 1];
    pos_ += kRowHead;
    if (type & kRowRepeat) {
        // A repeated KEY would store one key under many digests, so the server refuses it.
        if (!have_row_ || row_.req.has_key) return nullptr;
    } else if (!read_full_row(type)) {
        return nullptr;
    }
    row_.index = index;
    return &row_;
}

bool BatchRowReader::read_full_row(uint8_t type) {
    Reader r(pos_, size_t(end_ - pos_));
    MsgHeader h;
    uint16_t generation = 0;
    if (!r.u8(h.info1)) return false;
    // Compressed or XDR sub-transactions make no sense; the server clears both bits.
    h.info1 &= uint8_t(~(kInfo1CompressResponse | kInfo1Xdr));
    if (type & kRowHasInfo) {
        if (!r.u8(h.info2) || !r.u8(h.info3)) return false;
    } else {
        h.info3 = batch_.sc_read_bits;  // old clients: the parent carries the SC read mode
    }
    if ((type & kRowHasInfo4) && !r.u8(h.info4)) return false;
    if ((type & kRowHasGeneration) && !r.u16(generation)) return false;
    if ((type & kRowHasRecordTtl) && !r.u32(h.record_ttl)) return false;
    if (!r.u16(h.n_fields) || !r.u16(h.n_ops)) return false;
    h.generation = generation;
    h.transaction_ttl = batch_.transaction_ttl;
    // Older clients sent 0 fields but always sent the namespace.
    h.n_fields = std::max<uint16_t>(h.n_fields, 1);

    // The row's fields start where an AS_MSG header ending here would end. The row head and
    // info1 alone are longer than that header, so it only covers this row's consumed bytes.
    uint8_t* msg = pos_ + (r.pos() - pos_) - kMsgHeaderSize;
    header_.clear();
    MessageWriter(header_).begin(h);  // lays out the header; the counts are written below
    std::memcpy(msg, header_.data() + kProtoHeaderSize, kMsgHeaderSize - 4);
    store_u16(msg + kMsgHeaderSize - 4, h.n_fields);
    store_u16(msg + kMsgHeaderSize - 2, h.n_ops);

    size_t used = 0;
    have_row_ = false;
    if (!parse_message(msg, size_t(end_ - msg), row_.req, used).is_ok()) return false;
    // The first field must be the namespace (the server takes it as such, whatever it is).
    if (msg[kMsgHeaderSize + kFieldHeaderSize - 1] != kFieldNamespace) return false;
    row_.ns = storage_.find(row_.req.ns);
    if (!row_.ns) return false;
    pos_ = msg + used;
    have_row_ = true;
    return true;
}

}  // namespace aero::server
