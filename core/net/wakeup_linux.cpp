// Linux: one non-blocking, close-on-exec eventfd is both ends of the wake-up.
#include <sys/eventfd.h>
#include <unistd.h>

#include <cerrno>
#include <cstdint>
#include <cstring>

#include "core/net/wakeup.h"

namespace aero::net {

Wakeup::~Wakeup() {
    if (read_fd_ >= 0) ::close(read_fd_);
}

Status Wakeup::open() {
    read_fd_ = write_fd_ = ::eventfd(0, EFD_NONBLOCK | EFD_CLOEXEC);
    if (read_fd_ < 0) return Status(kErrClient, std::string("eventfd: ") + std::strerror(errno));
    return Status::ok();
}

void Wakeup::signal() {
    uint64_t one = 1;
    // EAGAIN means the counter is saturated, which still reads as "signalled".
    while (::write(write_fd_, &one, sizeof one) < 0 && errno == EINTR) {}
}

void Wakeup::clear() {
    uint64_t n;
    while (::read(read_fd_, &n, sizeof n) < 0 && errno == EINTR) {}
}

}  // namespace aero::net
