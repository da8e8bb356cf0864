// The client's half of an aggregation (fact sheet §16.3): every node runs the stream
// function over its own records; the values they stream are reduced here, by the same Lua
// function, so that a cluster of any size gives the result one node would.
#include "core/command/query.h"

#include "core/cluster/node.h"
#include "core/command/udf.h"
#include "core/command/udf_modules.h"
#include "core/lua/aggregate.h"

namespace aero {

namespace {

// The module's source as registered on the cluster, from any node.
Status module_source(const ClusterState& state, std::string_view module, net::Clock::time_point deadline,
                     std::vector<uint8_t>& out) {
    if (state.nodes.empty()) return Status(kErrInvalidNode, "no node is available");
    std::string filename = std::string(module) + ".lua";
    InfoValues v;
    Status s = state.nodes.front()->info({"udf-get:filename=" + filename}, deadline, v);
    if (!s.is_ok()) return s;
    return parse_udf_get(v.empty() ? std::string_view() : std::string_view(v.front().second), filename, out);
}

}  // namespace

Status QueryJob::reduce_final() {
    UdfCall call;
    Status s = parse_udf_call(spec_.udf.data(), spec_.udf.size(), call);
    if (!s.is_ok()) return s;
    std::vector<uint8_t> source;
    s = module_source(*cluster_->state(), call.module, deadline(), source);
    if (!s.is_ok()) return s;
    std::vector<std::string> results;
    s = lua::aggregate_final(std::string_view(reinterpret_cast<const char*>(source.data()), source.size()), call.module,
                             call.function, call.args, call.args ? call.args_len : 0, partials_, results);
    if (!s.is_ok()) return s;
    std::lock_guard<std::mutex> lock(mu_);
    for (const std::string& v : results) queued_.insert(queued_.end(), v.begin(), v.end());
    queued_count_ += results.size();
    return Status::ok();
}

}  // namespace aero
