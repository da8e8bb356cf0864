#include "core/server/security/whitelist.h"

#include <arpa/inet.h>

#include <array>
#include <charconv>
#include <cstring>
#include <cstdint>
#include <optional>

namespace aero::server::security {

namespace {

// An address as 16 bytes (IPv4 mapped into IPv6, so one comparison serves both) and the
// number of leading bits that must match.
struct Block {
    std::array<uint8_t, 16> bytes{};
    unsigned prefix = 128;
};

std::optional<std::array<uint8_t, 16>> parse_address(const std::string& text, bool& v4) {
    std::array<uint8_t, 16> out{};
    in_addr a4{};
    v4 = inet_pton(AF_INET, text.c_str(), &a4) == 1;
    if (v4) {
        out[10] = out[11] = 0xff;
        std::memcpy(out.data() + 12, &a4, 4);
        return out;
    }
    if (inet_pton(AF_INET6, text.c_str(), out.data()) == 1) return out;
    return std::nullopt;
}

std::optional<Block> parse_block(std::string_view entry) {
    size_t slash = entry.find('/');
    bool v4 = false;
    auto address = parse_address(std::string(entry.substr(0, slash)), v4);
    if (!address) return std::nullopt;
    Block b{*address, 128};
    if (slash == std::string_view::npos) return b;
    std::string_view bits = entry.substr(slash + 1);
    unsigned n = 0;
    auto [end, ec] = std::from_chars(bits.data(), bits.data() + bits.size(), n);
    if (ec != std::errc() || end != bits.data() + bits.size() || bits.empty() || n > (v4 ? 32u : 128u))
        return std::nullopt;
    b.prefix = v4 ? n + 96 : n;
    return b;
}

bool matches(const Block& b, const std::array<uint8_t, 16>& address) {
    for (unsigned bit = 0; bit < b.prefix; bit++) {
        uint8_t mask = uint8_t(0x80 >> (bit % 8));
        if ((b.bytes[bit / 8] & mask) != (address[bit / 8] & mask)) return false;
    }
    return true;
}

}  // namespace

bool valid_whitelist(const std::vector<std::string>& entries) {
    for (const auto& e : entries)
        if (!parse_block(e)) return false;
    return true;
}

bool whitelisted(const std::vector<std::string>& entries, std::string_view peer) {
    bool v4 = false;
    auto address = parse_address(std::string(peer), v4);
    if (!address) return false;
    for (const auto& e : entries) {
        auto b = parse_block(e);
        if (b && matches(*b, *address)) return true;
    }
    return false;
}

}  // namespace aero::server::security
