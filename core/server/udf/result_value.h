// How a UDF's value is answered: the particle of a SUCCESS or FAILURE bin, or of a stream
// value.
#pragma once

#include <optional>
#include <string>

#include "core/lua/value.h"

namespace aero::server::udf {

// The particle and wire bytes of v: a nil particle for nil and for what Lua cannot hand over
// (nothing); GeoJSON as a stored GeoJSON bin carries it (with its cells).
void result_particle(const std::optional<lua::Value>& v, uint8_t& particle, std::string& bytes);

}  // namespace aero::server::udf
