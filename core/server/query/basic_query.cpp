#include "core/server/query/basic_query.h"

#include <chrono>
#include <thread>

#include "core/server/exp/exp.h"
#include "core/server/query/foreground_job.h"
#include "core/server/query/partition_walk.h"
#include "core/server/query/query_stream.h"
#include "core/server/query/throttle.h"
#include "core/server/read_handler.h"

namespace aero::server::query {

namespace {

using namespace aero::proto;

// A short query without a transaction_ttl gets the server's default of one second.
constexpr uint32_t kDefaultShortQueryMs = 1000;
constexpr uint8_t kResultTimeout = 9;
constexpr uint8_t kResultUnavailable = 11;

bool is_read_op(uint8_t op) {
    return op == kOpRead || op == kOpCdtRead || op == kOpBitRead || op == kOpHllRead || op == kOpExpRead;
}

// What basic_query_get_ops() accepts: ops or the old bin list (not both), ops that read,
// bin names the server allows.
bool projection_ok(const QueryRequest& q) {
    if (q.has_binlist && !q.ops.empty()) return false;
    for (const OpView& op : q.ops)
        if (!bin_name_ok(op.name) || !is_read_op(op.op_type)) return false;
    return true;
}

// The deprecated QUERY_BINLIST: u8 count, then (u8 length, name) each; bad names are skipped,
// as the server skips them.
std::vector<std::string_view> bin_list(std::string_view f) {
    std::vector<std::string_view> names;
    if (f.empty()) return names;
    size_t n = uint8_t(f[0]), at = 1;
    for (size_t i = 0; i < n && at < f.size(); i++) {
        size_t len = uint8_t(f[at++]);
        if (at + len > f.size()) break;
        std::string_view name = f.substr(at, len);
        at += len;
        if (!name.empty() && bin_name_ok(name)) names.push_back(name);
    }
    return names;
}

class BasicJob {
public:
    BasicJob(ServerContext& ctx, Namespace& ns, const QueryRequest& q, PartitionSource& source, QueryStream& stream,
             Job& job, const exp::Program* filter)
        : ctx_(ctx), ns_(ns), q_(q), source_(source), stream_(stream), job_(job), filter_(filter),
          throttle_(q.rps), no_bins_(q.header.info1 & kInfo1NoBinData), binlist_(bin_list(q.binlist)) {
        projection_.header.info1 = kInfo1Read;
        projection_.header.info2 = q.header.info2 & kInfo2RespondAllOps;
        projection_.ops = q.ops;
        set_id_ = ns.set_id(q.set, false);
        if (q.header.info1 & kInfo1ShortQuery) {
            uint32_t ms = q.header.transaction_ttl ? q.header.transaction_ttl : kDefaultShortQueryMs;
            deadline_ = std::chrono::steady_clock::now() + std::chrono::milliseconds(ms);
        }
    }

    void run() {
        WalkHooks hooks;
        hooks.record = [this](const Digest& d, const Record& r, int64_t bval) { return record(d, r, bval); };
        hooks.pause = [this] { return pause(); };
        hooks.unavailable = [this](uint32_t pid) { stream_.partition_done(pid, kResultUnavailable); };
        hooks.want_partition = [this] { return want_partition(); };
        walk_partitions(ctx_, ns_, q_, source_, job_, hooks);
    }

private:
    bool want_partition() {
        // An unknown set has no records, but its partitions still complete.
        if (!set_id_) return false;
        if (deadline_ && std::chrono::steady_clock::now() > *deadline_) {
            job_.abandoned.store(kResultTimeout);
            return false;
        }
        return q_.max_records == 0 || count_ < q_.max_records;
    }

    Step record(const Digest& d, const Record& r, int64_t bval) {
        if (*set_id_ != 0 && r.set_id != *set_id_) return Step::kNext;
        RwContext rw{projection_, ns_, d, Origin::client, filter_};
        if (filter_ && !exp::matches(*filter_, exp::RecordView{ns_, d, r})) {
            job_.filtered_bins++;
            return Step::kNext;
        }
        // sample-max counts records past the filters.
        if (q_.max_records && count_ >= q_.max_records) return Step::kEnd;
        count_++;
        if (!emit(rw, r, bval)) job_.failed++;
        else job_.succeeded++;
        if (q_.max_records && count_ == q_.max_records) return Step::kEnd;
        bool pause = false;
        if (!deadline_ && q_.rps) {
            job_.throttled++;
            sleep_us_ = throttle_.sleep_us();
            pause = sleep_us_ != 0;
        }
        return pause || stream_.over_chunk() ? Step::kPause : Step::kNext;
    }

    // Appends the record's message; false when its projection failed (nothing appended).
    bool emit(const RwContext& rw, const Record& r, int64_t bval) {
        const int64_t* sent_bval = source_.sends_bval() ? &bval : nullptr;
        stream_.begin_record(ns_, rw.digest, r, no_bins_, sent_bval);
        size_t n_bins = 0;
        auto add = [&](uint8_t op, std::string_view name, uint8_t particle, std::string_view value) {
            stream_.add_bin(op, name, particle, value);
            n_bins++;
        };
        if (no_bins_) {
            // Metadata only: no bins.
        } else if (!q_.ops.empty()) {
            if (read_ops(rw, r, add) != kResultOk) {
                stream_.drop_record();
                return false;
            }
        } else if (q_.has_binlist) {
            for (std::string_view name : binlist_)
                if (const Bin* b = r.find_bin(name)) add(kOpRead, b->name, b->type, b->value);
        } else {
            for (const Bin& b : r.bins) add(kOpRead, b.name, b.type, b.value);
        }
        // A projection that finds none of its bins returns no record at all.
        if (!no_bins_ && n_bins == 0 && (!q_.ops.empty() || q_.has_binlist)) stream_.drop_record();
        else stream_.end_record();
        return true;
    }

    bool pause() {
        if (!stream_.maybe_flush()) {
            job_.abandoned.store(kAbandonResponseError);
            return false;
        }
        if (sleep_us_) std::this_thread::sleep_for(std::chrono::microseconds(sleep_us_));
        sleep_us_ = 0;
        return true;
    }

    ServerContext& ctx_;
    Namespace& ns_;
    const QueryRequest& q_;
    PartitionSource& source_;
    QueryStream& stream_;
    Job& job_;
    const exp::Program* filter_;
    Throttle throttle_;
    bool no_bins_;
    std::vector<std::string_view> binlist_;
    Request projection_;
    std::optional<uint16_t> set_id_;
    std::optional<std::chrono::steady_clock::time_point> deadline_;
    uint64_t count_ = 0;
    uint32_t sleep_us_ = 0;
};

}  // namespace

uint8_t run_basic_query(ServerContext& ctx, Namespace& ns, const QueryRequest& q, PartitionSource& source,
                        const std::string& index_name, Buffer& out, const ReplyFlush& flush) {
    if (!q.socket_timeout_ok || !q.max_records_ok) return kResultParameter;
    if (!(q.header.info1 & kInfo1NoBinData) && !projection_ok(q)) return kResultParameter;
    exp::Program filter;
    if (q.has_filter && exp::compile_filter(reinterpret_cast<const uint8_t*>(q.filter.data()), q.filter.size(), filter))
        return kResultParameter;

    std::shared_ptr<Job> job = foreground_job(ns, q, index_name, "basic");
    // Short queries are not monitored: query-show never lists them.
    bool is_short = q.header.info1 & kInfo1ShortQuery;
    if (!is_short && !ctx.jobs.add(job)) return kResultParameter;

    QueryStream stream(out, flush);
    BasicJob(ctx, ns, q, source, stream, *job, q.has_filter ? &filter : nullptr).run();
    finish_foreground_job(stream, *job);
    return kResultOk;
}

}  // namespace aero::server::query
