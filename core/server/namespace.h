// A namespace: records by partition, each partition a digest-ordered map under its own mutex
// (so connections working on different partitions rarely wait for each other, and scans walk a
// partition in the real server's order), plus its table of sets.
#pragma once

#include <array>
#include <cstring>
#include <atomic>
#include <cstdint>
#include <functional>
#include <map>
#include <memory>
#include <mutex>
#include <optional>
#include <shared_mutex>
#include <string>
#include <string_view>
#include <vector>

#include "core/proto/digest.h"
#include "core/server/namespace_stats.h"
#include "core/server/record.h"

namespace aero::server {

// Per-set counters shown by the `sets` info command.
struct SetStats {
    std::string name;
    std::atomic<uint64_t> objects{0};
    std::atomic<uint64_t> data_bytes{0};
    std::atomic<uint64_t> truncate_lut_ms{0};
};

struct DigestHash {
    // Digests are uniformly random already, so any 8 of their bytes make a good hash.
    size_t operator()(const proto::Digest& d) const {
        size_t h;
        std::memcpy(&h, d.data() + 4, sizeof h);
        return h;
    }
};

// The real server's primary-index order inside a partition: its trees put larger digests to
// the left and scans walk them in order, so records come in descending digest order.
struct DigestDescending {
    bool operator()(const proto::Digest& a, const proto::Digest& b) const {
        return std::memcmp(a.data(), b.data(), a.size()) > 0;
    }
};

// Hears of every change to a namespace's records (secondary indexes keep themselves up to date
// this way). Called with the partition's lock held, so it sees changes in order.
class RecordObserver {
public:
    virtual ~RecordObserver() = default;
    // The record at d went from `before` to `after` (either null: created or removed).
    virtual void changed(const proto::Digest& d, const Record* before, const Record* after) = 0;
};

class Namespace;

// Exclusive access to one digest's slot while it lives; get it from Namespace::lock().
class RecordLock {
public:
    // The live record, or nullptr when absent. An expired record is removed here, so every
    // access treats it as absent, as the real server does.
    Record* find();
    // Stores rec under the digest, replacing any existing record.
    void put(Record&& rec);
    // Removes the record, if there is one.
    void erase();

private:
    friend class Namespace;
    using Map = std::map<proto::Digest, Record, DigestDescending>;
    RecordLock(Namespace& ns, std::mutex& m, Map& map, const proto::Digest& d)
        : ns_(ns), lock_(m), map_(map), digest_(d) {}

    Namespace& ns_;
    std::unique_lock<std::mutex> lock_;
    Map& map_;
    const proto::Digest& digest_;
};

class Namespace {
public:
    Namespace(std::string name, uint32_t default_ttl, uint32_t nsup_period);

    const std::string& name() const { return name_; }
    uint32_t default_ttl() const { return default_ttl_; }
    // Seconds between expiry sweeps; 0 disables them (and then writes with a TTL are refused).
    uint32_t nsup_period() const { return nsup_period_; }
    // Live records (expired ones not yet removed are counted until nsup or an access finds them).
    uint64_t objects() const { return objects_.load(std::memory_order_relaxed); }
    // The counters of the record commands this node ran in the namespace.
    NamespaceStats& stats() { return stats_; }

    // Locks the partition holding the digest; hold the result as briefly as possible.
    RecordLock lock(const proto::Digest& d);

    // The id of a set, creating it when `create`; nullopt when unknown (or the table is full).
    std::optional<uint16_t> set_id(std::string_view set_name, bool create);
    // The set's name, or "" for id 0.
    std::string_view set_name(uint16_t id) const;
    // A snapshot of every set's counters, in creation order.
    std::vector<const SetStats*> sets() const;

    // Removes records that expired at or before `now` (Aerospike-epoch seconds); returns how many.
    uint64_t remove_expired(uint32_t now);
    // Removes records last updated before lut_ms (in set `set_id`, or all when nullopt).
    uint64_t truncate(std::optional<uint16_t> set_id, uint64_t lut_ms);
    // Calls fn on every live record, partition by partition, under that partition's lock.
    void for_each(const std::function<void(const proto::Digest&, const Record&)>& fn);
    // Erases the records `doomed` picks, partition by partition; returns how many.
    uint64_t erase_if(const std::function<bool(const proto::Digest&, const Record&)>& doomed);
    // Walks partition pid's live records in the server's order (descending digests), starting
    // strictly after `after` when given, under the partition's lock, while fn returns true.
    using Visit = std::function<bool(const proto::Digest&, const Record&)>;
    void scan_partition(uint32_t pid, const proto::Digest* after, const Visit& fn);
    // Runs fn under partition pid's lock; `find` looks a live record up meanwhile.
    using Finder = std::function<const Record*(const proto::Digest&)>;
    void with_partition(uint32_t pid, const std::function<void(const Finder& find)>& fn);
    // Sets the one observer of record changes (null: none); set it before records are written.
    void observe(RecordObserver* observer) { observer_ = observer; }

private:
    friend class RecordLock;
    // The real server allows this many sets per namespace.
    static constexpr size_t kMaxSets = 4095;
    struct Partition {
        std::mutex mutex;
        RecordLock::Map map;
    };

    // Counters and observer on a record entering or leaving (or both, for a replacement).
    void count_in(const proto::Digest& d, const Record* before, const Record& r);
    void count_out(const proto::Digest& d, const Record& r);
    // The counters' part of count_out.
    void uncount(const Record& r);
    SetStats* stats_for(uint16_t id) const;

    std::string name_;
    uint32_t default_ttl_;
    uint32_t nsup_period_;
    std::atomic<uint64_t> objects_{0};
    NamespaceStats stats_;
    RecordObserver* observer_ = nullptr;
    std::array<Partition, proto::kPartitions> partitions_;
    mutable std::shared_mutex sets_mutex_;
    std::vector<std::unique_ptr<SetStats>> sets_;
};

}  // namespace aero::server
