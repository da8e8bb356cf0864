// Namespace supervisor: a background thread that removes expired records every period.
#pragma once

#include <condition_variable>
#include <cstdint>
#include <mutex>
#include <thread>

#include "core/server/storage.h"

namespace aero::server {

class Nsup {
public:
    explicit Nsup(Storage& storage) : storage_(storage) {}
    Nsup(const Nsup&) = delete;
    Nsup& operator=(const Nsup&) = delete;
    ~Nsup() { stop(); }

    // Starts sweeping every period_s seconds; a period of 0 starts nothing, as in the server.
    void start(uint32_t period_s);
    // Stops the thread and waits for it.
    void stop();
    // One sweep of every namespace now; returns the records removed.
    uint64_t sweep();

private:
    Storage& storage_;
    std::mutex mutex_;
    std::condition_variable wake_;
    bool stopping_ = false;
    std::thread thread_;
};

}  // namespace aero::server
