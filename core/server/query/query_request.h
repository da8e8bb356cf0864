// A scan or query request (fact sheet §10.1) read from its AS_MSG fields, checked the way the
// real server's query.c get_query_* functions check them.
#pragma once

#include <cstdint>
#include <string_view>
#include <vector>

#include "core/proto/digest.h"
#include "core/server/request.h"

namespace aero::server::query {

// One of the 4096 partitions as the request asks for it.
struct PartitionAsk {
    bool requested = false;
    // DIGEST_ARRAY: resume strictly after `digest` (and `bval`, for index queries).
    bool has_resume = false;
    proto::Digest digest{};
    int64_t bval = 0;
};

struct QueryRequest {
    proto::MsgHeader header;
    std::string_view ns;
    // Empty when absent or sent empty: the whole namespace.
    std::string_view set;
    // TRID; 0 when the client sent none (the server then numbers the job itself).
    uint64_t trid = 0;
    // Indexed by partition id; empty when neither PID_ARRAY nor DIGEST_ARRAY came.
    std::vector<PartitionAsk> partitions;
    uint16_t n_pids_requested = 0;
    uint16_t n_keyds_requested = 0;
    uint32_t rps = 0;
    // SOCKET_TIMEOUT in ms; 0 = none. The server checks its size (and MAX_RECORDS') only after
    // it has found the index, so a bad one is remembered here rather than refused at once.
    uint32_t socket_timeout_ms = 0;
    bool socket_timeout_ok = true;
    // MAX_RECORDS (the server's sample-max); 0 = no limit.
    uint64_t max_records = 0;
    bool max_records_ok = true;
    bool has_filter = false;
    std::string_view filter;
    bool has_binlist = false;
    std::string_view binlist;
    // INDEX_RANGE and the fields that pick the index (read by index/index_query.h).
    bool has_range = false;
    std::string_view range;
    bool has_index_name = false;
    std::string_view index_name;
    bool has_index_type = false;
    std::string_view index_type;
    bool has_index_context = false;
    std::string_view index_context;
    bool has_index_expression = false;
    UdfFields udf;
    std::vector<proto::OpView> ops;
};

// Reads every field of the message and checks the ones every query type shares: the
// partitions (PID_ARRAY u16 LE ids, DIGEST_ARRAY digests, BVAL_ARRAY i64 LE per digest when
// INDEX_RANGE is present), RECS_PER_SEC, SOCKET_TIMEOUT, MAX_RECORDS and INDEX_NAME sizes, and
// the set name's length. Returns 0 or the result code (4 for any malformed field); a bad
// SOCKET_TIMEOUT or MAX_RECORDS size only clears its *_ok flag.
uint8_t parse_query_request(const uint8_t* body, size_t n, QueryRequest& out);

}  // namespace aero::server::query
