#include "core/command/client.h"

#include <poll.h>
#include <unistd.h>

#include <cstring>

#include "core/cluster/cluster.h"
#include "core/command/async_engine.h"
#include "core/command/batch_sync.h"
#include "core/command/executor.h"
#include "core/command/fork_generation.h"
#include "core/command/introspection.h"
#include "core/command/metrics.h"
#include "core/command/query.h"
#include "core/command/reply.h"
#include "core/command/request.h"
#include "core/command/udf.h"
#include "core/proto/admin.h"
#include "core/proto/info.h"
#include "core/proto/msgpack.h"

namespace aero {

namespace mp = proto::msgpack;

namespace {

// Hashes the password once, at client creation, and forgets the clear text: only the hash
// is ever sent (§13.4), so nothing needs the password after this.
std::shared_ptr<net::Credentials> take_credentials(ClientConfig& c) {
    std::shared_ptr<net::Credentials> out;
    if (!c.user.empty()) out = std::make_shared<net::Credentials>(c.user, proto::hash_password(c.password));
    explicit_bzero(c.password.data(), c.password.size());
    c.password.clear();
    return out;
}

// Each thread builds its requests in its own buffer, reused so commands do not allocate.
proto::Buffer& request_buffer() {
    thread_local proto::Buffer b;
    return b;
}

}  // namespace

Client::Client(ClientConfig config)
    : config_(std::move(config)), credentials_(take_credentials(config_)), fork_generation_(fork_generation()) {}

Client::~Client() { close().ignore(); }

std::shared_ptr<Cluster> Client::cluster() const {
    std::lock_guard lock(mu_);
    return cluster_;
}

Status Client::connect() {
    std::lock_guard lock(mu_);
    if (fork_generation() != fork_generation_) return Status(kErrForked, "client was created before fork(); create a new client in this process");
    if (cluster_) return Status(kErrClient, "client is already connected");
    auto c = std::make_shared<Cluster>(config_, credentials_);
    Status s = c->connect();
    if (!s.is_ok()) {
        c->close();
        return s;
    }
    cluster_ = std::move(c);
    return Status::ok();
}

bool Client::is_connected() const { return cluster() != nullptr && fork_generation() == fork_generation_; }

Status Client::close() {
    std::shared_ptr<Cluster> c;
    std::unique_ptr<AsyncEngine> e;
    {
        std::lock_guard lock(mu_);
        c = std::move(cluster_);
        e = std::move(engine_);
    }
    // After fork() the loop and tend threads do not exist in this process; joining them
    // would hang, so their memory is left to the process.
    if (fork_generation() != fork_generation_) {
        (void)e.release();
        (void)new std::shared_ptr<Cluster>(std::move(c));
        return Status::ok();
    }
    if (e) e->close();
    if (c) c->close();
    return Status::ok();
}

namespace {

// The connected cluster, or the reason there is none.
Status usable(const std::shared_ptr<Cluster>& c, unsigned owner) {
    if (fork_generation() != owner) return Status(kErrForked, "client was created before fork(); create a new client in this process");
    if (!c) return Status(kErrNotConnected, "client is not connected; call connect() first");
    return Status::ok();
}

}  // namespace

Status Client::node_names(proto::Buffer& out) {
    auto c = cluster();
    Status s = usable(c, fork_generation_);
    if (!s.is_ok()) return s;
    auto state = c->state();
    out.clear();
    mp::pack_array_header(out, uint32_t(state->nodes.size()));
    for (const auto& n : state->nodes) mp::pack_str(out, n->name());
    return Status::ok();
}

Status Client::stats(proto::Buffer& out) {
    auto c = cluster();
    Status s = usable(c, fork_generation_);
    if (s.is_ok()) write_stats(*c, out);
    return s;
}

Status Client::cluster_view(proto::Buffer& out) {
    auto c = cluster();
    Status s = usable(c, fork_generation_);
    if (s.is_ok()) write_cluster_view(*c, out);
    return s;
}

Status Client::info_target(const uint8_t* policy, size_t policy_len, std::shared_ptr<const ClusterState>& state,
                           net::Clock::time_point& deadline, bool* raw_errors) {
    auto c = cluster();
    Status s = usable(c, fork_generation_);
    Policy p;
    if (s.is_ok()) s = parse_policy(config_, PolicyKind::kInfo, policy, policy_len, p);
    if (!s.is_ok()) return s;
    state = c->state();
    if (raw_errors != nullptr) *raw_errors = p.info_raw_errors;
    // A timeout of 0 is no limit, as a total_timeout of 0 is for commands.
    deadline = p.info_timeout_ms > 0 ? net::Clock::now() + std::chrono::milliseconds(p.info_timeout_ms)
                                     : net::Clock::time_point::max();
    return Status::ok();
}

Status Client::info(proto::Buffer& out, std::string_view node_name, std::string_view command, const uint8_t* policy,
                    size_t policy_len) {
    std::shared_ptr<const ClusterState> state;
    net::Clock::time_point deadline;
    bool raw_errors = false;
    Status s = info_target(policy, policy_len, state, deadline, &raw_errors);
    if (!s.is_ok()) return s;
    if (state->nodes.empty()) return Status(kErrInvalidNode, "no node is available");
    std::shared_ptr<Node> node;
    if (node_name.empty()) {
        node = random_node(*state);
    } else {
        for (const auto& n : state->nodes)
            if (n->name() == node_name) node = n;
        if (!node) return Status(kErrInvalidNode, "no node named '" + std::string(node_name) + "'");
    }
    InfoValues v;
    s = node->info({std::string(command)}, deadline, v);
    if (!s.is_ok()) return s;
    const std::string& value = v.empty() ? std::string() : v.front().second;
    int code = 0;
    std::string message;
    if (!raw_errors && proto::parse_info_error(value, code, message)) {
        Status err(code, message.empty() ? value : message);
        err.set_node(node->name());
        return err;
    }
    out.assign(value.begin(), value.end());
    return Status::ok();
}

Status Client::info_each(std::string_view command, const uint8_t* policy, size_t policy_len, const InfoVisit& visit) {
    std::shared_ptr<const ClusterState> state;
    net::Clock::time_point deadline;
    bool raw_errors = false;
    Status s = info_target(policy, policy_len, state, deadline, &raw_errors);
    if (!s.is_ok()) return s;
    for (const auto& n : state->nodes) {
        InfoValues v;
        Status r = n->info({std::string(command)}, deadline, v);
        std::string value = r.is_ok() && !v.empty() ? v.front().second : r.message();
        int code = r.code();
        std::string message;
        if (r.is_ok() && !raw_errors && proto::parse_info_error(value, code, message))
            value = message.empty() ? value : message;
        s = visit(n->name(), code, value);
        if (!s.is_ok()) return s;
    }
    return Status::ok();
}

Status Client::info_all(proto::Buffer& out, std::string_view command, const uint8_t* policy, size_t policy_len) {
    proto::Buffer rows;
    uint32_t n = 0;
    Status s = info_each(command, policy, policy_len, [&](std::string_view node, int code, std::string_view value) {
        mp::pack_array_header(rows, 3);
        mp::pack_str(rows, node);
        mp::pack_int(rows, code);
        mp::pack_str(rows, value);
        n++;
        return Status::ok();
    });
    if (!s.is_ok()) return s;
    out.clear();
    mp::pack_array_header(out, n);
    out.insert(out.end(), rows.begin(), rows.end());
    return Status::ok();
}

Result<std::unique_ptr<QueryJob>> Client::query(const uint8_t* spec, size_t spec_len, const uint8_t* policy,
                                                 size_t policy_len) {
    auto c = cluster();
    Status s = usable(c, fork_generation_);
    if (!s.is_ok()) return s;
    return QueryJob::start(std::move(c), spec, spec_len, policy, policy_len);
}

Status Client::truncate(std::string_view ns, std::string_view set, uint64_t before_nanos, const uint8_t* policy,
                        size_t policy_len) {
    if (ns.empty()) return Status(kErrParam, "namespace must not be empty");
    auto c = cluster();
    Status s = usable(c, fork_generation_);
    if (!s.is_ok()) return s;
    std::string cmd = set.empty() ? "truncate-namespace:namespace=" + std::string(ns)
                                  : "truncate:namespace=" + std::string(ns) + ";set=" + std::string(set);
    if (before_nanos != 0) cmd += ";lut=" + std::to_string(before_nanos);
    // Truncation must reach every node: each drops its own partitions' records.
    return info_each(cmd, policy, policy_len, [](std::string_view node, int code, std::string_view value) {
        if (code == 0) return Status::ok();
        Status err(code, "truncate failed: " + std::string(value));
        err.set_node(std::string(node));
        return err;
    });
}

namespace {

// The shared front half of every single-record command: a usable cluster, a parsed key and
// the policy for its kind.
struct Prepared {
    std::shared_ptr<Cluster> cluster;
    Key key;
    Policy policy;
};

Status prepare(const std::shared_ptr<Cluster>& c, unsigned owner, const ClientConfig& config, PolicyKind kind,
               const uint8_t* key, size_t key_len, const uint8_t* policy, size_t policy_len, Prepared& out) {
    Status s = parse_key(key, key_len, out.key);
    if (s.is_ok()) s = parse_policy(config, kind, policy, policy_len, out.policy);
    if (s.is_ok()) s = usable(c, owner);
    out.cluster = c;
    return s;
}

}  // namespace

// What distinguishes one single-record command from another, besides its request.
struct CommandSpec {
    PolicyKind policy_kind;
    bool is_write;
    AsyncKind result;
    const char* name;   // what metrics record it under, unless the policy names it
    bool not_found_ok;  // a missing record is an answer, not a failure (for metrics)
};

namespace {

constexpr CommandSpec kPut{PolicyKind::kWrite, true, AsyncKind::kWrite, "put", false};
constexpr CommandSpec kGet{PolicyKind::kRead, false, AsyncKind::kRecord, "get", false};
constexpr CommandSpec kExists{PolicyKind::kRead, false, AsyncKind::kMetadata, "exists", true};
constexpr CommandSpec kRemove{PolicyKind::kWrite, true, AsyncKind::kWrite, "delete", true};
constexpr CommandSpec kTouch{PolicyKind::kWrite, true, AsyncKind::kWrite, "touch", false};
constexpr CommandSpec kOperateRead{PolicyKind::kRead, false, AsyncKind::kRecordPairs, "operate", false};
constexpr CommandSpec kOperateWrite{PolicyKind::kWrite, true, AsyncKind::kRecordPairs, "operate", false};
// A record UDF may write; its reply is the SUCCESS bin.
constexpr CommandSpec kApply{PolicyKind::kWrite, true, AsyncKind::kRecord, "apply", false};

Status finish_reply(proto::Buffer* out, const CommandSpec& spec, const Key& key, const Reply& reply) {
    switch (spec.result) {
    case AsyncKind::kWrite: return Status::ok();
    case AsyncKind::kMetadata: write_metadata(*out, key, reply); return Status::ok();
    case AsyncKind::kRecord: return write_record(*out, key, reply, false);
    case AsyncKind::kRecordPairs: return write_record(*out, key, reply, true);
    case AsyncKind::kBatch:
    case AsyncKind::kBatchPart: break;  // batches run on the event loop only
    }
    return Status::ok();
}

}  // namespace

template <typename Build>
Status Client::run_sync(const CommandSpec& spec, proto::Buffer* out, const uint8_t* key, size_t key_len,
                        const uint8_t* policy, size_t policy_len, Build build) {
    Prepared p;
    Status s = prepare(cluster(), fork_generation_, config_, spec.policy_kind, key, key_len, policy, policy_len, p);
    proto::Buffer& request = request_buffer();
    if (s.is_ok()) s = build(request, p.key, p.policy);
    if (!s.is_ok()) return s;
    const bool timed = metrics::enabled();
    const auto started = timed ? metrics::Clock::now() : metrics::Clock::time_point();
    Reply reply;
    s = execute(*p.cluster, p.policy, spec.is_write, p.key, request, reply);
    if (s.is_ok()) {
        s = finish_reply(out, spec, p.key, reply);
        // The server answered OK: a write it applied stays applied, whatever its reply holds.
        if (!s.is_ok()) s.set_in_doubt(spec.is_write);
    }
    if (timed) {
        int code = spec.not_found_ok && s.code() == kResultNotFound ? 0 : s.code();
        metrics::record(p.policy.metrics_name(spec.name), p.key.ns, p.key.set, code, metrics::Clock::now() - started);
    }
    return s;
}

template <typename Build>
Status Client::run_async(const CommandSpec& spec, const std::shared_ptr<CompletionQueue>& queue, uint64_t token,
                         const uint8_t* key, size_t key_len, const uint8_t* policy, size_t policy_len, Build build) {
    if (!queue) return Status(kErrParam, "queue must not be null");
    Prepared p;
    Status s = prepare(cluster(), fork_generation_, config_, spec.policy_kind, key, key_len, policy, policy_len, p);
    if (!s.is_ok()) return s;
    auto engine = async_engine();
    if (!engine.is_ok()) return engine.status();
    AsyncCommand* cmd = engine.value()->acquire();
    s = build(cmd->request, p.key, p.policy);
    if (!s.is_ok()) {
        engine.value()->give_back(cmd);
        return s;
    }
    cmd->kind = spec.result;
    cmd->is_write = spec.is_write;
    cmd->policy = p.policy;
    cmd->ns.assign(p.key.ns);
    time_command(*cmd, p.policy.metrics_name(spec.name), p.key.set, spec.not_found_ok);
    cmd->digest = p.key.digest;
    cmd->token = token;
    cmd->queue = queue;
    return engine.value()->submit(cmd);
}

Result<AsyncEngine*> Client::async_engine() {
    std::lock_guard lock(mu_);
    if (!cluster_) return Status(kErrNotConnected, "client is not connected; call connect() first");
    if (!engine_) {
        auto e = std::make_unique<AsyncEngine>(cluster_, config_);
        Status s = e->start();
        if (!s.is_ok()) return s;
        engine_ = std::move(e);
    }
    return engine_.get();
}

namespace {

// Request builders in the shape run_sync/run_async take.
auto put_builder(const uint8_t* bins, size_t len) {
    return [=](proto::Buffer& b, const Key& k, const Policy& p) { return build_put(b, k, p, bins, len); };
}
auto get_builder(const uint8_t* names, size_t len) {
    return [=](proto::Buffer& b, const Key& k, const Policy& p) { return build_get(b, k, p, names, len); };
}
auto operate_builder(const uint8_t* ops, size_t len) {
    return [=](proto::Buffer& b, const Key& k, const Policy& p) { return build_operate(b, k, p, ops, len); };
}
Status exists_builder(proto::Buffer& b, const Key& k, const Policy& p) { return build_exists(b, k, p); }
Status remove_builder(proto::Buffer& b, const Key& k, const Policy& p) { return build_remove(b, k, p); }
Status touch_builder(proto::Buffer& b, const Key& k, const Policy& p) { return build_touch(b, k, p); }
auto apply_builder(const UdfCall& call) {
    return [=](proto::Buffer& b, const Key& k, const Policy& p) { return build_apply(b, k, p, call); };
}

// Operate reads or writes depending on its ops; the policy defaults follow.
Result<const CommandSpec*> operate_spec(const uint8_t* ops, size_t len) {
    bool writes = false;
    Status s = operate_writes(ops, len, writes);
    if (!s.is_ok()) return s;
    return writes ? &kOperateWrite : &kOperateRead;
}

}  // namespace

Status Client::put(const uint8_t* key, size_t key_len, const uint8_t* bins, size_t bins_len, const uint8_t* policy,
                   size_t policy_len) {
    return run_sync(kPut, nullptr, key, key_len, policy, policy_len, put_builder(bins, bins_len));
}

Status Client::get(proto::Buffer& out, const uint8_t* key, size_t key_len, const uint8_t* names, size_t names_len,
                   const uint8_t* policy, size_t policy_len) {
    return run_sync(kGet, &out, key, key_len, policy, policy_len, get_builder(names, names_len));
}

Status Client::exists(proto::Buffer& out, const uint8_t* key, size_t key_len, const uint8_t* policy, size_t policy_len) {
    return run_sync(kExists, &out, key, key_len, policy, policy_len, exists_builder);
}

Status Client::remove(const uint8_t* key, size_t key_len, const uint8_t* policy, size_t policy_len) {
    return run_sync(kRemove, nullptr, key, key_len, policy, policy_len, remove_builder);
}

Status Client::touch(const uint8_t* key, size_t key_len, const uint8_t* policy, size_t policy_len) {
    return run_sync(kTouch, nullptr, key, key_len, policy, policy_len, touch_builder);
}

Status Client::operate(proto::Buffer& out, const uint8_t* key, size_t key_len, const uint8_t* ops, size_t ops_len,
                       const uint8_t* policy, size_t policy_len) {
    auto spec = operate_spec(ops, ops_len);
    if (!spec.is_ok()) return spec.status();
    return run_sync(*spec.value(), &out, key, key_len, policy, policy_len, operate_builder(ops, ops_len));
}

Status Client::apply(proto::Buffer& out, const uint8_t* key, size_t key_len, const uint8_t* udf, size_t udf_len,
                     const uint8_t* policy, size_t policy_len) {
    UdfCall call;
    Status s = parse_udf_call(udf, udf_len, call);
    if (!s.is_ok()) return s;
    return run_sync(kApply, &out, key, key_len, policy, policy_len, apply_builder(call));
}

Status Client::put_async(const std::shared_ptr<CompletionQueue>& q, uint64_t token, const uint8_t* key, size_t key_len,
                         const uint8_t* bins, size_t bins_len, const uint8_t* policy, size_t policy_len) {
    return run_async(kPut, q, token, key, key_len, policy, policy_len, put_builder(bins, bins_len));
}

Status Client::get_async(const std::shared_ptr<CompletionQueue>& q, uint64_t token, const uint8_t* key, size_t key_len,
                         const uint8_t* names, size_t names_len, const uint8_t* policy, size_t policy_len) {
    return run_async(kGet, q, token, key, key_len, policy, policy_len, get_builder(names, names_len));
}

Status Client::exists_async(const std::shared_ptr<CompletionQueue>& q, uint64_t token, const uint8_t* key,
                            size_t key_len, const uint8_t* policy, size_t policy_len) {
    return run_async(kExists, q, token, key, key_len, policy, policy_len, exists_builder);
}

Status Client::remove_async(const std::shared_ptr<CompletionQueue>& q, uint64_t token, const uint8_t* key,
                            size_t key_len, const uint8_t* policy, size_t policy_len) {
    return run_async(kRemove, q, token, key, key_len, policy, policy_len, remove_builder);
}

Status Client::touch_async(const std::shared_ptr<CompletionQueue>& q, uint64_t token, const uint8_t* key,
                           size_t key_len, const uint8_t* policy, size_t policy_len) {
    return run_async(kTouch, q, token, key, key_len, policy, policy_len, touch_builder);
}

Status Client::operate_async(const std::shared_ptr<CompletionQueue>& q, uint64_t token, const uint8_t* key,
                             size_t key_len, const uint8_t* ops, size_t ops_len, const uint8_t* policy,
                             size_t policy_len) {
    auto spec = operate_spec(ops, ops_len);
    if (!spec.is_ok()) return spec.status();
    return run_async(*spec.value(), q, token, key, key_len, policy, policy_len, operate_builder(ops, ops_len));
}

Status Client::apply_async(const std::shared_ptr<CompletionQueue>& q, uint64_t token, const uint8_t* key,
                           size_t key_len, const uint8_t* udf, size_t udf_len, const uint8_t* policy,
                           size_t policy_len) {
    UdfCall call;
    Status s = parse_udf_call(udf, udf_len, call);
    if (!s.is_ok()) return s;
    return run_async(kApply, q, token, key, key_len, policy, policy_len, apply_builder(call));
}

Status Client::prepare_batch(const uint8_t* rows, size_t rows_len, const uint8_t* policy, size_t policy_len,
                             BatchTarget* target, Policy& p, BatchJob& job) {
    if (rows == nullptr || rows_len == 0) return Status(kErrParam, "batch rows must be a msgpack array");
    Status s = parse_policy(config_, PolicyKind::kRead, policy, policy_len, p);
    if (s.is_ok()) s = job.parse(rows, rows_len, p);
    if (s.is_ok() && target != nullptr) s = job.set_target(std::move(*target));
    if (s.is_ok()) s = usable(cluster(), fork_generation_);
    return s;
}

Status Client::batch_async(const std::shared_ptr<CompletionQueue>& queue, uint64_t token, const uint8_t* rows,
                           size_t rows_len, const uint8_t* policy, size_t policy_len, BatchTarget* target) {
    if (!queue) return Status(kErrParam, "queue must not be null");
    Policy p;
    auto job = std::make_unique<BatchJob>();
    Status s = prepare_batch(rows, rows_len, policy, policy_len, target, p, *job);
    if (!s.is_ok()) return s;
    auto engine = async_engine();
    if (!engine.is_ok()) return engine.status();
    AsyncCommand* cmd = engine.value()->acquire();
    cmd->kind = AsyncKind::kBatch;
    cmd->is_write = false;
    cmd->policy = p;
    // A batch is recorded under its first row's namespace and set, as aerospike-py does.
    const BatchRow* first = job->rows().empty() ? nullptr : &job->rows().front();
    cmd->ns.assign(first ? first->key.ns : std::string_view());
    time_command(*cmd, p.metrics_name("batch"), first ? first->key.set : std::string_view(), false);
    cmd->batch = std::move(job);
    cmd->token = token;
    cmd->queue = queue;
    return engine.value()->submit(cmd);
}

namespace {

// Waits for the one completion a sync caller expects on its thread's queue and turns it back
// into a status, copying a successful payload into out.
Status await_completion(CompletionQueue& q, proto::Buffer& out) {
    thread_local proto::Buffer drained;
    for (;;) {
        pollfd p{q.fd(), POLLIN, 0};
        if (::poll(&p, 1, -1) < 0 && errno != EINTR) return Status(kErrClient, "poll failed while waiting for a batch");
        if (q.drain(drained, 1) == 1) break;
    }
    proto::Reader r(drained.data(), drained.size());
    mp::Item outer, entry, token, status;
    mp::read_item(r, outer);
    mp::read_item(r, entry);
    mp::read_item(r, token);
    mp::read_item(r, status);
    const uint8_t* payload = r.pos();
    if (status.i == 0) {
        out.assign(payload, static_cast<const uint8_t*>(drained.data() + drained.size()));
        return Status::ok();
    }
    // The error payload is {"message": str, "in_doubt": bool, "node": str}.
    Status err(int(status.i), "");
    mp::Item map, k, v;
    mp::read_item(r, map);
    std::string message, node;
    bool doubt = false;
    for (uint32_t i = 0; i < map.len; i++) {
        mp::read_item(r, k);
        mp::read_item(r, v);
        std::string_view name(reinterpret_cast<const char*>(k.data), k.len);
        if (name == "message") message.assign(reinterpret_cast<const char*>(v.data), v.len);
        else if (name == "node") node.assign(reinterpret_cast<const char*>(v.data), v.len);
        else if (name == "in_doubt") doubt = v.b;
    }
    err = Status(int(status.i), message, doubt);
    err.set_node(node);
    return err;
}

}  // namespace

Status Client::batch(proto::Buffer& out, const uint8_t* rows, size_t rows_len, const uint8_t* policy,
                     size_t policy_len, BatchTarget* target) {
    std::shared_ptr<Cluster> c = cluster();
    if (c && c->state()->nodes.size() == 1) {
        // One node: the batch runs on this thread (see batch_sync.h).
        Policy p;
        BatchJob job;
        Status s = prepare_batch(rows, rows_len, policy, policy_len, target, p, job);
        if (!s.is_ok()) return s;
        const bool timed = metrics::enabled();
        const auto started = timed ? metrics::Clock::now() : metrics::Clock::time_point();
        s = run_batch_sync(*c, job, out);
        if (timed) {
            // Recorded under its first row's namespace and set, as on the event loop.
            const BatchRow* first = job.rows().empty() ? nullptr : &job.rows().front();
            metrics::record(p.metrics_name("batch"), first ? first->key.ns : std::string_view(),
                            first ? first->key.set : std::string_view(), s.code(), metrics::Clock::now() - started);
        }
        return s;
    }
    thread_local std::shared_ptr<CompletionQueue> queue;
    if (!queue) {
        auto q = std::make_shared<CompletionQueue>();
        Status s = q->open();
        if (!s.is_ok()) return s;
        queue = std::move(q);
    }
    Status s = batch_async(queue, 0, rows, rows_len, policy, policy_len, target);
    return s.is_ok() ? await_completion(*queue, out) : s;
}

}  // namespace aero
