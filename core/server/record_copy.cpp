#include "core/server/record_copy.h"

namespace aero::server {

std::optional<RecordCopy> take_copy(Namespace& ns, const proto::Digest& d) {
    RecordLock lock = ns.lock(d);
    const Record* r = lock.find();
    if (!r) return std::nullopt;
    return RecordCopy{*r, std::string(ns.set_name(r->set_id))};
}

void store_copy(Namespace& ns, const proto::Digest& d, const RecordCopy* copy) {
    if (!copy) return ns.lock(d).erase();
    Record r = copy->record;
    // A full set table (4095 sets) keeps the record without its set rather than losing it.
    r.set_id = ns.set_id(copy->set, true).value_or(0);
    ns.lock(d).put(std::move(r));
}

}  // namespace aero::server
