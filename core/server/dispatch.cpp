#include "core/server/dispatch.h"

#include "core/proto/admin.h"
#include "core/proto/message.h"
#include "core/server/cluster_routing.h"
#include "core/server/info_handler.h"
#include "core/server/query/query_handler.h"
#include "core/server/response.h"
#include "core/server/rw_handler.h"
#include "core/server/rw_utils.h"

namespace aero::server {

namespace {

using namespace aero::proto;

constexpr uint8_t kProtoXdr = 5;

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

bool acceptable(const uint8_t* h, uint8_t& type, uint64_t& size) {
    type = h[1];
    size = load_u64(h) & 0xFFFFFFFFFFFFull;
    bool version_ok = h[0] == kProtoVersion || (h[0] == 0 && type == kProtoAdmin);
    return version_ok && type >= kProtoInfo && type <= kProtoXdr && size <= kMaxProtoSize;
}

bool is_long_request(uint8_t type, const Buffer& body) {
    if (type != kProtoMessage || body.size() < 2) return false;
    return (body[1] & kInfo1Batch) || query::is_query(body.data(), body.size());
}

bool runs_on_worker(uint8_t type, const Buffer& body) {
    return type == kProtoInfo || type == kProtoAdmin || is_long_request(type, body);
}

bool serve_request(ServerContext& ctx, uint8_t type, Buffer& body, bool& authenticated, Buffer& out,
                   const ReplyFlush& flush) {
    out.clear();
    switch (type) {
    case kProtoInfo: info_reply(ctx, body, authenticated, out); return true;
    case kProtoAdmin: admin_reply(ctx, body, authenticated, out); return true;
    case kProtoMessage:
        if (!authenticated) {
            Response(out).finish_bare(kResultNotAuthenticated);
        } else {
            RecordRunner run = [&ctx](const RwContext& c, Response& r) { run_record_or_udf_command(c, r, ctx.udf.get()); };
            if (ctx.cluster)
                run = [&ctx](const RwContext& c, Response& r) { run_routed_record_command(*ctx.cluster, ctx, c, r); };
            QueryRunner query = [&](Namespace& ns, const uint8_t* p, size_t n, Buffer& o) {
                query::handle_query(ctx, ns, p, n, o, flush, run);
            };
            handle_message(ctx.storage, body.data(), body.size(), out, flush, run, query);
        }
        return true;
    // Compressed requests are an Enterprise feature in 8.1.
    case kProtoCompressed: Response(out).finish_bare(kResultEnterpriseOnly); return true;
    default: return false;  // XDR traffic is for other servers only
    }
}

}  // namespace aero::server
