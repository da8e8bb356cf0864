#include "core/cluster/peers.h"

#include <charconv>

namespace aero {

namespace {

class Cursor {
public:
    explicit Cursor(std::string_view s) : s_(s) {}
    bool eat(char c) {
        if (i_ < s_.size() && s_[i_] == c) { i_++; return true; }
        return false;
    }
    bool peek(char c) const { return i_ < s_.size() && s_[i_] == c; }
    // Text up to (not including) any of `stops`.
    std::string_view until(std::string_view stops) {
        size_t start = i_;
        int depth = 0;  // IPv6 literals hold ':' inside brackets
        while (i_ < s_.size()) {
            char c = s_[i_];
            if (c == '[' && stops.find('[') == std::string_view::npos) depth++;
            else if (c == ']' && depth > 0) depth--;
            else if (depth == 0 && stops.find(c) != std::string_view::npos) break;
            i_++;
        }
        return s_.substr(start, i_ - start);
    }

private:
    std::string_view s_;
    size_t i_ = 0;
};

Status malformed() { return Status(kErrClient, "malformed peers info value"); }

}  // namespace

Result<PeersInfo> parse_peers(std::string_view value) {
    PeersInfo out;
    Cursor c(value);
    std::string_view gen = c.until(",");
    if (!c.eat(',')) return malformed();
    std::from_chars(gen.data(), gen.data() + gen.size(), out.generation);
    std::string_view port_text = c.until(",");
    if (!c.eat(',')) return malformed();
    uint16_t default_port = 3000;
    if (!port_text.empty()) std::from_chars(port_text.data(), port_text.data() + port_text.size(), default_port);
    if (!c.eat('[')) return malformed();
    while (!c.eat(']')) {
        c.eat(',');
        if (!c.eat('[')) return malformed();
        Peer p;
        p.node_name = std::string(c.until(","));
        if (!c.eat(',')) return malformed();
        p.tls_name = std::string(c.until(","));
        if (!c.eat(',')) return malformed();
        if (!c.eat('[')) return malformed();
        while (!c.eat(']')) {
            c.eat(',');
            std::string_view host = c.until(",]");
            if (host.empty()) return malformed();
            auto hosts = parse_hosts(host);
            if (!hosts.is_ok() || hosts.value().size() != 1) return malformed();
            Host h = hosts.value()[0];
            bool has_port = host.back() != ']' && host.rfind(':') != std::string_view::npos &&
                            (host.front() != '[' || host.rfind(']') < host.rfind(':'));
            if (!has_port) h.port = default_port;
            h.tls_name = p.tls_name;
            p.hosts.push_back(std::move(h));
        }
        if (!c.eat(']')) return malformed();
        out.peers.push_back(std::move(p));
    }
    return out;
}

}  // namespace aero
