// The client's TLS: one OpenSSL context per client (CA, optional client certificate), and
// the per-connection target (context + the name the server's certificate must carry).
#pragma once

#include <memory>
#include <string>

#include "core/status.h"

using SSL_CTX = struct ssl_ctx_st;
using SSL = struct ssl_st;

namespace aero::net {

struct TlsConfig {
    std::string cafile;
    std::string certfile;
    std::string keyfile;
};

class TlsContext {
public:
    // Loads the CA (and the client certificate when certfile is set); the message names the
    // file OpenSSL refused.
    static Result<std::shared_ptr<const TlsContext>> create(const TlsConfig& config);
    ~TlsContext();
    TlsContext(const TlsContext&) = delete;
    TlsContext& operator=(const TlsContext&) = delete;

    SSL_CTX* get() const { return ctx_; }

private:
    explicit TlsContext(SSL_CTX* ctx) : ctx_(ctx) {}
    SSL_CTX* ctx_;
};

// Where a connection goes: plain TCP when ctx is null, else TLS verified against `name`.
struct TlsTarget {
    std::shared_ptr<const TlsContext> ctx;
    std::string name;
};

// OpenSSL's queued errors as one line (cleared), or `fallback` when there are none.
std::string tls_errors(const char* fallback);

// Makes `ssl` require a server certificate for `name` (a host name, with SNI, or an IP address).
Status expect_name(SSL* ssl, const std::string& name);

// After a failed handshake step: the certificate rejection, if that is why; OK otherwise.
Status verify_failure(SSL* ssl, const std::string& name);

}  // namespace aero::net
