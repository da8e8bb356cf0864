#include "core/server/tls.h"

#include <openssl/err.h>
#include <openssl/ssl.h>

namespace aero::server {

namespace {

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

}  // namespace aero::server
