// Routes one AS_MSG request to the read, write or delete path, answering request errors.
#pragma once

#include "core/proto/bytes.h"
#include "core/server/storage.h"

namespace aero::server {

// Answers an AS_MSG body (proto type 3) by appending the whole reply to out.
void handle_message(Storage& storage, const uint8_t* body, size_t n, proto::Buffer& out);

}  // namespace aero::server
