#include "core/command/key.h"

#include <gtest/gtest.h>

#include <string>

#include "core/proto/msgpack.h"

namespace aero {
namespace {

namespace mp = proto::msgpack;

proto::Buffer key_bytes(std::string_view ns, std::string_view set, std::string_view user_key) {
    proto::Buffer b;
    mp::pack_array_header(b, 3);
    mp::pack_str(b, ns);
    mp::pack_str(b, set);
    mp::pack_str(b, user_key);
    return b;
}

TEST(Key, ParsesNamespaceSetAndUserKey) {
    proto::Buffer b = key_bytes("test", "demo", "k");
    Key key;
    ASSERT_TRUE(parse_key(b.data(), b.size(), key).is_ok());
    EXPECT_EQ(key.ns, "test");
    EXPECT_EQ(key.set, "demo");
    EXPECT_EQ(key.key_len, 1u);
    b = key_bytes("test", "", "k");
    ASSERT_TRUE(parse_key(b.data(), b.size(), key).is_ok());
    EXPECT_TRUE(key.set.empty());
}

// The server reads namespace and set as C strings: "te\0st" would be namespace "te".
TEST(Key, NulInNamespaceOrSetIsRefused) {
    using namespace std::string_literals;
    for (auto [ns, set] : {std::pair{"te\0st"s, "demo"s}, std::pair{"test"s, "de\0mo"s}, std::pair{"\0"s, "demo"s},
                           std::pair{"test"s, "\0"s}}) {
        proto::Buffer b = key_bytes(ns, set, "k");
        Key key;
        Status s = parse_key(b.data(), b.size(), key);
        EXPECT_EQ(s.code(), kErrParam) << ns.size() << " " << set.size();
        EXPECT_NE(s.message().find("NUL"), std::string::npos) << s.message();
    }
}

TEST(Key, MoreThanFourElementsIsRefused) {
    proto::Buffer b;
    mp::pack_array_header(b, 5);
    mp::pack_str(b, "test");
    mp::pack_str(b, "demo");
    mp::pack_str(b, "k");
    mp::pack_nil(b);
    mp::pack_nil(b);
    Key key;
    EXPECT_EQ(parse_key(b.data(), b.size(), key).code(), kErrParam);
}

}  // namespace
}  // namespace aero
