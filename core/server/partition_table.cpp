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

PartitionTable::PartitionTable(std::vector<uint64_t> node_ids, uint32_t replication_factor)
    : nodes_(std::move(node_ids)),
      n_columns_(std::min<uint32_t>(replication_factor, uint32_t(nodes_.size()))) {
    owners_.reserve(size_t(proto::kPartitions) * n_columns_);
    std::vector<uint64_t> order = nodes_;
    for (uint32_t pid = 0; pid < proto::kPartitions; pid++) {
        std::partial_sort(order.begin(), order.begin() + n_columns_, order.end(),
                          [pid](uint64_t a, uint64_t b) { return rank(a, pid) > rank(b, pid); });
        owners_.insert(owners_.end(), order.begin(), order.begin() + n_columns_);
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
