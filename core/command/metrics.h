// Operation metrics, process-wide: a latency histogram per (operation, namespace, set,
// result code), as aerospike-py's db_client_operation_duration_seconds keeps them. Commands
// record here when they end; hosts read a snapshot and format it (the Python package formats
// OpenMetrics text). Recording takes no allocation once a series exists.
#pragma once

#include <chrono>
#include <cstdint>
#include <string_view>

#include "core/proto/bytes.h"

namespace aero::metrics {

// Upper bounds of the histogram buckets, in seconds (aerospike-py's).
constexpr double kBucketBounds[] = {0.001, 0.005, 0.01, 0.05, 0.1, 0.5, 1.0, 5.0, 10.0};
constexpr size_t kBuckets = sizeof(kBucketBounds) / sizeof(kBucketBounds[0]);
// Longer labels are cut to these lengths.
constexpr size_t kMaxOpName = 31;
constexpr size_t kMaxNamespace = 31;
constexpr size_t kMaxSet = 63;

using Clock = std::chrono::steady_clock;

// Whether commands record (on unless turned off).
bool enabled();
void set_enabled(bool on);

// One finished operation; code 0 for success.
void record(std::string_view op, std::string_view ns, std::string_view set, int code, Clock::duration took);

// Every series as msgpack [[op, ns, set, code, count, sum_seconds, [bucket counts...]], ...],
// bucket counts per bound (not cumulative), the last for larger values.
void snapshot(proto::Buffer& out);

// Forgets every series.
void reset();

}  // namespace aero::metrics
