#include "core/server/security/command_perms.h"

#include <unordered_map>

#include "core/proto/message.h"
#include "core/server/query/query_request.h"

namespace aero::server::security {

using namespace aero::proto;

Perms record_perms(const Request& req) {
    if (req.udf.has_module) return kPermUdfApply;
    if (req.header.info2 & kInfo2Write) return kPermWrite | ((req.header.info1 & kInfo1Read) ? Perms(kPermRead) : 0);
    return kPermRead;
}

Perms query_perms(const query::QueryRequest& q) {
    if (q.udf.has_module) return kPermUdfQuery;
    return (q.header.info2 & kInfo2Write) ? kPermOpsQuery : kPermQuery;
}

namespace {

const std::unordered_map<std::string_view, Perms>& info_perms() {
    static const std::unordered_map<std::string_view, Perms> m = {
        {"sindex-create", kPermSindexAdmin},  {"sindex-delete", kPermSindexAdmin},
        {"sindex-exists", kPermSindexAdmin},
        {"truncate", kPermTruncate},          {"truncate-namespace", kPermTruncate},
        {"truncate-undo", kPermTruncate},     {"truncate-namespace-undo", kPermTruncate},
        {"udf-put", kPermUdfAdmin},           {"udf-remove", kPermUdfAdmin},
        {"udf-clear-cache", kPermUdfAdmin},   {"query-abort", kPermQueryAdmin},
        {"scan-abort", kPermQueryAdmin},      {"query-abort-all", kPermQueryAdmin},
        {"scan-abort-all", kPermQueryAdmin},  {"set-config", kPermSetConfig},
        {"config-set", kPermSetConfig},       {"eviction-reset", kPermEvictAdmin},
        {"log-set", kPermServiceCtrl},        {"recluster", kPermServiceCtrl},
        {"revive", kPermServiceCtrl},         {"quiesce", kPermServiceCtrl},
        {"quiesce-undo", kPermServiceCtrl},
        // aero-server's own knobs, which stop and start a node as a service restart would.
        {"cluster-stop-node", kPermServiceCtrl}, {"cluster-start-node", kPermServiceCtrl},
    };
    return m;
}

// The value of `key` in "k1=v1;k2=v2".
std::string param(std::string_view params, std::string_view key) {
    while (!params.empty()) {
        size_t semi = params.find(';');
        std::string_view kv = params.substr(0, semi);
        size_t eq = kv.find('=');
        if (eq != std::string_view::npos && kv.substr(0, eq) == key) return std::string(kv.substr(eq + 1));
        if (semi == std::string_view::npos) break;
        params.remove_prefix(semi + 1);
    }
    return {};
}

}  // namespace

InfoNeeds info_needs(std::string_view command) {
    size_t colon = command.find(':');
    std::string_view name = command.substr(0, colon);
    std::string_view params = colon == std::string_view::npos ? std::string_view() : command.substr(colon + 1);
    auto it = info_perms().find(name);
    if (it == info_perms().end()) return {};
    InfoNeeds needs{it->second, "", ""};
    if (it->second == kPermTruncate) {
        needs.ns = param(params, "namespace");
        needs.set = param(params, "set");
    }
    return needs;
}

}  // namespace aero::server::security
