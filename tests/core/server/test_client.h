// A minimal blocking client for the server tests: connect, send a proto, read one back.
#pragma once

#include <gtest/gtest.h>

#include <arpa/inet.h>
#include <netinet/in.h>
#include <sys/socket.h>
#include <unistd.h>

#include <string>

#include "core/proto/info.h"
#include "core/proto/message.h"

namespace aero::server::test {

// A socket connected to 127.0.0.1:port, or -1 when nothing listens there.
inline int try_connect(uint16_t port) {
    int fd = socket(AF_INET, SOCK_STREAM, 0);
    sockaddr_in a{};
    a.sin_family = AF_INET;
    a.sin_port = htons(port);
    inet_pton(AF_INET, "127.0.0.1", &a.sin_addr);
    if (connect(fd, reinterpret_cast<sockaddr*>(&a), sizeof a) == 0) return fd;
    close(fd);
    return -1;
}

inline int connect_to(uint16_t port) {
    int fd = try_connect(port);
    EXPECT_GE(fd, 0);
    return fd;
}

// Sends one whole proto (header included) on fd and returns the body of the one that answers
// it, or an empty buffer when the connection closed first.
inline proto::Buffer exchange(int fd, const proto::Buffer& req) {
    proto::Buffer body;
    uint8_t header[proto::kProtoHeaderSize];
    uint8_t type;
    uint64_t size;
    if (send(fd, req.data(), req.size(), MSG_NOSIGNAL) == ssize_t(req.size()) &&
        recv(fd, header, sizeof header, MSG_WAITALL) == ssize_t(sizeof header) &&
        proto::parse_proto_header(header, type, size).is_ok()) {
        body.resize(size);
        if (size && recv(fd, body.data(), size, MSG_WAITALL) != ssize_t(size)) body.clear();
    }
    return body;
}

// exchange() on a connection of its own.
inline proto::Buffer round_trip(uint16_t port, const proto::Buffer& req) {
    int fd = connect_to(port);
    proto::Buffer body = exchange(fd, req);
    close(fd);
    return body;
}

// The value one info command returns.
inline std::string ask_info(uint16_t port, const std::string& command) {
    proto::Buffer req;
    proto::write_info_request(req, {command});
    proto::Buffer body = round_trip(port, req);
    auto pairs = proto::parse_info_response(std::string_view(reinterpret_cast<const char*>(body.data()), body.size()));
    EXPECT_EQ(pairs.size(), 1u) << command;
    return pairs.empty() ? std::string() : pairs[0].second;
}

}  // namespace aero::server::test
