// The listening TCP socket.
#pragma once

#include <atomic>
#include <cstdint>
#include <string>

#include "core/status.h"

namespace aero::server {

class Listener {
public:
    Listener() = default;
    Listener(const Listener&) = delete;
    Listener& operator=(const Listener&) = delete;
    ~Listener();

    // Binds addr:port (IPv4 or IPv6 literal; port 0 picks a free one) and listens.
    Status open(const std::string& addr, uint16_t port);
    // The port actually bound.
    uint16_t port() const { return port_; }
    // Blocks for the next client; -1 once close() was called.
    int accept();
    // Makes a blocked accept() return -1; safe from another thread. The socket itself is
    // closed by the destructor, so its number cannot be reused under a running accept().
    void close();

private:
    int fd_ = -1;
    std::atomic<bool> closed_{false};
    uint16_t port_ = 0;
};

}  // namespace aero::server
