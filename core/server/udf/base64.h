// Base64 as the real server's info commands use it (cf_b64): standard alphabet with padding.
#pragma once

#include <optional>
#include <string>
#include <string_view>

namespace aero::server::udf {

std::string base64_encode(std::string_view data);
// The decoded bytes, or nothing unless `text` is non-empty, a multiple of 4 long, made of the
// alphabet, with at most two '=' at its end only.
std::optional<std::string> base64_decode(std::string_view text);

}  // namespace aero::server::udf
