// udf-put, udf-get, udf-list, udf-remove and udf-clear-cache, answering as the real server's
// udf_cask.c does, errors included.
#include <cctype>

#include "core/lua/environment.h"
#include "core/server/info_commands.h"
#include "core/server/udf/base64.h"
#include "core/server/udf/registry.h"

namespace aero::server::info {

namespace {

// The sizes of the real server's parameter buffers: a longer value is refused as if absent.
constexpr size_t kMaxFilename = 127;
constexpr size_t kMaxContentLen = 10;
constexpr size_t kMaxUdfType = 15;
constexpr size_t kMaxUdfBytes = 1024 * 1024;

// A parameter no longer than `max` bytes, or nothing (missing or too long).
std::optional<std::string> param(const Command& cmd, std::string_view key, size_t max) {
    const std::string_view* v = cmd.param(key);
    if (!v || v->size() > max) return std::nullopt;
    return std::string(*v);
}

// cf_str_atoi_u32(): decimal digits with an optional k/m/g multiplier; "" is 0.
std::optional<uint32_t> content_len(const std::string& s) {
    uint64_t v = 0;
    size_t i = 0;
    for (; i < s.size() && s[i] >= '0' && s[i] <= '9'; i++) v = v * 10 + uint64_t(s[i] - '0');
    if (i < s.size()) {
        char m = char(std::tolower(static_cast<unsigned char>(s[i++])));
        uint64_t scale = m == 'k' ? 1ull << 10 : m == 'm' ? 1ull << 20 : m == 'g' ? 1ull << 30 : 0;
        if (scale == 0) return std::nullopt;
        v *= scale;
    }
    if (i != s.size() || v > UINT32_MAX) return std::nullopt;
    return uint32_t(v);
}

std::string compile_error(const lua::LoadError& err) {
    return "error=compile_error;file=" + err.file + ";line=" + std::to_string(err.line) +
           ";message=" + udf::base64_encode(err.message);
}

}  // namespace

std::string udf_put(ServerContext& ctx, const Command& cmd) {
    auto filename = param(cmd, "filename", kMaxFilename);
    if (!filename) return "error=invalid_filename";
    size_t dot = filename->find('.');
    if (dot == std::string::npos || dot == 0 || dot + 1 == filename->size()) return "error=invalid_filename";
    auto len_text = param(cmd, "content-len", kMaxContentLen);
    if (!len_text) return "error=invalid_content_len";
    auto type = param(cmd, "udf-type", kMaxUdfType);
    if ((cmd.param("udf-type") && !type) || (type && *type != "LUA")) return "error=invalid_udf_type";
    auto len = content_len(*len_text);
    if (!len || *len % 4 != 0) return "error=invalid_content_len";
    auto content = param(cmd, "content", *len);
    if (!content || content->size() != *len) return "error=invalid_content";
    if (size_t(*len) / 4 * 3 > kMaxUdfBytes) return "error=invalid_udf_content_len,>1M";
    auto source = udf::base64_decode(*content);
    if (!source) return "error=invalid_base64_content";
    lua::LoadError err;
    if (!lua::validate(ctx.udf->dir(), *filename, *source, err)) return compile_error(err);
    if (!udf::metadata_json(*filename, *content)) return "error=json_error";
    if (!ctx.udf->put(*filename, *content, *source)) return "error=timeout";
    return "ok";
}

std::string udf_get(ServerContext& ctx, const Command& cmd) {
    auto filename = param(cmd, "filename", kMaxFilename);
    if (!filename) return "error=invalid_filename";
    auto source = ctx.udf->source(*filename);
    if (!source) return "error=not_found";
    if (source->empty()) return "error=empty";
    return "type=LUA;content=" + udf::base64_encode(*source) + ";";
}

std::string udf_list(ServerContext& ctx) {
    std::string out;
    for (const udf::Module& m : ctx.udf->list()) out += "filename=" + m.filename + ",hash=" + m.hash + ",type=LUA;";
    return out;
}

std::string udf_remove(ServerContext& ctx, const Command& cmd) {
    auto filename = param(cmd, "filename", kMaxFilename);
    if (!filename) return "error=invalid_filename";
    ctx.udf->remove(*filename);
    return "ok";
}

}  // namespace aero::server::info
