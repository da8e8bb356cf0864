// A running or finished scan/query job as query-show reports it (the real server's
// as_query_job: counters, progress by partition, abandon reason), and the node's table of
// them (query_manager.c: jobs stay listed for a while after they finish).
#pragma once

#include <atomic>
#include <chrono>
#include <cstdint>
#include <memory>
#include <mutex>
#include <functional>
#include <string>
#include <thread>
#include <vector>

namespace aero::server::query {

// Why a job ended early (its as_query_job abandoned code); 0 while it runs or when it finished.
enum AbandonReason : int {
    kAbandonNone = 0,
    kAbandonUnknown = 1,        // AS_ERR_UNKNOWN
    kAbandonUserAborted = 15,   // AS_ERR_QUERY_ABORT
    // The server's own codes for a client that went away or stopped reading.
    kAbandonResponseError = -1,
    kAbandonResponseTimeout = -2,
};

struct Job {
    uint64_t trid = 0;
    std::string ns, set, index_name;
    // "basic", "aggregation", "background-ops" or "background-udf".
    std::string type;
    // The UDF of an aggregation or background UDF job.
    std::string udf_module, udf_function;
    uint32_t rps = 0;
    uint32_t n_pids_requested = 0, n_keyds_requested = 0;
    uint32_t socket_timeout_ms = 0;
    // The partition the job works on next (4096 once it has gone through them all).
    std::atomic<uint32_t> pid{0};
    std::atomic<uint64_t> succeeded{0}, failed{0}, filtered_meta{0}, filtered_bins{0}, throttled{0};
    std::atomic<uint64_t> net_io_bytes{0};
    std::atomic<int> abandoned{kAbandonNone};
    std::atomic<bool> done{false};
    std::chrono::steady_clock::time_point start = std::chrono::steady_clock::now();
    std::chrono::steady_clock::time_point finish;

    // Marks the job finished now.
    void complete();
    // query-show's entry: "trid=...:ns=...:...".
    std::string info() const;
};

class JobTable {
public:
    JobTable() = default;
    JobTable(const JobTable&) = delete;
    JobTable& operator=(const JobTable&) = delete;
    // Aborts the jobs still running in the background and waits for them.
    ~JobTable();
    // The same without destroying the table: before the storage the jobs walk goes away.
    void stop_all();
    // Runs a background job's work on a thread of its own.
    void start(const std::shared_ptr<Job>& job, std::function<void()> work);
    // Registers a job; a trid of 0 gets the next number of the node's own counter, as
    // query_job_trid() does. False when a listed job (running or finished) already has this
    // trid: the server's find_any() refuses it with AS_ERR_PARAMETER.
    bool add(const std::shared_ptr<Job>& job);
    // The job with this trid, or null.
    std::shared_ptr<Job> find(uint64_t trid) const;
    // Asks the running job with this trid to stop; false when there is none.
    bool abort(uint64_t trid);
    // Asks every running job to stop; returns how many.
    uint32_t abort_all();
    // Every listed job: the running ones newest first, then the finished ones newest first.
    std::vector<std::shared_ptr<Job>> all() const;

private:
    // Drops finished jobs beyond the server's default query-max-done (100).
    void trim();

    mutable std::mutex mutex_;
    std::vector<std::shared_ptr<Job>> jobs_;
    std::vector<std::pair<std::shared_ptr<Job>, std::thread>> threads_;
    uint32_t next_trid_ = 0;
};

}  // namespace aero::server::query
