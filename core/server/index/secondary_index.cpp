#include "core/server/index/secondary_index.h"

#include "core/server/index/index_keys.h"

namespace aero::server::index {

std::vector<int64_t> SecondaryIndex::keys(const Namespace& ns, const Record& r) const {
    if (!def_.set.empty() && ns.set_name(r.set_id) != def_.set) return {};
    return keys_of(def_, r);
}

void SecondaryIndex::update(const proto::Digest& d, const std::vector<int64_t>& before,
                            const std::vector<int64_t>& after) {
    std::set<Entry>& p = partitions_[proto::partition_id(d.data())];
    for (int64_t b : before) entries_ -= p.erase(Entry{order(b), d});
    for (int64_t b : after) entries_ += p.insert(Entry{order(b), d}).second;
}

}  // namespace aero::server::index
