#include "core/command/async_engine.h"

#include "core/command/async_conn.h"
#include "core/command/reply.h"
#include "core/command/routing.h"
#include "core/command/udf.h"
#include "core/log.h"
#include "core/proto/admin.h"
#include "core/proto/message.h"
#include "core/proto/msgpack.h"
#include "core/proto/result_code.h"

namespace aero {

namespace mp = proto::msgpack;

AsyncEngine::AsyncEngine(std::shared_ptr<Cluster> cluster, const ClientConfig& config)
    : cluster_(std::move(cluster)), config_(config) {}

AsyncEngine::~AsyncEngine() { close(); }

// Completions are published once per loop iteration: the host is woken with everything its
// replies of the iteration completed, not for the first of them (at 1,024 commands in flight
// against one server, 6 completions a drain before, 130 after).
Status AsyncEngine::start() { return loop_.start("aero-async", [this] { wake_queues(); }); }

void AsyncEngine::wake_queues() {
    for (auto& q : to_wake_) q->wake();
    to_wake_.clear();
}

AsyncCommand* AsyncEngine::acquire() {
    {
        std::lock_guard lock(free_mu_);
        if (!free_.empty()) {
            AsyncCommand* c = free_.back();
            free_.pop_back();
            return c;
        }
        all_.push_back(std::make_unique<AsyncCommand>());
        all_.back()->engine = this;
        all_.back()->deadline.owner = all_.back().get();
        return all_.back().get();
    }
}

void AsyncEngine::give_back(AsyncCommand* cmd) { recycle(cmd); }

void AsyncEngine::recycle(AsyncCommand* cmd) {
    cmd->queue.reset();
    cmd->batch.reset();
    cmd->children = 0;
    cmd->retry_rows.clear();
    cmd->row_attempt = 0;
    cmd->state = AsyncCommand::State::kIdle;
    std::lock_guard lock(free_mu_);
    free_.push_back(cmd);
}

Status AsyncEngine::submit(AsyncCommand* cmd) {
    if (closed_.load(std::memory_order_acquire) || !loop_.post([this, cmd] { begin(cmd); })) {
        recycle(cmd);
        return Status(kErrClientClosed, "client is closed");
    }
    return Status::ok();
}

void AsyncEngine::close() {
    if (closed_.exchange(true)) return;
    loop_.stop([this] { shutdown_on_loop(); });
}

void AsyncEngine::shutdown_on_loop() {
    shut_down_ = true;
    for (auto& [name, pool] : pools_) {
        for (AsyncCommand* cmd : pool.waiters) cmd->waiting_for_conn = nullptr;
        pool.waiters.clear();
    }
    // A write cut off by close is in doubt when it was sent, as for any other failure.
    auto fail_closed = [this](AsyncCommand* cmd) {
        Status closed(kErrClientClosed, "client closed while the command was in flight");
        closed.set_in_doubt(in_doubt(cmd->is_write, cmd->sent, closed.code()));
        complete_error(cmd, closed);
    };
    while (!waiting_.empty()) {
        AsyncCommand* cmd = waiting_.front();
        waiting_.pop_front();
        fail_closed(cmd);
    }
    // Batch node requests first: the last one of each batch completes its parent.
    for (size_t i = in_flight_.size(); i-- > 0;) {
        if (i >= in_flight_.size() || in_flight_[i]->parent == nullptr) continue;
        AsyncCommand* cmd = in_flight_[i];
        release_conn(cmd, false);
        fail_closed(cmd);
    }
    while (!in_flight_.empty()) {
        AsyncCommand* cmd = in_flight_.back();
        release_conn(cmd, false);
        fail_closed(cmd);
    }
    while (!draining_.empty()) end_drain(draining_.back(), false);
    for (auto& [name, pool] : pools_) {
        for (AsyncConn* c : pool.idle) close_conn(c);
        pool.idle.clear();
    }
    timers_.close();
    // The loop closes its handles next, the hook's included: the failures are published now.
    wake_queues();
}

// Loop thread from here on.

void AsyncEngine::begin(AsyncCommand* cmd) {
    if (shut_down_) {
        complete_error(cmd, Status(kErrClientClosed, "client is closed"));
        return;
    }
    cmd->slot = in_flight_.size();
    in_flight_.push_back(cmd);
    uint32_t max = config_.max_concurrent_operations;
    if (max > 0 && running_ >= max) {
        // Backpressure: wait for a slot, for at most operation_queue_timeout_ms.
        cmd->state = AsyncCommand::State::kWaiting;
        waiting_.push_back(cmd);
        if (config_.operation_queue_timeout_ms > 0) arm_timeout(cmd, config_.operation_queue_timeout_ms);
        return;
    }
    start(cmd);
}

void AsyncEngine::start(AsyncCommand* cmd) {
    running_++;
    cmd->state = AsyncCommand::State::kRunning;
    cmd->attempt = 0;
    cmd->route = Route();
    cmd->sent = 0;
    cmd->start_ms = uv_now(loop_.uv());
    cmd->last = Status();
    if (cmd->kind == AsyncKind::kBatch) dispatch_batch(cmd);
    else run(cmd);
}

void AsyncEngine::start_next_waiting() {
    uint32_t max = config_.max_concurrent_operations;
    while (!waiting_.empty() && (max == 0 || running_ < max)) {
        AsyncCommand* cmd = waiting_.front();
        waiting_.pop_front();
        timers_.disarm(cmd->deadline);
        start(cmd);
    }
}

void AsyncEngine::arm_timeout(AsyncCommand* cmd, uint64_t timeout_ms) {
    timers_.arm(cmd->deadline, timeout_ms, timed_out);
}

AsyncNodePool& AsyncEngine::pool_for(Node& node) {
    auto [it, added] = pools_.try_emplace(node.name());
    if (added) {
        it->second.addr = node.address_storage();
        it->second.len = node.address_len();
        it->second.tls = node.tls();
    }
    // A node dropped and found again comes with a new session (and counters).
    it->second.auth = node.auth();
    it->second.stats = node.shared_stats();
    return it->second;
}

void AsyncEngine::run(AsyncCommand* cmd) {
    auto state = cluster_->state();
    Status err;
    Node* node = pick_node(*state, cmd->policy, cmd->is_write, cmd->ns, cmd->digest, cmd->route, err);
    if (node == nullptr) {
        cmd->node = nullptr;
        fail_attempt(cmd, err, false);
        return;
    }
    run_on(cmd, node);
}

void AsyncEngine::run_on(AsyncCommand* cmd, Node* node) {
    // This attempt gets socket_timeout, bounded by what is left of total_timeout.
    uint64_t now = uv_now(loop_.uv());
    uint64_t timeout = cmd->policy.socket_timeout_ms;
    if (cmd->policy.total_timeout_ms > 0) {
        uint64_t end = cmd->start_ms + cmd->policy.total_timeout_ms;
        uint64_t left = end > now ? end - now : 1;
        if (timeout == 0 || left < timeout) timeout = left;
    }
    if (timeout > 0) arm_timeout(cmd, timeout);
    cmd->node = node;
    cmd->last.set_node(node->name());
    end_attempt(cmd, 0, false);
    cmd->attempt_stats = node->shared_stats();
    cmd->attempt_stats->begin();
    use_pool(cmd, pool_for(*node));
}

void AsyncEngine::dispatch_batch(AsyncCommand* parent) {
    BatchJob& job = *parent->batch;
    auto state = cluster_->state();
    size_t groups = group_rows(job, *state, parent->attempt, groups_);
    std::vector<std::pair<Node*, AsyncCommand*>> by_node;
    for (size_t g = 0; g < groups; g++) {
        AsyncCommand* child = acquire();
        child->kind = AsyncKind::kBatchPart;
        child->parent = parent;
        child->rows.swap(groups_[g].rows);  // group_rows() clears what the group gets back
        child->is_write = groups_[g].is_write;
        child->policy = job.policy();
        child->policy.max_retries = 0;  // the batch retries by regrouping rows instead
        by_node.emplace_back(groups_[g].node, child);
    }
    if (by_node.empty()) {
        job.write_result(payload_);
        complete(parent, 0, payload_);
        return;
    }
    // Every node request is built before any is sent: one that cannot be carried (over
    // kMaxProtoSize) fails the batch without sending the others.
    for (auto& [node, child] : by_node) {
        Status s = job.build_request(child->request, child->rows);
        if (s.is_ok()) continue;
        for (auto& entry : by_node) {
            entry.second->parent = nullptr;
            recycle(entry.second);
        }
        s.set_in_doubt(job.any_write_sent());
        complete_error(parent, s);
        return;
    }
    parent->children += uint32_t(by_node.size());
    // Sequential batches (policy concurrency 0) send one node request at a time: the others
    // wait in the parent, which keeps the cluster state (and so their nodes) alive.
    bool sequential = job.policy().batch_sequential;
    if (sequential) parent->batch_state = state;
    for (size_t i = 0; i < by_node.size(); i++) {
        if (sequential && i > 0) parent->queued_parts.push_back(by_node[i]);
        else start_part(parent, by_node[i].first, by_node[i].second);
    }
}

void AsyncEngine::start_part(AsyncCommand* parent, Node* node, AsyncCommand* child) {
    child->slot = in_flight_.size();
    in_flight_.push_back(child);
    child->state = AsyncCommand::State::kRunning;
    child->attempt = 0;
    child->sent = 0;
    child->start_ms = parent->start_ms;  // the total timeout covers the whole batch
    child->last = Status();
    if (log::enabled(log::kDebug))
        log::write(log::kDebug, "batch: " + std::to_string(child->rows.size()) + " rows sent to node " + node->name());
    run_on(child, node);
}

void AsyncEngine::child_done(AsyncCommand* child, int status) {
    AsyncCommand* parent = child->parent;
    BatchJob& job = *parent->batch;
    if (status != 0) {
        uint64_t now = uv_now(loop_.uv());
        const Policy& p = job.policy();
        bool time_left = p.total_timeout_ms == 0 || now < parent->start_ms + p.total_timeout_ms;
        if (!shut_down_ && retryable(status) && parent->attempt < p.max_retries && time_left) {
            // Retried rows are regrouped by their (possibly new) owners once every child is back.
            for (uint32_t i : child->rows)
                if (job.rows()[i].code == kRowPending) parent->retry_rows.push_back(i);
        } else {
            // A write row that was sent but got no answer of its own (timeout, lost connection, or
            // a batch the server cut short) may have been applied.
            job.fail_rows(child->rows, status, true);
        }
    } else {
        // A trailer reporting success must come after every row's answer: a node that skips
        // rows broke the protocol, as a malformed reply does (and a write among them may have
        // been applied).
        job.fail_rows(child->rows, kErrConnection, true);
    }
    if (log::enabled(log::kDebug))
        log::write(log::kDebug, "batch: node " + child->last.node() + " done (" + std::to_string(status) + ")");
    if (!parent->queued_parts.empty()) {
        if (shut_down_) {
            // Closing: the requests not sent yet end with the batch.
            parent->children -= uint32_t(parent->queued_parts.size());
            for (auto& part : parent->queued_parts) {
                part.second->parent = nullptr;
                recycle(part.second);
            }
            parent->queued_parts.clear();
        } else {
            auto [node, next] = parent->queued_parts.front();
            parent->queued_parts.pop_front();
            start_part(parent, node, next);
        }
    }
    if (--parent->children > 0) return;
    parent->batch_state.reset();
    if (shut_down_) {
        Status closed(kErrClientClosed, "client closed while the batch was in flight");
        closed.set_in_doubt(job.any_write_sent());
        complete_error(parent, closed);
        return;
    }
    const Policy& p = job.policy();
    if (!parent->retry_rows.empty()) {
        parent->retry_rows.clear();
        parent->attempt++;
        redispatch_batch(parent, retry_pause_ms(p, parent->attempt));
        return;
    }
    if (parent->row_attempt < p.row_retries && job.transient_rows() > 0) {
        // Row retries stay within total_timeout, pause included, as every retry does.
        uint32_t pause = retry_pause_ms(p, parent->row_attempt + 1);
        if (p.total_timeout_ms == 0 || uv_now(loop_.uv()) + pause < parent->start_ms + p.total_timeout_ms) {
            job.reset_transient_rows();
            parent->row_attempt++;
            redispatch_batch(parent, pause);
            return;
        }
        job.set_retry_outcome(parent->row_attempt + 1, true);
    } else {
        job.set_retry_outcome(parent->row_attempt + 1, false);
    }
    job.write_result(payload_);
    complete(parent, 0, payload_);
}

void AsyncEngine::redispatch_batch(AsyncCommand* parent, uint32_t pause_ms) {
    if (pause_ms == 0) {
        dispatch_batch(parent);
        return;
    }
    // The parent's deadline is idle while its node requests run; it holds the pause. A close
    // in the meantime completes the parent, which disarms it.
    timers_.arm(parent->deadline, pause_ms, [](net::TimerLanes::Entry& e) {
        auto* c = static_cast<AsyncCommand*>(e.owner);
        c->engine->dispatch_batch(c);
    });
}

void AsyncEngine::on_message(AsyncCommand* cmd) {
    if (cmd->conn->authenticating) on_authenticated(cmd);
    else on_reply(cmd);
}

void AsyncEngine::on_authenticated(AsyncCommand* cmd) {
    AsyncConn* c = cmd->conn;
    c->authenticating = false;
    Status s = c->pool->auth->authenticate_reply(c->in.body.data(), c->in.body.size());
    if (s.is_ok()) send(cmd);
    else fail_attempt(cmd, s, true);
}

void AsyncEngine::on_reply(AsyncCommand* cmd) {
    AsyncConn* c = cmd->conn;
    if (cmd->kind == AsyncKind::kBatchPart) {
        bool done = false;
        int batch_code = 0;
        Status s = cmd->parent->batch->on_block(c->in.body.data(), c->in.body.size(), done, batch_code);
        if (!s.is_ok()) {
            fail_attempt(cmd, s, true);
            return;
        }
        if (!done) {
            // The reply is a stream of protos until the one marked LAST.
            c->in.restart();
            c->reading = true;
            if (c->tls) tls_pump(c);  // the next protos may be decrypted already
            return;
        }
        timers_.disarm(cmd->deadline);
        release_conn(cmd, true);
        if (batch_code != 0) {
            Status err(batch_code, "batch failed on the node: " + proto::result_code_message(batch_code));
            err.set_node(cmd->last.node());
            complete_error(cmd, err);
            return;
        }
        complete(cmd, 0, payload_);
        return;
    }
    timers_.disarm(cmd->deadline);
    Reply reply;
    proto::MessageView v;
    Status s = v.parse(c->in.body.data(), c->in.body.size());
    if (!s.is_ok()) {
        fail_attempt(cmd, Status(kErrConnection, "malformed reply: " + s.message()), true);
        return;
    }
    reply.header = v.header();
    reply.body = &c->in.body;
    int rc = reply.header.result_code;
    if (rc != 0) {
        // NOT_AUTHENTICATED: the server no longer trusts this socket (§13.5).
        release_conn(cmd, rc != proto::kResultNotAuthenticated);
        Status err = reply_status(rc, c->in.body.data(), c->in.body.size());
        err.set_node(cmd->last.node());
        if (retryable(rc)) {
            fail_attempt(cmd, err, false);
            return;
        }
        err.set_in_doubt(in_doubt(cmd->is_write, cmd->sent, rc));
        complete_error(cmd, err);
        return;
    }
    Key key;
    key.digest = cmd->digest;
    payload_.clear();
    switch (cmd->kind) {
    case AsyncKind::kWrite: mp::pack_nil(payload_); break;
    case AsyncKind::kMetadata: write_metadata(payload_, key, reply); break;
    case AsyncKind::kRecord:
    case AsyncKind::kRecordPairs: s = write_record(payload_, key, reply, cmd->kind == AsyncKind::kRecordPairs); break;
    case AsyncKind::kBatch:
    case AsyncKind::kBatchPart: break;  // batches never take this path (see above)
    }
    release_conn(cmd, true);
    if (!s.is_ok()) {
        // The server answered OK: a write it applied stays applied, whatever its reply holds.
        s.set_in_doubt(cmd->is_write);
        complete_error(cmd, s);
        return;
    }
    complete(cmd, 0, payload_);
}

void AsyncEngine::timed_out(net::TimerLanes::Entry& deadline) {
    auto* cmd = static_cast<AsyncCommand*>(deadline.owner);
    AsyncEngine* e = cmd->engine;
    if (cmd->state == AsyncCommand::State::kWaiting) {
        for (auto it = e->waiting_.begin(); it != e->waiting_.end(); ++it) {
            if (*it == cmd) {
                e->waiting_.erase(it);
                break;
            }
        }
        e->complete_error(cmd, Status(kErrBackpressure, "waited more than operation_queue_timeout_ms (" +
                                                            std::to_string(e->config_.operation_queue_timeout_ms) +
                                                            " ms) for one of max_concurrent_operations (" +
                                                            std::to_string(e->config_.max_concurrent_operations) +
                                                            ") slots"));
        return;
    }
    e->stop_waiting(cmd);
    Status timeout(kErrTimeout, cmd->conn ? "socket timeout" : "timeout waiting for a connection");
    if (cmd->conn != nullptr && cmd->policy.timeout_delay_ms > 0) e->start_drain(cmd);
    e->fail_attempt(cmd, std::move(timeout), true);
}

void AsyncEngine::end_attempt(AsyncCommand* cmd, int code, bool failed) {
    if (!cmd->attempt_stats) return;
    cmd->attempt_stats->end(code, failed);
    cmd->attempt_stats.reset();
}

void AsyncEngine::fail_attempt(AsyncCommand* cmd, Status s, bool discard_conn) {
    timers_.disarm(cmd->deadline);
    std::shared_ptr<NodeStats> stats = cmd->attempt_stats;
    end_attempt(cmd, s.code(), true);
    if (cmd->conn != nullptr) release_conn(cmd, !discard_conn);
    if (s.node().empty()) s.set_node(cmd->last.node());
    cmd->last = s;
    uint64_t now = uv_now(loop_.uv());
    const Policy& p = cmd->policy;
    uint32_t pause = retry_pause_ms(p, cmd->attempt + 1);
    bool time_left = p.total_timeout_ms == 0 || now + pause < cmd->start_ms + p.total_timeout_ms;
    if (retryable(s.code()) && cmd->attempt < p.max_retries && time_left) {
        cmd->attempt++;
        if (stats) stats->retries.fetch_add(1, std::memory_order_relaxed);
        if (log::enabled(log::kDebug))
            log::write(log::kDebug, "retrying an async command on " + cmd->ns + " (attempt " +
                                        std::to_string(cmd->attempt + 1) + ") after: " + s.message());
        cmd->route.next(cmd->node, s.code() == kErrTimeout, cmd->is_write);
        if (pause > 0) {
            // The deadline doubles as the retry pause, which runs the command again.
            timers_.arm(cmd->deadline, pause, [](net::TimerLanes::Entry& e) {
                auto* c = static_cast<AsyncCommand*>(e.owner);
                c->engine->run(c);
            });
        } else {
            run(cmd);
        }
        return;
    }
    bool timed_out = p.total_timeout_ms > 0 && now >= cmd->start_ms + p.total_timeout_ms;
    if (timed_out || s.code() == kErrTimeout) s = timeout_status(s, p, int64_t(now - cmd->start_ms), cmd->sent);
    s.set_in_doubt(in_doubt(cmd->is_write, cmd->sent, s.code()));
    complete_error(cmd, s);
}

void AsyncEngine::complete_error(AsyncCommand* cmd, const Status& s) {
    payload_.clear();
    mp::pack_map_header(payload_, 3);
    mp::pack_str(payload_, "message");
    mp::pack_str(payload_, s.message());
    mp::pack_str(payload_, "in_doubt");
    mp::pack_bool(payload_, s.in_doubt());
    mp::pack_str(payload_, "node");
    mp::pack_str(payload_, s.node());
    complete(cmd, s.code(), payload_);
}

void time_command(AsyncCommand& cmd, std::string_view op, std::string_view set, bool not_found_ok) {
    cmd.timed = metrics::enabled();
    if (!cmd.timed) return;
    cmd.not_found_ok = not_found_ok;
    cmd.metric_op.assign(op);
    cmd.metric_set.assign(set);
    cmd.submitted = metrics::Clock::now();
}

void AsyncEngine::complete(AsyncCommand* cmd, int status, const proto::Buffer& payload) {
    timers_.disarm(cmd->deadline);
    stop_waiting(cmd);
    bool child = cmd->parent != nullptr;
    // An answer (a record-level code included) ends the attempt without a node failure; a
    // failure that ends the command went through fail_attempt, which ended it already.
    end_attempt(cmd, status, false);
    if (!child && cmd->timed) {
        int code = cmd->not_found_ok && status == kResultNotFound ? 0 : status;
        metrics::record(cmd->metric_op, cmd->ns, cmd->metric_set, code, metrics::Clock::now() - cmd->submitted);
        cmd->timed = false;
    }
    if (!child && cmd->queue->push(cmd->token, status, payload.data(), payload.size())) to_wake_.push_back(cmd->queue);
    if (cmd->state == AsyncCommand::State::kRunning && !child) running_--;
    // Swap-remove from the in-flight list.
    AsyncCommand* moved = in_flight_.back();
    in_flight_[cmd->slot] = moved;
    moved->slot = cmd->slot;
    in_flight_.pop_back();
    if (child) {
        child_done(cmd, status);
        cmd->parent = nullptr;
        recycle(cmd);
        return;
    }
    recycle(cmd);
    if (!shut_down_) start_next_waiting();
}

}  // namespace aero
