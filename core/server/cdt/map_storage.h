// Values a client sends to be stored go through the server's cdt_untrusted_rewrite(): every
// map at any depth must have valid, distinct keys and is kept sorted by key (an unordered map
// too), a key-ordered map or an ordered list must arrive in order. Used for whole list and
// map bins (bin_value.cpp) and for the values list, map and context ops store.
#pragma once

#include "core/server/cdt/value.h"

namespace aero::server::cdt {

// The real server's map_is_key(): an integer, a string or a blob (particle byte 4, not a
// language blob and not empty).
bool is_map_key(const Value& v);

// Checks v as a value to store and sorts the keys of its unordered maps in place. Returns 0,
// or 4 (parameter error) for a wildcard or infinity, an invalid or repeated map key, or a
// key-ordered map or ordered list out of order.
int prepare_storage_value(Value& v);

}  // namespace aero::server::cdt
