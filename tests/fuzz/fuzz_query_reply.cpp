// A scan or query reply block, message by message, as a node stream reads it: records (with
// set, user key and bval), partition-done and end messages.
#include "core/command/query_reply.h"
#include "core/proto/message.h"

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
    aero::proto::Buffer page;
    size_t at = 0;
    while (at < size) {
        size_t used = 0;
        if (!aero::proto::message_extent(data + at, size - at, used).is_ok()) break;
        aero::QueryMessage m;
        aero::decode_query_message(data + at, used, m, page).ignore();
        at += used;
    }
    return 0;
}
