#include "core/command/client.h"

#include <unistd.h>

#include <random>

#include "core/cluster/cluster.h"
#include "core/command/executor.h"
#include "core/command/reply.h"
#include "core/command/request.h"
#include "core/proto/info.h"
#include "core/proto/msgpack.h"

namespace aero {

namespace mp = proto::msgpack;

namespace {

// Each thread builds its requests in its own buffer, reused so commands do not allocate.
proto::Buffer& request_buffer() {
    thread_local proto::Buffer b;
    return b;
}

Status info_deadline_status(const Status& s, const std::string& node) {
    Status out = s;
    if (out.node().empty()) out.set_node(node);
    return out;
}

}  // namespace

Client::Client(ClientConfig config) : config_(std::move(config)), pid_(::getpid()) {}

Client::~Client() { close().ignore(); }

std::shared_ptr<Cluster> Client::cluster() const {
    std::lock_guard lock(mu_);
    return cluster_;
}

Status Client::connect() {
    std::lock_guard lock(mu_);
    if (::getpid() != pid_) return Status(kErrForked, "client was created before fork(); create a new client in this process");
    if (cluster_) return Status(kErrClient, "client is already connected");
    auto c = std::make_shared<Cluster>(config_);
    Status s = c->connect();
    if (!s.is_ok()) {
        c->close();
        return s;
    }
    cluster_ = std::move(c);
    return Status::ok();
}

bool Client::is_connected() const { return cluster() != nullptr && ::getpid() == pid_; }

Status Client::close() {
    std::shared_ptr<Cluster> c;
    {
        std::lock_guard lock(mu_);
        c = std::move(cluster_);
    }
    // After fork() the tend thread does not exist in this process; joining it would hang.
    if (c && ::getpid() == pid_) c->close();
    return Status::ok();
}

namespace {

// The connected cluster, or the reason there is none.
Status usable(const std::shared_ptr<Cluster>& c, pid_t owner) {
    if (::getpid() != owner) return Status(kErrForked, "client was created before fork(); create a new client in this process");
    if (!c) return Status(kErrNotConnected, "client is not connected; call connect() first");
    return Status::ok();
}

}  // namespace

Status Client::node_names(proto::Buffer& out) {
    auto c = cluster();
    Status s = usable(c, pid_);
    if (!s.is_ok()) return s;
    auto state = c->state();
    out.clear();
    mp::pack_array_header(out, uint32_t(state->nodes.size()));
    for (const auto& n : state->nodes) mp::pack_str(out, n->name());
    return Status::ok();
}

Status Client::info(proto::Buffer& out, std::string_view node_name, std::string_view command, const uint8_t* policy,
                    size_t policy_len) {
    auto c = cluster();
    Status s = usable(c, pid_);
    if (!s.is_ok()) return s;
    Policy p;
    s = parse_policy(config_, PolicyKind::kInfo, policy, policy_len, p);
    if (!s.is_ok()) return s;
    auto state = c->state();
    if (state->nodes.empty()) return Status(kErrInvalidNode, "no node is available");
    std::shared_ptr<Node> node;
    if (node_name.empty()) {
        thread_local std::minstd_rand rng(std::random_device{}());
        node = state->nodes[rng() % state->nodes.size()];
    } else {
        for (const auto& n : state->nodes)
            if (n->name() == node_name) node = n;
        if (!node) return Status(kErrInvalidNode, "no node named '" + std::string(node_name) + "'");
    }
    InfoValues v;
    auto deadline = net::Clock::now() + std::chrono::milliseconds(p.info_timeout_ms);
    s = node->info({std::string(command)}, deadline, v);
    if (!s.is_ok()) return info_deadline_status(s, node->name());
    const std::string& value = v.empty() ? std::string() : v.front().second;
    int code = 0;
    std::string message;
    if (proto::parse_info_error(value, code, message)) {
        Status err(code, message.empty() ? value : message);
        err.set_node(node->name());
        return err;
    }
    out.assign(value.begin(), value.end());
    return Status::ok();
}

Status Client::info_all(proto::Buffer& out, std::string_view command, const uint8_t* policy, size_t policy_len) {
    auto c = cluster();
    Status s = usable(c, pid_);
    if (!s.is_ok()) return s;
    Policy p;
    s = parse_policy(config_, PolicyKind::kInfo, policy, policy_len, p);
    if (!s.is_ok()) return s;
    auto state = c->state();
    auto deadline = net::Clock::now() + std::chrono::milliseconds(p.info_timeout_ms);
    out.clear();
    mp::pack_array_header(out, uint32_t(state->nodes.size()));
    for (const auto& n : state->nodes) {
        InfoValues v;
        Status r = n->info({std::string(command)}, deadline, v);
        std::string value = r.is_ok() && !v.empty() ? v.front().second : r.message();
        int code = r.code();
        std::string message;
        if (r.is_ok() && proto::parse_info_error(value, code, message)) value = message.empty() ? value : message;
        mp::pack_array_header(out, 3);
        mp::pack_str(out, n->name());
        mp::pack_int(out, code);
        mp::pack_str(out, value);
    }
    return Status::ok();
}

Status Client::truncate(std::string_view ns, std::string_view set, uint64_t before_nanos, const uint8_t* policy,
                        size_t policy_len) {
    if (ns.empty()) return Status(kErrParam, "namespace must not be empty");
    auto c = cluster();
    Status s = usable(c, pid_);
    if (!s.is_ok()) return s;
    std::string cmd = set.empty() ? "truncate-namespace:namespace=" + std::string(ns)
                                  : "truncate:namespace=" + std::string(ns) + ";set=" + std::string(set);
    if (before_nanos != 0) cmd += ";lut=" + std::to_string(before_nanos);
    // Truncation must reach every node: each drops its own partitions' records.
    proto::Buffer buf;
    s = info_all(buf, cmd, policy, policy_len);
    if (!s.is_ok()) return s;
    proto::Reader r(buf.data(), buf.size());
    mp::Item arr, it;
    mp::read_item(r, arr);
    for (uint32_t i = 0; i < arr.len; i++) {
        mp::Item node, code, value;
        mp::read_item(r, it);
        mp::read_item(r, node);
        mp::read_item(r, code);
        mp::read_item(r, value);
        if (code.i != 0) {
            Status err(int(code.i), "truncate failed: " + std::string(reinterpret_cast<const char*>(value.data), value.len));
            err.set_node(std::string(reinterpret_cast<const char*>(node.data), node.len));
            return err;
        }
    }
    return Status::ok();
}

namespace {

// The shared front half of every single-record command: a usable cluster, a parsed key and
// the policy for its kind.
struct Prepared {
    std::shared_ptr<Cluster> cluster;
    Key key;
    Policy policy;
};

Status prepare(const std::shared_ptr<Cluster>& c, pid_t owner, const ClientConfig& config, PolicyKind kind,
               const uint8_t* key, size_t key_len, const uint8_t* policy, size_t policy_len, Prepared& out) {
    Status s = parse_key(key, key_len, out.key);
    if (s.is_ok()) s = parse_policy(config, kind, policy, policy_len, out.policy);
    if (s.is_ok()) s = usable(c, owner);
    out.cluster = c;
    return s;
}

}  // namespace

Status Client::put(const uint8_t* key, size_t key_len, const uint8_t* bins, size_t bins_len, const uint8_t* policy,
                   size_t policy_len) {
    Prepared p;
    Status s = prepare(cluster(), pid_, config_, PolicyKind::kWrite, key, key_len, policy, policy_len, p);
    if (s.is_ok()) s = build_put(request_buffer(), p.key, p.policy, bins, bins_len);
    if (!s.is_ok()) return s;
    Reply reply;
    return execute(*p.cluster, p.policy, true, p.key, request_buffer(), reply);
}

Status Client::get(proto::Buffer& out, const uint8_t* key, size_t key_len, const uint8_t* names, size_t names_len,
                   const uint8_t* policy, size_t policy_len) {
    Prepared p;
    Status s = prepare(cluster(), pid_, config_, PolicyKind::kRead, key, key_len, policy, policy_len, p);
    if (s.is_ok()) s = build_get(request_buffer(), p.key, p.policy, names, names_len);
    if (!s.is_ok()) return s;
    Reply reply;
    s = execute(*p.cluster, p.policy, false, p.key, request_buffer(), reply);
    return s.is_ok() ? write_record(out, p.key, reply, false) : s;
}

Status Client::exists(proto::Buffer& out, const uint8_t* key, size_t key_len, const uint8_t* policy, size_t policy_len) {
    Prepared p;
    Status s = prepare(cluster(), pid_, config_, PolicyKind::kRead, key, key_len, policy, policy_len, p);
    if (!s.is_ok()) return s;
    build_exists(request_buffer(), p.key, p.policy);
    Reply reply;
    s = execute(*p.cluster, p.policy, false, p.key, request_buffer(), reply);
    if (s.is_ok()) write_metadata(out, p.key, reply);
    return s;
}

Status Client::remove(const uint8_t* key, size_t key_len, const uint8_t* policy, size_t policy_len) {
    Prepared p;
    Status s = prepare(cluster(), pid_, config_, PolicyKind::kWrite, key, key_len, policy, policy_len, p);
    if (!s.is_ok()) return s;
    build_remove(request_buffer(), p.key, p.policy);
    Reply reply;
    return execute(*p.cluster, p.policy, true, p.key, request_buffer(), reply);
}

Status Client::touch(const uint8_t* key, size_t key_len, const uint8_t* policy, size_t policy_len) {
    Prepared p;
    Status s = prepare(cluster(), pid_, config_, PolicyKind::kWrite, key, key_len, policy, policy_len, p);
    if (!s.is_ok()) return s;
    build_touch(request_buffer(), p.key, p.policy);
    Reply reply;
    return execute(*p.cluster, p.policy, true, p.key, request_buffer(), reply);
}

Status Client::operate(proto::Buffer& out, const uint8_t* key, size_t key_len, const uint8_t* ops, size_t ops_len,
                       const uint8_t* policy, size_t policy_len) {
    bool writes = false;
    Status s = operate_writes(ops, ops_len, writes);
    if (!s.is_ok()) return s;
    Prepared p;
    s = prepare(cluster(), pid_, config_, writes ? PolicyKind::kWrite : PolicyKind::kRead, key, key_len, policy,
                policy_len, p);
    if (s.is_ok()) s = build_operate(request_buffer(), p.key, p.policy, ops, ops_len);
    if (!s.is_ok()) return s;
    Reply reply;
    s = execute(*p.cluster, p.policy, writes, p.key, request_buffer(), reply);
    return s.is_ok() ? write_record(out, p.key, reply, true) : s;
}

}  // namespace aero
