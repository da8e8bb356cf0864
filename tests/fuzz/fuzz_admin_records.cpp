// The client's admin decoders, from arbitrary bytes: a QUERY_USERS/QUERY_ROLES reply body
// (records of users or roles, §13.3) and an aero_client_admin request map.
#include "core/command/admin_request.h"

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
    std::vector<aero::proto::AdminMessage> records;
    aero::proto::Buffer out;
    if (aero::proto::parse_admin_records(data, size, records).is_ok()) {
        for (const auto& r : records) {
            aero::pack_user_record(r, out);
            aero::pack_role_record(r, out);
        }
    }
    aero::AdminRequest req;
    if (aero::parse_admin_request(data, size, req).is_ok()) aero::build_admin_message(req, "", out);
    return 0;
}
