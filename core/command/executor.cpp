#include "core/command/executor.h"

#include <thread>

#include "core/command/deadlines.h"
#include "core/command/routing.h"
#include "core/command/udf.h"
#include "core/log.h"
#include "core/net/connection.h"
#include "core/proto/admin.h"
#include "core/proto/result_code.h"

namespace aero {

Status execute(const Cluster& cluster, const Policy& policy, bool is_write, const Key& key,
               const proto::Buffer& request, Reply& reply) {
    thread_local std::vector<uint8_t> body;
    using std::chrono::milliseconds;
    const auto start = net::Clock::now();
    const bool has_deadline = policy.total_timeout_ms > 0;
    const auto deadline = total_deadline(policy, start);
    uint32_t sent = 0;
    Status last;
    Route route;
    for (uint32_t attempt = 0;; attempt++) {
        auto state = cluster.state();
        Node* node = pick_node(*state, policy, is_write, key.ns, key.digest, route, last);
        if (node != nullptr) {
            node->stats().begin();
            const auto until = attempt_deadline(policy, deadline);
            auto conn = node->pool().acquire(until);
            if (!conn.is_ok()) {
                last = conn.status();
            } else {
                net::Connection* c = conn.value();
                bool read_timed_out = false;
                last = c->write_all(request.data(), request.size(), until);
                if (last.is_ok()) {
                    sent++;
                    uint8_t type = 0;
                    last = c->read_message(type, body, until);
                    read_timed_out = last.code() == kErrTimeout && policy.timeout_delay_ms > 0;
                    if (last.is_ok() && type != proto::kProtoMessage)
                        last = Status(kErrConnection, "reply has proto type " + std::to_string(type));
                    if (last.is_ok()) last = [&] {
                        proto::MessageView v;
                        Status s = v.parse(body.data(), body.size());
                        if (!s.is_ok()) return Status(kErrConnection, "malformed reply: " + s.message());
                        reply.header = v.header();
                        reply.body = &body;
                        return Status::ok();
                    }();
                }
                if (last.is_ok()) {
                    int rc = reply.header.result_code;
                    // NOT_AUTHENTICATED: the server no longer trusts this socket (§13.5).
                    if (rc == proto::kResultNotAuthenticated) node->pool().discard(c);
                    else node->pool().release(c);
                    // The node answered: a record-level result is no failure of the node.
                    if (rc == 0 || !retryable(rc)) node->stats().end(rc, false);
                    if (rc == 0) return Status::ok();
                    last = reply_status(rc, body.data(), body.size());
                    if (!retryable(rc)) {
                        last.set_node(node->name());
                        last.set_in_doubt(in_doubt(is_write, sent, rc));
                        return last;
                    }
                } else if (read_timed_out) {
                    // The reply may still come: drained (timeout_delay), the connection can be reused.
                    cluster.recover(owner_of(*state, node), c, false, policy.timeout_delay_ms);
                } else {
                    // The socket may hold part of a reply; it cannot be reused.
                    node->pool().discard(c);
                }
            }
            last.set_node(node->name());
            node->stats().end(last.code(), true);
        }
        if (!retryable(last.code()) || attempt >= policy.max_retries) break;
        if (log::enabled(log::kDebug))
            log::write(log::kDebug, "retrying a command on " + std::string(key.ns) + " (attempt " + std::to_string(attempt + 2) +
                                        ") after: " + last.message() + (last.node().empty() ? "" : " [" + last.node() + "]"));
        route.next(node, last.code() == kErrTimeout, is_write);
        uint32_t pause = retry_pause_ms(policy, attempt + 1);
        if (has_deadline && net::Clock::now() + milliseconds(pause) >= deadline) break;
        if (node != nullptr) node->stats().retries.fetch_add(1, std::memory_order_relaxed);
        if (pause > 0) std::this_thread::sleep_for(milliseconds(pause));
    }
    bool timed_out = has_deadline && net::Clock::now() >= deadline;
    if (timed_out || last.code() == kErrTimeout)
        last = timeout_status(last, policy, std::chrono::duration_cast<milliseconds>(net::Clock::now() - start).count(), sent);
    last.set_in_doubt(in_doubt(is_write, sent, last.code()));
    return last;
}

}  // namespace aero
