// A blocking TCP connection to one node, optionally TLS, with deadline-bounded reads and writes.
// Used from the caller's thread (sync commands) and the tend thread; one thread at a time.
#pragma once

#include <sys/socket.h>

#include <chrono>
#include <cstdint>
#include <memory>
#include <string>
#include <vector>

#include "core/net/tls.h"
#include "core/status.h"

using SSL = struct ssl_st;

namespace aero::net {

using Clock = std::chrono::steady_clock;

// Whether nothing waits to be read on the socket and its peer has not closed it.
bool socket_quiet(int fd);

class Connection {
public:
    ~Connection();
    Connection(const Connection&) = delete;
    Connection& operator=(const Connection&) = delete;

    // Connects to one resolved address within the deadline, and does the TLS handshake
    // (verifying the server against tls.name) when tls.ctx is set.
    static Result<Connection*> open(const sockaddr_storage& addr, socklen_t len, Clock::time_point deadline,
                                    const TlsTarget& tls);

    Status write_all(const uint8_t* p, size_t n, Clock::time_point deadline);
    Status read_exact(uint8_t* p, size_t n, Clock::time_point deadline);
    // Reads one whole proto message: its type, and its body into `body` (reused storage).
    Status read_message(uint8_t& type, std::vector<uint8_t>& body, Clock::time_point deadline);

    // Draining a reply that read_message() timed out on (the timeout_delay policy; drainer.h).
    // A multi-record reply (a batch or query stream) ends with a flagged message, found in its
    // bodies: keep_partial_body() keeps what `body` holds of the cut-off one, before the caller
    // reuses it. drain() then reads, without blocking, what has arrived of the rest; `done`
    // once the reply is whole (its one message, or for a `stream` the one that ends it).
    void keep_partial_body(const std::vector<uint8_t>& body);
    Status drain(bool stream, bool& done);
    int fd() const { return fd_; }

    // Whether the idle socket is as it should be: nothing waits to be read and the server has
    // not closed it. A late or duplicated reply, or a close while idle, would otherwise answer
    // (or fail, in doubt) the next command that takes it.
    bool quiet() const;

    // Shuts the socket down so that a read or write blocked on it in another thread fails
    // at once; the connection can then only be discarded.
    void interrupt();

    Clock::time_point last_used() const { return last_used_; }
    void touch() { last_used_ = Clock::now(); }
    // NodeAuth::epoch() when the connection logged in or authenticated (auth.h).
    uint64_t auth_epoch = 0;

private:
    explicit Connection(int fd) : fd_(fd), last_used_(Clock::now()) {}
    // Waits until the socket is ready for `events` or the deadline passes.
    Status wait(short events, Clock::time_point deadline);
    Status handshake(const TlsTarget& tls, Clock::time_point deadline);
    // After an SSL call returned rc <= 0: waits for what OpenSSL needs, or says why it failed.
    Status ssl_wait(int rc, const char* what, Clock::time_point deadline);
    // Reads what has arrived, up to n bytes, without waiting (`got` 0 when nothing has).
    Status read_available(uint8_t* p, size_t n, size_t& got);
    // Moves up to n bytes of the read-ahead buffer to p; how many.
    size_t take_ahead(uint8_t* p, size_t n);
    // Refills the (empty) read-ahead buffer with one recv; its result.
    ssize_t fill_ahead(int flags);
    // Reads without blocking for a while (spin.h); true when the reply's first bytes came
    // into the read-ahead buffer meanwhile.
    bool spin_for_reply(Clock::time_point deadline);

    static constexpr uint64_t kSizeUnknown = ~uint64_t(0);

    int fd_;
    SSL* ssl_ = nullptr;
    Clock::time_point last_used_;
    // The message being read: where it began in the bytes received so far, its header, and
    // the body size the header announced; what a drain goes on from.
    uint64_t received_ = 0;
    uint64_t message_start_ = 0;
    uint8_t in_header_[8] = {};
    uint64_t in_size_ = kSizeUnknown;
    std::vector<uint8_t> drain_body_;  // a stream's cut-off body, while draining
    // Plain TCP reads small amounts through a buffer: one recv then takes a whole small reply,
    // header and body, where reading each exactly would take two (and a failed one).
    static constexpr size_t kReadAhead = 8 * 1024;
    std::unique_ptr<uint8_t[]> ahead_;
    size_t ahead_pos_ = 0;
    size_t ahead_end_ = 0;
};

// Resolves host:port into the addresses to try, in resolver order.
Status resolve(const std::string& host, uint16_t port, std::vector<std::pair<sockaddr_storage, socklen_t>>& out);

}  // namespace aero::net
