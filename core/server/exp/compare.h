// Comparisons of expression values: the six comparison ops, in_list and the GeoJSON compare.
// Internal to exp/.
#pragma once

#include "core/server/exp/program.h"

namespace aero::server::exp {

// A comparison op (kEq..kLe) over two evaluated operands of one build type.
Val compare_values(uint8_t op, const Val& a, const Val& b);

// in_list: whether `list` (a list value) holds an element equal to `v` in msgpack order.
Val in_list(const Val& v, const Val& list);

// The GeoJSON compare: a point within a region, in either order.
Val geo_compare(const Val& a, const Val& b);

}  // namespace aero::server::exp
