#include "core/proto/admin.h"

#include <gtest/gtest.h>

#include "core/proto/message.h"

namespace aero::proto {
namespace {

// The vectors of fact sheet §13.4 (bcrypt with the clients' fixed salt).
TEST(Admin, HashesPasswordsAsTheOfficialClients) {
    EXPECT_EQ(hash_password("admin"), "$2a$10$7EqJtq98hPqEX7fNZaFWoO1mVO/4MLpGzsqojz6E9Gef6iXDjXdDa");
    EXPECT_EQ(hash_password(""), "$2a$10$7EqJtq98hPqEX7fNZaFWoOLCkFexA7A9eoJ0Ew.mTDdk.E60D.9zS");
    EXPECT_EQ(hash_password("password"), "$2a$10$7EqJtq98hPqEX7fNZaFWoOqUH6KN8IKy3Yk5Kz..RHGKNAUCoP/LG");
}

TEST(Admin, MessagesRoundTrip) {
    Buffer out;
    write_admin_message(out, kAdminLogin, 0, {{kFieldUser, "alice"}, {kFieldCredential, "hash"}});
    ASSERT_EQ(out.size(), kProtoHeaderSize + kAdminHeaderSize + 5 + 5 + 5 + 4);
    uint8_t type = 0;
    uint64_t size = 0;
    ASSERT_TRUE(parse_proto_header(out.data(), type, size).is_ok());
    EXPECT_EQ(type, kProtoAdmin);
    AdminMessage m;
    ASSERT_TRUE(parse_admin_message(out.data() + kProtoHeaderSize, size, m).is_ok());
    EXPECT_EQ(m.command, kAdminLogin);
    EXPECT_EQ(m.field(kFieldUser), "alice");
    EXPECT_EQ(m.field(kFieldCredential), "hash");
    EXPECT_FALSE(m.field(kFieldSessionToken).has_value());
    // A field that claims more bytes than the message has.
    out.back() = 0;
    out[out.size() - 9] = 0x7F;
    EXPECT_FALSE(parse_admin_message(out.data() + kProtoHeaderSize, size, m).is_ok());
}

}  // namespace
}  // namespace aero::proto
