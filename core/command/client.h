// The client engine: a cluster plus the commands run against it. Thread-safe: any number of
// threads may call any method at once.
#pragma once

#include <atomic>
#include <functional>
#include <memory>
#include <mutex>
#include <string>
#include <string_view>

#include "core/cluster/config.h"
#include "core/net/auth.h"
#include "core/net/connection.h"
#include "core/proto/bytes.h"
#include "core/status.h"

namespace aero {

class Cluster;
struct ClusterState;
class AsyncEngine;
class CompletionQueue;
struct CommandSpec;
struct BatchTarget;
class BatchJob;
struct Policy;
class QueryJob;

class Client {
public:
    explicit Client(ClientConfig config);
    ~Client();
    Client(const Client&) = delete;
    Client& operator=(const Client&) = delete;

    const ClientConfig& config() const { return config_; }

    Status connect();
    bool is_connected() const;
    Status close();

    // msgpack array of node names.
    Status node_names(proto::Buffer& out);
    // The client's counters and cluster view (introspection.h).
    Status stats(proto::Buffer& out);
    Status cluster_view(proto::Buffer& out);
    // One info command to a named node (or a random one when node is empty); out gets the value.
    Status info(proto::Buffer& out, std::string_view node, std::string_view command,
                const uint8_t* policy, size_t policy_len);
    // One info command to every node; out gets a msgpack array of [node, status, value].
    Status info_all(proto::Buffer& out, std::string_view command, const uint8_t* policy, size_t policy_len);
    // One info command to every node, calling visit(node, code, value) per node: code 0 with
    // the answer, or the node's error code with its message. Stops at the first visit that
    // returns an error, and returns it.
    using InfoVisit = std::function<Status(std::string_view node, int code, std::string_view value)>;
    Status info_each(std::string_view command, const uint8_t* policy, size_t policy_len, const InfoVisit& visit);
    Status truncate(std::string_view ns, std::string_view set, uint64_t before_nanos,
                    const uint8_t* policy, size_t policy_len);
    // One user or role administration command (msgpack request and reply as in aero.h
    // aero_client_admin) to a random node; the server spreads the change to the cluster.
    // Defined in admin.cpp.
    Status admin(proto::Buffer& out, const uint8_t* request, size_t request_len, const uint8_t* policy,
                 size_t policy_len);

    // Single-record commands; key, bins, names, ops and policy are msgpack as in aero.h.
    Status put(const uint8_t* key, size_t key_len, const uint8_t* bins, size_t bins_len,
               const uint8_t* policy, size_t policy_len);
    Status get(proto::Buffer& out, const uint8_t* key, size_t key_len, const uint8_t* names,
               size_t names_len, const uint8_t* policy, size_t policy_len);
    Status exists(proto::Buffer& out, const uint8_t* key, size_t key_len, const uint8_t* policy, size_t policy_len);
    Status remove(const uint8_t* key, size_t key_len, const uint8_t* policy, size_t policy_len);
    Status touch(const uint8_t* key, size_t key_len, const uint8_t* policy, size_t policy_len);
    Status operate(proto::Buffer& out, const uint8_t* key, size_t key_len, const uint8_t* ops,
                   size_t ops_len, const uint8_t* policy, size_t policy_len);
    // Runs a record UDF (udf: msgpack [module, function, args]); out gets the record shape
    // with the SUCCESS bin.
    Status apply(proto::Buffer& out, const uint8_t* key, size_t key_len, const uint8_t* udf, size_t udf_len,
                 const uint8_t* policy, size_t policy_len);

    // A batch of rows (msgpack [[key, kind, arg(, policy)], ...], see aero.h); out gets one
    // result per row, in input order. Runs on the event-loop thread, one request per node in
    // parallel, while the caller's thread waits; against a cluster of one node, on the
    // caller's thread (run_batch_sync).
    // With a target, read results go into its memory instead (see BatchTarget).
    Status batch(proto::Buffer& out, const uint8_t* rows, size_t rows_len, const uint8_t* policy, size_t policy_len,
                 BatchTarget* target = nullptr);

    // Starts a scan or query (spec and policy msgpack as in aero.h) that runs in the
    // background until its records are drained, it fails, or it is cancelled.
    Result<std::unique_ptr<QueryJob>> query(const uint8_t* spec, size_t spec_len, const uint8_t* policy,
                                            size_t policy_len);

    // Async twins of the commands above. OK means exactly one completion carrying `token`
    // will be pushed to `queue` (result, server error, timeout or close); an error means none.
    Status put_async(const std::shared_ptr<CompletionQueue>& queue, uint64_t token, const uint8_t* key,
                     size_t key_len, const uint8_t* bins, size_t bins_len, const uint8_t* policy, size_t policy_len);
    Status get_async(const std::shared_ptr<CompletionQueue>& queue, uint64_t token, const uint8_t* key,
                     size_t key_len, const uint8_t* names, size_t names_len, const uint8_t* policy, size_t policy_len);
    Status exists_async(const std::shared_ptr<CompletionQueue>& queue, uint64_t token, const uint8_t* key,
                        size_t key_len, const uint8_t* policy, size_t policy_len);
    Status remove_async(const std::shared_ptr<CompletionQueue>& queue, uint64_t token, const uint8_t* key,
                        size_t key_len, const uint8_t* policy, size_t policy_len);
    Status touch_async(const std::shared_ptr<CompletionQueue>& queue, uint64_t token, const uint8_t* key,
                       size_t key_len, const uint8_t* policy, size_t policy_len);
    Status operate_async(const std::shared_ptr<CompletionQueue>& queue, uint64_t token, const uint8_t* key,
                         size_t key_len, const uint8_t* ops, size_t ops_len, const uint8_t* policy, size_t policy_len);
    Status apply_async(const std::shared_ptr<CompletionQueue>& queue, uint64_t token, const uint8_t* key,
                       size_t key_len, const uint8_t* udf, size_t udf_len, const uint8_t* policy, size_t policy_len);
    Status batch_async(const std::shared_ptr<CompletionQueue>& queue, uint64_t token, const uint8_t* rows,
                       size_t rows_len, const uint8_t* policy, size_t policy_len, BatchTarget* target = nullptr);

private:
    // Checks a batch's input and policy into `p` and `job`, and that the client can run it.
    Status prepare_batch(const uint8_t* rows, size_t rows_len, const uint8_t* policy, size_t policy_len,
                         BatchTarget* target, Policy& p, BatchJob& job);
    template <typename Build>
    Status run_sync(const CommandSpec& spec, proto::Buffer* out, const uint8_t* key, size_t key_len,
                    const uint8_t* policy, size_t policy_len, Build build);
    template <typename Build>
    Status run_async(const CommandSpec& spec, const std::shared_ptr<CompletionQueue>& queue, uint64_t token,
                     const uint8_t* key, size_t key_len, const uint8_t* policy, size_t policy_len, Build build);
    // What every info command starts from: a usable cluster's state and the policy's deadline.
    // `raw_errors`, when given, gets the policy's raw_errors (info answers kept as text).
    Status info_target(const uint8_t* policy, size_t policy_len, std::shared_ptr<const ClusterState>& state,
                       net::Clock::time_point& deadline, bool* raw_errors = nullptr);
    // The async engine, started on first use so that sync-only clients run no loop thread.
    Result<AsyncEngine*> async_engine();

    // The cluster while connected; shared so that a command running on another thread keeps
    // it alive while close() tears the client down.
    std::shared_ptr<Cluster> cluster() const;

    ClientConfig config_;  // its password is cleared once hashed into credentials_
    // Shared with every node's session; admin() updates the hash when the user changes its
    // own password.
    std::shared_ptr<net::Credentials> credentials_;
    mutable std::mutex mu_;
    std::shared_ptr<Cluster> cluster_;
    std::unique_ptr<AsyncEngine> engine_;
    unsigned fork_generation_;  // fork_generation() when made: a client does not cross fork()
};

}  // namespace aero
