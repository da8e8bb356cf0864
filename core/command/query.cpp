#include "core/command/query.h"

#include <algorithm>
#include <bitset>
#include <random>

#include "core/cluster/node.h"
#include "core/command/metrics.h"
#include "core/command/deadlines.h"
#include "core/command/routing.h"
#include "core/command/udf.h"
#include "core/net/connection.h"
#include "core/proto/message.h"
#include "core/proto/msgpack.h"
#include "core/proto/result_code.h"

namespace aero {

namespace mp = proto::msgpack;
using std::chrono::milliseconds;

// One node's part of a round.
struct QueryJob::NodeShare {
    std::shared_ptr<Node> node;
    std::vector<PartitionStatus*> parts;
    std::bitset<proto::kPartitions> asked;  // the ids of parts
    uint64_t max = 0;          // record limit sent to the node (0: none)
    uint64_t records = 0;      // records handed to the queue
    uint32_t unavailable = 0;  // partitions to send again
    bool dropped = false;      // a record was dropped to keep a limit below the node count
    Status error;              // why the node's stream failed
    bool fatal = false;        // the error ends the query
    proto::Buffer scratch;     // records decoded and not queued yet, encoded
    uint32_t pending = 0;      // how many
};

namespace {

// Node failures after which its partitions go to the next replica (J shouldRetry).
// Records a node stream decodes before it takes the queue's lock once for all of them.
constexpr uint32_t kFlushRecords = 64;

bool retry_on_another(int code) {
    return code == kErrTimeout || code == 201 /* INDEX_NOT_FOUND */ || code == 203 /* INDEX_NOT_READABLE */ ||
           retryable(code);
}

uint64_t random_task_id() {
    static thread_local std::mt19937_64 rng{std::random_device{}()};
    uint64_t id = 0;
    while (id == 0) id = rng();
    return id;
}

Node* node_for(const NamespacePartitions& ns, const PartitionStatus& p) {
    size_t n = ns.columns.size();
    for (size_t i = 0; i < n; i++)
        if (Node* node = ns.columns[(p.sequence + i) % n][p.id]) return node;
    return nullptr;
}

}  // namespace

Result<std::unique_ptr<QueryJob>> QueryJob::start(std::shared_ptr<Cluster> cluster, const uint8_t* spec,
                                                  size_t spec_len, const uint8_t* policy, size_t policy_len) {
    std::unique_ptr<QueryJob> job(new QueryJob());
    Status s = parse_query_spec(spec, spec_len, job->spec_);
    if (!s.is_ok()) return s;
    if (policy != nullptr) job->policy_bytes_.assign(policy, policy + policy_len);
    s = parse_policy(cluster->config(), PolicyKind::kQuery, job->policy_bytes_.data(), job->policy_bytes_.size(),
                     job->policy_);
    if (!s.is_ok()) return s;
    s = job->wakeup_.open();
    if (!s.is_ok()) return s;
    job->cluster_ = std::move(cluster);
    job->task_id_ = random_task_id();
    job->start_ = net::Clock::now();
    job->timed_ = metrics::enabled();
    if (job->timed_) job->timed_from_ = metrics::Clock::now();
    job->limit_ = job->spec_.max_records;
    job->by_id_.assign(proto::kPartitions, nullptr);
    for (PartitionStatus& p : job->spec_.partitions) job->by_id_[p.id] = &p;
    job->driver_ = std::thread(&QueryJob::drive, job.get());
    return job;
}

QueryJob::~QueryJob() {
    cancel();
    if (driver_.joinable()) driver_.join();
}

net::Clock::time_point QueryJob::deadline() const {
    return total_deadline(policy_, start_);
}

void QueryJob::drive() {
    if (spec_.background()) {
        finish(start_background());
        std::lock_guard<std::mutex> lock(mu_);
        driver_done_ = true;
        ready_.notify_all();
        return;
    }
    for (uint32_t iteration = 1; round(iteration); iteration++) {
        if (pause_ms_ > 0) std::this_thread::sleep_for(milliseconds(pause_ms_));
    }
    std::lock_guard<std::mutex> lock(mu_);
    driver_done_ = true;
    ready_.notify_all();
}

bool QueryJob::round(uint32_t iteration) {
    auto state = cluster_->state();
    const NamespacePartitions* ns = state->partitions.find(spec_.ns);
    if (ns == nullptr || ns->columns.empty()) {
        finish(Status(20, "namespace '" + spec_.ns + "' is not in the partition map"));
        return false;
    }
    // Group the partitions still to do by the node that serves them.
    std::vector<std::unique_ptr<NodeShare>> shares;
    uint32_t unassigned = 0;
    for (PartitionStatus& p : spec_.partitions) {
        if (p.done || !p.retry) continue;
        Node* node = node_for(*ns, p);
        if (node == nullptr) {
            p.sequence++;
            unassigned++;
            continue;
        }
        p.retry = false;
        auto it = std::find_if(shares.begin(), shares.end(), [&](auto& s) { return s->node.get() == node; });
        if (it == shares.end()) {
            auto share = std::make_unique<NodeShare>();
            for (auto& n : state->nodes)
                if (n.get() == node) share->node = n;
            shares.push_back(std::move(share));
            it = shares.end() - 1;
        }
        (*it)->parts.push_back(&p);
        (*it)->asked.set(p.id);
    }
    // A retry round is a new job on the nodes: the server refuses a task id that is still
    // active, and the previous round's may not have ended there yet.
    if (iteration > 1) task_id_ = random_task_id();
    // The record limit spread over the nodes; below one record per node each gets one and the
    // excess is dropped on arrival (J assignPartitionsToNodes).
    count_excess_ = false;
    if (limit_ > 0 && !shares.empty()) {
        uint64_t k = shares.size();
        if (limit_ >= k) {
            for (size_t i = 0; i < k; i++) shares[i]->max = limit_ / k + (i < limit_ % k ? 1 : 0);
        } else {
            for (auto& s : shares) s->max = 1;
            count_excess_ = true;
            excess_ = 0;
        }
    }
    size_t batch = spec_.max_concurrent_nodes == 0 ? shares.size() : spec_.max_concurrent_nodes;
    for (size_t at = 0; at < shares.size() && !cancelled_; at += batch) {
        std::vector<std::thread> threads;
        for (size_t i = at; i < std::min(shares.size(), at + batch); i++)
            threads.emplace_back(&QueryJob::stream, this, std::ref(*shares[i]));
        for (auto& t : threads) t.join();
    }
    if (cancelled_) return false;

    uint64_t records = 0;
    uint32_t unavailable = unassigned;
    Status last = unassigned > 0 ? Status(kErrInvalidNode, "no node serves some partitions of '" + spec_.ns + "'")
                                 : Status::ok();
    for (auto& s : shares) {
        if (s->fatal) {
            finish(s->error);
            return false;
        }
        records += s->records;
        unavailable += s->unavailable;
        if (!s->error.is_ok()) last = s->error;
    }
    bool limited = limit_ > 0;
    if (unavailable == 0 || (limited && records >= limit_)) {
        // A node that reached its limit may hold more: its partitions stay open for the next page.
        for (auto& s : shares)
            if (limited && (s->dropped || s->records >= s->max))
                for (PartitionStatus* p : s->parts) p->retry = true;
        complete_ = true;
        for (PartitionStatus& p : spec_.partitions) {
            if (!p.retry) p.done = true;
            complete_ = complete_ && p.done;
        }
        finish(spec_.aggregate() ? reduce_final() : Status::ok());
        return false;
    }
    if (iteration > policy_.max_retries) {
        finish(last);
        return false;
    }
    pause_ms_ = retry_pause_ms(policy_, iteration);
    if (net::Clock::now() + milliseconds(pause_ms_) >= deadline()) {
        finish(Status(kErrTimeout, "query timed out after " + std::to_string(iteration) + " rounds: " + last.message()));
        return false;
    }
    if (limited) limit_ -= records;
    return true;
}

Status QueryJob::start_background() {
    auto state = cluster_->state();
    if (state->nodes.empty()) return Status(kErrInvalidNode, "no node is available");
    proto::Buffer request;
    Status s = build_background_request(request, spec_, policy_, task_id_);
    if (!s.is_ok()) return s;
    // Every node starts the job on the partitions it masters and answers at once.
    for (const auto& node : state->nodes) {
        auto deadline = net::Clock::now() + milliseconds(policy_.socket_timeout_ms ? policy_.socket_timeout_ms : 30000);
        auto conn = node->pool().acquire(deadline);
        if (!conn.is_ok()) return conn.status();
        net::Connection* c = conn.value();
        std::vector<uint8_t> body;
        uint8_t type = 0;
        s = c->write_all(request.data(), request.size(), deadline);
        if (s.is_ok()) s = c->read_message(type, body, deadline);
        if (s.is_ok() && (type != proto::kProtoMessage || body.size() < proto::kMsgHeaderSize))
            s = Status(kErrConnection, "malformed reply to a background query");
        if (!s.is_ok()) {
            node->pool().discard(c);
            s.set_node(node->name());
            return s;
        }
        node->pool().release(c);
        // Not found: the set does not exist on that node (J ServerCommand).
        uint8_t rc = body[5];
        if (rc != 0 && rc != 2) {
            Status err = reply_status(rc, body.data(), body.size());
            err.set_node(node->name());
            return err;
        }
    }
    complete_ = true;
    return Status::ok();
}

void QueryJob::stream(NodeShare& share) {
    const std::vector<const PartitionStatus*> parts(share.parts.begin(), share.parts.end());
    proto::Buffer request;
    Status s = build_query_request(request, spec_, policy_, task_id_, parts, share.max);
    if (!s.is_ok()) {
        share.error = s;
        share.fatal = true;
        return;
    }
    auto conn = share.node->pool().acquire(attempt_deadline(policy_, deadline()));
    if (conn.is_ok()) {
        net::Connection* c = conn.value();
        {
            std::lock_guard<std::mutex> lock(mu_);
            live_.push_back(c);
        }
        bool read_timed_out = false;
        s = cancelled_ ? Status(kErrClientAbort, "query cancelled")
                       : c->write_all(request.data(), request.size(), attempt_deadline(policy_, deadline()));
        if (s.is_ok()) s = read_stream(share, *c, deadline(), read_timed_out);
        {
            std::lock_guard<std::mutex> lock(mu_);
            live_.erase(std::find(live_.begin(), live_.end(), c));
        }
        // A stream cut short leaves unread replies on the socket: closed, or after a read
        // timeout drained for timeout_delay.
        if (s.is_ok() && !cancelled_) share.node->pool().release(c);
        else if (read_timed_out && !cancelled_) cluster_->recover(share.node, c, true, policy_.timeout_delay_ms);
        else share.node->pool().discard(c);
    } else {
        s = conn.status();
    }
    if (s.is_ok() || cancelled_) return;
    s.set_node(share.node->name());
    share.error = s;
    if (!retry_on_another(s.code())) {
        share.fatal = true;
        return;
    }
    // Every partition of the node goes to the next replica, resuming after its last record.
    for (PartitionStatus* p : share.parts) {
        p->retry = true;
        p->sequence++;
    }
    share.unavailable = uint32_t(share.parts.size());
}

Status QueryJob::read_stream(NodeShare& share, net::Connection& conn, net::Clock::time_point total, bool& timed_out) {
    std::vector<uint8_t> body;
    for (;;) {
        uint8_t type = 0;
        Status s = conn.read_message(type, body, attempt_deadline(policy_, total));
        if (cancelled_) return Status(kErrClientAbort, "query cancelled");
        if (s.code() == kErrTimeout && policy_.timeout_delay_ms > 0) {
            timed_out = true;
            conn.keep_partial_body(body);
        }
        if (!s.is_ok()) return s;
        if (type != proto::kProtoMessage) return Status(kErrConnection, "query reply has proto type " + std::to_string(type));
        size_t at = 0;
        while (at < body.size()) {
            size_t used = 0;
            s = proto::message_extent(body.data() + at, body.size() - at, used);
            if (!s.is_ok()) return Status(kErrConnection, "malformed query reply: " + s.message());
            QueryMessage m;
            size_t mark = share.scratch.size();
            const uint8_t* msg = body.data() + at;
            s = decode_query_message(msg, used, m, share.scratch, spec_.aggregate());
            at += used;
            if (!s.is_ok()) return s;
            int rc = m.result_code;
            if (m.kind == QueryMessage::kLast) {
                s = flush(share);
                if (!s.is_ok()) return s;
                // Not found / filtered out at the end only say nothing matched (J MultiCommand).
                if (rc == 0 || rc == 2 || rc == 27) return Status::ok();
                return reply_status(rc, msg, used);
            }
            if (m.kind == QueryMessage::kPartitionDone) {
                if (rc != 0) partition_failed(share, m.partition_id, rc);
                continue;
            }
            // NOT_FOUND in place of a record ends the node's stream without a LAST message
            // (an aggregation over a set the node does not have; C as_query_parse_records).
            if (rc == 2) return flush(share);
            if (rc != 0) return reply_status(rc, msg, used);
            s = take_record(share, m, mark);
            if (!s.is_ok()) return s;
        }
        s = flush(share);
        if (!s.is_ok()) return s;
    }
}

PartitionStatus* QueryJob::asked(const NodeShare& share, uint32_t pid) const {
    // Only a partition the node was asked for: a stray id must not touch another's progress.
    return pid < proto::kPartitions && share.asked.test(pid) ? by_id_[pid] : nullptr;
}

void QueryJob::partition_failed(NodeShare& share, uint32_t pid, int code) {
    PartitionStatus* p = asked(share, pid);
    if (p == nullptr) return;
    p->retry = true;
    p->sequence++;
    share.unavailable++;
    share.error = Status(code, "partition " + std::to_string(pid) + ": " + proto::result_code_message(code));
}

Status QueryJob::take_record(NodeShare& share, const QueryMessage& m, size_t mark) {
    if (count_excess_ && excess_.fetch_add(1) + 1 > limit_) {
        share.scratch.resize(mark);
        share.dropped = true;  // over the limit: the partition resumes before this record
        return Status::ok();
    }
    // Aggregation values carry no digest: their progress is the partitions' done messages.
    if (PartitionStatus* p = m.digest ? asked(share, proto::partition_id(m.digest)) : nullptr) {
        p->has_digest = true;
        std::copy(m.digest, m.digest + proto::kDigestSize, p->digest.begin());
        p->bval = m.bval;
    }
    share.records++;
    return ++share.pending < std::min(kFlushRecords, spec_.record_queue_size) ? Status::ok() : flush(share);
}

Status QueryJob::flush(NodeShare& share) {
    if (share.pending == 0) return Status::ok();
    std::unique_lock<std::mutex> lock(mu_);
    if (spec_.aggregate()) {
        // The nodes' values wait for the final reduce, which needs them all.
        proto::Reader r(share.scratch.data(), share.scratch.size());
        while (r.left() > 0) {
            const uint8_t* at = r.pos();
            mp::skip_value(r);
            partials_.emplace_back(reinterpret_cast<const char*>(at), size_t(r.pos() - at));
        }
        share.pending = 0;
        share.scratch.clear();
        return Status::ok();
    }
    // A flush never holds more than the queue takes, so the bound is exact.
    space_.wait(lock, [&] { return queued_count_ + share.pending <= spec_.record_queue_size || cancelled_; });
    if (cancelled_) return Status(kErrClientAbort, "query cancelled");
    queued_.insert(queued_.end(), share.scratch.begin(), share.scratch.end());
    bool was_empty = queued_count_ == 0;
    queued_count_ += share.pending;
    share.pending = 0;
    share.scratch.clear();
    if (was_empty) {
        wakeup_.signal();
        ready_.notify_all();
    }
    return Status::ok();
}

void QueryJob::finish(Status s) {
    std::lock_guard<std::mutex> lock(mu_);
    if (ended_) return;
    if (timed_) {
        metrics::record(policy_.metrics_name("query"), spec_.ns, spec_.set, s.code(), metrics::Clock::now() - timed_from_);
    }
    ended_ = true;
    end_status_ = std::move(s);
    wakeup_.signal();
    ready_.notify_all();
}

void QueryJob::cancel() {
    std::lock_guard<std::mutex> lock(mu_);
    if (!cancelled_.exchange(true))
        for (net::Connection* c : live_) c->interrupt();
    space_.notify_all();
    if (!ended_) {
        ended_ = true;
        end_status_ = Status(kErrClientAbort, "query cancelled");
    }
    wakeup_.signal();
    ready_.notify_all();
}

Status QueryJob::next(proto::Buffer& out, int wait_ms, bool& done) {
    std::unique_lock<std::mutex> lock(mu_);
    auto pending = [&] { return queued_count_ > 0 || ended_; };
    if (wait_ms < 0) ready_.wait(lock, pending);
    else ready_.wait_for(lock, milliseconds(wait_ms), pending);
    out.clear();
    mp::pack_array_header(out, uint32_t(queued_count_ * (spec_.aggregate() ? 1 : kQueryRecordValues)));
    out.insert(out.end(), queued_.begin(), queued_.end());
    bool had = queued_count_ > 0;
    queued_.clear();
    queued_count_ = 0;
    space_.notify_all();
    // An error is reported on the call after the last records, so none is lost.
    done = ended_ && (!had || end_status_.is_ok());
    if (!ended_) wakeup_.clear();
    return done ? end_status_ : Status::ok();
}

Status QueryJob::status(proto::Buffer& out, bool& complete) {
    std::unique_lock<std::mutex> lock(mu_);
    if (!ended_) return Status(kErrClient, "the query is still running");
    // The node threads update the partitions until the driver has joined them.
    ready_.wait(lock, [&] { return driver_done_; });
    out.clear();
    write_partition_status(out, spec_.partitions);
    complete = complete_;
    return Status::ok();
}

}  // namespace aero
