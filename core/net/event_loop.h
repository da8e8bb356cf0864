// A libuv loop on a thread of its own, where async commands do all their I/O. Other threads
// hand it work with post(). The loop takes posted tasks each time it is about to wait for I/O,
// so only a post that finds it waiting (or about to) pays for a uv_async wake-up, and one
// wake-up covers every task posted meanwhile.
// `before_poll`, when given, runs on the loop thread each time the loop is about to wait for
// I/O, after every callback of the iteration and the posted tasks: the place to publish what
// they produced.
#pragma once

#include <uv.h>

#include <atomic>
#include <functional>
#include <mutex>
#include <thread>
#include <vector>

#include "core/status.h"

namespace aero::net {

class EventLoop {
public:
    EventLoop() = default;
    ~EventLoop();
    EventLoop(const EventLoop&) = delete;
    EventLoop& operator=(const EventLoop&) = delete;

    // `name` (a string literal: it must outlive the thread) names the thread, as top and perf
    // show it; Linux keeps 15 characters.
    Status start(const char* name, std::function<void()> before_poll = {});
    // Runs `last` on the loop thread, closes every handle still open, and joins the thread.
    // Any thread but the loop's own.
    void stop(std::function<void()> last);
    // Runs `task` on the loop thread soon. Any thread. False once the loop is stopping.
    bool post(std::function<void()> task);
    uv_loop_t* uv() { return &loop_; }
    // Tells the loop its poll has returned: I/O callbacks, which run before libuv's check
    // phase, call it first so that what they post meanwhile skips the wake-up. Loop thread.
    void woke() { polling_.store(false, std::memory_order_relaxed); }

private:
    static void on_async(uv_async_t* handle);
    static void on_prepare(uv_prepare_t* handle);
    static void on_check(uv_check_t* handle);
    void run_tasks();

    uv_loop_t loop_{};
    uv_async_t async_{};
    uv_prepare_t prepare_{};
    uv_check_t check_{};
    // From the last look at tasks_ before a poll until the poll returns: a task posted then
    // needs the wake-up. Set before that look, so a post either is seen by it or sees this.
    std::atomic<bool> polling_{false};
    std::function<void()> before_poll_;
    std::mutex mu_;
    std::vector<std::function<void()>> tasks_;
    std::vector<std::function<void()>> running_;  // swapped with tasks_ to run outside the lock
    bool started_ = false;
    bool stopping_ = false;
    std::thread thread_;
};

}  // namespace aero::net
