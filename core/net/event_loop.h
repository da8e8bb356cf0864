// A libuv loop on a thread of its own, where async commands do all their I/O. Other threads
// hand it work with post(); one uv_async wake-up covers every task posted meanwhile.
// `before_poll`, when given, runs on the loop thread each time the loop is about to wait for
// I/O, after every callback of the iteration: the place to publish what they produced.
#pragma once

#include <uv.h>

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

private:
    static void on_async(uv_async_t* handle);
    static void on_prepare(uv_prepare_t* handle);
    void run_tasks();

    uv_loop_t loop_{};
    uv_async_t async_{};
    uv_prepare_t prepare_{};
    std::function<void()> before_poll_;
    std::mutex mu_;
    std::vector<std::function<void()>> tasks_;
    std::vector<std::function<void()>> running_;  // swapped with tasks_ to run outside the lock
    bool started_ = false;
    bool stopping_ = false;
    std::thread thread_;
};

}  // namespace aero::net
