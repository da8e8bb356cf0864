// Client::admin: user and role administration (fact sheet §13) on one random node, which
// spreads the change to its cluster, as the official clients do.
#include <memory>
#include <vector>

#include "core/cluster/cluster.h"
#include "core/command/admin_request.h"
#include "core/command/client.h"
#include "core/proto/message.h"
#include "core/proto/msgpack.h"
#include "core/proto/result_code.h"

namespace aero {

namespace mp = proto::msgpack;

namespace {

Status refused(uint8_t rc, const Node& node) {
    Status s(rc, "admin command failed: " + proto::result_code_message(rc));
    s.set_node(node.name());
    return s;
}

// Sends the message and reads the answer: a single record, or for a query the records of
// every proto up to the QUERY_END record, packed into out as an array of maps.
Status exchange(net::Connection& c, const Node& node, const AdminRequest& req, const proto::Buffer& message,
                net::Clock::time_point deadline, proto::Buffer& out) {
    Status s = c.write_all(message.data(), message.size(), deadline);
    proto::Buffer items;
    uint32_t count = 0;
    std::vector<uint8_t> body;
    std::vector<proto::AdminMessage> records;
    while (s.is_ok()) {
        uint8_t type = 0;
        s = c.read_message(type, body, deadline);
        if (!s.is_ok()) break;
        if (type != proto::kProtoAdmin) return Status(kErrConnection, "admin reply has proto type " + std::to_string(type));
        if (!proto::parse_admin_records(body.data(), body.size(), records).is_ok() || records.empty())
            return Status(kErrConnection, "malformed admin reply");
        for (const auto& r : records) {
            if (!req.is_query() || r.result == proto::kResultQueryEnd) {
                if (r.result != 0 && r.result != proto::kResultQueryEnd) return refused(r.result, node);
                out.clear();
                if (!req.is_query()) {
                    mp::pack_nil(out);
                    return Status::ok();
                }
                mp::pack_array_header(out, count);
                out.insert(out.end(), items.begin(), items.end());
                return Status::ok();
            }
            if (r.result != 0) return refused(r.result, node);
            bool ok = req.command == proto::kAdminQueryUsers ? pack_user_record(r, items) : pack_role_record(r, items);
            if (!ok) return Status(kErrConnection, "malformed admin record");
            count++;
        }
    }
    return s;
}

}  // namespace

Status Client::admin(proto::Buffer& out, const uint8_t* request, size_t request_len, const uint8_t* policy,
                     size_t policy_len) {
    AdminRequest req;
    Status s = parse_admin_request(request, request_len, req);
    std::shared_ptr<const ClusterState> state;
    net::Clock::time_point deadline;
    if (s.is_ok()) s = info_target(policy, policy_len, state, deadline);
    if (!s.is_ok()) return s;
    std::shared_ptr<Node> node = random_node(*state);
    if (!node) return Status(kErrInvalidNode, "no node is available");
    // Your own password is changed with the old one (CHANGE_PASSWORD); another user's is set
    // by an administrator (SET_PASSWORD).
    bool own_password = req.command == proto::kAdminSetPassword && credentials_ && credentials_->user == req.user;
    proto::Buffer message;
    build_admin_message(req, own_password ? credentials_->password_hash() : std::string(), message);
    auto c = node->pool().acquire(deadline);
    // A node that restarted refuses the old session token before the tend thread logs in
    // again; nothing was sent, so log in now and try once more.
    if (!c.is_ok() && node->auth()->login_due() && node->login(deadline).is_ok()) c = node->pool().acquire(deadline);
    if (!c.is_ok()) return c.status();
    s = exchange(*c.value(), *node, req, message, deadline, out);
    // A refusal leaves the connection clean (its whole answer was read); a failure may not.
    if (s.is_ok() || s.code() > 0) node->pool().release(c.value());
    else node->pool().discard(c.value());
    if (!s.is_ok() || !own_password) return s;
    // The server ended the old sessions and the rights of the connections logged in with
    // them: log in again everywhere with the new password, so that new connections
    // authenticate with a fresh token, and retire the old connections.
    credentials_->set_password_hash(proto::hash_password(req.password));
    for (const auto& n : state->nodes) {
        n->auth()->renew_connections();
        n->login(deadline).ignore();
    }
    return Status::ok();
}

}  // namespace aero
