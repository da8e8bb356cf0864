#include "core/server/query/query_handler.h"

#include "core/proto/message.h"
#include "core/server/query/basic_query.h"
#include "core/server/query/query_request.h"
#include "core/server/rw_utils.h"

namespace aero::server::query {

namespace {

using namespace aero::proto;

// info2 RELAX_AP_LONG_QUERY: long queries may read partitions that are still migrating.
constexpr uint8_t kInfo2RelaxApLongQuery = 0x40;

// The order of basic_query_job_start(): the partition-done bit, the relax policy, the fields,
// then a job needs partitions to work on.
uint8_t basic_query(ServerContext& ctx, Namespace& ns, const QueryRequest& q, uint8_t field_rc, Buffer& out,
                    const ReplyFlush& flush) {
    if (!(q.header.info3 & kInfo3PartitionDone)) return kResultUnsupportedFeature;
    bool is_short = q.header.info1 & kInfo1ShortQuery;
    if (!is_short && (q.header.info2 & kInfo2RelaxApLongQuery) && ctx.config.strong_consistency) return kResultParameter;
    if (field_rc) return field_rc;
    if (q.partitions.empty()) return kResultUnsupportedFeature;
    ScanSource scan;
    return run_basic_query(ctx, ns, q, scan, out, flush);
}

}  // namespace

bool is_query(const uint8_t* body, size_t n) {
    if (n < kMsgHeaderSize || (body[1] & kInfo1Batch)) return false;
    MessageView v;
    if (!v.parse(body, n).is_ok()) return false;
    FieldView f;
    for (uint16_t i = 0; i < v.header().n_fields && v.next_field(f); i++)
        if (f.type == kFieldDigest) return false;
    return true;
}

void handle_query(ServerContext& ctx, Namespace& ns, const uint8_t* body, size_t n, Buffer& out,
                  const ReplyFlush& flush) {
    QueryRequest q;
    uint8_t field_rc = parse_query_request(body, n, q);
    uint8_t rc = basic_query(ctx, ns, q, field_rc, out, flush);
    if (rc != kResultOk) Response(out).finish_bare(rc);
}

}  // namespace aero::server::query
