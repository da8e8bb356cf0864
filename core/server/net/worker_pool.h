// The threads that run aero-server's requests. The event loop does all socket I/O; a request
// that arrived whole runs here. The pool is bounded, so a burst of clients costs queue
// entries, not threads, and long jobs (batches, later scans and UDFs) may hold at most half
// of the workers: short commands always find one.
#pragma once

#include <condition_variable>
#include <deque>
#include <functional>
#include <mutex>
#include <thread>
#include <vector>

namespace aero::server {

class WorkerPool {
public:
    using Job = std::function<void()>;

    // Starts `workers` threads (at least 2: one is always kept for short jobs).
    explicit WorkerPool(unsigned workers);
    ~WorkerPool();
    WorkerPool(const WorkerPool&) = delete;
    WorkerPool& operator=(const WorkerPool&) = delete;

    // Queues a job. Any thread.
    void submit(Job job, bool long_job);
    unsigned size() const { return unsigned(threads_.size()); }

private:
    void run();
    // The next job this worker may take, or false when there is none it may run now.
    bool take(Job& job, bool& long_job);

    std::mutex mu_;
    std::condition_variable ready_;
    std::deque<Job> short_;
    std::deque<Job> long_;
    unsigned long_running_ = 0;
    unsigned max_long_;
    bool stopping_ = false;
    std::vector<std::thread> threads_;
};

// The default worker count: two per core, as I/O waits (a client slow to read a batch) hold
// workers without using the CPU.
unsigned default_workers();

}  // namespace aero::server
