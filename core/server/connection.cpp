#include "core/server/connection.h"

#include <sys/socket.h>
#include <unistd.h>

#include <cerrno>

#include "core/proto/admin.h"
#include "core/proto/message.h"
#include "core/server/cluster_routing.h"
#include "core/server/info_handler.h"
#include "core/server/response.h"
#include "core/server/rw_handler.h"
#include "core/server/rw_utils.h"

namespace aero::server {

namespace {

using namespace aero::proto;

constexpr uint8_t kProtoXdr = 5;

// The server's receive rules (§1.1): version 2 (0 still allowed for legacy security
// messages), a known type and at most 128 MiB; anything else closes the socket unanswered.
bool acceptable(const uint8_t* h, uint8_t& type, uint64_t& size) {
    type = h[1];
    size = load_u64(h) & 0xFFFFFFFFFFFFull;
    bool version_ok = h[0] == kProtoVersion || (h[0] == 0 && type == kProtoAdmin);
    return version_ok && type >= kProtoInfo && type <= kProtoXdr && size <= kMaxProtoSize;
}

// Security mode serves LOGIN and AUTHENTICATE; CE answers every security message with
// SECURITY_NOT_SUPPORTED in a bare 24-byte reply.
void admin_reply(ServerContext& ctx, const Buffer& body, bool& authenticated, Buffer& out) {
    if (ctx.security) ctx.security->handle(body.data(), body.size(), authenticated, out);
    else write_admin_message(out, 0, kResultSecurityNotSupported, {});
}

// Before a login, the real server answers any info request with this one line and does not
// echo the commands (fact sheet §2.1).
void info_reply(ServerContext& ctx, const Buffer& body, bool authenticated, Buffer& out) {
    std::string text = authenticated ? handle_info(ctx, std::string_view(reinterpret_cast<const char*>(body.data()), body.size()))
                                     : "ERROR:80:not authenticated\n";
    out.resize(kProtoHeaderSize);
    write_proto_header(out.data(), kProtoInfo, text.size());
    put_str(out, text);
}

}  // namespace

bool SocketStream::read(uint8_t* p, size_t n) {
    while (n > 0) {
        ssize_t got = ::recv(fd_, p, n, 0);
        if (got > 0) {
            p += got;
            n -= size_t(got);
        } else if (got == 0 || errno != EINTR) {
            return false;
        }
    }
    return true;
}

bool SocketStream::write(const uint8_t* p, size_t n) {
    while (n > 0) {
        ssize_t put = ::send(fd_, p, n, MSG_NOSIGNAL);
        if (put > 0) {
            p += put;
            n -= size_t(put);
        } else if (put < 0 && errno != EINTR) {
            return false;
        }
    }
    return true;
}

void serve_connection(Stream& stream, ServerContext& ctx) {
    Buffer body, out;
    uint8_t header[kProtoHeaderSize];
    uint8_t type;
    uint64_t size;
    bool authenticated = !ctx.security;
    RecordRunner run = run_record_command;
    if (ctx.cluster)
        run = [&ctx](const RwContext& c, Response& r) { run_routed_record_command(*ctx.cluster, ctx, c, r); };
    ReplyFlush flush = [&stream](Buffer& b) {
        bool sent = stream.write(b.data(), b.size());
        b.clear();
        return sent;
    };
    while (stream.read(header, sizeof header) && acceptable(header, type, size)) {
        body.resize(size);
        if (!stream.read(body.data(), size)) return;
        out.clear();
        switch (type) {
        case kProtoInfo: info_reply(ctx, body, authenticated, out); break;
        case kProtoAdmin: admin_reply(ctx, body, authenticated, out); break;
        case kProtoMessage:
            if (authenticated) handle_message(ctx.storage, body.data(), body.size(), out, flush, run);
            else Response(out).finish_bare(kResultNotAuthenticated);
            break;
        // Compressed requests are an Enterprise feature in 8.1.
        case kProtoCompressed: Response(out).finish_bare(kResultEnterpriseOnly); break;
        default: return;  // XDR traffic is for other servers only
        }
        if (!stream.write(out.data(), out.size())) return;
    }
}

}  // namespace aero::server
