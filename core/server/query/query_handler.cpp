#include "core/server/query/query_handler.h"

#include <functional>

#include "core/proto/message.h"
#include "core/server/index/index_query.h"
#include "core/server/query/aggregate_query.h"
#include "core/server/query/background_query.h"
#include "core/server/query/basic_query.h"
#include "core/server/query/query_stream.h"
#include "core/server/query/query_request.h"
#include "core/server/rw_utils.h"

namespace aero::server::query {

namespace {

using namespace aero::proto;

// info2 RELAX_AP_LONG_QUERY: long queries may read partitions that are still migrating.
constexpr uint8_t kInfo2RelaxApLongQuery = 0x40;
// UDF_OP values of a query.
constexpr uint8_t kUdfOpAggregate = 1;
constexpr uint8_t kUdfOpBackground = 2;
// AS_ERR_SINDEX_NOT_FOUND.
constexpr uint8_t kResultIndexNotFound = 201;

// find_sindex(): by INDEX_NAME, else by definition (the query's set, then no set).
std::shared_ptr<index::SecondaryIndex> find_index(ServerContext& ctx, Namespace& ns, const QueryRequest& q,
                                                  const index::Range& range) {
    index::NamespaceIndexes* ix = ctx.sindexes.find(ns.name());
    if (q.has_index_name) return ix->find(std::string(q.index_name));
    // Expression indexes are not kept, so a query on one finds nothing.
    if (q.has_index_expression) return nullptr;
    index::IndexDef def;
    def.set = q.set;
    def.bin = range.bin;
    def.ktype = range.ktype;
    def.itype = range.itype;
    def.ctx = range.ctx;
    return ix->find(def);
}

// Runs a foreground job over the query's records: a scan of the primary index, or the
// secondary index the query picks (201 when there is none).
using SourceRunner = std::function<uint8_t(PartitionSource& source, const std::string& index_name)>;
uint8_t on_source(ServerContext& ctx, Namespace& ns, const QueryRequest& q, index::Range range, const SourceRunner& run) {
    if (!q.has_range) {
        ScanSource scan;
        return run(scan, {});
    }
    std::shared_ptr<index::SecondaryIndex> si = find_index(ctx, ns, q, range);
    if (!si) return kResultIndexNotFound;
    std::string name = si->name();
    index::IndexSource source(std::move(si), std::move(range));
    return run(source, name);
}

// The order of basic_query_job_start(): the partition-done bit, the relax policy, the fields,
// then a job needs partitions to work on.
uint8_t basic_query(ServerContext& ctx, Namespace& ns, const QueryRequest& q, uint8_t field_rc, Buffer& out,
                    const ReplyFlush& flush) {
    if (!(q.header.info3 & kInfo3PartitionDone)) return kResultUnsupportedFeature;
    bool is_short = q.header.info1 & kInfo1ShortQuery;
    if (!is_short && (q.header.info2 & kInfo2RelaxApLongQuery) && ctx.config.strong_consistency) return kResultParameter;
    index::Range range;
    if (field_rc || (q.has_range && !index::parse_range(q, range))) return kResultParameter;
    if (q.partitions.empty()) return kResultUnsupportedFeature;
    return on_source(ctx, ns, q, std::move(range), [&](PartitionSource& source, const std::string& index_name) {
        return run_basic_query(ctx, ns, q, source, index_name, out, flush);
    });
}

// aggr_query_job_start(): the fields, then the index when the query names one.
uint8_t aggregate_query(ServerContext& ctx, Namespace& ns, const QueryRequest& q, uint8_t field_rc, Buffer& out,
                        const ReplyFlush& flush) {
    index::Range range;
    if (field_rc || (q.has_range && !index::parse_range(q, range))) return kResultParameter;
    return on_source(ctx, ns, q, std::move(range), [&](PartitionSource& source, const std::string& index_name) {
        return run_aggregate_query(ctx, ns, q, source, index_name, out, flush);
    });
}

// ops_bg_query_job_start(): not short, fields, the set must exist, then the index.
uint8_t background_query(ServerContext& ctx, Namespace& ns, const QueryRequest& q, uint8_t field_rc,
                         const uint8_t* body, size_t n, const RecordRunner& run) {
    if (q.header.info1 & kInfo1ShortQuery) return kResultParameter;
    index::Range range;
    if (field_rc || (q.has_range && !index::parse_range(q, range))) return kResultParameter;
    std::shared_ptr<PartitionSource> source = std::make_shared<ScanSource>();
    std::string name;
    if (q.has_range) {
        if (!q.set.empty() && !ns.set_id(q.set, false)) return kResultNotFound;
        std::shared_ptr<index::SecondaryIndex> si = find_index(ctx, ns, q, range);
        if (!si) return kResultIndexNotFound;
        name = si->name();
        source = std::make_shared<index::IndexSource>(std::move(si), std::move(range));
    }
    auto copy = std::make_shared<const std::string>(reinterpret_cast<const char*>(body), n);
    return start_background_query(ctx, ns, std::move(copy), std::move(source), name, run);
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
                  const ReplyFlush& flush, const RecordRunner& run) {
    QueryRequest q;
    uint8_t field_rc = parse_query_request(body, n, q);
    uint8_t rc;
    // get_query_type(): a UDF query is an aggregation or a background UDF by its UDF_OP.
    bool background = q.udf.has_module ? q.udf.op == kUdfOpBackground : (q.header.info2 & kInfo2Write);
    if (q.udf.has_module && q.udf.op != kUdfOpAggregate && q.udf.op != kUdfOpBackground) rc = kResultParameter;
    else if (background) rc = background_query(ctx, ns, q, field_rc, body, n, run);
    else if (q.udf.has_module) rc = aggregate_query(ctx, ns, q, field_rc, out, flush);
    else rc = basic_query(ctx, ns, q, field_rc, out, flush);
    if (rc != kResultOk) return Response(out).finish_bare(rc);
    // A started background job is answered with a bare LAST message at once.
    if (background) {
        QueryStream stream(out, {});
        stream.finish(kResultOk);
    }
}

}  // namespace aero::server::query
