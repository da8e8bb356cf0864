// Records-per-second pacing of a job (query_job.c throttle_sleep): after each record the job
// sleeps as long as it is ahead of the rate, at least 1 ms and at most 10 ms at a time.
#pragma once

#include <chrono>
#include <cstdint>

namespace aero::server::query {

class Throttle {
public:
    // rps 0: no pacing.
    explicit Throttle(uint32_t rps) : rps_(rps), base_(std::chrono::steady_clock::now()) {}

    // Counts one record; returns how long to sleep now, in microseconds (0: none).
    uint32_t sleep_us() {
        if (rps_ == 0) return 0;
        count_++;
        int64_t target_us = int64_t(count_ * 1000000 / rps_);
        int64_t elapsed_us =
            std::chrono::duration_cast<std::chrono::microseconds>(std::chrono::steady_clock::now() - base_).count();
        int64_t sleep = target_us - elapsed_us;
        if (sleep <= kSleepMinUs) return 0;
        return uint32_t(sleep > kSleepCapUs ? kSleepCapUs : sleep);
    }

private:
    static constexpr int64_t kSleepMinUs = 1000;
    static constexpr int64_t kSleepCapUs = 10000;
    uint32_t rps_;
    uint64_t count_ = 0;
    std::chrono::steady_clock::time_point base_;
};

}  // namespace aero::server::query
