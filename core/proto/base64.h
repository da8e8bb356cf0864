// Standard base64 with padding, as info commands carry binary values (replicas bitmaps,
// index contexts, UDF sources).
#pragma once

#include <cstddef>
#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

namespace aero::proto {

std::string base64_encode(const uint8_t* p, size_t n);
// False on text that is not padded base64.
bool base64_decode(std::string_view text, std::vector<uint8_t>& out);

}  // namespace aero::proto
