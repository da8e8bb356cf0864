#include "core/server/partition_table.h"

#include <openssl/evp.h>

#include <algorithm>

#include "core/proto/digest.h"

namespace aero::server {

namespace {

// splitmix64's finaliser: node ids of one test cluster differ in a few low bits only, so
// they need a strong mix before their ranks per partition look independent.
uint64_t mix(uint64_t x) {
    x = (x ^ (x >> 30)) * 0xBF58476D1CE4E5B9ull;
    x = (x ^ (x >> 27)) * 0x94D049BB133111EBull;
    return x ^ (x >> 31);
}

uint64_t rank(uint64_t node, uint32_t pid) { return mix(mix(node) ^ (uint64_t(pid) + 1) * 0x9E3779B97F4A7C15ull); }

}  // namespace

PartitionTable::PartitionTable(std::vector<TableNode> nodes, uint32_t replication_factor)
    : nodes_(std::move(nodes)),
      n_columns_(std::min<uint32_t>(replication_factor, uint32_t(nodes_.size()))) {
    std::vector<uint32_t> racks;
    for (const TableNode& n : nodes_) racks.push_back(n.rack);
    std::sort(racks.begin(), racks.end());
    size_t n_racks = size_t(std::unique(racks.begin(), racks.end()) - racks.begin());

    owners_.reserve(size_t(proto::kPartitions) * n_columns_);
    std::vector<TableNode> ranked = nodes_;
    for (uint32_t pid = 0; pid < proto::kPartitions; pid++) {
        std::sort(ranked.begin(), ranked.end(),
                  [pid](const TableNode& a, const TableNode& b) { return rank(a.id, pid) > rank(b.id, pid); });
        place(ranked, n_racks);
    }
}

void PartitionTable::place(const std::vector<TableNode>& ranked, size_t n_racks) {
    std::vector<bool> taken(ranked.size());
    std::vector<uint32_t> racks_used;
    auto used = [&](uint32_t rack) { return std::find(racks_used.begin(), racks_used.end(), rack) != racks_used.end(); };
    for (uint32_t column = 0; column < n_columns_; column++) {
        // Some rack without a copy is left exactly when fewer racks than exist are used.
        bool new_rack = racks_used.size() < n_racks;
        size_t i = 0;
        while (taken[i] || (new_rack && used(ranked[i].rack))) i++;
        taken[i] = true;
        if (new_rack) racks_used.push_back(ranked[i].rack);
        owners_.push_back(ranked[i].id);
    }
}

std::span<const uint64_t> PartitionTable::replicas(uint32_t pid) const {
    return {owners_.data() + size_t(pid) * n_columns_, n_columns_};
}

bool PartitionTable::holds(uint64_t node, uint32_t pid) const {
    auto r = replicas(pid);
    return std::find(r.begin(), r.end(), node) != r.end();
}

std::string PartitionTable::bitmap_b64(uint64_t node, uint32_t column) const {
    unsigned char bits[proto::kPartitions / 8] = {};
    for (uint32_t pid = 0; pid < proto::kPartitions; pid++)
        if (column < n_columns_ && replicas(pid)[column] == node) bits[pid >> 3] |= uint8_t(0x80 >> (pid & 7));
    std::string out(4 * ((sizeof bits + 2) / 3), '\0');
    EVP_EncodeBlock(reinterpret_cast<unsigned char*>(out.data()), bits, sizeof bits);
    return out;
}

}  // namespace aero::server
