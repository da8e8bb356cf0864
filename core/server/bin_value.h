// Bin values from the wire: validation of WRITE values and the modify ops (INCR, APPEND,
// PREPEND), with the real server's result codes.
#pragma once

#include <cstddef>
#include <cstdint>

#include "core/server/record.h"

namespace aero::server {

// Sets b to a WRITE op's value; returns 0 or a result code (4 for a bad type or size, 160 for
// invalid GeoJSON, which is stored with the server's own flags and cells: geo::make_particle()).
int write_bin_value(Bin& b, uint8_t particle, const uint8_t* value, size_t n);

// Applies INCR, APPEND or PREPEND to b. A bin without a value is created from the op's value,
// whatever its type, as the server does; otherwise a type mismatch gives 12, and a GeoJSON bin
// refuses them all with 1.
int modify_bin_value(Bin& b, uint8_t op, uint8_t particle, const uint8_t* value, size_t n);

}  // namespace aero::server
