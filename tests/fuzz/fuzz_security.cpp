// aero-server's security mode (security.cpp): the admin requests of one connection, each
// framed by its proto header as on the wire, through Security::handle: LOGIN, AUTHENTICATE
// and every other admin command, before and after a login. Sessions are random tokens no
// fuzzer guesses, so an AUTHENTICATE with an empty token field presents the last token a
// LOGIN of this input got. Every input runs against a server whose sessions live a day and
// one whose sessions are expired as soon as they are made.
#include <string>

#include "core/proto/admin.h"
#include "core/proto/message.h"
#include "core/server/security/security.h"

namespace {

using namespace aero::proto;
using aero::server::Security;

aero::server::ServerConfig with_ttl(uint32_t session_ttl) {
    aero::server::ServerConfig cfg;
    cfg.session_ttl = session_ttl;
    return cfg;
}

// Users are bcrypt-hashed when a Security is made (tens of ms): once, not per input.
Security& security(bool expiring) {
    static Security day(with_ttl(86400)), expired(with_ttl(0));
    return expiring ? expired : day;
}

// `body` with its empty session token replaced by `token`, when it is an AUTHENTICATE.
Buffer with_token(const uint8_t* body, size_t n, const std::string& token) {
    Buffer same(body, body + n);
    AdminMessage m;
    if (token.empty() || !parse_admin_message(body, n, m).is_ok() || m.command != kAdminAuthenticate) return same;
    bool replaced = false;
    for (auto& [id, data] : m.fields) {
        if (id == kFieldSessionToken && data.empty()) {
            data = token;
            replaced = true;
        }
    }
    if (!replaced) return same;
    Buffer message;
    write_admin_message(message, m.command, m.result, m.fields);
    return Buffer(message.begin() + kProtoHeaderSize, message.end());
}

void serve(Security& s, const uint8_t* data, size_t size) {
    aero::server::security::ConnAuth conn;
    std::string token;
    Buffer out;
    while (size >= kProtoHeaderSize) {
        uint64_t n = load_u64(data) & 0xFFFFFFFFFFFFull;
        data += kProtoHeaderSize;
        size -= kProtoHeaderSize;
        if (n > size) return;
        Buffer body = with_token(data, size_t(n), token);
        data += n;
        size -= n;
        out.clear();
        s.handle(body.data(), body.size(), conn, out);
        AdminMessage reply;
        if (parse_admin_message(out.data() + kProtoHeaderSize, out.size() - kProtoHeaderSize, reply).is_ok())
            if (auto t = reply.field(kFieldSessionToken)) token = *t;
    }
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
    for (bool expiring : {false, true}) {
        Security& s = security(expiring);
        serve(s, data, size);
        s.forget_sessions();
    }
    return 0;
}
