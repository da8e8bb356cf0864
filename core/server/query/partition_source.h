// Where a foreground or background job takes a partition's records from: the primary index
// (a scan, in digest order) or a secondary index (a query, in index-key order).
#pragma once

#include <cstdint>
#include <functional>

#include "core/proto/digest.h"
#include "core/server/namespace.h"

namespace aero::server::query {

// A position in a partition's walk: after this record (and index key, for index queries).
struct Cursor {
    proto::Digest digest{};
    int64_t bval = 0;
};

// Gets each record in turn, under the partition's lock, while it returns true. `bval` is the
// index key the record was found by (0 for scans).
using RecordVisit = std::function<bool(const proto::Digest& d, const Record& r, int64_t bval)>;

class PartitionSource {
public:
    virtual ~PartitionSource() = default;
    // Walks partition pid of ns, strictly after `after` when given.
    virtual void walk(Namespace& ns, uint32_t pid, const Cursor* after, const RecordVisit& visit) = 0;
    // Whether records carry their index key (BVAL) in replies: index queries only.
    virtual bool sends_bval() const = 0;
};

// The primary index: every live record of the partition, descending digests.
class ScanSource : public PartitionSource {
public:
    void walk(Namespace& ns, uint32_t pid, const Cursor* after, const RecordVisit& visit) override {
        ns.scan_partition(pid, after ? &after->digest : nullptr,
                          [&](const proto::Digest& d, const Record& r) { return visit(d, r, 0); });
    }
    bool sends_bval() const override { return false; }
};

}  // namespace aero::server::query
