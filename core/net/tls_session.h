// TLS over memory buffers, for connections whose socket belongs to an event loop: the loop
// feeds the cipher bytes it reads and sends the cipher bytes the session produces.
#pragma once

#include <cstddef>
#include <cstdint>
#include <memory>
#include <vector>

#include "core/net/tls.h"

using SSL = struct ssl_st;

namespace aero::net {

class TlsSession {
public:
    // A client session verifying the server against target.name; the handshake is pending.
    static Result<std::unique_ptr<TlsSession>> start(const TlsTarget& target);
    // A server session over `server_ctx` (certificate, key, client verification); the
    // handshake is pending. aero-server's event loop serves TLS clients with it.
    static Result<std::unique_ptr<TlsSession>> accept(SSL_CTX* server_ctx);
    ~TlsSession();
    TlsSession(const TlsSession&) = delete;
    TlsSession& operator=(const TlsSession&) = delete;

    // Advances the handshake with the cipher bytes fed so far; `done` once it completed.
    Status handshake(bool& done);
    // Cipher bytes received from the socket.
    void feed(const uint8_t* data, size_t n);
    // Up to `cap` plain bytes into `out`; n = 0 when more cipher bytes are needed.
    Status read(uint8_t* out, size_t cap, size_t& n);
    // Encrypts `n` plain bytes; the cipher bytes wait in take_output().
    Status write(const uint8_t* data, size_t n);
    // Moves the cipher bytes waiting to be sent into `out` (replacing its contents).
    void take_output(std::vector<uint8_t>& out);
    bool has_output() const;
    // Whether bytes fed or decrypted wait to be read.
    bool has_unread() const;

private:
    TlsSession(SSL* ssl, std::string name) : ssl_(ssl), name_(std::move(name)) {}
    // A session over memory buffers on `ctx`; the caller sets its side and checks.
    static Result<std::unique_ptr<TlsSession>> over_memory(SSL_CTX* ctx, std::string name);
    // Why an SSL call that returned rc <= 0 failed; OK for "needs more input".
    Status failure(int rc, const char* what);

    SSL* ssl_;
    std::string name_;
};

}  // namespace aero::net
