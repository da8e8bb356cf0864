// aero_client UDF module registration; the logic lives in core/command/udf_modules.cpp.
// (aero_client_apply is with the other single-record commands in client.cpp.)
#include "capi/internal.h"
#include "core/command/udf_modules.h"

using aero::Status;
using aero::capi::guard;
using aero::capi::guard_out;
using aero::capi::null_arg;

extern "C" {

AERO_EXTERN aero_status aero_client_udf_put(aero_client* client, const char* filename, const uint8_t* content,
                                            size_t content_len, const uint8_t* policy, size_t policy_len,
                                            aero_error* err) {
    return guard(err, [&]() -> Status {
        if (client == nullptr) return null_arg("client");
        if (filename == nullptr) return null_arg("filename");
        if (content == nullptr && content_len > 0) return null_arg("content");
        return aero::udf_put(client->client, filename, content, content_len, policy, policy_len);
    });
}

AERO_EXTERN aero_status aero_client_udf_remove(aero_client* client, const char* filename, const uint8_t* policy,
                                               size_t policy_len, aero_error* err) {
    return guard(err, [&]() -> Status {
        if (client == nullptr) return null_arg("client");
        if (filename == nullptr) return null_arg("filename");
        return aero::udf_remove(client->client, filename, policy, policy_len);
    });
}

AERO_EXTERN aero_status aero_client_udf_list(aero_buf* out, aero_client* client, const uint8_t* policy,
                                             size_t policy_len, aero_error* err) {
    return guard_out(err, out, [&]() -> Status {
        if (out == nullptr) return null_arg("out");
        if (client == nullptr) return null_arg("client");
        return aero::udf_list(client->client, out->data, policy, policy_len);
    });
}

AERO_EXTERN aero_status aero_client_udf_get(aero_buf* out, aero_client* client, const char* filename,
                                            const uint8_t* policy, size_t policy_len, aero_error* err) {
    return guard_out(err, out, [&]() -> Status {
        if (out == nullptr) return null_arg("out");
        if (client == nullptr) return null_arg("client");
        if (filename == nullptr) return null_arg("filename");
        std::vector<uint8_t> source;
        Status s = aero::udf_get(client->client, filename, source, policy, policy_len);
        if (s.is_ok()) out->data.assign(source.begin(), source.end());
        return s;
    });
}

}  // extern "C"
