// aero-server's TLS listener side: the server certificate, its key and the client check. Each
// client's handshake runs on the event loop over memory buffers (net::TlsSession::accept).
#pragma once

#include <memory>
#include <string>

#include "core/status.h"

using SSL_CTX = struct ssl_ctx_st;

namespace aero::server {

class ServerTls {
public:
    // Loads the certificate chain and key, and with a client_cafile requires every client to
    // show a certificate that CA signed (mutual TLS); the message says which file OpenSSL refused.
    static Result<std::shared_ptr<const ServerTls>> create(const std::string& certfile, const std::string& keyfile,
                                                           const std::string& client_cafile);
    ~ServerTls();
    ServerTls(const ServerTls&) = delete;
    ServerTls& operator=(const ServerTls&) = delete;

    SSL_CTX* ctx() const { return ctx_; }

private:
    explicit ServerTls(SSL_CTX* ctx) : ctx_(ctx) {}
    SSL_CTX* ctx_;
};

}  // namespace aero::server
