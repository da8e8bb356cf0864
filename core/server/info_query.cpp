// query-show, query-abort and query-abort-all: the node's scan/query jobs (thr_info.c
// cmd_query_show / cmd_query_abort / cmd_query_abort_all).
#include <cerrno>
#include <cstdlib>

#include "core/server/info_commands.h"

namespace aero::server::info {

namespace {

// The id buffer of cmd_query_show(): 24 digits and a sign, octal, decimal or hex.
constexpr size_t kMaxIdSize = 25;

// The job id parameter (`id`, or `trid` as older clients send it). Returns false and sets err
// when it is malformed; `found` tells whether it was given at all.
bool job_id(const Command& cmd, bool& found, uint64_t& id, std::string& err) {
    const std::string_view* v = cmd.param("id");
    if (!v) v = cmd.param("trid");
    found = v != nullptr;
    if (!v) return true;
    if (v->empty()) return err = error(4, "missing 'id' value"), false;
    if (v->size() > kMaxIdSize) return err = error(4, "'id' value too long"), false;
    std::string text(*v);
    char* end = nullptr;
    errno = 0;
    id = std::strtoull(text.c_str(), &end, 0);
    if (errno != 0 || *end != '\0' || text[0] == '-' || id == 0) return err = error(4, "bad id"), false;
    return true;
}

}  // namespace

std::string query_show(ServerContext& ctx, const Command& cmd) {
    bool found = false;
    uint64_t id = 0;
    std::string err;
    if (!job_id(cmd, found, id, err)) return err;
    if (found) {
        auto job = ctx.jobs.find(id);
        return job ? job->info() : error(2, "job not found");
    }
    std::string out;
    for (const auto& job : ctx.jobs.all()) out.append(out.empty() ? "" : ";").append(job->info());
    return out;
}

std::string query_abort(ServerContext& ctx, const Command& cmd) {
    bool found = false;
    uint64_t id = 0;
    std::string err;
    if (!job_id(cmd, found, id, err)) return err;
    if (!found) return error(4, "missing 'id'");
    return ctx.jobs.abort(id) ? "ok" : error(2, "id not active");
}

std::string query_abort_all(ServerContext& ctx) {
    return "number-of-queries-killed:" + std::to_string(ctx.jobs.abort_all());
}

}  // namespace aero::server::info
