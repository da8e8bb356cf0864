#include "core/server/rw_handler.h"

#include <cstring>

#include "core/server/delete_handler.h"
#include "core/server/read_handler.h"
#include "core/server/write_handler.h"

namespace aero::server {

using namespace aero::proto;

void handle_message(Storage& storage, const uint8_t* body, size_t n, Buffer& out) {
    Response resp(out);
    Request req;
    if (!parse_request(body, n, req).is_ok()) return resp.finish_bare(kResultParameter);
    const MsgHeader& h = req.header;
    // Batch and scan/query (no DIGEST field) have their own engines, not written yet.
    if (h.info1 & kInfo1Batch) return resp.finish_bare(kResultUnsupportedFeature);
    if (!req.has_namespace) return resp.finish_bare(kResultNamespace);
    Namespace* ns = storage.find(req.ns);
    if (!ns) return resp.finish_bare(kResultNamespace);
    if (!req.has_digest) return resp.finish_bare(kResultUnsupportedFeature);
    if (req.digest.size() != kDigestSize) return resp.finish_bare(kResultParameter);

    Digest digest;
    std::memcpy(digest.data(), req.digest.data(), kDigestSize);
    RwContext ctx{req, *ns, digest};
    if (h.info2 & kInfo2Write) {
        if (h.info2 & kInfo2Delete) handle_delete(ctx, resp);
        else handle_write(ctx, resp);
    } else if (h.info1 & kInfo1Read) {
        handle_read(ctx, resp);
    } else {
        resp.finish_bare(kResultParameter);  // neither read nor write
    }
}

}  // namespace aero::server
