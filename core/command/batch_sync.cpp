#include "core/command/batch_sync.h"

#include <thread>

#include "core/command/batch_groups.h"
#include "core/command/deadlines.h"
#include "core/command/routing.h"
#include "core/log.h"
#include "core/net/connection.h"
#include "core/proto/message.h"
#include "core/proto/result_code.h"

namespace aero {

namespace {

using std::chrono::milliseconds;

// Sends one node's request and reads its response stream up to the trailer, by `deadline`.
// Returns the node's failure, a non-zero batch code included, or ok.
Status run_part(const Cluster& cluster, const ClusterState& state, BatchJob& job, const BatchGroup& group,
                const proto::Buffer& request, net::Clock::time_point deadline) {
    thread_local std::vector<uint8_t> body;
    Node* node = group.node;
    node->stats().begin();
    auto conn = node->pool().acquire(deadline);
    Status s;
    if (!conn.is_ok()) {
        s = conn.status();
    } else {
        net::Connection* c = conn.value();
        s = c->write_all(request.data(), request.size(), deadline);
        if (s.is_ok())
            for (uint32_t i : group.rows) job.rows()[i].sent++;
        bool done = false;
        int batch_code = 0;
        while (s.is_ok() && !done) {
            uint8_t type = 0;
            s = c->read_message(type, body, deadline);
            if (s.is_ok() && type != proto::kProtoMessage)
                s = Status(kErrConnection, "batch reply has proto type " + std::to_string(type));
            if (s.is_ok()) s = job.on_block(body.data(), body.size(), done, batch_code);
        }
        const uint32_t delay = job.policy().timeout_delay_ms;
        if (s.is_ok()) {
            node->pool().release(c);
            node->stats().end(batch_code, false);
            if (batch_code != 0) s = Status(batch_code, "batch failed on the node: " + proto::result_code_message(batch_code));
            s.set_node(node->name());
            return s;
        }
        if (s.code() == kErrTimeout && delay > 0) {
            // The rest of the stream may still come: drained for timeout_delay, the socket reused.
            c->keep_partial_body(body);
            cluster.recover(owner_of(state, node), c, true, delay);
        } else {
            node->pool().discard(c);  // it may hold part of the stream
        }
    }
    node->stats().end(s.code(), true);
    s.set_node(node->name());
    return s;
}

void pause(uint32_t ms) {
    if (ms > 0) std::this_thread::sleep_for(milliseconds(ms));
}

}  // namespace

Status run_batch_sync(const Cluster& cluster, BatchJob& job, proto::Buffer& out) {
    thread_local std::vector<BatchGroup> groups;
    thread_local std::vector<proto::Buffer> requests;
    const Policy& p = job.policy();
    const auto end = total_deadline(p, net::Clock::now());
    auto time_left = [&](uint32_t pause_ms) { return net::Clock::now() + milliseconds(pause_ms) < end; };
    uint32_t attempt = 0;
    uint32_t row_attempt = 0;
    for (;;) {
        auto state = cluster.state();
        size_t n = group_rows(job, *state, attempt, groups);
        if (n == 0) break;
        // Every node request is built before any is sent, as on the event loop.
        if (requests.size() < n) requests.resize(n);
        for (size_t g = 0; g < n; g++) {
            Status s = job.build_request(requests[g], groups[g].rows);
            if (s.is_ok()) continue;
            s.set_in_doubt(job.any_write_sent());
            return s;
        }
        bool retry = false;
        for (size_t g = 0; g < n; g++) {
            const BatchGroup& group = groups[g];
            if (log::enabled(log::kDebug))
                log::write(log::kDebug, "batch: " + std::to_string(group.rows.size()) + " rows sent to node " + group.node->name());
            Status s = run_part(cluster, *state, job, group, requests[g], attempt_deadline(p, end));
            if (s.code() == 0) {
                // A trailer reporting success must come after every row's answer (see child_done).
                job.fail_rows(group.rows, kErrConnection, true);
            } else if (retryable(s.code()) && attempt < p.max_retries && time_left(0)) {
                retry = true;  // its rows stay pending and are regrouped
            } else {
                job.fail_rows(group.rows, s.code(), true);
            }
            if (log::enabled(log::kDebug))
                log::write(log::kDebug, "batch: node " + s.node() + " done (" + std::to_string(s.code()) + ")");
        }
        if (retry) {
            attempt++;
            pause(retry_pause_ms(p, attempt));
            continue;
        }
        if (row_attempt < p.row_retries && job.transient_rows() > 0) {
            uint32_t pause_ms = retry_pause_ms(p, row_attempt + 1);
            if (time_left(pause_ms)) {
                job.reset_transient_rows();
                row_attempt++;
                pause(pause_ms);
                continue;
            }
            job.set_retry_outcome(row_attempt + 1, true);
        } else {
            job.set_retry_outcome(row_attempt + 1, false);
        }
        break;
    }
    job.write_result(out);
    return Status::ok();
}

}  // namespace aero
