#include "core/server/query/job.h"

#include <algorithm>
#include <cstdio>

namespace aero::server::query {

namespace {

// The server's query-max-done default: finished jobs kept for query-show.
constexpr size_t kMaxDone = 100;

const char* result_str(int abandoned) {
    switch (abandoned) {
    case kAbandonNone: return "ok";
    case kAbandonUnknown: return "abandoned-unknown";
    case kAbandonUserAborted: return "user-aborted";
    case kAbandonResponseError: return "abandoned-response-error";
    case kAbandonResponseTimeout: return "abandoned-response-timeout";
    default: return "abandoned-?";
    }
}

uint64_t ms_between(std::chrono::steady_clock::time_point a, std::chrono::steady_clock::time_point b) {
    return uint64_t(std::chrono::duration_cast<std::chrono::milliseconds>(b - a).count());
}

}  // namespace

void Job::complete() {
    finish = std::chrono::steady_clock::now();
    done.store(true);
}

std::string Job::info() const {
    auto now = std::chrono::steady_clock::now();
    bool is_done = done.load();
    // progress_pct(): the partition being worked on, counted from 1, over 4096.
    uint32_t p = std::min<uint32_t>(pid.load() + 1, 4096);
    char progress[16];
    std::snprintf(progress, sizeof progress, "%.2f", double(p * 100) / 4096.0);
    std::string s = "trid=" + std::to_string(trid) + ":ns=" + ns;
    if (!set.empty()) s += ":set=" + set;
    if (!index_name.empty()) s += ":sindex-name=" + index_name;
    if (n_pids_requested != 0)
        s += ":n-pids-requested=" + std::to_string(n_pids_requested) + ":n-keyds-requested=" + std::to_string(n_keyds_requested);
    s += ":rps=" + std::to_string(rps) + ":active-threads=" + std::to_string(is_done ? 0 : 1);
    s += ":status=" + std::string(is_done ? "done" : "active") + "(" + result_str(abandoned.load()) + ")";
    s += ":job-progress=" + std::string(progress);
    s += ":run-time=" + std::to_string(ms_between(start, is_done ? finish : now));
    s += ":time-since-done=" + std::to_string(is_done ? ms_between(finish, now) : 0);
    s += ":recs-throttled=" + std::to_string(throttled.load()) + ":recs-filtered-meta=" + std::to_string(filtered_meta.load()) +
         ":recs-filtered-bins=" + std::to_string(filtered_bins.load()) + ":recs-succeeded=" + std::to_string(succeeded.load()) +
         ":recs-failed=" + std::to_string(failed.load());
    // The client's address; jobs here are served over loopback connections.
    s += ":from=127.0.0.1+0:job-type=" + type;
    if (type == "basic" || type == "aggregation")
        s += ":net-io-bytes=" + std::to_string(net_io_bytes.load()) + ":net-io-time=0:socket-timeout=" +
             std::to_string(socket_timeout_ms);
    // A background job sent one bare message (its LAST) and keeps the default socket timeout;
    // its writes run one at a time.
    else
        s += ":net-io-bytes=30:socket-timeout=10000";
    if (!udf_module.empty()) s += ":udf-filename=" + udf_module + ":udf-function=" + udf_function + ":udf-active=0";
    else if (type == "background-ops") s += ":ops-active=0";
    return s;
}

JobTable::~JobTable() { stop_all(); }

void JobTable::stop_all() {
    abort_all();
    std::vector<std::pair<std::shared_ptr<Job>, std::thread>> threads;
    {
        std::lock_guard lk(mutex_);
        threads.swap(threads_);
    }
    for (auto& [job, t] : threads) t.join();
}

void JobTable::start(const std::shared_ptr<Job>& job, std::function<void()> work) {
    std::lock_guard lk(mutex_);
    // The threads of finished jobs are joined as new ones start, so they do not pile up.
    for (auto it = threads_.begin(); it != threads_.end();) {
        if (!it->first->done.load()) {
            ++it;
            continue;
        }
        it->second.join();
        it = threads_.erase(it);
    }
    threads_.emplace_back(job, std::thread(std::move(work)));
}

bool JobTable::add(const std::shared_ptr<Job>& job) {
    std::lock_guard lk(mutex_);
    if (job->trid == 0) job->trid = ++next_trid_;
    for (const auto& j : jobs_)
        if (j->trid == job->trid) return false;
    jobs_.push_back(job);
    trim();
    return true;
}

std::shared_ptr<Job> JobTable::find(uint64_t trid) const {
    std::lock_guard lk(mutex_);
    for (const auto& j : jobs_)
        if (j->trid == trid) return j;
    return nullptr;
}

bool JobTable::abort(uint64_t trid) {
    std::shared_ptr<Job> j = find(trid);
    if (!j || j->done.load()) return false;
    j->abandoned.store(kAbandonUserAborted);
    return true;
}

uint32_t JobTable::abort_all() {
    std::lock_guard lk(mutex_);
    uint32_t n = 0;
    for (const auto& j : jobs_) {
        if (j->done.load()) continue;
        j->abandoned.store(kAbandonUserAborted);
        n++;
    }
    return n;
}

std::vector<std::shared_ptr<Job>> JobTable::all() const {
    std::lock_guard lk(mutex_);
    std::vector<std::shared_ptr<Job>> out;
    for (int pass = 0; pass < 2; pass++)
        for (auto it = jobs_.rbegin(); it != jobs_.rend(); ++it)
            if ((*it)->done.load() == (pass == 1)) out.push_back(*it);
    return out;
}

void JobTable::trim() {
    size_t n_done = size_t(std::count_if(jobs_.begin(), jobs_.end(), [](const auto& j) { return j->done.load(); }));
    for (auto it = jobs_.begin(); n_done > kMaxDone && it != jobs_.end();) {
        if ((*it)->done.load()) {
            it = jobs_.erase(it);
            n_done--;
        } else {
            ++it;
        }
    }
}

}  // namespace aero::server::query
