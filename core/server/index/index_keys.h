// The index keys (bvals) a record gives an index (sindex.c sbin_from_bin): the bin, or the
// element its context points at, read as a scalar, list elements, map keys or map values;
// only values of the index's key type count. Integers are their own key, strings and blobs
// their wyhash64, GeoJSON its S2 cells.
#pragma once

#include <cstdint>
#include <functional>
#include <string_view>
#include <vector>

#include "core/server/index/index_def.h"
#include "core/server/record.h"

namespace aero::server::cdt {
struct Value;
}

namespace aero::server::index {

// The distinct keys of r under def, in no particular order.
std::vector<int64_t> keys_of(const IndexDef& def, const Record& r);

// Calls fn on each value the index reads from r (the bin, or each element for collection
// types), as a cdt::Value; stops early when fn returns true. False when there is nothing to
// read (no bin, a context that leads nowhere). Queries re-check records with it.
bool any_value(const IndexDef& def, const Record& r, const std::function<bool(const cdt::Value&)>& fn);

}  // namespace aero::server::index
