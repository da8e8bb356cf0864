// A running scan or query (fact sheet §10): a driver thread runs rounds of the partition
// tracker (§10.4); in each round one thread per node streams that node's share of the
// partitions, decodes each record once and appends it, a few dozen at a time, to a bounded
// queue that the caller drains a page at a time. A full queue stops the node threads reading,
// so memory is bounded by record_queue_size (and a node's undelivered few dozen) whatever the
// result size. Nothing here calls into the host.
#pragma once

#include <atomic>
#include <condition_variable>
#include <memory>
#include <mutex>
#include <string>
#include <thread>
#include <vector>

#include "core/cluster/cluster.h"
#include "core/command/metrics.h"
#include "core/command/query_reply.h"
#include "core/command/query_spec.h"
#include "core/net/wakeup.h"

namespace aero {

namespace net { class Connection; }

class QueryJob {
public:
    // Checks the spec and the policy and starts the query in the background.
    static Result<std::unique_ptr<QueryJob>> start(std::shared_ptr<Cluster> cluster, const uint8_t* spec,
                                                   size_t spec_len, const uint8_t* policy, size_t policy_len);
    ~QueryJob();
    QueryJob(const QueryJob&) = delete;
    QueryJob& operator=(const QueryJob&) = delete;

    // Moves the records queued so far into `out` as a msgpack array (see aero.h), waiting up
    // to `wait_ms` for the first one (-1: until one comes or the query ends). `done` is set once
    // the query has ended and everything was handed out; its error, if any, is then returned.
    Status next(proto::Buffer& out, int wait_ms, bool& done);
    // Stops the query: node threads drop their sockets, and next() reports the end.
    void cancel();
    // The partitions' progress, to resume the query later (see aero.h), and whether every
    // partition is finished. Fails while the query runs; after cancel() it waits for the
    // query's threads to stop.
    Status status(proto::Buffer& out, bool& complete);
    // Readable while records or the end wait for next().
    int fd() const { return wakeup_.fd(); }
    // The id the nodes know the query by (query-show:id=...): a background job's handle.
    uint64_t task_id() const { return task_id_.load(); }

private:
    struct NodeShare;
    QueryJob() = default;
    void drive();
    // Starts a background job (spec.ops) on every node.
    Status start_background();
    // One round; false when the query must stop (error, cancel or done).
    bool round(uint32_t iteration);
    void stream(NodeShare& share);
    // Reads the node's stream; `timed_out` when a read timed out and the connection may be
    // drained (timeout_delay).
    Status read_stream(NodeShare& share, net::Connection& conn, net::Clock::time_point deadline, bool& timed_out);
    // The progress of partition pid if the node was asked for it, else null.
    PartitionStatus* asked(const NodeShare& share, uint32_t pid) const;
    // Marks a partition the node could not serve for the next round, on the next replica.
    void partition_failed(NodeShare& share, uint32_t pid, int code);
    // Tracks a record decoded into share.scratch from `mark` on, queued by the next flush.
    Status take_record(NodeShare& share, const QueryMessage& m, size_t mark);
    // Moves the node's decoded records into the queue, waiting while the queue is full.
    Status flush(NodeShare& share);
    void finish(Status s);
    // An aggregation's last step, once every node has streamed its values: runs the stream
    // function's remaining phases here over partials_ (query_aggregate.cpp) and queues the
    // results.
    Status reduce_final();
    net::Clock::time_point deadline() const;

    std::shared_ptr<Cluster> cluster_;
    QuerySpec spec_;
    std::vector<PartitionStatus*> by_id_;  // spec_.partitions by partition id (null: not queried)
    proto::Buffer policy_bytes_;  // owns the filter expression policy_ points into
    Policy policy_;
    std::atomic<uint64_t> task_id_{0};
    net::Clock::time_point start_;
    bool timed_ = false;                     // metrics were on when it started
    metrics::Clock::time_point timed_from_;
    uint64_t limit_ = 0;          // records still allowed this run (0: no limit)
    uint32_t pause_ms_ = 0;       // before the next round (retry_pause_ms)
    std::atomic<uint64_t> excess_{0};  // records counted against a limit below the node count
    bool count_excess_ = false;

    std::mutex mu_;
    std::condition_variable space_;    // the queue has room, or the query stops
    std::condition_variable ready_;    // records or the end are waiting
    proto::Buffer queued_;             // encoded records, back to back
    std::vector<std::string> partials_;  // an aggregation's values from the nodes (msgpack each)
    size_t queued_count_ = 0;
    bool ended_ = false;
    Status end_status_;
    std::atomic<bool> cancelled_{false};
    std::vector<net::Connection*> live_;  // sockets to shut down on cancel
    bool complete_ = false;
    bool driver_done_ = false;
    net::Wakeup wakeup_;
    std::thread driver_;
};

}  // namespace aero
