// A sync connection reads a message's body as it arrives: an announced size is a claim, and
// memory follows the bytes that really come. A reply cut off by a read timeout can be drained
// from where the read stopped (timeout_delay).
#include "core/net/connection.h"

#include <arpa/inet.h>
#include <gtest/gtest.h>
#include <netinet/in.h>
#include <sys/socket.h>
#include <unistd.h>

#include <thread>

#include "core/net/drainer.h"

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

// An AS_MSG record with no fields or ops; `last` flags the end of a stream.
std::vector<uint8_t> record(bool last) {
    std::vector<uint8_t> m(proto::kMsgHeaderSize, 0);
    m[0] = uint8_t(proto::kMsgHeaderSize);
    m[3] = last ? proto::kInfo3Last : 0;
    return m;
}

void send_message(int fd, const std::vector<uint8_t>& body, size_t from = 0, size_t to = SIZE_MAX) {
    std::vector<uint8_t> all(proto::kProtoHeaderSize);
    proto::write_proto_header(all.data(), proto::kProtoMessage, body.size());
    all.insert(all.end(), body.begin(), body.end());
    to = std::min(to, all.size());
    ASSERT_EQ(::send(fd, all.data() + from, to - from, 0), ssize_t(to - from));
}

// Reads from `c` until the reply is drained or the deadline passes.
bool drain_within(Connection& c, bool stream, std::chrono::milliseconds limit) {
    auto end = Clock::now() + limit;
    while (Clock::now() < end) {
        bool done = false;
        if (!c.drain(stream, done).is_ok()) return false;
        if (done) return true;
        std::this_thread::sleep_for(std::chrono::milliseconds(5));
    }
    return false;
}

TEST(ConnectionTest, StreamCutOffMidBodyIsDrainedToItsLastMessage) {
    std::vector<uint8_t> first = record(false), more = record(false);
    first.insert(first.end(), more.begin(), more.end());
    std::vector<uint8_t> second = record(false), last = record(true);
    second.insert(second.end(), last.begin(), last.end());
    Peer peer([&](int fd) {
        send_message(fd, first, 0, 20);  // the header and part of the first record
        std::this_thread::sleep_for(std::chrono::milliseconds(150));
        send_message(fd, first, 20);
        std::this_thread::sleep_for(std::chrono::milliseconds(50));
        send_message(fd, second);
        send_message(fd, record(false));  // the next command's reply: must stay unread
    });
    std::unique_ptr<Connection> c(peer.connect());
    ASSERT_TRUE(c);
    std::vector<uint8_t> body;
    uint8_t type = 0;
    ASSERT_EQ(c->read_message(type, body, Clock::now() + std::chrono::milliseconds(50)).code(), kErrTimeout);
    c->keep_partial_body(body);
    body.assign(body.size(), 0xee);  // the caller reuses its buffer
    ASSERT_TRUE(drain_within(*c, true, std::chrono::seconds(5)));
    // The reply after the drained one is whole: the drain stopped exactly at the stream's end.
    ASSERT_TRUE(c->read_message(type, body, Clock::now() + std::chrono::seconds(5)).is_ok());
    EXPECT_EQ(body, record(false));
}

TEST(ConnectionTest, DrainerPoolsADrainedConnectionAndGivesUpAtTheDeadline) {
    Peer peer([](int fd) {
        send_message(fd, record(false), 0, 4);
        std::this_thread::sleep_for(std::chrono::milliseconds(100));
        send_message(fd, record(false), 4);
        std::this_thread::sleep_for(std::chrono::milliseconds(400));
    });
    Peer silent([](int) { std::this_thread::sleep_for(std::chrono::milliseconds(400)); });
    Drainer drainer;
    std::atomic<int> drained{0}, given_up{0};
    auto done = [&](Connection* c, bool ok) {
        (ok ? drained : given_up)++;
        delete c;
    };
    for (Peer* p : {&peer, &silent}) {
        Connection* c = p->connect();
        ASSERT_TRUE(c);
        std::vector<uint8_t> body;
        uint8_t type = 0;
        ASSERT_EQ(c->read_message(type, body, Clock::now() + std::chrono::milliseconds(20)).code(), kErrTimeout);
        drainer.add(c, false, Clock::now() + std::chrono::milliseconds(300), done);
    }
    auto end = Clock::now() + std::chrono::seconds(5);
    while ((drained + given_up) < 2 && Clock::now() < end) std::this_thread::sleep_for(std::chrono::milliseconds(10));
    EXPECT_EQ(drained.load(), 1);
    EXPECT_EQ(given_up.load(), 1);
}

TEST(ConnectionTest, ADrainerStoppedGivesUpAtOnce) {
    Peer peer([](int) { std::this_thread::sleep_for(std::chrono::milliseconds(100)); });
    Drainer drainer;
    Connection* c = peer.connect();
    ASSERT_TRUE(c);
    bool result = true;
    drainer.add(c, false, Clock::now() + std::chrono::seconds(30), [&](Connection* conn, bool ok) {
        result = ok;
        delete conn;
    });
    drainer.stop();
    EXPECT_FALSE(result);
}

}  // namespace
}  // namespace aero::net
