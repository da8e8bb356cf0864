// What a scan or query asks for (the C ABI's spec map, see aero.h "Queries"), checked once,
// and the request one node gets for its share of the partitions (fact sheet §10.1).
#pragma once

#include <cstdint>
#include <string>
#include <vector>

#include "core/command/policy.h"
#include "core/proto/bytes.h"
#include "core/proto/digest.h"

namespace aero {

// One partition's progress, as the official clients' partition tracker keeps it (§10.4).
struct PartitionStatus {
    uint16_t id = 0;
    bool done = false;       // finished by an earlier run of the same query
    bool retry = true;       // still to be sent in the current run
    bool has_digest = false; // resume strictly after `digest` (and `bval` for index queries)
    proto::Digest digest{};
    int64_t bval = 0;
    uint32_t sequence = 0;   // the replica to ask, advanced when a node fails the partition
};

// The secondary-index predicate: INDEX_RANGE (§10.2) and its companions.
struct IndexPredicate {
    std::string bin;         // empty when index_name is used
    std::string index_name;
    uint8_t collection = 0;  // INDEX_TYPE: 0 default, 1 list, 2 map keys, 3 map values
    uint8_t particle = 0;    // 1 integer, 3 string, 4 blob, 23 GeoJSON
    proto::Buffer begin;     // wire bytes of the range ends (i64 BE for integers)
    proto::Buffer end;
    proto::Buffer ctx;       // INDEX_CONTEXT: the wire ctx array, or empty
};

struct QuerySpec {
    std::string ns;
    std::string set;
    bool all_bins = true;
    std::vector<std::string> bins;
    bool no_bins = false;
    bool has_index = false;
    IndexPredicate index;
    uint64_t max_records = 0;           // across the cluster; 0 = no limit
    uint32_t records_per_second = 0;    // per node, as the server applies it
    uint8_t expected_duration = 0;      // 0 long, 1 short, 2 long relax AP
    uint32_t record_queue_size = 1024;  // records decoded ahead of the caller
    uint32_t max_concurrent_nodes = 0;  // 0 = every node at once
    std::vector<PartitionStatus> partitions;
    proto::Buffer ops;                  // a background job's write ops (aero.h "ops"), or empty
    proto::Buffer udf;                  // a UDF call [module, function, args] (aero.h), or empty
    uint8_t udf_op = 0;                 // with udf: kUdfAggregate or kUdfBackground

    bool background() const { return !ops.empty() || udf_op == kUdfBackground; }
    bool aggregate() const { return udf_op == kUdfAggregate; }
    static constexpr uint8_t kUdfAggregate = 1;   // UDF_OP values (fact sheet §4)
    static constexpr uint8_t kUdfBackground = 2;
};

// Parses and checks the spec map; the partitions come from "partitions" / "after" or from a
// saved "status" (see aero.h).
Status parse_query_spec(const uint8_t* spec, size_t len, QuerySpec& out);

// The request for `parts` (all on one node) with a per-node record limit `max_records`.
Status build_query_request(proto::Buffer& out, const QuerySpec& spec, const Policy& policy, uint64_t task_id,
                           const std::vector<const PartitionStatus*>& parts, uint64_t max_records);

// The request that starts a background job (spec.ops) on one node: each node applies the
// ops to the records of the partitions it masters (fact sheet §10.5).
Status build_background_request(proto::Buffer& out, const QuerySpec& spec, const Policy& policy, uint64_t task_id);

// The partition states as [[id, done, digest|nil, bval], ...] (see aero.h).
void write_partition_status(proto::Buffer& out, const std::vector<PartitionStatus>& parts);

}  // namespace aero
