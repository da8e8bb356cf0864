// aero_queue and the async command entry points.
#include "capi/internal.h"

using aero::Status;
using aero::capi::guard;
using aero::capi::guard_out;
using aero::capi::null_arg;

namespace {

// The shared shape of the async entry points: the client, its queue and the command's main
// input (a key, or batch rows) are checked, then the command is submitted.
template <typename Submit>
aero_status async_entry(aero_error* err, const aero_client* client, const aero_queue* queue, const uint8_t* input,
                        size_t input_len, const char* input_name, Submit submit) {
    return guard(err, [&]() -> Status {
        if (client == nullptr) return null_arg("client");
        if (queue == nullptr) return null_arg("queue");
        if (queue->client != client) return Status(aero::kErrParam, "queue belongs to another client");
        if (input == nullptr || input_len == 0) return null_arg(input_name);
        return submit();
    });
}

}  // namespace

extern "C" {

AERO_EXTERN aero_status aero_queue_new(aero_queue** out, aero_client* client, aero_error* err) {
    return guard(err, [&]() -> Status {
        if (out == nullptr) return null_arg("out");
        if (client == nullptr) return null_arg("client");
        auto q = std::make_shared<aero::CompletionQueue>();
        Status s = q->open();
        if (!s.is_ok()) return s;
        *out = new aero_queue{client, std::move(q)};
        return Status::ok();
    });
}

AERO_EXTERN void aero_queue_destroy(aero_queue* queue) { delete queue; }

AERO_EXTERN int aero_queue_fd(const aero_queue* queue) { return queue ? queue->queue->fd() : -1; }

AERO_EXTERN aero_status aero_queue_drain(aero_buf* out, size_t* count_out, aero_queue* queue, size_t max,
                                         aero_error* err) {
    return guard_out(err, out, [&]() -> Status {
        if (out == nullptr) return null_arg("out");
        if (count_out == nullptr) return null_arg("count_out");
        if (queue == nullptr) return null_arg("queue");
        *count_out = queue->queue->drain(out->data, max);
        return Status::ok();
    });
}

AERO_EXTERN aero_status aero_client_put_async(aero_client* client, aero_queue* queue, uint64_t token,
                                              const uint8_t* key, size_t key_len, const uint8_t* bins, size_t bins_len,
                                              const uint8_t* policy, size_t policy_len, aero_error* err) {
    return async_entry(err, client, queue, key, key_len, "key", [&]() -> Status {
        if (bins == nullptr || bins_len == 0) return null_arg("bins");
        return client->client.put_async(queue->queue, token, key, key_len, bins, bins_len, policy, policy_len);
    });
}

AERO_EXTERN aero_status aero_client_get_async(aero_client* client, aero_queue* queue, uint64_t token,
                                              const uint8_t* key, size_t key_len, const uint8_t* names,
                                              size_t names_len, const uint8_t* policy, size_t policy_len,
                                              aero_error* err) {
    return async_entry(err, client, queue, key, key_len, "key", [&]() -> Status {
        return client->client.get_async(queue->queue, token, key, key_len, names, names_len, policy, policy_len);
    });
}

AERO_EXTERN aero_status aero_client_put_default_async(aero_client* client, aero_queue* queue, uint64_t token,
                                                      const uint8_t* key, size_t key_len, const uint8_t* bins,
                                                      size_t bins_len, aero_error* err) {
    return aero_client_put_async(client, queue, token, key, key_len, bins, bins_len, nullptr, 0, err);
}

AERO_EXTERN aero_status aero_client_get_default_async(aero_client* client, aero_queue* queue, uint64_t token,
                                                      const uint8_t* key, size_t key_len, aero_error* err) {
    return aero_client_get_async(client, queue, token, key, key_len, nullptr, 0, nullptr, 0, err);
}

AERO_EXTERN aero_status aero_client_exists_async(aero_client* client, aero_queue* queue, uint64_t token,
                                                 const uint8_t* key, size_t key_len, const uint8_t* policy,
                                                 size_t policy_len, aero_error* err) {
    return async_entry(err, client, queue, key, key_len, "key", [&]() -> Status {
        return client->client.exists_async(queue->queue, token, key, key_len, policy, policy_len);
    });
}

AERO_EXTERN aero_status aero_client_remove_async(aero_client* client, aero_queue* queue, uint64_t token,
                                                 const uint8_t* key, size_t key_len, const uint8_t* policy,
                                                 size_t policy_len, aero_error* err) {
    return async_entry(err, client, queue, key, key_len, "key", [&]() -> Status {
        return client->client.remove_async(queue->queue, token, key, key_len, policy, policy_len);
    });
}

AERO_EXTERN aero_status aero_client_touch_async(aero_client* client, aero_queue* queue, uint64_t token,
                                                const uint8_t* key, size_t key_len, const uint8_t* policy,
                                                size_t policy_len, aero_error* err) {
    return async_entry(err, client, queue, key, key_len, "key", [&]() -> Status {
        return client->client.touch_async(queue->queue, token, key, key_len, policy, policy_len);
    });
}

AERO_EXTERN aero_status aero_client_operate_async(aero_client* client, aero_queue* queue, uint64_t token,
                                                  const uint8_t* key, size_t key_len, const uint8_t* ops,
                                                  size_t ops_len, const uint8_t* policy, size_t policy_len,
                                                  aero_error* err) {
    return async_entry(err, client, queue, key, key_len, "key", [&]() -> Status {
        if (ops == nullptr || ops_len == 0) return null_arg("ops");
        return client->client.operate_async(queue->queue, token, key, key_len, ops, ops_len, policy, policy_len);
    });
}

AERO_EXTERN aero_status aero_client_apply_async(aero_client* client, aero_queue* queue, uint64_t token,
                                                const uint8_t* key, size_t key_len, const uint8_t* udf,
                                                size_t udf_len, const uint8_t* policy, size_t policy_len,
                                                aero_error* err) {
    return async_entry(err, client, queue, key, key_len, "key", [&]() -> Status {
        if (udf == nullptr || udf_len == 0) return null_arg("udf");
        return client->client.apply_async(queue->queue, token, key, key_len, udf, udf_len, policy, policy_len);
    });
}

AERO_EXTERN aero_status aero_client_batch_async(aero_client* client, aero_queue* queue, uint64_t token,
                                                const uint8_t* rows, size_t rows_len, const uint8_t* policy,
                                                size_t policy_len, aero_error* err) {
    return async_entry(err, client, queue, rows, rows_len, "rows", [&]() -> Status {
        return client->client.batch_async(queue->queue, token, rows, rows_len, policy, policy_len);
    });
}

AERO_EXTERN aero_status aero_client_batch_into_async(aero_client* client, aero_queue* queue, uint64_t token,
                                                     const uint8_t* rows, size_t rows_len, const uint8_t* layout,
                                                     size_t layout_len, uint8_t* records, uint8_t* meta,
                                                     int32_t* codes, size_t count, const uint8_t* policy,
                                                     size_t policy_len, aero_error* err) {
    return async_entry(err, client, queue, rows, rows_len, "rows", [&]() -> Status {
        aero::BatchTarget target;
        Status s = aero::capi::make_target(target, layout, layout_len, records, meta, codes, count);
        if (!s.is_ok()) return s;
        return client->client.batch_async(queue->queue, token, rows, rows_len, policy, policy_len, &target);
    });
}

}  // extern "C"
