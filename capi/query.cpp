// aero_query and secondary-index management; the logic lives in core/command/query and index.
#include "capi/internal.h"
#include "core/command/index.h"

using aero::Status;
using aero::capi::guard;
using aero::capi::guard_out;
using aero::capi::null_arg;

extern "C" {

AERO_EXTERN aero_status aero_query_new(aero_query** out, aero_client* client, const uint8_t* spec, size_t spec_len,
                                       const uint8_t* policy, size_t policy_len, aero_error* err) {
    return guard(err, [&]() -> Status {
        if (out == nullptr) return null_arg("out");
        if (client == nullptr) return null_arg("client");
        if (spec == nullptr || spec_len == 0) return null_arg("spec");
        auto job = client->client.query(spec, spec_len, policy, policy_len);
        if (!job.is_ok()) return job.status();
        *out = new aero_query{std::move(job.value())};
        return Status::ok();
    });
}

AERO_EXTERN aero_status aero_query_next(aero_buf* out, int* done, aero_query* query, int wait_ms, aero_error* err) {
    return guard_out(err, out, [&]() -> Status {
        if (out == nullptr) return null_arg("out");
        if (done == nullptr) return null_arg("done");
        if (query == nullptr) return null_arg("query");
        bool finished = false;
        Status s = query->job->next(out->data, wait_ms, finished);
        *done = finished ? 1 : 0;
        return s;
    });
}

AERO_EXTERN int aero_query_fd(const aero_query* query) { return query ? query->job->fd() : -1; }

AERO_EXTERN void aero_query_cancel(aero_query* query) {
    if (query != nullptr) query->job->cancel();
}

AERO_EXTERN aero_status aero_query_status(aero_buf* out, int* complete, aero_query* query, aero_error* err) {
    return guard_out(err, out, [&]() -> Status {
        if (out == nullptr) return null_arg("out");
        if (complete == nullptr) return null_arg("complete");
        if (query == nullptr) return null_arg("query");
        bool all = false;
        Status s = query->job->status(out->data, all);
        *complete = all ? 1 : 0;
        return s;
    });
}

AERO_EXTERN uint64_t aero_query_task_id(const aero_query* query) { return query ? query->job->task_id() : 0; }

AERO_EXTERN void aero_query_destroy(aero_query* query) { delete query; }

AERO_EXTERN aero_status aero_client_index_create(aero_client* client, const uint8_t* spec, size_t spec_len,
                                                 const uint8_t* policy, size_t policy_len, aero_error* err) {
    return guard(err, [&]() -> Status {
        if (client == nullptr) return null_arg("client");
        if (spec == nullptr || spec_len == 0) return null_arg("spec");
        return aero::index_create(client->client, spec, spec_len, policy, policy_len);
    });
}

AERO_EXTERN aero_status aero_client_index_remove(aero_client* client, const char* ns, const char* name,
                                                 const uint8_t* policy, size_t policy_len, aero_error* err) {
    return guard(err, [&]() -> Status {
        if (client == nullptr) return null_arg("client");
        if (ns == nullptr) return null_arg("ns");
        if (name == nullptr) return null_arg("name");
        return aero::index_remove(client->client, ns, name, policy, policy_len);
    });
}

}  // extern "C"
