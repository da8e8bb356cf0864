#include "core/server/udf/udf_log.h"

#include <cstdio>

namespace aero::server::udf {

void log_message(int level, std::string_view message) {
    static const char* const kLevels[] = {"WARNING", "WARNING", "INFO", "DEBUG", "DETAIL"};
    const char* name = kLevels[level >= 1 && level <= 4 ? level : 0];
    std::fprintf(stderr, "%s (udf): %.*s\n", name, int(message.size()), message.data());
}

}  // namespace aero::server::udf
