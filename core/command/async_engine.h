// Async commands (single-record and batches) on the event-loop thread: non-blocking sockets,
// plain or TLS, per-node connection pools, socket and total timeouts (net::TimerLanes), retries
// per policy, the max_concurrent_operations limit with its wait queue, and completions pushed
// to the caller's CompletionQueue. Nothing here ever calls into the host. The command logic is
// in async_engine.cpp, the socket side in async_io.cpp.
#pragma once

#include <uv.h>

#include <atomic>
#include <deque>
#include <memory>
#include <mutex>
#include <string>
#include <unordered_map>
#include <vector>

#include "core/cluster/cluster.h"
#include "core/command/batch_groups.h"
#include "core/command/metrics.h"
#include "core/command/completion_queue.h"
#include "core/command/policy.h"
#include "core/command/routing.h"
#include "core/net/event_loop.h"
#include "core/net/timer_lanes.h"
#include "core/proto/digest.h"

namespace aero {

struct AsyncConn;
struct AsyncNodePool;

// What a command's completion carries. A batch is one parent command (kBatch) that runs one
// child (kBatchPart) per node and completes once they all have.
enum class AsyncKind : uint8_t { kWrite, kRecord, kRecordPairs, kMetadata, kBatch, kBatchPart };

// One submitted command. Made by AsyncEngine::acquire(), filled by the submitting thread,
// then owned by the loop thread until its completion is pushed.
struct AsyncCommand {
    // Filled by the submitter.
    AsyncKind kind = AsyncKind::kWrite;
    bool is_write = false;
    Policy policy;
    std::string ns;
    proto::Digest digest{};
    proto::Buffer request;
    uint64_t token = 0;
    std::shared_ptr<CompletionQueue> queue;
    std::unique_ptr<BatchJob> batch;  // kBatch: the rows and their results
    // Metrics, when they were on at submit (see time_command): the labels besides ns, and
    // when the command was submitted.
    bool timed = false;
    bool not_found_ok = false;
    std::string metric_op;
    std::string metric_set;
    metrics::Clock::time_point submitted;

    // Loop-thread state.
    enum class State : uint8_t { kIdle, kWaiting, kRunning } state = State::kIdle;
    net::TimerLanes::Entry deadline;  // the attempt's timeout, the queue's, or a retry pause
    AsyncConn* conn = nullptr;
    AsyncNodePool* waiting_for_conn = nullptr;  // the pool it is queued on for a connection
    uint32_t attempt = 0;
    Route route;
    const Node* node = nullptr;  // where the current attempt runs
    std::shared_ptr<NodeStats> attempt_stats;  // that node's counters while the attempt runs
    uint32_t sent = 0;
    uint64_t start_ms = 0;     // uv_now when the command started running
    Status last;
    size_t slot = 0;           // index in AsyncEngine::in_flight_
    AsyncCommand* parent = nullptr;     // kBatchPart: its batch
    std::vector<uint32_t> rows;         // kBatchPart: the batch rows it carries
    uint32_t children = 0;              // kBatch: node requests still running
    std::vector<uint32_t> retry_rows;   // kBatch: rows to send again once children finish
    uint32_t row_attempt = 0;           // kBatch: row retries made so far
    // kBatch, sequential: node requests not sent yet, and the state that keeps their nodes.
    std::deque<std::pair<Node*, AsyncCommand*>> queued_parts;
    std::shared_ptr<const ClusterState> batch_state;
    class AsyncEngine* engine = nullptr;
};

// Makes the command record its duration under op (and its ns, set) when it completes, if
// metrics are on; a missing record then counts as success with not_found_ok.
void time_command(AsyncCommand& cmd, std::string_view op, std::string_view set, bool not_found_ok);

// A node's async connections (loop thread only).
struct AsyncNodePool {
    sockaddr_storage addr{};
    socklen_t len = 0;
    net::TlsTarget tls;  // no context: plain TCP
    std::shared_ptr<net::NodeAuth> auth;  // the node's session: new connections authenticate first
    std::shared_ptr<NodeStats> stats;     // counts the pool's open connections
    std::vector<AsyncConn*> idle;
    uint32_t total = 0;
    // Commands waiting for a connection while all max_conns_per_node are busy: a
    // released connection goes straight to the first of them.
    std::deque<AsyncCommand*> waiters;
};

class AsyncEngine {
public:
    AsyncEngine(std::shared_ptr<Cluster> cluster, const ClientConfig& config);
    ~AsyncEngine();

    Status start();
    // Fails every queued and in-flight command with kErrClientClosed, closes every socket and
    // stops the loop thread. Any thread but the loop's.
    void close();

    // A command object to fill (reused; no allocation in steady state). Any thread.
    AsyncCommand* acquire();
    // Returns a command that will not be submitted after all. Any thread.
    void give_back(AsyncCommand* cmd);
    // Hands a filled command to the loop. OK means exactly one completion will be pushed;
    // an error means none will be, and the command is taken back. Any thread.
    Status submit(AsyncCommand* cmd);

    // libuv callbacks; loop thread.
    static void uv_connected(uv_connect_t* req, int status);
    static void uv_written(uv_write_t* req, int status);
    static void uv_alloc(uv_handle_t* h, size_t suggested, uv_buf_t* buf);
    static void uv_read(uv_stream_t* s, ssize_t n, const uv_buf_t* buf);

private:
    // Loop thread only from here on.
    void begin(AsyncCommand* cmd);
    // Starts (or restarts, on retry) a command that passed admission.
    void start(AsyncCommand* cmd);
    void run(AsyncCommand* cmd);
    // Sends one attempt to `node`, with the socket/total timeout armed.
    void run_on(AsyncCommand* cmd, Node* node);
    // Splits a batch's pending rows by node and starts one child per node.
    // Counts the end of the command's running attempt on its node (once; no-op when none runs).
    static void end_attempt(AsyncCommand* cmd, int code, bool failed);
    void dispatch_batch(AsyncCommand* parent);
    // Sends one node request of a batch.
    void start_part(AsyncCommand* parent, Node* node, AsyncCommand* child);
    // dispatch_batch() again after the retry pause (at once for 0).
    void redispatch_batch(AsyncCommand* parent, uint32_t pause_ms);
    // A node request finished: keep its row results, queue failed rows for a retry, and
    // complete the batch once every node request is back.
    void child_done(AsyncCommand* child, int status);
    // Gives the command an idle connection, a new one, or a place in the pool's wait queue.
    void use_pool(AsyncCommand* cmd, AsyncNodePool& pool);
    void open_conn(AsyncCommand* cmd, AsyncNodePool& pool);
    void stop_waiting(AsyncCommand* cmd);
    // A new connection to a secured node sends AUTHENTICATE before the command.
    void authenticate_then_send(AsyncCommand* cmd);
    void send(AsyncCommand* cmd);
    // Counts the command's request (and its batch rows) as sent once more, or (step -1) once less.
    void mark_sent(AsyncCommand* cmd, int step);
    // Fails an attempt whose request could not be handed to the socket at all.
    void write_refused(AsyncCommand* cmd, Status why);
    void write(AsyncCommand* cmd, proto::Buffer& bytes);
    // Writes what the socket takes at once (most requests: no write request, no callback and
    // no change to the watcher, which a completed uv_write costs an epoll_ctl), and queues the
    // rest with uv_write (`write_pending`). 0 or a libuv error.
    int put_bytes(AsyncConn* c, const uint8_t* data, size_t size);
    // TLS connections: the handshake after connect, then plain bytes out of the session as
    // cipher bytes arrive, and the session's cipher bytes onto the socket.
    void start_tls(AsyncCommand* cmd);
    void tls_handshake(AsyncConn* c);
    void tls_pump(AsyncConn* c);
    void tls_flush(AsyncConn* c);
    // Starts the connection's one read watcher, once connected.
    void start_reading(AsyncConn* c);
    // Bytes or an EOF no reply accounts for: an idle connection is retired at once, one a
    // command holds is not pooled again.
    void unexpected(AsyncConn* c);
    // `n` more bytes of the awaited message landed where message_slice() pointed.
    void received(AsyncConn* c, size_t n);
    // `n` bytes landed in ahead_: they go to the awaited message (and to the messages of
    // the same reply after it); any left over are unexpected().
    void received_ahead(AsyncConn* c, size_t n);
    void read_failed(AsyncConn* c, ssize_t n);
    // A whole message arrived on the command's connection (and its write completed).
    void on_message(AsyncCommand* cmd);
    void on_authenticated(AsyncCommand* cmd);
    void on_reply(AsyncCommand* cmd);
    // The command's timeout: fails its attempt (or its wait for a slot) in `timeout_ms`.
    void arm_timeout(AsyncCommand* cmd, uint64_t timeout_ms);
    static void timed_out(net::TimerLanes::Entry& deadline);
    // An attempt failed: retry when policy and time allow, else complete with `s`.
    void fail_attempt(AsyncCommand* cmd, Status s, bool discard_conn);
    void complete(AsyncCommand* cmd, int status, const proto::Buffer& payload);
    void complete_error(AsyncCommand* cmd, const Status& s);
    void release_conn(AsyncCommand* cmd, bool reusable);
    // A connection no command holds any more: to the first command waiting for one, to the
    // idle list, or (not `reusable`) closed.
    void reuse_conn(AsyncConn* c, bool reusable);
    void close_conn(AsyncConn* c);
    // timeout_delay: the timed-out command lets go of its connection, which goes on reading
    // its reply (when it was reading one); end_drain() pools it again or closes it, and counts
    // it as recovered or aborted.
    void start_drain(AsyncCommand* cmd);
    void drained_message(AsyncConn* c);
    void end_drain(AsyncConn* c, bool drained);
    // The reply being read failed: the attempt fails, or the drain ends.
    void reply_failed(AsyncConn* c, Status s);
    void recycle(AsyncCommand* cmd);
    void start_next_waiting();
    void shutdown_on_loop();
    void wake_queues();
    AsyncNodePool& pool_for(Node& node);

    std::shared_ptr<Cluster> cluster_;
    const ClientConfig config_;
    net::EventLoop loop_;
    net::TimerLanes timers_{loop_.uv()};  // every command's deadline, and drains'
    std::mutex free_mu_;
    std::vector<AsyncCommand*> free_;
    std::vector<std::unique_ptr<AsyncCommand>> all_;  // every command object ever made
    std::atomic<bool> closed_{false};

    // Loop-thread state.
    std::unordered_map<std::string, AsyncNodePool> pools_;  // by node name
    std::vector<AsyncCommand*> in_flight_;
    std::deque<AsyncCommand*> waiting_;  // over max_concurrent_operations
    uint32_t running_ = 0;
    std::vector<std::shared_ptr<CompletionQueue>> to_wake_;  // pushed to since the last poll
    proto::Buffer payload_;
    std::vector<BatchGroup> groups_;  // dispatch_batch()'s scratch
    std::vector<uint8_t> ahead_;  // what plain sockets read into (uv_alloc), consumed at once
    bool shut_down_ = false;
    std::vector<AsyncConn*> draining_;  // for shutdown, which ends every drain
};

}  // namespace aero
