#include "core/server/batch_stream.h"

#include "core/proto/message.h"
#include "core/server/batch_request.h"
#include "core/server/rw_utils.h"

namespace aero::server {

namespace {

using namespace aero::proto;

// The server's BATCH_BLOCK_SIZE: a block is sent once the next row would not fit.
constexpr size_t kBlockSize = 128 * 1024;
// Byte offsets in an AS_MSG header.
constexpr size_t kResultOffset = 5;
constexpr size_t kTransactionTtlOffset = 14;
// Row results that never stop a batch: found, not found, filtered out.
constexpr uint8_t kResultFilteredOut = 27;

bool stops_batch(uint8_t result) {
    return result != kResultOk && result != kResultNotFound && result != kResultFilteredOut;
}

}  // namespace

void append_batch_last(Buffer& out, uint8_t result) {
    MsgHeader h;
    h.info3 = kInfo3Last;
    h.result_code = result;
    MessageWriter w(out);
    w.begin(h);
    w.finish();
}

BatchStream::BatchStream(Buffer& out, const ReplyFlush& flush, uint8_t batch_flags)
    : out_(out),
      flush_(flush),
      report_all_errors_(batch_flags & kBatchReportAllErrors),
      report_error_rec_(batch_flags & kBatchReportErrorRec) {
    start_block();
}

void BatchStream::add_row(uint32_t index, const Buffer& reply) {
    const uint8_t* msg = reply.data() + kProtoHeaderSize;
    size_t msg_size = reply.size() - kProtoHeaderSize;
    // A full block goes first, as the server completes it before the row takes a new one.
    if (sending() && block_rows_ > 0 && out_.size() - block_start_ - kProtoHeaderSize + msg_size > kBlockSize) {
        end_block();
        start_block();
    }
    // The row has run either way; its reply is only skipped when nothing more will be sent.
    if (sending()) {
        size_t at = out_.size();
        put_bytes(out_, msg, msg_size);
        store_u32(out_.data() + at + kTransactionTtlOffset, index);
        block_rows_++;
    }
    uint8_t result = msg[kResultOffset];
    if (report_all_errors_ || !stops_batch(result)) return;
    if (report_error_rec_) block_result_ = result;
    else result_ = result;
}

void BatchStream::terminate(uint8_t result) { result_ = result; }

void BatchStream::finish() {
    end_block();
    append_batch_last(out_, result_);
}

void BatchStream::start_block() {
    block_start_ = out_.size();
    block_rows_ = 0;
    out_.resize(block_start_ + kProtoHeaderSize);
}

void BatchStream::end_block() {
    if (!sending() || block_rows_ == 0) {
        out_.resize(block_start_);
        return;
    }
    // The block that holds the failing row is still sent; the ones after it are not.
    if (report_error_rec_) result_ = block_result_;
    write_proto_header(out_.data() + block_start_, kProtoMessage, out_.size() - block_start_ - kProtoHeaderSize);
    if (flush_) client_gone_ = !flush_(out_);
}

}  // namespace aero::server
