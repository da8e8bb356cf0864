#include "core/net/tls_session.h"

#include <openssl/err.h>
#include <openssl/ssl.h>

#include <climits>

namespace aero::net {

Result<std::unique_ptr<TlsSession>> TlsSession::over_memory(SSL_CTX* ctx, std::string name) {
    SSL* ssl = SSL_new(ctx);
    if (ssl == nullptr) return Status(kErrTls, tls_errors("cannot start a TLS session"));
    std::unique_ptr<TlsSession> session(new TlsSession(ssl, std::move(name)));
    BIO* in = BIO_new(BIO_s_mem());
    BIO* out = BIO_new(BIO_s_mem());
    if (in == nullptr || out == nullptr) {
        BIO_free(in);
        BIO_free(out);
        return Status(kErrTls, tls_errors("cannot start a TLS session"));
    }
    // An empty input BIO means "wait for more", not end of stream.
    BIO_set_mem_eof_return(in, -1);
    SSL_set_bio(ssl, in, out);
    return session;
}

Result<std::unique_ptr<TlsSession>> TlsSession::start(const TlsTarget& target) {
    auto session = over_memory(target.ctx->get(), target.name);
    if (!session.is_ok()) return session;
    Status s = expect_name(session.value()->ssl_, target.name);
    if (!s.is_ok()) return s;
    SSL_set_connect_state(session.value()->ssl_);
    return session;
}

Result<std::unique_ptr<TlsSession>> TlsSession::accept(SSL_CTX* server_ctx) {
    auto session = over_memory(server_ctx, {});
    if (session.is_ok()) SSL_set_accept_state(session.value()->ssl_);
    return session;
}

TlsSession::~TlsSession() { SSL_free(ssl_); }

Status TlsSession::failure(int rc, const char* what) {
    switch (SSL_get_error(ssl_, rc)) {
    case SSL_ERROR_WANT_READ: return Status::ok();
    case SSL_ERROR_ZERO_RETURN: return Status(kErrConnection, "connection closed by the server");
    default: {
        Status rejected = verify_failure(ssl_, name_);
        return rejected.is_ok() ? Status(kErrTls, std::string(what) + ": " + tls_errors("failed")) : rejected;
    }
    }
}

Status TlsSession::handshake(bool& done) {
    int rc = SSL_do_handshake(ssl_);
    done = rc == 1;
    return done ? Status::ok() : failure(rc, "TLS handshake");
}

void TlsSession::feed(const uint8_t* data, size_t n) {
    // A memory BIO grows as needed; it only fails when memory runs out.
    BIO_write(SSL_get_rbio(ssl_), data, int(n));
}

Status TlsSession::read(uint8_t* out, size_t cap, size_t& n) {
    n = 0;
    int rc = SSL_read(ssl_, out, int(std::min<size_t>(cap, INT_MAX)));
    if (rc > 0) {
        n = size_t(rc);
        return Status::ok();
    }
    return failure(rc, "TLS read");
}

Status TlsSession::write(const uint8_t* data, size_t n) {
    // With a memory BIO for output, SSL_write never waits: it writes everything or fails.
    while (n > 0) {
        int rc = SSL_write(ssl_, data, int(std::min<size_t>(n, INT_MAX)));
        if (rc <= 0) return Status(kErrTls, "TLS write: " + tls_errors("failed"));
        data += rc;
        n -= size_t(rc);
    }
    return Status::ok();
}

bool TlsSession::has_unread() const { return SSL_pending(ssl_) > 0 || BIO_ctrl_pending(SSL_get_rbio(ssl_)) > 0; }

bool TlsSession::has_output() const { return BIO_ctrl_pending(SSL_get_wbio(ssl_)) > 0; }

void TlsSession::take_output(std::vector<uint8_t>& out) {
    BIO* bio = SSL_get_wbio(ssl_);
    out.resize(BIO_ctrl_pending(bio));
    if (!out.empty()) out.resize(size_t(std::max(0, BIO_read(bio, out.data(), int(out.size())))));
}

}  // namespace aero::net
