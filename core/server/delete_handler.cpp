#include "core/server/delete_handler.h"

namespace aero::server {

void handle_delete(const RwContext& ctx, Response& resp) {
    // Durable deletes leave tombstones, an Enterprise feature.
    if (ctx.req.header.info2 & proto::kInfo2DurableDelete) return resp.finish_bare(kResultEnterpriseOnly);
    RecordLock lock = ctx.ns.lock(ctx.digest);
    Record* r = lock.find();
    if (!r) return resp.finish_bare(kResultNotFound);
    if (!generation_allows(ctx.req.header, r->generation)) return resp.finish_bare(kResultGeneration);
    if (uint8_t rc = check_filter(ctx, *r)) return resp.finish_bare(rc);
    if (!stored_key_matches(*r, ctx.req)) return resp.finish_bare(kResultKeyMismatch);
    lock.erase();
    resp.finish_bare(kResultOk);
}

}  // namespace aero::server
