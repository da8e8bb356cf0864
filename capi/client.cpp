// aero_client: lifecycle, info and single-record commands. Each function checks its
// arguments, calls the core and reports; the logic lives in core/command.
#include "capi/internal.h"
#include "core/command/host_turn.h"

using aero::Status;
using aero::capi::guard;
using aero::capi::guard_out;
using aero::capi::null_arg;

namespace {

// The shared shape of the commands: the client and the command's main input (a key, or batch
// rows) are checked, then the command runs (the twin of async_entry in queue.cpp).
template <typename Run>
aero_status command_entry(aero_error* err, const aero_client* client, const uint8_t* input, size_t input_len,
                          const char* input_name, Run run) {
    return guard(err, [&]() -> Status {
        if (client == nullptr) return null_arg("client");
        if (input == nullptr || input_len == 0) return null_arg(input_name);
        aero::HostTurn turn(client->client.config().host_lock);
        return run();
    });
}

// The same for commands that answer into `out`, which is checked first.
template <typename Run>
aero_status command_entry(aero_error* err, aero_buf* out, const aero_client* client, const uint8_t* input,
                          size_t input_len, const char* input_name, Run run) {
    if (out == nullptr) return guard(err, [] { return null_arg("out"); });
    aero_status s = command_entry(err, client, input, input_len, input_name, run);
    out->publish();
    return s;
}

}  // namespace

extern "C" {

AERO_EXTERN aero_status aero_client_new(aero_client** out, const aero_config* config, aero_error* err) {
    return guard(err, [&]() -> Status {
        if (out == nullptr) return null_arg("out");
        if (config == nullptr) return null_arg("config");
        Status s = aero::config_check(config->config);
        if (!s.is_ok()) return s;
        *out = new aero_client(config->config);
        return Status::ok();
    });
}

AERO_EXTERN aero_status aero_client_connect(aero_client* client, aero_error* err) {
    return guard(err, [&]() -> Status {
        if (client == nullptr) return null_arg("client");
        return client->client.connect();
    });
}

AERO_EXTERN int aero_client_is_connected(const aero_client* client) {
    return client != nullptr && client->client.is_connected() ? 1 : 0;
}

AERO_EXTERN aero_status aero_client_close(aero_client* client, aero_error* err) {
    return guard(err, [&]() -> Status {
        if (client == nullptr) return null_arg("client");
        return client->client.close();
    });
}

AERO_EXTERN void aero_client_destroy(aero_client* client) {
    if (client == nullptr) return;
    try {
        client->client.close().ignore();
    } catch (...) {
        // Destruction must not fail; the memory is released below regardless.
    }
    delete client;
}

AERO_EXTERN aero_status aero_client_node_names(aero_buf* out, aero_client* client, aero_error* err) {
    return guard_out(err, out, [&]() -> Status {
        if (out == nullptr) return null_arg("out");
        if (client == nullptr) return null_arg("client");
        return client->client.node_names(out->data);
    });
}

AERO_EXTERN aero_status aero_client_stats(aero_buf* out, aero_client* client, aero_error* err) {
    return guard_out(err, out, [&]() -> Status {
        if (out == nullptr) return null_arg("out");
        if (client == nullptr) return null_arg("client");
        return client->client.stats(out->data);
    });
}

AERO_EXTERN aero_status aero_client_cluster_view(aero_buf* out, aero_client* client, aero_error* err) {
    return guard_out(err, out, [&]() -> Status {
        if (out == nullptr) return null_arg("out");
        if (client == nullptr) return null_arg("client");
        return client->client.cluster_view(out->data);
    });
}

AERO_EXTERN aero_status aero_client_info(aero_buf* out, aero_client* client, const char* node, const char* command,
                                         const uint8_t* policy, size_t policy_len, aero_error* err) {
    return guard_out(err, out, [&]() -> Status {
        if (out == nullptr) return null_arg("out");
        if (client == nullptr) return null_arg("client");
        if (command == nullptr) return null_arg("command");
        return client->client.info(out->data, node ? node : "", command, policy, policy_len);
    });
}

AERO_EXTERN aero_status aero_client_info_all(aero_buf* out, aero_client* client, const char* command,
                                             const uint8_t* policy, size_t policy_len, aero_error* err) {
    return guard_out(err, out, [&]() -> Status {
        if (out == nullptr) return null_arg("out");
        if (client == nullptr) return null_arg("client");
        if (command == nullptr) return null_arg("command");
        return client->client.info_all(out->data, command, policy, policy_len);
    });
}

AERO_EXTERN aero_status aero_client_truncate(aero_client* client, const char* ns, const char* set,
                                             uint64_t before_nanos, const uint8_t* policy, size_t policy_len,
                                             aero_error* err) {
    return guard(err, [&]() -> Status {
        if (client == nullptr) return null_arg("client");
        if (ns == nullptr) return null_arg("ns");
        return client->client.truncate(ns, set ? set : "", before_nanos, policy, policy_len);
    });
}

AERO_EXTERN aero_status aero_client_put(aero_client* client, const uint8_t* key, size_t key_len, const uint8_t* bins,
                                        size_t bins_len, const uint8_t* policy, size_t policy_len, aero_error* err) {
    return command_entry(err, client, key, key_len, "key", [&]() -> Status {
        if (bins == nullptr || bins_len == 0) return null_arg("bins");
        return client->client.put(key, key_len, bins, bins_len, policy, policy_len);
    });
}

AERO_EXTERN aero_status aero_client_get(aero_buf* out, aero_client* client, const uint8_t* key, size_t key_len,
                                        const uint8_t* names, size_t names_len, const uint8_t* policy,
                                        size_t policy_len, aero_error* err) {
    return command_entry(err, out, client, key, key_len, "key", [&]() -> Status {
        return client->client.get(out->data, key, key_len, names, names_len, policy, policy_len);
    });
}

AERO_EXTERN aero_status aero_client_put_default(aero_client* client, const uint8_t* key, size_t key_len,
                                                const uint8_t* bins, size_t bins_len, aero_error* err) {
    return aero_client_put(client, key, key_len, bins, bins_len, nullptr, 0, err);
}

AERO_EXTERN aero_status aero_client_get_default(aero_buf* out, aero_client* client, const uint8_t* key,
                                                size_t key_len, aero_error* err) {
    return aero_client_get(out, client, key, key_len, nullptr, 0, nullptr, 0, err);
}

AERO_EXTERN aero_status aero_client_exists(aero_buf* out, aero_client* client, const uint8_t* key, size_t key_len,
                                           const uint8_t* policy, size_t policy_len, aero_error* err) {
    return command_entry(err, out, client, key, key_len, "key", [&]() -> Status {
        return client->client.exists(out->data, key, key_len, policy, policy_len);
    });
}

AERO_EXTERN aero_status aero_client_remove(aero_client* client, const uint8_t* key, size_t key_len,
                                           const uint8_t* policy, size_t policy_len, aero_error* err) {
    return command_entry(err, client, key, key_len, "key", [&]() -> Status {
        return client->client.remove(key, key_len, policy, policy_len);
    });
}

AERO_EXTERN aero_status aero_client_touch(aero_client* client, const uint8_t* key, size_t key_len,
                                          const uint8_t* policy, size_t policy_len, aero_error* err) {
    return command_entry(err, client, key, key_len, "key", [&]() -> Status {
        return client->client.touch(key, key_len, policy, policy_len);
    });
}

AERO_EXTERN aero_status aero_client_operate(aero_buf* out, aero_client* client, const uint8_t* key, size_t key_len,
                                            const uint8_t* ops, size_t ops_len, const uint8_t* policy,
                                            size_t policy_len, aero_error* err) {
    return command_entry(err, out, client, key, key_len, "key", [&]() -> Status {
        if (ops == nullptr || ops_len == 0) return null_arg("ops");
        return client->client.operate(out->data, key, key_len, ops, ops_len, policy, policy_len);
    });
}

AERO_EXTERN aero_status aero_client_apply(aero_buf* out, aero_client* client, const uint8_t* key, size_t key_len,
                                          const uint8_t* udf, size_t udf_len, const uint8_t* policy,
                                          size_t policy_len, aero_error* err) {
    return command_entry(err, out, client, key, key_len, "key", [&]() -> Status {
        if (udf == nullptr || udf_len == 0) return null_arg("udf");
        return client->client.apply(out->data, key, key_len, udf, udf_len, policy, policy_len);
    });
}

AERO_EXTERN aero_status aero_client_batch(aero_buf* out, aero_client* client, const uint8_t* rows, size_t rows_len,
                                          const uint8_t* policy, size_t policy_len, aero_error* err) {
    return command_entry(err, out, client, rows, rows_len, "rows", [&]() -> Status {
        return client->client.batch(out->data, rows, rows_len, policy, policy_len);
    });
}

AERO_EXTERN aero_status aero_client_batch_into(aero_buf* out, aero_client* client, const uint8_t* rows,
                                               size_t rows_len, const uint8_t* layout, size_t layout_len,
                                               uint8_t* records, uint8_t* meta, int32_t* codes, size_t count,
                                               const uint8_t* policy, size_t policy_len, aero_error* err) {
    return command_entry(err, out, client, rows, rows_len, "rows", [&]() -> Status {
        aero::BatchTarget target;
        Status s = aero::capi::make_target(target, layout, layout_len, records, meta, codes, count);
        if (!s.is_ok()) return s;
        return client->client.batch(out->data, rows, rows_len, policy, policy_len, &target);
    });
}

}  // extern "C"
