// Secondary-index queries (query.c get_range_field, range_from_msg_*, find_sindex,
// record_matches_query; sindex_tree.c query_reduce): the INDEX_RANGE field read into key
// ranges, the index it names, and a partition walk over that index's entries.
#pragma once

#include <memory>
#include <string>
#include <vector>

#include "core/server/geo/geo.h"
#include "core/server/index/catalog.h"
#include "core/server/query/partition_source.h"
#include "core/server/query/query_request.h"

namespace aero::server::index {

// What a query asks of an index.
struct Range {
    uint8_t ktype = 0;
    std::string bin;  // empty when the index is named
    uint8_t itype = kDefault;
    std::string ctx;
    // Inclusive bval ranges, in key order (several for geo, sorted by start).
    struct Span {
        int64_t start, end;
    };
    std::vector<Span> spans;
    // An integer range wider than one value, or any geo query (the server's isrange).
    bool is_range = false;
    // Strings and blobs: the value itself, to rule out hash collisions.
    std::string value;
    // Geo: the query's point or region.
    geo::Shape shape;
};

// Reads INDEX_RANGE, INDEX_TYPE and INDEX_CONTEXT; false for any malformed part (4).
bool parse_range(const query::QueryRequest& q, Range& out);

// The walk of one index's entries for one range: each record once per entry in the range,
// except that a collection index's range query skips repeats of a record within a burst of
// 100 entries (the server's de_dup), and every record is checked against the range again.
class IndexSource : public query::PartitionSource {
public:
    IndexSource(std::shared_ptr<SecondaryIndex> index, Range range)
        : index_(std::move(index)), range_(std::move(range)) {}
    void walk(Namespace& ns, uint32_t pid, const query::Cursor* after, const query::RecordVisit& visit) override;
    bool sends_bval() const override { return true; }
    const SecondaryIndex& index() const { return *index_; }

private:
    bool matches(const Record& r) const;

    std::shared_ptr<SecondaryIndex> index_;
    Range range_;
};

}  // namespace aero::server::index
