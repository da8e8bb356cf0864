#include <gtest/gtest.h>

#include "core/server/server.h"
#include "tests/core/server/test_client.h"

namespace aero::server {
namespace {

using test::connect_to;

TEST(Server, AnswersInfoAndStopsWithOpenConnections) {
    ServerConfig cfg;
    cfg.port = 0;
    Server server(cfg);
    ASSERT_TRUE(server.start().is_ok());
    ASSERT_NE(server.port(), 0);
    int fd = connect_to(server.port());
    proto::Buffer req;
    proto::write_info_request(req, {"build"});
    // Send in two pieces: the server must cope with partial reads.
    ASSERT_EQ(send(fd, req.data(), 3, 0), 3);
    ASSERT_EQ(send(fd, req.data() + 3, req.size() - 3, 0), ssize_t(req.size() - 3));
    const std::string expected = "build\t8.1.2.0\n";
    char buf[256];
    ssize_t n = recv(fd, buf, proto::kProtoHeaderSize + expected.size(), MSG_WAITALL);
    ASSERT_EQ(n, ssize_t(proto::kProtoHeaderSize + expected.size()));
    EXPECT_EQ(std::string(buf + 8, expected.size()), expected);

    // A wrong proto version closes the socket without a reply.
    uint8_t bad[8] = {3, 1, 0, 0, 0, 0, 0, 0};
    ASSERT_EQ(send(fd, bad, sizeof bad, 0), 8);
    EXPECT_EQ(recv(fd, buf, sizeof buf, 0), 0);
    close(fd);

    int idle = connect_to(server.port());
    server.stop();  // must not wait for the idle client
    // Closed (0) if it was accepted, reset (-1) if stop() came before the accept.
    EXPECT_LE(recv(idle, buf, sizeof buf, 0), 0);
    close(idle);
}

}  // namespace
}  // namespace aero::server
