#include "core/server/rw_handler.h"

#include <cstring>

#include "core/server/batch_handler.h"
#include "core/server/delete_handler.h"
#include "core/server/read_handler.h"
#include "core/server/udf/apply.h"
#include "core/server/write_handler.h"

namespace aero::server {

using namespace aero::proto;

void handle_message(Storage& storage, uint8_t* body, size_t n, Buffer& out, const ReplyFlush& flush,
                    const RecordRunner& run, const QueryRunner& query) {
    // Like the real server, look at info1 (byte 1) before validating the message: a batch
    // parent is not laid out like a single-record request.
    if (n > 1 && (body[1] & kInfo1Batch)) return handle_batch(storage, body, n, out, flush, run);
    Request req;
    if (!parse_request(body, n, req).is_ok()) return Response(out).finish_bare(kResultParameter);
    if (!req.has_namespace) return Response(out).finish_bare(kResultNamespace);
    Namespace* ns = storage.find(req.ns);
    if (!ns) return Response(out).finish_bare(kResultNamespace);
    if (!req.has_digest) {
        if (!query) return Response(out).finish_bare(kResultUnsupportedFeature);
        return query(*ns, body, n, out);
    }
    Response resp(out);
    if (req.digest.size() != kDigestSize) return resp.finish_bare(kResultParameter);

    Digest digest;
    std::memcpy(digest.data(), req.digest.data(), kDigestSize);
    run(RwContext{req, *ns, digest}, resp);
}

namespace {

// A record UDF: like the real server's udf_def_init_from_msg(), the module, function and
// argument list fields must all be there, with names the server can hold.
void run_udf(const RwContext& ctx, Response& resp, udf::Registry* registry) {
    constexpr size_t kMaxModuleName = 127, kMaxFunctionName = 127;
    const Request& req = ctx.req;
    if (!registry) return resp.finish_bare(kResultUnsupportedFeature);
    if (!req.udf.complete() || req.udf.module.size() > kMaxModuleName || req.udf.function.size() > kMaxFunctionName)
        return resp.finish_bare(kResultParameter);
    udf::handle_apply(*registry, ctx, req.udf, resp);
}

}  // namespace

void run_record_command(const RwContext& ctx, Response& resp) { run_record_or_udf_command(ctx, resp, nullptr); }

void run_record_or_udf_command(const RwContext& ctx, Response& resp, udf::Registry* udf) {
    const MsgHeader& h = ctx.req.header;
    if (h.info2 & kInfo2Write) {
        if (h.info2 & kInfo2Delete) handle_delete(ctx, resp);
        else if (ctx.req.udf.has_module) run_udf(ctx, resp, udf);
        else handle_write(ctx, resp);
    } else if (h.info1 & kInfo1Read) {
        handle_read(ctx, resp);
    } else {
        // Neither read nor write: refused before any path, as the server's transaction
        // service does, so no read, write or delete counter sees it.
        return resp.finish_bare(kResultParameter);
    }
    ctx.ns.stats().count(ctx.origin, h, resp.result());
}

}  // namespace aero::server
