// truncate / truncate-namespace: drop records last updated before a time (fact sheet §2.2).
#include <cstdlib>
#include <string>

#include "core/proto/ttl.h"
#include "core/server/clock.h"
#include "core/server/info_commands.h"

namespace aero::server::info {

namespace {

// A required parameter, or the server's error for a missing one (20 for the namespace).
bool required(const Command& cmd, std::string_view key, std::string_view& out, std::string& err) {
    const std::string_view* v = cmd.param(key);
    if (v && !v->empty()) {
        out = *v;
        return true;
    }
    int code = key == "namespace" ? 20 : 4;
    err = error(code, v ? "missing '" + std::string(key) + "' value" : "missing '" + std::string(key) + "'");
    return false;
}

}  // namespace

std::string truncate(ServerContext& ctx, const Command& cmd, bool whole_namespace) {
    std::string err;
    std::string_view ns_name, set_name;
    if (!required(cmd, "namespace", ns_name, err)) return err;
    if (whole_namespace) {
        if (cmd.param("set")) return error(4, "unexpected set name");
    } else if (!required(cmd, "set", set_name, err)) {
        return err;
    }

    uint64_t now = now_unix_ms();
    uint64_t lut = now;
    if (const std::string_view* lut_text = cmd.param("lut"); lut_text && !lut_text->empty()) {
        // Nanoseconds since the Unix epoch; like the server, accept C-style hex and octal too.
        uint64_t ns_value = std::strtoull(std::string(*lut_text).c_str(), nullptr, 0);
        lut = ns_value / 1000000;
        if (lut <= uint64_t(proto::kAerospikeEpochUnix) * 1000) return error(4, "would truncate to 0");
        if (lut > now) return error(4, "would truncate in the future");
    }

    // Truncation is cluster-wide, as the server spreads it to every node. Like the server, an
    // unknown namespace or set is not an error: there is nothing to drop.
    for (Storage* storage : ctx.cluster_storages()) {
        Namespace* ns = storage->find(ns_name);
        if (!ns) continue;
        if (whole_namespace) {
            ns->truncate(std::nullopt, lut);
        } else if (auto id = ns->set_id(set_name, false)) {
            ns->truncate(*id, lut);
        }
    }
    return "ok";
}

}  // namespace aero::server::info
