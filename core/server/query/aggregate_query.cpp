#include "core/server/query/aggregate_query.h"

#include "core/lua/call.h"
#include "core/lua/lua_value.h"
#include "core/proto/particle.h"
#include "core/server/query/foreground_job.h"
#include "core/server/query/partition_walk.h"
#include "core/server/query/query_stream.h"
#include "core/server/udf/record_lib.h"
#include "core/server/udf/result_value.h"
#include "core/server/udf/udf_log.h"

namespace aero::server::query {

namespace {

using namespace aero::proto;

constexpr uint8_t kResultUnavailable = 11;

// The records of one partition, read one at a time as the UDF asks for them (aggr.c
// istream_read): a record deleted meanwhile is skipped, and each is a read-only Record that
// stays valid until the next one is read.
class RecordsIn : public lua::Stream {
public:
    RecordsIn(Namespace& ns, const std::vector<Digest>& digests, const Request& req)
        : ns_(ns), digests_(digests), req_(req) {}
    bool readable() const override { return true; }
    void read(lua_State* L) override {
        handle_.reset();
        current_.reset();
        while (at_ < digests_.size()) {
            const Digest& d = digests_[at_++];
            Record copy;
            {
                RecordLock lock = ns_.lock(d);
                const Record* r = lock.find();
                if (!r) continue;
                copy = *r;
            }
            digest_ = d;
            ctx_.emplace(RwContext{req_, ns_, digest_});
            current_.emplace(*ctx_, &copy, 0);
            handle_.emplace(L, &*current_, true);
            handle_->push();
            return;
        }
        lua_pushnil(L);
    }
private:
    Namespace& ns_;
    const std::vector<Digest>& digests_;
    const Request& req_;
    size_t at_ = 0;
    Digest digest_;
    std::optional<RwContext> ctx_;
    std::optional<udf::UdfRecord> current_;
    std::optional<udf::RecordHandle> handle_;
};

// Every value the UDF writes becomes a SUCCESS message.
class ValuesOut : public lua::Stream {
public:
    explicit ValuesOut(QueryStream& stream) : stream_(stream) {}
    bool writable() const override { return true; }
    int write(lua_State* L, int idx) override {
        if (lua_isnil(L, idx)) return 0;
        uint8_t particle;
        std::string bytes;
        udf::result_particle(lua::to_value(L, idx), particle, bytes);
        stream_.value(true, particle, bytes);
        return 0;
    }

private:
    QueryStream& stream_;
};

class AggregateJob {
public:
    AggregateJob(ServerContext& ctx, Namespace& ns, const QueryRequest& q, PartitionSource& source, QueryStream& stream,
                 Job& job)
        : ctx_(ctx), ns_(ns), q_(q), source_(source), stream_(stream), job_(job), set_id_(ns.set_id(q.set, false)) {
        (void)lua::decode_args(reinterpret_cast<const uint8_t*>(q.udf.args.data()), q.udf.args.size(), args_);
        req_.has_namespace = true;
        req_.ns = ns.name();
    }

    void run() {
        WalkHooks hooks;
        hooks.record = [this](const Digest& d, const Record& r, int64_t) {
            if (*set_id_ != 0 && r.set_id != *set_id_) return Step::kNext;
            pending_.push_back(d);
            job_.succeeded++;
            return Step::kNext;
        };
        hooks.pause = [] { return true; };
        hooks.unavailable = [this](uint32_t pid) { stream_.partition_done(pid, kResultUnavailable); };
        // A partition's records are processed before the next partition starts (with no
        // partition lock held: the UDF reads each record under its own lock).
        hooks.want_partition = [this] { return process() && set_id_.has_value(); };
        walk_partitions(ctx_, ns_, q_, source_, job_, hooks);
        process();
    }

private:
    // aggr_query_job_slice()'s as_aggr_process(): the stream over the pending records.
    bool process() {
        if (pending_.empty() || job_.abandoned.load() != kAbandonNone) return job_.abandoned.load() == kAbandonNone;
        std::string error;
        lua::StatePool::Lease state = ctx_.udf->state(std::string(q_.udf.module), error);
        std::string failure;
        if (!state) {
            failure = "UDF: Execution Error 1";
        } else {
            RecordsIn in(ns_, pending_, req_);
            ValuesOut out(stream_);
            lua::CallResult r = lua::call_stream(state.get(), q_.udf.function, lua::StreamScope::server, in, out, args_);
            if (r.failed) {
                failure = "UDF: Execution Error 2";
                if (r.value && r.value->type == lua::Value::kString) failure += " : " + r.value->s;
            }
        }
        pending_.clear();
        if (!failure.empty()) {
            udf::log_message(1, "aggregation: " + failure);
            stream_.value(false, kParticleString, failure);
            job_.abandoned.store(kAbandonUnknown);
            return false;
        }
        return stream_.maybe_flush() || (job_.abandoned.store(kAbandonResponseError), false);
    }

    ServerContext& ctx_;
    Namespace& ns_;
    const QueryRequest& q_;
    PartitionSource& source_;
    QueryStream& stream_;
    Job& job_;
    std::optional<uint16_t> set_id_;
    std::vector<lua::Value> args_;
    Request req_;
    std::vector<Digest> pending_;
};

}  // namespace

uint8_t run_aggregate_query(ServerContext& ctx, Namespace& ns, const QueryRequest& q, PartitionSource& source,
                            const std::string& index_name, Buffer& out, const ReplyFlush& flush) {
    if (q.header.info1 & kInfo1ShortQuery) return kResultParameter;
    if (q.has_filter) return kResultUnsupportedFeature;
    if (!q.socket_timeout_ok || !q.max_records_ok || !q.udf.complete()) return kResultParameter;

    std::shared_ptr<Job> job = foreground_job(ns, q, index_name, "aggregation");
    job->udf_module = q.udf.module;
    job->udf_function = q.udf.function;
    if (!ctx.jobs.add(job)) return kResultParameter;

    QueryStream stream(out, flush);
    AggregateJob(ctx, ns, q, source, stream, *job).run();
    finish_foreground_job(stream, *job);
    return kResultOk;
}

}  // namespace aero::server::query
