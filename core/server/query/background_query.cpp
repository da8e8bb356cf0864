#include "core/server/query/background_query.h"

#include <thread>

#include "core/server/exp/exp.h"
#include "core/server/query/partition_walk.h"
#include "core/server/query/throttle.h"
#include "core/server/response.h"

namespace aero::server::query {

namespace {

using namespace aero::proto;

// background-query-max-rps default: the most a background job may ask for, and what it gets
// when it asks for none.
constexpr uint32_t kBackgroundMaxRps = 10000;

bool is_read_op(uint8_t op) {
    return op == kOpRead || op == kOpCdtRead || op == kOpBitRead || op == kOpHllRead || op == kOpExpRead;
}

// The state a running job keeps: its own copy of the request and what was read from it.
struct BackgroundJob {
    std::shared_ptr<const std::string> body;
    QueryRequest q;
    std::shared_ptr<PartitionSource> source;
    std::shared_ptr<Job> job;
    RecordRunner run;
    Request write;
};

void run_job(ServerContext& ctx, Namespace& ns, BackgroundJob& bg) {
    Throttle throttle(bg.q.rps);
    std::optional<Digest> pending;
    WalkHooks hooks;
    hooks.want_partition = [] { return true; };
    // Each record is written with no partition lock held: the write takes it again.
    std::optional<uint16_t> set_id = ns.set_id(bg.q.set, false);
    hooks.record = [&](const Digest& d, const Record& r, int64_t) {
        if (*set_id != 0 && r.set_id != *set_id) return Step::kNext;
        pending = d;
        return Step::kPause;
    };
    hooks.pause = [&] {
        Buffer reply;
        Response resp(reply);
        Request req = bg.write;
        {
            RecordLock lock = ns.lock(*pending);
            if (const Record* r = lock.find()) req.set = ns.set_name(r->set_id);
        }
        bg.run(RwContext{req, ns, *pending, Origin::client}, resp);
        switch (resp.result()) {
        case kResultOk: bg.job->succeeded++; break;
        case kResultNotFound: break;  // deleted meanwhile
        case kResultFilteredOut: bg.job->filtered_bins++; break;
        default: bg.job->failed++;
        }
        bg.job->throttled++;
        if (uint32_t us = throttle.sleep_us()) std::this_thread::sleep_for(std::chrono::microseconds(us));
        return true;
    };
    walk_partitions(ctx, ns, bg.q, *bg.source, *bg.job, hooks);
    bg.job->complete();
}

}  // namespace

uint8_t start_background_query(ServerContext& ctx, Namespace& ns, std::shared_ptr<const std::string> body,
                               std::shared_ptr<PartitionSource> source, const std::string& index_name,
                               const RecordRunner& run) {
    auto bg = std::make_shared<BackgroundJob>();
    bg->body = std::move(body);
    bg->source = std::move(source);
    bg->run = run;
    QueryRequest& q = bg->q;
    parse_query_request(reinterpret_cast<const uint8_t*>(bg->body->data()), bg->body->size(), q);
    // Background jobs work on the partitions this node masters, whatever the request lists.
    q.partitions.clear();
    if (!ns.set_id(q.set, false)) return kResultNotFound;
    if (q.rps > kBackgroundMaxRps) return kResultParameter;
    if (q.rps == 0) q.rps = kBackgroundMaxRps;
    exp::Program filter;
    if (q.has_filter && exp::compile_filter(reinterpret_cast<const uint8_t*>(q.filter.data()), q.filter.size(), filter))
        return kResultParameter;
    Request& w = bg->write;
    w.header.info2 = kInfo2Write | (q.header.info2 & kInfo2DurableDelete);
    w.header.record_ttl = q.header.record_ttl;
    w.has_namespace = true;
    w.ns = ns.name();
    w.has_filter = q.has_filter;
    w.filter = q.filter;
    auto job = std::make_shared<Job>();
    if (q.udf.has_module) {
        // udf_bg_query_job_start(): the UDF's fields must all be there. Each record gets the
        // UDF as an internal sub-transaction (which never creates a record).
        if (!q.udf.complete()) return kResultParameter;
        w.udf = q.udf;
        w.udf.internal = true;
        job->type = "background-udf";
        job->udf_module = q.udf.module;
        job->udf_function = q.udf.function;
    } else {
        // ops_bg_query_get_ops(): write ops only, at least one, and no READ bit.
        if ((q.header.info1 & kInfo1Read) || q.ops.empty()) return kResultParameter;
        for (const OpView& op : q.ops)
            if (is_read_op(op.op_type)) return kResultParameter;
        w.header.info3 = kInfo3UpdateOnly | (q.header.info3 & kInfo3ReplaceOnly);
        w.ops = q.ops;
        job->type = "background-ops";
    }

    job->trid = q.trid;
    job->ns = ns.name();
    job->set = q.set;
    job->index_name = index_name;
    job->rps = q.rps;
    bg->job = job;
    if (!ctx.jobs.add(job)) return kResultParameter;
    ctx.jobs.start(job, [&ctx, &ns, bg] { run_job(ctx, ns, *bg); });
    return kResultOk;
}

}  // namespace aero::server::query
