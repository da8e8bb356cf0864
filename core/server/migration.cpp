#include "core/server/migration.h"

#include <unordered_map>

#include "core/server/record_copy.h"

namespace aero::server {

namespace {

bool newer(const Record& a, const Record& b) {
    return a.generation != b.generation ? a.generation > b.generation : a.last_update_ms > b.last_update_ms;
}

bool holds(const PartitionTable& table, const ServerContext& node, const proto::Digest& d) {
    return table.holds(node.node_id, proto::partition_id(d.data()));
}

}  // namespace

void migrate(const std::vector<ServerContext*>& live, const PartitionTable& table) {
    if (live.empty()) return;
    for (const auto& ns_config : live[0]->storage.namespaces()) {
        const std::string& name = ns_config->name();
        std::unordered_map<proto::Digest, RecordCopy, DigestHash> newest;
        for (ServerContext* node : live) {
            Namespace& ns = *node->storage.find(name);
            ns.for_each([&](const proto::Digest& d, const Record& r) {
                auto it = newest.find(d);
                if (it == newest.end() || newer(r, it->second.record))
                    newest[d] = RecordCopy{r, std::string(ns.set_name(r.set_id))};
            });
        }
        for (ServerContext* node : live) {
            Namespace& ns = *node->storage.find(name);
            ns.erase_if([&](const proto::Digest& d, const Record&) { return !holds(table, *node, d); });
            for (const auto& [d, copy] : newest)
                if (holds(table, *node, d)) store_copy(ns, d, &copy);
        }
    }
}

}  // namespace aero::server
