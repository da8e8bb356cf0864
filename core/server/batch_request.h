// A batch-index parent message (fact sheet §9.1) and the reader of its rows (§9.2).
//
// Each full row is rewritten in place into an ordinary AS_MSG header followed by the row's own
// fields and ops, exactly as the real server reuses the input memory (batch.c): a row is then
// parsed by parse_message() and run by the single-record paths, with no second parser to
// keep in step. This is why the body is mutable.
#pragma once

#include <cstdint>

#include "core/proto/bytes.h"
#include "core/proto/digest.h"
#include "core/server/request.h"
#include "core/server/storage.h"

namespace aero::server {

// BATCH_INDEX, and the legacy BATCH_WITH_SET the server treats the same way.
constexpr uint8_t kFieldBatchIndex = 41;
constexpr uint8_t kFieldBatchWithSet = 42;

// BATCH_INDEX flags (the server's "parent flags").
constexpr uint8_t kBatchReportAllErrors = 0x04;  // every row reports its error; the batch goes on
constexpr uint8_t kBatchReportErrorRec = 0x08;   // the failing row is sent, then the batch stops

// The row type byte: REPEAT, or which optional header parts follow info1.
constexpr uint8_t kRowRepeat = 0x01;
constexpr uint8_t kRowHasInfo = 0x02;  // info2 and info3
constexpr uint8_t kRowHasGeneration = 0x04;
constexpr uint8_t kRowHasRecordTtl = 0x08;
constexpr uint8_t kRowHasInfo4 = 0x10;

struct BatchRequest {
    uint32_t n_rows = 0;
    uint8_t flags = 0;
    // Inherited by every row (sub-transactions run with the parent's timeout).
    uint32_t transaction_ttl = 0;
    // The parent's SC read bits (info3), which rows without their own info2/info3 inherit.
    uint8_t sc_read_bits = 0;
    // The rows: the BATCH_INDEX field's bytes after n_rows and flags.
    uint8_t* rows = nullptr;
    size_t rows_size = 0;
    // The parent's FILTER_EXP (the last one counts, as in the server): the filter of every row
    // that does not send its own.
    bool has_filter = false;
    const uint8_t* filter = nullptr;
    size_t filter_size = 0;
};

// Parses the parent. On failure the status code is the batch's early error: 4 for a missing
// or truncated BATCH_INDEX field or zero rows. No row limit applies: the real server's
// batch-max-requests defaults to 0, "unlimited".
Status parse_batch_request(uint8_t* body, size_t n, BatchRequest& out);

// One row, ready to run.
struct BatchRow {
    uint32_t index = 0;
    proto::Digest digest{};
    Namespace* ns = nullptr;
    Request req;
};

class BatchRowReader {
public:
    BatchRowReader(Storage& storage, const BatchRequest& batch);

    // The next row, or nullptr when the real server stops reading rows: the bytes are
    // truncated or malformed, a REPEAT row comes first or after a row that sent a KEY, or the
    // row's namespace is unknown. The rows not read then fail together (§9.2). The row stays
    // valid until the next call; a REPEAT row is the previous full row with a new index and
    // digest.
    const BatchRow* next();

private:
    // Rewrites the full row at pos_ (past index, digest and type) and parses it.
    bool read_full_row(uint8_t type);

    Storage& storage_;
    const BatchRequest& batch_;
    uint8_t* pos_;
    uint8_t* end_;
    bool have_row_ = false;
    BatchRow row_;
    // Reused to lay out each full row's AS_MSG header.
    proto::Buffer header_;
};

}  // namespace aero::server
