// A sync connection reads a message's body as it arrives: an announced size is a claim, and
// memory follows the bytes that really come.
#include "core/net/connection.h"

#include <arpa/inet.h>
#include <gtest/gtest.h>
#include <netinet/in.h>
#include <sys/socket.h>
#include <unistd.h>

#include <thread>

#include "core/proto/message.h"

namespace aero::net {
namespace {

// A loopback peer that accepts one connection and runs `script` on its socket.
class Peer {
public:
    template <typename Script>
    explicit Peer(Script script) {
        listen_fd_ = ::socket(AF_INET, SOCK_STREAM, 0);
        sockaddr_in a{};
        a.sin_family = AF_INET;
        a.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
        socklen_t len = sizeof a;
        EXPECT_EQ(::bind(listen_fd_, reinterpret_cast<sockaddr*>(&a), len), 0);
        EXPECT_EQ(::listen(listen_fd_, 1), 0);
        ::getsockname(listen_fd_, reinterpret_cast<sockaddr*>(&a), &len);
        std::memcpy(&addr_, &a, sizeof a);
        len_ = len;
        thread_ = std::thread([this, script] {
            int fd = ::accept(listen_fd_, nullptr, nullptr);
            script(fd);
            ::close(fd);
        });
    }
    ~Peer() {
        thread_.join();
        ::close(listen_fd_);
    }
    Connection* connect() {
        auto c = Connection::open(addr_, len_, Clock::now() + std::chrono::seconds(5), TlsTarget{});
        EXPECT_TRUE(c.is_ok());
        return c.is_ok() ? c.value() : nullptr;
    }

private:
    int listen_fd_ = -1;
    sockaddr_storage addr_{};
    socklen_t len_ = 0;
    std::thread thread_;
};

void send_header(int fd, uint64_t size) {
    uint8_t h[proto::kProtoHeaderSize];
    proto::write_proto_header(h, proto::kProtoMessage, size);
    ASSERT_EQ(::send(fd, h, sizeof h, 0), ssize_t(sizeof h));
}

TEST(ConnectionTest, AnnouncedSizeIsNotAllocatedUpFront) {
    Peer peer([](int fd) {
        send_header(fd, 120u << 20);
        uint8_t some[100] = {};
        ::send(fd, some, sizeof some, 0);
    });
    std::unique_ptr<Connection> c(peer.connect());
    ASSERT_TRUE(c);
    std::vector<uint8_t> body;
    uint8_t type = 0;
    Status s = c->read_message(type, body, Clock::now() + std::chrono::seconds(5));
    EXPECT_EQ(s.code(), kErrConnection);
    EXPECT_LE(body.capacity(), proto::kFirstChunk);
}

TEST(ConnectionTest, LargeBodyArrivesWhole) {
    constexpr size_t kSize = 5 * proto::kFirstChunk + 123;
    Peer peer([](int fd) {
        send_header(fd, kSize);
        std::vector<uint8_t> data(kSize);
        for (size_t i = 0; i < kSize; i++) data[i] = uint8_t(i * 7);
        for (size_t at = 0; at < kSize; at += 1000) ::send(fd, data.data() + at, std::min<size_t>(1000, kSize - at), 0);
    });
    std::unique_ptr<Connection> c(peer.connect());
    ASSERT_TRUE(c);
    std::vector<uint8_t> body;
    uint8_t type = 0;
    ASSERT_TRUE(c->read_message(type, body, Clock::now() + std::chrono::seconds(5)).is_ok());
    ASSERT_EQ(body.size(), kSize);
    for (size_t i = 0; i < kSize; i++) ASSERT_EQ(body[i], uint8_t(i * 7)) << i;
}

}  // namespace
}  // namespace aero::net
