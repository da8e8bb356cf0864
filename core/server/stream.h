// A client connection's byte stream: the plain socket or TLS over it; the protocol inside is
// the same (fact sheet §15).
#pragma once

#include <cstddef>
#include <cstdint>

namespace aero::server {

class Stream {
public:
    virtual ~Stream() = default;
    // Both block until all n bytes moved; false when the peer is gone or the socket was shut down.
    virtual bool read(uint8_t* p, size_t n) = 0;
    virtual bool write(const uint8_t* p, size_t n) = 0;
};

// The plain socket (not owned).
class SocketStream : public Stream {
public:
    explicit SocketStream(int fd) : fd_(fd) {}
    bool read(uint8_t* p, size_t n) override;
    bool write(const uint8_t* p, size_t n) override;

private:
    int fd_;
};

}  // namespace aero::server
