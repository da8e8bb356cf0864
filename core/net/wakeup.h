// A file descriptor that becomes readable when signalled: what a host event loop (asyncio's
// add_reader, poll, epoll) watches to learn that completions are ready. Any thread.
#pragma once

#include "core/status.h"

namespace aero::net {

class Wakeup {
public:
    Wakeup() = default;
    ~Wakeup();
    Wakeup(const Wakeup&) = delete;
    Wakeup& operator=(const Wakeup&) = delete;

    Status open();
    int fd() const { return read_fd_; }
    // Makes the fd readable (idempotent until cleared).
    void signal();
    // Makes the fd unreadable again.
    void clear();

private:
    int read_fd_ = -1;
    int write_fd_ = -1;  // the same as read_fd_ where one eventfd serves both ends
};

}  // namespace aero::net
