// aero_client_admin: user and role administration; the logic lives in core/command/admin.cpp.
#include "capi/internal.h"

using aero::Status;
using aero::capi::guard;
using aero::capi::guard_out;
using aero::capi::null_arg;

AERO_EXTERN aero_status aero_client_admin(aero_buf* out, aero_client* client, const uint8_t* request,
                                          size_t request_len, const uint8_t* policy, size_t policy_len,
                                          aero_error* err) {
    return guard_out(err, out, [&]() -> Status {
        if (out == nullptr) return null_arg("out");
        if (client == nullptr) return null_arg("client");
        if (request == nullptr || request_len == 0) return null_arg("request");
        return client->client.admin(out->data, request, request_len, policy, policy_len);
    });
}
