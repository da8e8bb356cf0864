#include "core/cluster/node.h"

#include <arpa/inet.h>

#include <memory>

#include "core/proto/info.h"
#include "core/proto/message.h"

namespace aero {

Node::Node(std::string name, const sockaddr_storage& addr, socklen_t len, net::TlsTarget tls,
           const ClientConfig& config, std::shared_ptr<net::NodeAuth> auth)
    : name_(std::move(name)),
      addr_(addr),
      addr_len_(len),
      tls_(std::move(tls)),
      auth_(std::move(auth)),
      pool_(addr, len, tls_, config.max_conns_per_node, config.idle_timeout_s,
            [a = auth_](net::Connection& c, net::Clock::time_point deadline) { return a->authenticate(c, deadline); },
            [a = auth_](const net::Connection& c) { return a->current(c.auth_epoch); }) {}

std::string Node::address() const {
    char host[INET6_ADDRSTRLEN] = {};
    uint16_t port = 0;
    if (addr_.ss_family == AF_INET6) {
        const auto* a = reinterpret_cast<const sockaddr_in6*>(&addr_);
        inet_ntop(AF_INET6, &a->sin6_addr, host, sizeof host);
        port = ntohs(a->sin6_port);
        return "[" + std::string(host) + "]:" + std::to_string(port);
    }
    const auto* a = reinterpret_cast<const sockaddr_in*>(&addr_);
    inet_ntop(AF_INET, &a->sin_addr, host, sizeof host);
    port = ntohs(a->sin_port);
    return std::string(host) + ":" + std::to_string(port);
}

Status Node::login(net::Clock::time_point deadline) {
    auto c = net::Connection::open(addr_, addr_len_, deadline, tls_);
    if (!c.is_ok()) return c.status();
    std::unique_ptr<net::Connection> conn(c.value());
    Status s = auth_->login(*conn, deadline);
    if (!s.is_ok()) s.set_node(name_);
    return s;
}

namespace {

// A server with security on answers info on a connection that is not logged in with one
// line, "ERROR:<code>:<message>", without echoing the commands (fact sheet §2.1).
Status refused_info(std::string_view text) {
    int code = 0;
    std::string message;
    if (text.find('\t') != std::string_view::npos || !proto::parse_info_error(text, code, message)) return Status::ok();
    while (!message.empty() && message.back() == '\n') message.pop_back();
    return Status(code, "info request refused: " + message);
}

}  // namespace

Status info_on(net::Connection& c, const std::vector<std::string>& commands, net::Clock::time_point deadline,
               InfoValues& out) {
    proto::Buffer request;
    proto::write_info_request(request, commands);
    Status s = c.write_all(request.data(), request.size(), deadline);
    if (!s.is_ok()) return s;
    uint8_t type = 0;
    std::vector<uint8_t> body;
    s = c.read_message(type, body, deadline);
    if (!s.is_ok()) return s;
    if (type != proto::kProtoInfo) return Status(kErrConnection, "info reply has proto type " + std::to_string(type));
    std::string_view text(reinterpret_cast<const char*>(body.data()), body.size());
    s = refused_info(text);
    if (s.is_ok()) out = proto::parse_info_response(text);
    return s;
}

Status Node::info(const std::vector<std::string>& commands, net::Clock::time_point deadline, InfoValues& out) {
    auto c = pool_.acquire(deadline);
    if (!c.is_ok()) return c.status();
    Status s = info_on(*c.value(), commands, deadline, out);
    if (s.is_ok()) pool_.release(c.value());
    else pool_.discard(c.value());
    if (!s.is_ok()) s.set_node(name_);
    return s;
}

const std::string* info_value(const InfoValues& values, std::string_view command) {
    for (const auto& [k, v] : values)
        if (k == command) return &v;
    return nullptr;
}

}  // namespace aero
