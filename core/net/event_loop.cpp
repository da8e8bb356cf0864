#include "core/net/event_loop.h"

#include <pthread.h>

namespace aero::net {

EventLoop::~EventLoop() {
    if (started_) stop(nullptr);
}

Status EventLoop::start(const char* name, std::function<void()> before_poll) {
    int rc = uv_loop_init(&loop_);
    if (rc != 0) return Status(kErrClient, std::string("uv_loop_init: ") + uv_strerror(rc));
    rc = uv_async_init(&loop_, &async_, on_async);
    if (rc != 0) {
        uv_loop_close(&loop_);
        return Status(kErrClient, std::string("uv_async_init: ") + uv_strerror(rc));
    }
    async_.data = this;
    if (before_poll) {
        before_poll_ = std::move(before_poll);
        uv_prepare_init(&loop_, &prepare_);
        prepare_.data = this;
        uv_prepare_start(&prepare_, on_prepare);
        // The hook alone does not keep the loop running.
        uv_unref(reinterpret_cast<uv_handle_t*>(&prepare_));
    }
    started_ = true;
    thread_ = std::thread([this, name] {
        pthread_setname_np(pthread_self(), name);
        uv_run(&loop_, UV_RUN_DEFAULT);
    });
    return Status::ok();
}

bool EventLoop::post(std::function<void()> task) {
    {
        std::lock_guard lock(mu_);
        if (stopping_) return false;
        tasks_.push_back(std::move(task));
    }
    uv_async_send(&async_);
    return true;
}

void EventLoop::on_async(uv_async_t* handle) { static_cast<EventLoop*>(handle->data)->run_tasks(); }

void EventLoop::on_prepare(uv_prepare_t* handle) { static_cast<EventLoop*>(handle->data)->before_poll_(); }

void EventLoop::run_tasks() {
    {
        std::lock_guard lock(mu_);
        running_.swap(tasks_);
    }
    for (auto& t : running_) t();
    running_.clear();
}

void EventLoop::stop(std::function<void()> last) {
    if (!started_) return;
    {
        std::lock_guard lock(mu_);
        stopping_ = true;
        // Runs after every task posted before it, so no submitted work is lost.
        tasks_.push_back([this, last = std::move(last)] {
            if (last) last();
            uv_walk(&loop_, [](uv_handle_t* h, void*) {
                if (!uv_is_closing(h)) uv_close(h, nullptr);
            }, nullptr);
        });
    }
    uv_async_send(&async_);
    thread_.join();
    uv_loop_close(&loop_);
    started_ = false;
}

}  // namespace aero::net
