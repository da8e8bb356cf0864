#include "core/net/tls.h"

#include <arpa/inet.h>
#include <openssl/err.h>
#include <openssl/ssl.h>
#include <openssl/x509v3.h>

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

Status expect_name(SSL* ssl, const std::string& name) {
    // The leaf must carry the expected name (CN or SAN, wildcards allowed), or its IP address.
    X509_VERIFY_PARAM* param = SSL_get0_param(ssl);
    in6_addr ip;
    bool is_ip = inet_pton(AF_INET, name.c_str(), &ip) == 1 || inet_pton(AF_INET6, name.c_str(), &ip) == 1;
    if (is_ip ? X509_VERIFY_PARAM_set1_ip_asc(param, name.c_str()) != 1
              : X509_VERIFY_PARAM_set1_host(param, name.c_str(), 0) != 1 ||
                    SSL_set_tlsext_host_name(ssl, name.c_str()) != 1)
        return Status(kErrTls, "bad TLS name '" + name + "'");
    return Status::ok();
}

Status verify_failure(SSL* ssl, const std::string& name) {
    long verify = SSL_get_verify_result(ssl);
    if (verify == X509_V_OK) return Status::ok();
    ERR_clear_error();
    return Status(kErrTls, "TLS certificate of '" + name + "' rejected: " + X509_verify_cert_error_string(verify));
}

TlsContext::~TlsContext() { SSL_CTX_free(ctx_); }

}  // namespace aero::net
