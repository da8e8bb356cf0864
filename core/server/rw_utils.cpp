#include "core/server/rw_utils.h"

#include "core/server/exp/exp.h"

namespace aero::server {

bool stored_key_matches(const Record& r, const Request& req) {
    return !req.has_key || r.key.empty() || r.key == req.key;
}

bool set_matches(const Namespace& ns, const Record& r, const Request& req) {
    return req.set.empty() || ns.set_name(r.set_id) == req.set;
}

bool generation_allows(const proto::MsgHeader& h, uint16_t record_generation) {
    if (h.info2 & proto::kInfo2Generation) return h.generation == record_generation;
    if (h.info2 & proto::kInfo2GenerationGt) return h.generation > record_generation;
    return true;
}

uint8_t check_filter(const RwContext& ctx, const Record& r) {
    exp::Program own;
    const exp::Program* filter = ctx.parent_filter;
    if (ctx.req.has_filter) {
        const auto* p = reinterpret_cast<const uint8_t*>(ctx.req.filter.data());
        if (exp::compile_filter(p, ctx.req.filter.size(), own)) return kResultParameter;
        filter = &own;
    }
    if (!filter) return kResultOk;
    return exp::matches(*filter, exp::RecordView{ctx.ns, ctx.digest, r}) ? kResultOk : kResultFilteredOut;
}

}  // namespace aero::server
