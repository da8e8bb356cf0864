// Values as text, for tostring() and the logging helpers.
#pragma once

#include <string>

#include "core/lua/value.h"

namespace aero::lua {

// A readable form of v: strings quoted, lists as [a, b], maps as {k:v, ...}, bytes in hex.
std::string to_text(const Value& v);

}  // namespace aero::lua
