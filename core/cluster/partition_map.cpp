#include "core/cluster/partition_map.h"

#include <charconv>

#include "core/proto/base64.h"
#include "core/proto/info.h"

namespace aero {

namespace {

// Calls fn(ns, rest) for each "<ns>:<rest>" entry of a ';'-separated info value, until fn
// fails.
template <typename Fn>
Status for_each_namespace(std::string_view value, const char* what, Fn fn) {
    while (!value.empty()) {
        size_t semi = value.find(';');
        std::string_view entry = value.substr(0, semi);
        value = semi == std::string_view::npos ? std::string_view() : value.substr(semi + 1);
        if (entry.empty()) continue;
        size_t colon = entry.find(':');
        if (colon == 0 || colon == std::string_view::npos)
            return Status(kErrClient, std::string("malformed ") + what + " entry '" + std::string(entry) + "'");
        Status s = fn(entry.substr(0, colon), entry.substr(colon + 1));
        if (!s.is_ok()) return s;
    }
    return Status::ok();
}

}  // namespace

const NamespacePartitions* PartitionMap::find(std::string_view ns) const {
    for (const auto& n : namespaces)
        if (n.name == ns) return &n;
    return nullptr;
}

NamespacePartitions& PartitionMap::get_or_add(std::string_view ns) {
    for (auto& n : namespaces)
        if (n.name == ns) return n;
    namespaces.push_back(NamespacePartitions{std::string(ns), {}, false, {}, {}});
    return namespaces.back();
}

Status PartitionMap::apply_replicas(std::string_view value, Node* node) {
    // <ns>:<regime>,<n_cols>,<b64>,...;<ns>:...
    std::vector<uint8_t> bitmap;
    return for_each_namespace(value, "replicas", [&](std::string_view ns, std::string_view rest) {
        std::vector<std::string_view> parts;
        while (true) {
            size_t comma = rest.find(',');
            parts.push_back(rest.substr(0, comma));
            if (comma == std::string_view::npos) break;
            rest = rest.substr(comma + 1);
        }
        if (parts.size() < 2) return Status(kErrClient, "malformed replicas entry for " + std::string(ns));
        uint32_t regime = 0;
        size_t n_cols = 0;
        std::from_chars(parts[0].data(), parts[0].data() + parts[0].size(), regime);
        std::from_chars(parts[1].data(), parts[1].data() + parts[1].size(), n_cols);
        if (parts.size() != 2 + n_cols) return Status(kErrClient, "replicas column count mismatch for " + std::string(ns));
        NamespacePartitions& np = get_or_add(ns);
        np.strong_consistency = regime != 0;
        size_t used = std::min(n_cols, kMaxReplicas);
        if (np.columns.size() < used) np.columns.resize(used, {});
        for (size_t col = 0; col < used; col++) {
            if (!proto::base64_decode(parts[2 + col], bitmap) || bitmap.size() != proto::kPartitions / 8)
                return Status(kErrClient, "malformed partition bitmap for " + std::string(ns));
            for (uint32_t pid = 0; pid < proto::kPartitions; pid++) {
                if (!(bitmap[pid >> 3] & (0x80 >> (pid & 7))) || regime < np.regimes[pid]) continue;
                np.regimes[pid] = regime;
                np.columns[col][pid] = node;
            }
        }
        return Status::ok();
    });
}

Status PartitionMap::apply_racks(std::string_view value, const Node* node) {
    // <ns>:<rack>;<ns>:<rack>...
    return for_each_namespace(value, "rack-ids", [&](std::string_view ns, std::string_view id) {
        int32_t rack = 0;
        auto [p, ec] = std::from_chars(id.data(), id.data() + id.size(), rack);
        if (id.empty() || ec != std::errc() || p != id.data() + id.size())
            return Status(kErrClient, "malformed rack id '" + std::string(id) + "' for " + std::string(ns));
        get_or_add(ns).racks[node] = rack;
        return Status::ok();
    });
}

void PartitionMap::remove_node(const Node* node) {
    for (auto& ns : namespaces) {
        ns.racks.erase(node);
        for (auto& col : ns.columns)
            for (auto& n : col)
                if (n == node) n = nullptr;
    }
}

}  // namespace aero
