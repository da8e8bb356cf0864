// Security mode (--security) over the wire: LOGIN, AUTHENTICATE with the token, and what an
// unauthenticated connection gets back.
#include <gtest/gtest.h>

#include <thread>

#include "core/proto/admin.h"
#include "core/server/cluster.h"
#include "core/server/config.h"
#include "tests/core/server/test_client.h"

namespace aero::server {
namespace {

using namespace aero::proto;

ServerConfig secured(uint32_t ttl = 86400) {
    ServerConfig cfg;
    cfg.port = 0;
    cfg.security = true;
    cfg.users = {{"alice", "secret", {}}};
    cfg.session_ttl = ttl;
    return cfg;
}

AdminMessage admin(int fd, uint8_t command, const AdminFields& fields, Buffer& body) {
    Buffer req;
    write_admin_message(req, command, 0, fields);
    body = test::exchange(fd, req);
    AdminMessage m;
    EXPECT_TRUE(parse_admin_message(body.data(), body.size(), m).is_ok());
    return m;
}

uint8_t login(int fd, std::string_view user, std::string_view password, std::string* token = nullptr) {
    Buffer body;
    std::string hash = hash_password(password);
    AdminMessage m = admin(fd, kAdminLogin, {{kFieldUser, user}, {kFieldCredential, hash}}, body);
    if (m.result == 0) {
        EXPECT_TRUE(m.field(kFieldSessionToken).has_value());
        auto ttl = m.field(kFieldSessionTtl);
        EXPECT_TRUE(ttl && ttl->size() == 4);
        if (token) *token = std::string(m.field(kFieldSessionToken).value_or(""));
    }
    return m.result;
}

uint8_t authenticate(int fd, std::string_view user, std::string_view token) {
    Buffer body;
    return admin(fd, kAdminAuthenticate, {{kFieldUser, user}, {kFieldSessionToken, token}}, body).result;
}

std::string info(int fd, const std::string& command) {
    Buffer req;
    write_info_request(req, {command});
    Buffer body = test::exchange(fd, req);
    return std::string(body.begin(), body.end());
}

// The result code of a read of some record (not found when allowed in).
uint8_t read_result(int fd) {
    Buffer req;
    MessageWriter w(req);
    MsgHeader h;
    h.info1 = kInfo1Read | kInfo1GetAll;
    w.begin(h);
    w.field(kFieldNamespace, "test");
    uint8_t digest[20] = {};
    w.field(kFieldDigest, digest, sizeof digest);
    w.finish();
    Buffer body = test::exchange(fd, req);
    MessageView v;
    EXPECT_TRUE(v.parse(body.data(), body.size()).is_ok());
    EXPECT_EQ(v.header().n_ops, 0);
    return v.header().result_code;
}

TEST(Security, UnauthenticatedConnectionsAreRefused) {
    Server server(secured());
    ASSERT_TRUE(server.start().is_ok());
    int fd = test::connect_to(server.port());
    EXPECT_EQ(info(fd, "node"), "ERROR:80:not authenticated\n");  // the command is not echoed
    EXPECT_EQ(read_result(fd), kResultNotAuthenticated);
    close(fd);
}

TEST(Security, LoginChecksUserAndPassword) {
    Server server(secured());
    ASSERT_TRUE(server.start().is_ok());
    int fd = test::connect_to(server.port());
    EXPECT_EQ(login(fd, "bob", "secret"), kResultInvalidUser);
    EXPECT_EQ(login(fd, "alice", "wrong"), kResultInvalidCredential);
    EXPECT_EQ(info(fd, "build"), "ERROR:80:not authenticated\n");
    EXPECT_EQ(login(fd, "alice", "secret"), 0);
    EXPECT_EQ(info(fd, "build"), "build\t8.1.2.0\n");
    EXPECT_EQ(read_result(fd), 2);  // not found: the command ran
    close(fd);
}

TEST(Security, AuthenticateTakesTheSessionToken) {
    Server server(secured());
    ASSERT_TRUE(server.start().is_ok());
    int first = test::connect_to(server.port());
    std::string token;
    ASSERT_EQ(login(first, "alice", "secret", &token), 0);
    close(first);

    int fd = test::connect_to(server.port());
    EXPECT_EQ(authenticate(fd, "alice", "not the token"), kResultInvalidCredential);
    EXPECT_EQ(authenticate(fd, "admin", token), kResultInvalidCredential);  // someone else's token
    EXPECT_EQ(read_result(fd), kResultNotAuthenticated);
    EXPECT_EQ(authenticate(fd, "alice", token), 0);
    EXPECT_EQ(read_result(fd), 2);
    close(fd);
}

TEST(Security, ExpiredSessionsAreRefused) {
    Server server(secured(1));
    ASSERT_TRUE(server.start().is_ok());
    int fd = test::connect_to(server.port());
    std::string token;
    ASSERT_EQ(login(fd, "alice", "secret", &token), 0);
    std::this_thread::sleep_for(std::chrono::milliseconds(1100));
    int late = test::connect_to(server.port());
    EXPECT_EQ(authenticate(late, "alice", token), kResultExpiredSession);
    // A connection authenticated earlier stays so: the TTL bounds the token, not the socket.
    EXPECT_EQ(read_result(fd), 2);
    close(late);
    close(fd);
}

TEST(Security, DefaultUserIsAdmin) {
    ServerConfig cfg = secured();
    cfg.users.clear();
    Server server(cfg);
    ASSERT_TRUE(server.start().is_ok());
    int fd = test::connect_to(server.port());
    EXPECT_EQ(login(fd, "admin", "admin"), 0);
    close(fd);
}

TEST(Security, WithoutSecurityAdminMessagesGetNotSupported) {
    ServerConfig cfg;
    cfg.port = 0;
    Server server(cfg);
    ASSERT_TRUE(server.start().is_ok());
    int fd = test::connect_to(server.port());
    EXPECT_EQ(login(fd, "admin", "admin"), kResultSecurityNotSupported);
    close(fd);
}

TEST(Security, ClusterNodesShareUsersButNotSessions) {
    ServerConfig cfg = secured();
    cfg.nodes = 2;
    Cluster cluster(cfg);
    ASSERT_TRUE(cluster.start().is_ok());
    int a = test::connect_to(cluster.node(0).port());
    std::string token;
    ASSERT_EQ(login(a, "alice", "secret", &token), 0);
    int b = test::connect_to(cluster.node(1).port());
    EXPECT_EQ(authenticate(b, "alice", token), kResultInvalidCredential);
    EXPECT_EQ(login(b, "alice", "secret"), 0);
    close(a);
    close(b);
}

TEST(Security, AStoppedNodeForgetsItsSessions) {
    ServerConfig cfg = secured();
    cfg.nodes = 2;
    Cluster cluster(cfg);
    ASSERT_TRUE(cluster.start().is_ok());
    uint16_t port = cluster.node(1).port();
    int before = test::connect_to(port);
    std::string token;
    ASSERT_EQ(login(before, "alice", "secret", &token), 0);
    close(before);
    ASSERT_TRUE(cluster.stop_node(port, cluster.node(0).context()).is_ok());
    ASSERT_TRUE(cluster.start_node(port).is_ok());
    int after = test::connect_to(port);
    EXPECT_EQ(authenticate(after, "alice", token), kResultInvalidCredential);
    close(after);
}

TEST(Security, ParsesTheCommandLine) {
    const char* argv[] = {"aero-server", "--security", "--user", "alice:secret:read-write,sys-admin", "--user",
                          "bob:pw", "--session-ttl", "60"};
    ServerConfig cfg;
    ASSERT_TRUE(parse_args(8, const_cast<char**>(argv), cfg).is_ok());
    EXPECT_TRUE(cfg.security);
    ASSERT_EQ(cfg.users.size(), 2u);
    EXPECT_EQ(cfg.users[0].name, "alice");
    EXPECT_EQ(cfg.users[0].password, "secret");
    EXPECT_EQ(cfg.users[1].password, "pw");
    EXPECT_EQ(cfg.session_ttl, 60u);
    const char* lone_user[] = {"aero-server", "--user", "a:b"};
    ServerConfig other;
    EXPECT_FALSE(parse_args(3, const_cast<char**>(lone_user), other).is_ok());
}

}  // namespace
}  // namespace aero::server
