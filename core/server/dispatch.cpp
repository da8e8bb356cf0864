#include "core/server/dispatch.h"

#include "core/proto/admin.h"
#include "core/proto/info.h"
#include "core/proto/message.h"
#include "core/server/cluster_routing.h"
#include "core/server/info_handler.h"
#include "core/server/query/query_handler.h"
#include "core/server/query/query_request.h"
#include "core/server/security/command_perms.h"
#include "core/server/response.h"
#include "core/server/rw_handler.h"
#include "core/server/rw_utils.h"

namespace aero::server {

namespace {

using namespace aero::proto;

constexpr uint8_t kProtoXdr = 5;

using security::ConnAuth;

// Security mode serves the whole admin protocol; CE answers every security message with
// SECURITY_NOT_SUPPORTED in a bare 24-byte reply.
void admin_reply(ServerContext& ctx, const Buffer& body, ConnAuth& conn, Buffer& out) {
    if (ctx.security) ctx.security->handle(body.data(), body.size(), conn, out);
    else write_admin_message(out, 0, kResultSecurityNotSupported, {});
}

// In security mode each command that changes the server is checked on its own: a refused
// one answers ERROR:<code>, the others run.
std::string checked_info(ServerContext& ctx, const ConnAuth& conn, std::string_view body) {
    std::string out;
    for (std::string_view command : parse_info_request(body)) {
        security::InfoNeeds needs = security::info_needs(command);
        uint8_t rc = needs.perms ? ctx.security->admit(conn, needs.perms, needs.ns, needs.set) : 0;
        if (rc) out.append(command).append("\tERROR:").append(std::to_string(rc)).append(":role violation\n");
        else out += handle_info(ctx, std::string(command) + "\n");
    }
    return out;
}

// Before a login, the real server answers any info request with this one line and does not
// echo the commands (fact sheet §2.1).
void info_reply(ServerContext& ctx, const Buffer& body, const ConnAuth& conn, Buffer& out) {
    std::string_view request(reinterpret_cast<const char*>(body.data()), body.size());
    std::string text = !conn.authenticated ? "ERROR:80:not authenticated\n"
                       : ctx.security      ? checked_info(ctx, conn, request)
                                           : handle_info(ctx, request);
    out.resize(kProtoHeaderSize);
    write_proto_header(out.data(), kProtoInfo, text.size());
    put_str(out, text);
}

// The record commands (single ones and batch rows) and scans/queries of a connection, each
// checked against its user's privileges first in security mode. Background jobs' writes run
// later, unchecked, as the job itself was checked.
void message_reply(ServerContext& ctx, Buffer& body, const ConnAuth& conn, Buffer& out, const ReplyFlush& flush) {
    RecordRunner run = [&ctx](const RwContext& c, Response& r) { run_record_or_udf_command(c, r, ctx.udf.get()); };
    if (ctx.cluster)
        run = [&ctx](const RwContext& c, Response& r) { run_routed_record_command(*ctx.cluster, ctx, c, r); };
    RecordRunner checked = run;
    if (ctx.security)
        checked = [&](const RwContext& c, Response& r) {
            uint8_t rc = ctx.security->admit(conn, security::record_perms(c.req), c.ns.name(), c.req.set);
            if (rc) r.finish_bare(rc);
            else run(c, r);
        };
    QueryRunner query = [&](Namespace& ns, const uint8_t* p, size_t n, Buffer& o) {
        query::QueryRequest q;
        uint8_t rc = 0;
        if (ctx.security && query::parse_query_request(p, n, q) == 0)
            rc = ctx.security->admit(conn, security::query_perms(q), ns.name(), q.set);
        if (rc) Response(o).finish_bare(rc);
        else query::handle_query(ctx, ns, p, n, o, flush, run);
    };
    handle_message(ctx.storage, body.data(), body.size(), out, flush, checked, query);
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

bool serve_request(ServerContext& ctx, uint8_t type, Buffer& body, ConnAuth& conn, Buffer& out,
                   const ReplyFlush& flush) {
    out.clear();
    switch (type) {
    case kProtoInfo: info_reply(ctx, body, conn, out); return true;
    case kProtoAdmin: admin_reply(ctx, body, conn, out); return true;
    case kProtoMessage:
        if (!conn.authenticated) Response(out).finish_bare(kResultNotAuthenticated);
        else message_reply(ctx, body, conn, out, flush);
        return true;
    // Compressed requests are an Enterprise feature in 8.1.
    case kProtoCompressed: Response(out).finish_bare(kResultEnterpriseOnly); return true;
    default: return false;  // XDR traffic is for other servers only
    }
}

}  // namespace aero::server
