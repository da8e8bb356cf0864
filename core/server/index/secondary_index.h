// One secondary index's entries (the server's sindex trees, one per partition): keys
// (bval, digest) in bval order, then digest order, so a query walks a partition's matches in
// the order clients resume by. Entries of a partition change only under that partition's
// namespace lock, which queries hold while they read them.
#pragma once

#include <array>
#include <atomic>
#include <cstdint>
#include <cstring>
#include <set>
#include <string>
#include <vector>

#include "core/proto/digest.h"
#include "core/server/index/index_def.h"
#include "core/server/namespace.h"

namespace aero::server::index {

struct Entry {
    // The bval in key order: unsigned for geo cells, else signed (stored with its sign bit
    // flipped so that unsigned comparison orders it).
    uint64_t order;
    proto::Digest digest;

    bool operator<(const Entry& o) const {
        if (order != o.order) return order < o.order;
        return std::memcmp(digest.data(), o.digest.data(), digest.size()) < 0;
    }
};

class SecondaryIndex {
public:
    SecondaryIndex(std::string name, IndexDef def) : name_(std::move(name)), def_(std::move(def)) {}

    const IndexDef& def() const { return def_; }
    // The index's name (renamed in place when the same definition is created under another
    // name, as the server's SMD key stays while its value changes). Read under the catalog's
    // lock.
    const std::string& name() const { return name_; }
    void rename(std::string name) { name_ = std::move(name); }

    // The record's keys for this index (none when it is in another set).
    std::vector<int64_t> keys(const Namespace& ns, const Record& r) const;
    // Replaces the entries of digest d (called under its partition's lock).
    void update(const proto::Digest& d, const std::vector<int64_t>& before, const std::vector<int64_t>& after);

    uint64_t order(int64_t bval) const { return def_.unsigned_keys() ? uint64_t(bval) : uint64_t(bval) ^ kSignBit; }
    int64_t bval(uint64_t order) const { return int64_t(def_.unsigned_keys() ? order : order ^ kSignBit); }
    // A partition's entries; hold the partition's lock while reading them.
    const std::set<Entry>& partition(uint32_t pid) const { return partitions_[pid]; }
    uint64_t entries() const { return entries_.load(std::memory_order_relaxed); }

private:
    static constexpr uint64_t kSignBit = 1ull << 63;
    std::string name_;
    IndexDef def_;
    std::array<std::set<Entry>, proto::kPartitions> partitions_;
    std::atomic<uint64_t> entries_{0};
};

}  // namespace aero::server::index
