// A single-record reply body turned into the record shape, as the client does.
#include "core/command/reply.h"

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
    std::vector<uint8_t> body(data, data + size);
    aero::proto::MessageView v;
    if (!v.parse(body.data(), body.size()).is_ok()) return 0;
    aero::Reply reply;
    reply.header = v.header();
    reply.body = &body;
    aero::Key key;
    aero::proto::Buffer out;
    aero::write_record(out, key, reply, false).ignore();
    aero::write_record(out, key, reply, true).ignore();
    size_t used = 0;
    aero::proto::message_extent(body.data(), body.size(), used).ignore();
    return 0;
}
