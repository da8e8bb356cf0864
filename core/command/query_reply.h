// One message of a scan or query reply stream (fact sheet §10.3): a record, a partition the
// node could not serve, or the end; a record is encoded as it goes into a page.
#pragma once

#include <cstdint>

#include "core/proto/bytes.h"
#include "core/status.h"

namespace aero {

struct QueryMessage {
    enum Kind : uint8_t { kRecord, kPartitionDone, kLast } kind = kRecord;
    uint8_t result_code = 0;
    uint32_t partition_id = 0;        // kPartitionDone: the partition (sent as the generation)
    const uint8_t* digest = nullptr;  // kRecord: the record's digest, inside the message
    int64_t bval = 0;                 // kRecord of an index query: the index value it matched
};

// The values each record takes in a page: digest, set | nil, user_key | nil, generation, ttl,
// bins (aero.h "Scans and queries"), one after the other, without an array of their own.
constexpr uint32_t kQueryRecordValues = 6;

// Classifies the AS_MSG `msg` (exactly `len` bytes). A record with result 0 is appended to
// `page` as its kQueryRecordValues values, or with `aggregate` as the one value of its SUCCESS
// bin (an aggregation streams values, not records: §16.3; a FAILURE bin instead is a UDF
// error, 100, with its message); a malformed one fails with kErrConnection. A failure leaves
// `page` as it was.
Status decode_query_message(const uint8_t* msg, size_t len, QueryMessage& out, proto::Buffer& page,
                            bool aggregate = false);

}  // namespace aero
