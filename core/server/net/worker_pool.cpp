#include "core/server/net/worker_pool.h"

#include <algorithm>

namespace aero::server {

unsigned default_workers() { return std::clamp(2 * std::thread::hardware_concurrency(), 2u, 64u); }

WorkerPool::WorkerPool(unsigned workers) : max_long_(std::max(2u, workers) / 2) {
    workers = std::max(2u, workers);
    for (unsigned i = 0; i < workers; i++) threads_.emplace_back([this] { run(); });
}

WorkerPool::~WorkerPool() {
    {
        std::lock_guard lk(mu_);
        stopping_ = true;
    }
    ready_.notify_all();
    for (auto& t : threads_) t.join();
}

void WorkerPool::submit(Job job, bool long_job) {
    {
        std::lock_guard lk(mu_);
        (long_job ? long_ : short_).push_back(std::move(job));
    }
    ready_.notify_one();
}

bool WorkerPool::take(Job& job, bool& long_job) {
    if (!short_.empty()) {
        job = std::move(short_.front());
        short_.pop_front();
        long_job = false;
        return true;
    }
    if (!long_.empty() && long_running_ < max_long_) {
        job = std::move(long_.front());
        long_.pop_front();
        long_job = true;
        long_running_++;
        return true;
    }
    return false;
}

void WorkerPool::run() {
    std::unique_lock lk(mu_);
    for (;;) {
        Job job;
        bool long_job = false;
        // Jobs queued before the stop still run: each holds a connection that waits for it.
        ready_.wait(lk, [&] { return take(job, long_job) || (stopping_ && short_.empty() && long_.empty()); });
        if (!job) return;
        lk.unlock();
        job();
        job = nullptr;
        lk.lock();
        if (long_job) {
            long_running_--;
            // A long job that was held back may run now.
            if (!long_.empty()) ready_.notify_one();
        }
    }
}

}  // namespace aero::server
