#include "core/server/index/index_def.h"

#include <strings.h>

#include <string>

namespace aero::server::index {

namespace {

bool same(std::string_view a, const char* b) {
    return a.size() == std::char_traits<char>::length(b) && strncasecmp(a.data(), b, a.size()) == 0;
}

constexpr const char* kItypeNames[] = {"default", "list", "mapkeys", "mapvalues"};

}  // namespace

uint8_t ktype_from_string(std::string_view s) {
    if (same(s, "numeric")) return 1;
    if (same(s, "string")) return 3;
    if (same(s, "blob")) return 4;
    if (same(s, "geo2dsphere")) return 23;
    return 0;
}

const char* ktype_name(uint8_t ktype) {
    switch (ktype) {
    case 1: return "numeric";
    case 3: return "string";
    case 4: return "blob";
    case 23: return "geo2dsphere";
    default: return "unknown";
    }
}

bool itype_from_string(std::string_view s, uint8_t& out) {
    for (uint8_t i = 0; i < 4; i++)
        if (same(s, kItypeNames[i])) return out = i, true;
    return false;
}

const char* itype_name(uint8_t itype) { return itype < 4 ? kItypeNames[itype] : "unknown"; }

}  // namespace aero::server::index
