#include "core/net/connection.h"

#include <fcntl.h>
#include <netdb.h>
#include <netinet/in.h>
#include <netinet/tcp.h>
#include <openssl/err.h>
#include <openssl/ssl.h>
#include <poll.h>
#include <unistd.h>

#include <cerrno>
#include <climits>
#include <cstring>
#include <vector>

#include "core/net/spin.h"
#include "core/proto/message.h"

namespace aero::net {

namespace {

int ms_until(Clock::time_point deadline) {
    auto left = std::chrono::duration_cast<std::chrono::milliseconds>(deadline - Clock::now()).count();
    return left <= 0 ? 0 : int(std::min<int64_t>(left, INT32_MAX));
}

Status io_error(const char* what, int err) {
    std::string m(what);
    m += ": ";
    m += std::strerror(err);
    return Status(kErrConnection, std::move(m));
}

}  // namespace

Connection::~Connection() {
    SSL_free(ssl_);
    if (fd_ >= 0) ::close(fd_);
}

Result<Connection*> Connection::open(const sockaddr_storage& addr, socklen_t len, Clock::time_point deadline,
                                     const TlsTarget& tls) {
    int fd = ::socket(addr.ss_family, SOCK_STREAM | SOCK_NONBLOCK | SOCK_CLOEXEC, 0);
    if (fd < 0) return io_error("socket", errno);
    int one = 1;
    // Requests are written whole; Nagle would only hold back the last segment.
    setsockopt(fd, IPPROTO_TCP, TCP_NODELAY, &one, sizeof one);
    auto* c = new Connection(fd);
    if (::connect(fd, reinterpret_cast<const sockaddr*>(&addr), len) != 0) {
        if (errno != EINPROGRESS) {
            Status s = io_error("connect", errno);
            delete c;
            return s;
        }
        Status s = c->wait(POLLOUT, deadline);
        int soerr = 0;
        socklen_t sl = sizeof soerr;
        if (s.is_ok() && getsockopt(fd, SOL_SOCKET, SO_ERROR, &soerr, &sl) == 0 && soerr != 0)
            s = io_error("connect", soerr);
        if (!s.is_ok()) {
            delete c;
            return s;
        }
    }
    if (tls.ctx) {
        Status s = c->handshake(tls, deadline);
        if (!s.is_ok()) {
            delete c;
            return s;
        }
    }
    return c;
}

Status Connection::handshake(const TlsTarget& tls, Clock::time_point deadline) {
    ssl_ = SSL_new(tls.ctx->get());
    if (ssl_ == nullptr || SSL_set_fd(ssl_, fd_) != 1) return Status(kErrTls, tls_errors("cannot start a TLS session"));
    Status named = expect_name(ssl_, tls.name);
    if (!named.is_ok()) return named;
    for (int rc; (rc = SSL_connect(ssl_)) != 1;) {
        Status rejected = verify_failure(ssl_, tls.name);
        if (!rejected.is_ok()) return rejected;
        Status s = ssl_wait(rc, "TLS handshake", deadline);
        if (!s.is_ok()) return s;
    }
    return Status::ok();
}

Status Connection::ssl_wait(int rc, const char* what, Clock::time_point deadline) {
    switch (SSL_get_error(ssl_, rc)) {
    case SSL_ERROR_WANT_READ: return wait(POLLIN, deadline);
    case SSL_ERROR_WANT_WRITE: return wait(POLLOUT, deadline);
    case SSL_ERROR_ZERO_RETURN: return Status(kErrConnection, "connection closed by the server");
    case SSL_ERROR_SYSCALL:
        ERR_clear_error();
        return errno ? io_error(what, errno) : Status(kErrConnection, "connection closed by the server");
    default: return Status(kErrTls, std::string(what) + ": " + tls_errors("failed"));
    }
}

Status Connection::wait(short events, Clock::time_point deadline) {
    for (;;) {
        pollfd p{fd_, events, 0};
        int rc = ::poll(&p, 1, ms_until(deadline));
        if (rc > 0) {
            if ((p.revents & (POLLERR | POLLNVAL)) && !(p.revents & events)) return Status(kErrConnection, "socket error");
            return Status::ok();
        }
        if (rc == 0) return Status(kErrTimeout, "socket timeout");
        if (errno != EINTR) return io_error("poll", errno);
    }
}

Status Connection::write_all(const uint8_t* p, size_t n, Clock::time_point deadline) {
    while (ssl_ != nullptr && n > 0) {
        int w = SSL_write(ssl_, p, int(std::min<size_t>(n, INT_MAX)));
        Status s = w > 0 ? Status::ok() : ssl_wait(w, "TLS write", deadline);
        if (!s.is_ok()) return s;
        if (w > 0) p += w, n -= size_t(w);
    }
    while (n > 0) {
        ssize_t w = ::send(fd_, p, n, MSG_NOSIGNAL);
        if (w > 0) {
            p += w;
            n -= size_t(w);
            continue;
        }
        if (w < 0 && errno == EINTR) continue;
        if (w < 0 && (errno == EAGAIN || errno == EWOULDBLOCK)) {
            Status s = wait(POLLOUT, deadline);
            if (!s.is_ok()) return s;
            continue;
        }
        return io_error("send", errno);
    }
    return Status::ok();
}

Status Connection::read_exact(uint8_t* p, size_t n, Clock::time_point deadline) {
    while (ssl_ != nullptr && n > 0) {
        int r = SSL_read(ssl_, p, int(std::min<size_t>(n, INT_MAX)));
        Status s = r > 0 ? Status::ok() : ssl_wait(r, "TLS read", deadline);
        if (!s.is_ok()) return s;
        if (r > 0) p += r, n -= size_t(r), received_ += uint64_t(r);
    }
    size_t had = take_ahead(p, n);
    p += had, n -= had;
    while (n > 0) {
        // A small read fills the read-ahead buffer, a large one goes straight to p.
        bool ahead = n < kReadAhead;
        ssize_t r = ahead ? fill_ahead(0) : ::recv(fd_, p, n, 0);
        if (r > 0) {
            size_t got = size_t(r);
            if (ahead) got = take_ahead(p, n);
            else received_ += got;
            p += got;
            n -= got;
            continue;
        }
        if (r == 0) return Status(kErrConnection, "connection closed by the server");
        if (errno == EINTR) continue;
        if (errno == EAGAIN || errno == EWOULDBLOCK) {
            Status s = wait(POLLIN, deadline);
            if (!s.is_ok()) return s;
            continue;
        }
        return io_error("recv", errno);
    }
    return Status::ok();
}

ssize_t Connection::fill_ahead(int flags) {
    if (!ahead_) ahead_ = std::make_unique<uint8_t[]>(kReadAhead);
    ssize_t r = ::recv(fd_, ahead_.get(), kReadAhead, flags);
    if (r > 0) {
        ahead_pos_ = 0;
        ahead_end_ = size_t(r);
    }
    return r;
}

bool Connection::spin_for_reply(Clock::time_point deadline) {
    const ReplySpin::Mode mode = ReplySpin::enter();
    if (mode == ReplySpin::Mode::kBlock) return false;
    auto budget = mode == ReplySpin::Mode::kYield ? ReplySpin::kYieldBudget : ReplySpin::kBudget;
    auto end = std::min(deadline, Clock::now() + budget);
    bool hit = false;
    for (;;) {
        ReplySpin::relax(mode);  // first too: the request has only just gone out
        ssize_t r = fill_ahead(MSG_DONTWAIT);
        if (r > 0) {
            hit = true;
            break;
        }
        // A close or an error is for the blocking read to report.
        if (r == 0 || (errno != EAGAIN && errno != EWOULDBLOCK && errno != EINTR)) break;
        if (Clock::now() >= end) break;
    }
    ReplySpin::leave(hit);
    return hit;
}

size_t Connection::take_ahead(uint8_t* p, size_t n) {
    size_t k = std::min(n, ahead_end_ - ahead_pos_);
    if (k == 0) return 0;
    std::memcpy(p, ahead_.get() + ahead_pos_, k);
    ahead_pos_ += k;
    received_ += k;
    return k;
}

bool socket_quiet(int fd) {
    uint8_t byte;
    ssize_t n = ::recv(fd, &byte, 1, MSG_PEEK | MSG_DONTWAIT);
    return n < 0 && (errno == EAGAIN || errno == EWOULDBLOCK);
}

bool Connection::quiet() const {
    return ahead_pos_ == ahead_end_ && (ssl_ == nullptr || SSL_pending(ssl_) == 0) && socket_quiet(fd_);
}

void Connection::interrupt() { ::shutdown(fd_, SHUT_RDWR); }

Status Connection::read_message(uint8_t& type, std::vector<uint8_t>& body, Clock::time_point deadline) {
    message_start_ = received_;
    in_size_ = kSizeUnknown;
    // A reply is awaited: spin for it a little (spin.h), then wait for it rather than try a
    // read that would find nothing.
    if (ssl_ == nullptr && ahead_pos_ == ahead_end_) {
        ReplySpin::Waiting waiting;
        if (!spin_for_reply(deadline)) {
            Status ready = wait(POLLIN, deadline);
            if (!ready.is_ok()) return ready;
        }
    }
    Status s = read_exact(in_header_, sizeof in_header_, deadline);
    if (!s.is_ok()) return s;
    uint64_t size = 0;
    s = proto::parse_proto_header(in_header_, type, size);
    if (!s.is_ok()) return Status(kErrConnection, s.message());
    in_size_ = size;
    body.clear();  // the capacity stays for the next message
    while (body.size() < size) {
        size_t at = body.size();
        body.resize(proto::grown_size(at, size));
        s = read_exact(body.data() + at, body.size() - at, deadline);
        if (!s.is_ok()) return s;
    }
    return Status::ok();
}

void Connection::keep_partial_body(const std::vector<uint8_t>& body) {
    uint64_t got = received_ - message_start_;
    size_t n = got > sizeof in_header_ ? size_t(got - sizeof in_header_) : 0;
    drain_body_.assign(body.begin(), body.begin() + long(std::min(n, body.size())));
}

Status Connection::read_available(uint8_t* p, size_t n, size_t& got) {
    got = 0;
    if (ssl_ != nullptr) {
        int r = SSL_read(ssl_, p, int(std::min<size_t>(n, INT_MAX)));
        if (r > 0) {
            got = size_t(r);
            received_ += got;
            return Status::ok();
        }
        // A zero deadline: what OpenSSL wants not being there yet is no failure.
        Status s = ssl_wait(r, "TLS read", Clock::now());
        return s.code() == kErrTimeout ? Status::ok() : s;
    }
    got = take_ahead(p, n);
    if (got > 0) return Status::ok();
    for (;;) {
        ssize_t r = ::recv(fd_, p, n, MSG_DONTWAIT);
        if (r > 0) {
            got = size_t(r);
            received_ += got;
            return Status::ok();
        }
        if (r == 0) return Status(kErrConnection, "connection closed by the server");
        if (errno == EINTR) continue;
        if (errno == EAGAIN || errno == EWOULDBLOCK) return Status::ok();
        return io_error("recv", errno);
    }
}

Status Connection::drain(bool stream, bool& done) {
    done = false;
    uint8_t scratch[16 * 1024];
    for (;;) {
        uint64_t got = received_ - message_start_;
        if (got >= sizeof in_header_ && in_size_ == kSizeUnknown) {
            uint8_t type = 0;
            Status s = proto::parse_proto_header(in_header_, type, in_size_);
            if (!s.is_ok()) return Status(kErrConnection, s.message());
            if (type != proto::kProtoMessage) return Status(kErrConnection, "reply has proto type " + std::to_string(type));
        }
        if (got >= sizeof in_header_ && got - sizeof in_header_ == in_size_) {
            if (!stream || proto::ends_stream(drain_body_.data(), drain_body_.size())) {
                done = true;
                drain_body_ = {};
                return Status::ok();
            }
            message_start_ = received_;
            in_size_ = kSizeUnknown;
            drain_body_.clear();
            continue;
        }
        bool in_body = got >= sizeof in_header_;
        uint8_t* p = in_body ? scratch : in_header_ + got;
        size_t want = in_body ? size_t(std::min<uint64_t>(sizeof scratch, in_size_ - (got - sizeof in_header_)))
                              : size_t(sizeof in_header_ - got);
        size_t n = 0;
        Status s = read_available(p, want, n);
        if (!s.is_ok() || n == 0) return s;
        if (stream && in_body) drain_body_.insert(drain_body_.end(), p, p + n);
    }
}

Status resolve(const std::string& host, uint16_t port, std::vector<std::pair<sockaddr_storage, socklen_t>>& out) {
    addrinfo hints{};
    hints.ai_socktype = SOCK_STREAM;
    hints.ai_family = AF_UNSPEC;
    addrinfo* res = nullptr;
    std::string service = std::to_string(port);
    int rc = ::getaddrinfo(host.c_str(), service.c_str(), &hints, &res);
    if (rc != 0) return Status(kErrInvalidHost, "cannot resolve host '" + host + "': " + gai_strerror(rc));
    for (addrinfo* a = res; a != nullptr; a = a->ai_next) {
        sockaddr_storage ss{};
        std::memcpy(&ss, a->ai_addr, a->ai_addrlen);
        out.emplace_back(ss, socklen_t(a->ai_addrlen));
    }
    ::freeaddrinfo(res);
    return Status::ok();
}

}  // namespace aero::net
