#include "core/server/rw_utils.h"

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

bool is_unimplemented_op(uint8_t op) {
    switch (op) {
    case proto::kOpExpRead: case proto::kOpExpModify:
        return true;
    default:
        return false;
    }
}

}  // namespace aero::server
