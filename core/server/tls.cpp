#include "core/server/tls.h"

#include <openssl/err.h>
#include <openssl/ssl.h>

#include <climits>

namespace aero::server {

namespace {

class TlsStream : public Stream {
public:
    explicit TlsStream(SSL* ssl) : ssl_(ssl) {}
    ~TlsStream() override { SSL_free(ssl_); }

    bool read(uint8_t* p, size_t n) override { return all(SSL_read, p, n); }
    bool write(const uint8_t* p, size_t n) override { return all(SSL_write, p, n); }

private:
    // Repeats a blocking SSL_read / SSL_write until n bytes moved.
    template <typename Fn, typename Byte>
    bool all(Fn fn, Byte* p, size_t n) {
        while (n > 0) {
            int moved = fn(ssl_, p, int(std::min<size_t>(n, INT_MAX)));
            if (moved <= 0) return false;
            p += moved;
            n -= size_t(moved);
        }
        return true;
    }

    SSL* ssl_;
};

std::string first_error() {
    char buf[256];
    unsigned long e = ERR_get_error();
    ERR_clear_error();
    if (e == 0) return "unknown error";
    ERR_error_string_n(e, buf, sizeof buf);
    return buf;
}

}  // namespace

Result<std::shared_ptr<const ServerTls>> ServerTls::create(const std::string& certfile, const std::string& keyfile,
                                                           const std::string& client_cafile) {
    SSL_CTX* ctx = SSL_CTX_new(TLS_server_method());
    if (ctx == nullptr) return Status(kErrClient, "cannot create a TLS context: " + first_error());
    std::shared_ptr<const ServerTls> owner(new ServerTls(ctx));
    SSL_CTX_set_min_proto_version(ctx, TLS1_2_VERSION);
    if (SSL_CTX_use_certificate_chain_file(ctx, certfile.c_str()) != 1)
        return Status(kErrParam, "cannot load --tls-cert '" + certfile + "': " + first_error());
    if (SSL_CTX_use_PrivateKey_file(ctx, keyfile.c_str(), SSL_FILETYPE_PEM) != 1 || SSL_CTX_check_private_key(ctx) != 1)
        return Status(kErrParam, "cannot load --tls-key '" + keyfile + "': " + first_error());
    if (!client_cafile.empty()) {
        // As the real server's tls-authenticate-client: no certificate, or one the CA did not
        // sign, ends the handshake.
        if (SSL_CTX_load_verify_locations(ctx, client_cafile.c_str(), nullptr) != 1)
            return Status(kErrParam, "cannot load --tls-client-ca '" + client_cafile + "': " + first_error());
        SSL_CTX_set_verify(ctx, SSL_VERIFY_PEER | SSL_VERIFY_FAIL_IF_NO_PEER_CERT, nullptr);
    }
    return owner;
}

ServerTls::~ServerTls() { SSL_CTX_free(ctx_); }

std::unique_ptr<Stream> ServerTls::accept(int fd) const {
    SSL* ssl = SSL_new(ctx_);
    if (ssl == nullptr || SSL_set_fd(ssl, fd) != 1 || SSL_accept(ssl) != 1) {
        ERR_clear_error();
        SSL_free(ssl);
        return nullptr;
    }
    return std::make_unique<TlsStream>(ssl);
}

}  // namespace aero::server
