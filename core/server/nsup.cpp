#include "core/server/nsup.h"

#include <chrono>

#include "core/server/clock.h"

namespace aero::server {

void Nsup::start(uint32_t period_s) {
    if (period_s == 0 || thread_.joinable()) return;
    thread_ = std::thread([this, period_s] {
        std::unique_lock lk(mutex_);
        while (!wake_.wait_for(lk, std::chrono::seconds(period_s), [this] { return stopping_; })) {
            lk.unlock();
            sweep();
            lk.lock();
        }
    });
}

void Nsup::stop() {
    {
        std::lock_guard lk(mutex_);
        stopping_ = true;
    }
    wake_.notify_all();
    if (thread_.joinable()) thread_.join();
}

uint64_t Nsup::sweep() {
    uint32_t now = now_void_time_base();
    uint64_t n = 0;
    for (const auto& ns : storage_.namespaces()) n += ns->remove_expired(now);
    return n;
}

}  // namespace aero::server
