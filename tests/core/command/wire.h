// What the command tests share: keys as the C ABI packs them, and the fields of a request
// a builder wrote.
#pragma once

#include <gtest/gtest.h>

#include <map>
#include <string_view>
#include <vector>

#include "core/proto/message.h"
#include "core/proto/msgpack.h"

namespace aero::test {

// The msgpack key ["test", "demo", user_key].
inline proto::Buffer key_bytes(std::string_view user_key) {
    proto::Buffer b;
    proto::msgpack::pack_array_header(b, 3);
    proto::msgpack::pack_str(b, "test");
    proto::msgpack::pack_str(b, "demo");
    proto::msgpack::pack_str(b, user_key);
    return b;
}

// The fields of a whole request message (after its 8-byte proto header) by type; `h` gets
// its header.
inline std::map<uint8_t, std::vector<uint8_t>> fields_of(const proto::Buffer& msg, proto::MsgHeader& h) {
    proto::MessageView v;
    EXPECT_TRUE(v.parse(msg.data() + 8, msg.size() - 8).is_ok());
    h = v.header();
    std::map<uint8_t, std::vector<uint8_t>> out;
    for (int i = 0; i < h.n_fields; i++) {
        proto::FieldView f;
        EXPECT_TRUE(v.next_field(f));
        out[f.type].assign(f.data, f.data + f.size);
    }
    return out;
}

}  // namespace aero::test
