// The batch response stream (fact sheet §9.3): row replies packed back to back into ~128 KiB
// type-3 protos, then a trailer proto whose one AS_MSG has info3 LAST and the batch result.
// It applies the real server's error policy (batch.c as_batch_reserve/send_response): rows
// always run, but once the batch has a result code no further block is sent.
#pragma once

#include <cstdint>

#include "core/proto/bytes.h"
#include "core/server/response.h"

namespace aero::server {

// Appends one proto holding a bare AS_MSG with info3 LAST and `result`: a batch trailer, or a
// whole reply for a batch that failed before any row ran.
void append_batch_last(proto::Buffer& out, uint8_t result);

class BatchStream {
public:
    // Blocks are appended to out and handed to flush (when given) as each one fills.
    BatchStream(proto::Buffer& out, const ReplyFlush& flush, uint8_t batch_flags);

    // Adds a row's reply: a whole single-record reply (proto header first), sent as an AS_MSG
    // whose transaction_ttl is the row index.
    void add_row(uint32_t index, const proto::Buffer& reply);
    // Ends the batch with `result`: the rows not yet sent are dropped (the server's
    // as_batch_terminate, used when the rows run out before n_rows).
    void terminate(uint8_t result);
    // Completes the last block and appends the trailer; out then holds what is left to send.
    void finish();

private:
    // False once the batch has a result or the client is gone: nothing more is sent.
    bool sending() const { return result_ == 0 && !client_gone_; }
    void start_block();
    // Sends the current block, or drops it once the batch has a result.
    void end_block();

    proto::Buffer& out_;
    const ReplyFlush& flush_;
    bool report_all_errors_;
    bool report_error_rec_;
    size_t block_start_ = 0;
    uint32_t block_rows_ = 0;
    // REPORT_ERROR_REC: a failing row's code, which becomes the batch result once its block
    // is sent.
    uint8_t block_result_ = 0;
    // The trailer's code; once set, no block is sent any more.
    uint8_t result_ = 0;
    bool client_gone_ = false;
};

}  // namespace aero::server
