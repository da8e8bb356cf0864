#include "core/server/listener.h"

#include <arpa/inet.h>
#include <netinet/in.h>
#include <netinet/tcp.h>
#include <sys/socket.h>
#include <unistd.h>

#include <cerrno>
#include <cstring>

namespace aero::server {

Listener::~Listener() {
    close();
    if (fd_ >= 0) ::close(fd_);
}

Status Listener::open(const std::string& addr, uint16_t port) {
    sockaddr_storage ss{};
    socklen_t len;
    auto* v4 = reinterpret_cast<sockaddr_in*>(&ss);
    auto* v6 = reinterpret_cast<sockaddr_in6*>(&ss);
    if (inet_pton(AF_INET, addr.c_str(), &v4->sin_addr) == 1) {
        v4->sin_family = AF_INET;
        v4->sin_port = htons(port);
        len = sizeof *v4;
    } else if (inet_pton(AF_INET6, addr.c_str(), &v6->sin6_addr) == 1) {
        v6->sin6_family = AF_INET6;
        v6->sin6_port = htons(port);
        len = sizeof *v6;
    } else {
        return Status(kErrParam, "bad bind address " + addr);
    }
    int fd = ::socket(ss.ss_family, SOCK_STREAM | SOCK_CLOEXEC, 0);
    if (fd < 0) return Status(kErrClient, std::string("socket: ") + strerror(errno));
    int one = 1;
    setsockopt(fd, SOL_SOCKET, SO_REUSEADDR, &one, sizeof one);
    if (::bind(fd, reinterpret_cast<sockaddr*>(&ss), len) != 0 || ::listen(fd, 1024) != 0 ||
        getsockname(fd, reinterpret_cast<sockaddr*>(&ss), &len) != 0) {
        Status s(kErrClient, "cannot listen on " + addr + ":" + std::to_string(port) + ": " + strerror(errno));
        ::close(fd);
        return s;
    }
    port_ = ntohs(ss.ss_family == AF_INET ? v4->sin_port : v6->sin6_port);
    fd_ = fd;
    return Status::ok();
}

int Listener::accept() {
    for (;;) {
        if (closed_ || fd_ < 0) return -1;
        int fd = ::accept4(fd_, nullptr, nullptr, SOCK_CLOEXEC);
        if (fd >= 0) {
            int one = 1;  // replies are single writes; don't let Nagle hold them back
            setsockopt(fd, IPPROTO_TCP, TCP_NODELAY, &one, sizeof one);
            return fd;
        }
        // Transient failures (a client that gave up, fd exhaustion) must not stop the server.
        if (closed_ || errno == EBADF || errno == EINVAL) return -1;
        if (errno == EMFILE || errno == ENFILE) usleep(10000);
    }
}

void Listener::close() {
    if (closed_.exchange(true) || fd_ < 0) return;
    ::shutdown(fd_, SHUT_RDWR);  // wakes a thread blocked in accept()
}

}  // namespace aero::server
