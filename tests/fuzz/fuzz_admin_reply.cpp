// What a client reads in the security protocol (auth.cpp, admin.cpp): the input is what a node
// sends on a fresh connection, read by a real net::Connection (so read_message frames it) as
// the reply to LOGIN and then to AUTHENTICATE with the token that LOGIN kept; the same bytes
// are also an admin reply body, as the async engine hands it to authenticate_reply().
#include <sys/socket.h>
#include <sys/un.h>
#include <unistd.h>

#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <memory>

#include "core/net/auth.h"
#include "core/proto/admin.h"

namespace {

using namespace aero;

// The node writes the whole input before the client reads, so it must fit the socket buffer.
constexpr size_t kMaxInput = 64 * 1024;

// A Unix socket rather than TCP: millions of loopback TCP connections would exhaust the
// ephemeral ports (TIME_WAIT); Connection does the same reads on either.
struct Node {
    sockaddr_storage addr{};
    socklen_t len = 0;
    int listener = -1;

    Node() {
        auto* un = reinterpret_cast<sockaddr_un*>(&addr);
        un->sun_family = AF_UNIX;
        // Abstract namespace (leading NUL): nothing to clean up in the file system.
        int n = std::snprintf(un->sun_path + 1, sizeof un->sun_path - 1, "aero-fuzz-admin-%d", int(getpid()));
        len = socklen_t(offsetof(sockaddr_un, sun_path) + 1 + size_t(n));
        listener = ::socket(AF_UNIX, SOCK_STREAM | SOCK_CLOEXEC, 0);
        if (listener < 0 || ::bind(listener, reinterpret_cast<sockaddr*>(&addr), len) != 0 || ::listen(listener, 4) != 0) {
            std::perror("fuzz_admin_reply: listen");
            std::abort();
        }
    }
};

void send_all(int fd, const uint8_t* p, size_t n) {
    while (n > 0) {
        ssize_t w = ::send(fd, p, n, MSG_NOSIGNAL);
        if (w <= 0) return;
        p += w;
        n -= size_t(w);
    }
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
    if (size > kMaxInput) return 0;
    static Node node;
    static auto credentials = std::make_shared<const net::Credentials>(
        "admin", proto::hash_password("admin"));

    auto deadline = net::Clock::now() + std::chrono::seconds(5);
    auto opened = net::Connection::open(node.addr, node.len, deadline, net::TlsTarget{});
    if (!opened.is_ok()) std::abort();
    std::unique_ptr<net::Connection> c(opened.value());
    int peer = ::accept4(node.listener, nullptr, nullptr, SOCK_CLOEXEC);
    if (peer < 0) std::abort();
    send_all(peer, data, size);
    ::shutdown(peer, SHUT_WR);  // a short input ends in EOF, not in a wait for the deadline

    net::NodeAuth auth(credentials);
    if (auth.login(*c, deadline).is_ok()) {
        auth.login_due();
        auth.authenticate(*c, deadline).ignore();
    }
    ::close(peer);

    net::NodeAuth async_auth(credentials);
    async_auth.authenticate_reply(data, size).ignore();
    proto::AdminMessage m;
    if (proto::parse_admin_message(data, size, m).is_ok()) m.field(proto::kFieldSessionToken);
    return 0;
}
