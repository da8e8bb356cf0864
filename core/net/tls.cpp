#include "core/net/tls.h"

#include <openssl/err.h>
#include <openssl/ssl.h>

namespace aero::net {

std::string tls_errors(const char* fallback) {
    std::string out;
    char buf[256];
    for (unsigned long e; (e = ERR_get_error()) != 0;) {
        ERR_error_string_n(e, buf, sizeof buf);
        out.append(out.empty() ? "" : "; ").append(buf);
    }
    return out.empty() ? fallback : out;
}

Result<std::shared_ptr<const TlsContext>> TlsContext::create(const TlsConfig& config) {
    SSL_CTX* ctx = SSL_CTX_new(TLS_client_method());
    if (ctx == nullptr) return Status(kErrTls, "cannot create a TLS context: " + tls_errors("out of memory"));
    std::shared_ptr<const TlsContext> owner(new TlsContext(ctx));
    // The fact sheet (§15): TLS 1.2 at least; SSLv3 and TLS 1.0/1.1 are refused.
    SSL_CTX_set_min_proto_version(ctx, TLS1_2_VERSION);
    SSL_CTX_set_verify(ctx, SSL_VERIFY_PEER, nullptr);
    // Without a CA file the system's trust store decides, as OpenSSL's defaults do.
    int ok = config.cafile.empty() ? SSL_CTX_set_default_verify_paths(ctx)
                                   : SSL_CTX_load_verify_locations(ctx, config.cafile.c_str(), nullptr);
    if (ok != 1) return Status(kErrTls, "cannot load TLS CA '" + config.cafile + "': " + tls_errors("unknown error"));
    if (!config.certfile.empty()) {
        const std::string& key = config.keyfile.empty() ? config.certfile : config.keyfile;
        if (SSL_CTX_use_certificate_chain_file(ctx, config.certfile.c_str()) != 1 ||
            SSL_CTX_use_PrivateKey_file(ctx, key.c_str(), SSL_FILETYPE_PEM) != 1)
            return Status(kErrTls, "cannot load TLS client certificate '" + config.certfile + "': " +
                                       tls_errors("unknown error"));
    }
    return owner;
}

TlsContext::~TlsContext() { SSL_CTX_free(ctx_); }

}  // namespace aero::net
