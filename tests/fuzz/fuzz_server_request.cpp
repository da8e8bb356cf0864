// Any AS_MSG body handed to aero-server's request path (single-record and batch), and the
// same bytes as an admin (security) request.
#include <vector>

#include "core/server/rw_handler.h"
#include "core/server/security/security.h"

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
    static aero::server::Storage storage({"test"}, 0, 0);
    std::vector<uint8_t> body(data, data + size);  // the batch path rewrites row headers in place
    aero::proto::Buffer out;
    aero::server::handle_message(storage, body.data(), body.size(), out);
    static aero::server::Security security(aero::server::ServerConfig{});
    aero::server::security::ConnAuth conn;
    security.handle(data, size, conn, out);
    return 0;
}
