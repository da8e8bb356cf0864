#include "core/cluster/config.h"

#include <charconv>
#include <functional>

namespace aero {

namespace {

// A pool of no connections could serve no command.
constexpr uint32_t kMinConnsPerNode = 1;
// Tends closer together re-read every node's state in a near busy loop.
constexpr uint32_t kMinTendIntervalMs = 10;
// 0 would drop every connection as soon as it is released, so none would be reused. The
// upper bound is the official C client's: the server reaps idle sockets long before a day.
constexpr uint32_t kMinIdleTimeoutS = 1;
constexpr uint32_t kMaxIdleTimeoutS = 86400;

Status bad_value(std::string_view key, std::string_view why) {
    return Status(kErrParam, "config '" + std::string(key) + "': " + std::string(why));
}

Status parse_u32(std::string_view key, std::string_view v, uint32_t& out, uint32_t min = 0, uint32_t max = UINT32_MAX) {
    uint64_t n = 0;
    auto [p, ec] = std::from_chars(v.data(), v.data() + v.size(), n);
    if (ec != std::errc() || p != v.data() + v.size() || n < min || n > max)
        return bad_value(key, "expected an integer between " + std::to_string(min) + " and " + std::to_string(max) +
                                  ", got '" + std::string(v) + "'");
    out = uint32_t(n);
    return Status::ok();
}

Status parse_bool(std::string_view key, std::string_view v, bool& out) {
    if (v == "true" || v == "1") { out = true; return Status::ok(); }
    if (v == "false" || v == "0") { out = false; return Status::ok(); }
    return bad_value(key, "expected true or false, got '" + std::string(v) + "'");
}

struct Property {
    const char* name;
    std::function<Status(ClientConfig&, std::string_view key, std::string_view value)> set;
    std::function<std::string(const ClientConfig&)> get;
};

Property u32_prop(const char* name, uint32_t ClientConfig::*field, uint32_t min = 0, uint32_t max = UINT32_MAX) {
    return {name,
            [field, min, max](ClientConfig& c, std::string_view k, std::string_view v) {
                return parse_u32(k, v, c.*field, min, max);
            },
            [field](const ClientConfig& c) { return std::to_string(c.*field); }};
}

Property str_prop(const char* name, std::string ClientConfig::*field) {
    return {name,
            [field](ClientConfig& c, std::string_view, std::string_view v) { c.*field = std::string(v); return Status::ok(); },
            [field](const ClientConfig& c) { return c.*field; }};
}

Property policy_prop(const char* name, PolicyDefaults ClientConfig::*group, uint32_t PolicyDefaults::*field) {
    return {name,
            [group, field](ClientConfig& c, std::string_view k, std::string_view v) { return parse_u32(k, v, c.*group.*field); },
            [group, field](const ClientConfig& c) { return std::to_string(c.*group.*field); }};
}

Property bool_prop(const char* name, bool ClientConfig::*field) {
    return {name,
            [field](ClientConfig& c, std::string_view k, std::string_view v) { return parse_bool(k, v, c.*field); },
            [field](const ClientConfig& c) { return std::string(c.*field ? "true" : "false"); }};
}

// "1,2,3": rack ids in order of preference.
Status parse_rack_ids(std::string_view key, std::string_view v, std::vector<int32_t>& out) {
    std::vector<int32_t> ids;
    while (!v.empty()) {
        size_t comma = v.find(',');
        std::string_view item = v.substr(0, comma);
        v = comma == std::string_view::npos ? std::string_view() : v.substr(comma + 1);
        int32_t id = 0;
        auto [p, ec] = std::from_chars(item.data(), item.data() + item.size(), id);
        if (ec != std::errc() || p != item.data() + item.size() || id < 0)
            return bad_value(key, "expected rack ids (integers of 0 or more) separated by commas, got '" +
                                      std::string(item) + "'");
        ids.push_back(id);
    }
    out = std::move(ids);
    return Status::ok();
}

std::string rack_ids_text(const ClientConfig& c) {
    std::string s;
    for (int32_t id : c.rack_ids) s.append(s.empty() ? "" : ",").append(std::to_string(id));
    return s;
}

std::string hosts_text(const ClientConfig& c) {
    std::string s;
    for (const Host& h : c.hosts) {
        if (!s.empty()) s += ',';
        bool v6 = h.name.find(':') != std::string::npos;
        s += v6 ? "[" + h.name + "]" : h.name;
        if (!h.tls_name.empty()) s += ':' + h.tls_name;
        s += ':' + std::to_string(h.port);
    }
    return s;
}

const std::vector<Property>& properties() {
    static const std::vector<Property> table = {
        {"hosts",
         [](ClientConfig& c, std::string_view, std::string_view v) {
             auto r = parse_hosts(v);
             if (!r.is_ok()) return r.status();
             c.hosts = std::move(r.value());
             return Status::ok();
         },
         hosts_text},
        str_prop("cluster_name", &ClientConfig::cluster_name),
        str_prop("user", &ClientConfig::user),
        str_prop("password", &ClientConfig::password),
        u32_prop("timeout", &ClientConfig::connect_timeout_ms),
        u32_prop("idle_timeout", &ClientConfig::idle_timeout_s, kMinIdleTimeoutS, kMaxIdleTimeoutS),
        u32_prop("max_conns_per_node", &ClientConfig::max_conns_per_node, kMinConnsPerNode),
        u32_prop("min_conns_per_node", &ClientConfig::min_conns_per_node),
        u32_prop("tend_interval", &ClientConfig::tend_interval_ms, kMinTendIntervalMs),
        bool_prop("use_services_alternate", &ClientConfig::use_services_alternate),
        bool_prop("host_lock", &ClientConfig::host_lock),
        bool_prop("tls.enable", &ClientConfig::tls_enable),
        str_prop("tls.cafile", &ClientConfig::tls_cafile),
        str_prop("tls.certfile", &ClientConfig::tls_certfile),
        str_prop("tls.keyfile", &ClientConfig::tls_keyfile),
        str_prop("tls.name", &ClientConfig::tls_name),
        bool_prop("rack_aware", &ClientConfig::rack_aware),
        {"rack_ids",
         [](ClientConfig& c, std::string_view k, std::string_view v) { return parse_rack_ids(k, v, c.rack_ids); },
         rack_ids_text},
        u32_prop("max_concurrent_operations", &ClientConfig::max_concurrent_operations),
        u32_prop("operation_queue_timeout_ms", &ClientConfig::operation_queue_timeout_ms),
        policy_prop("policies.read.socket_timeout", &ClientConfig::read, &PolicyDefaults::socket_timeout_ms),
        policy_prop("policies.read.total_timeout", &ClientConfig::read, &PolicyDefaults::total_timeout_ms),
        policy_prop("policies.read.max_retries", &ClientConfig::read, &PolicyDefaults::max_retries),
        policy_prop("policies.read.sleep_between_retries", &ClientConfig::read, &PolicyDefaults::sleep_between_retries_ms),
        policy_prop("policies.write.socket_timeout", &ClientConfig::write, &PolicyDefaults::socket_timeout_ms),
        policy_prop("policies.write.total_timeout", &ClientConfig::write, &PolicyDefaults::total_timeout_ms),
        policy_prop("policies.write.max_retries", &ClientConfig::write, &PolicyDefaults::max_retries),
        policy_prop("policies.write.sleep_between_retries", &ClientConfig::write, &PolicyDefaults::sleep_between_retries_ms),
        policy_prop("policies.query.socket_timeout", &ClientConfig::query, &PolicyDefaults::socket_timeout_ms),
        policy_prop("policies.query.total_timeout", &ClientConfig::query, &PolicyDefaults::total_timeout_ms),
        policy_prop("policies.query.max_retries", &ClientConfig::query, &PolicyDefaults::max_retries),
        policy_prop("policies.query.sleep_between_retries", &ClientConfig::query, &PolicyDefaults::sleep_between_retries_ms),
    };
    return table;
}

const Property* find(std::string_view key) {
    for (const Property& p : properties())
        if (key == p.name) return &p;
    return nullptr;
}

}  // namespace

Status config_set(ClientConfig& c, std::string_view key, std::string_view value) {
    const Property* p = find(key);
    if (p == nullptr) return Status(kErrParam, "unknown config key '" + std::string(key) + "'");
    return p->set(c, key, value);
}

Result<std::string> config_get(const ClientConfig& c, std::string_view key) {
    const Property* p = find(key);
    if (p == nullptr) return Status(kErrParam, "unknown config key '" + std::string(key) + "'");
    return p->get(c);
}

Status config_check(const ClientConfig& c) {
    if (c.min_conns_per_node > c.max_conns_per_node)
        return Status(kErrParam, "config 'min_conns_per_node' (" + std::to_string(c.min_conns_per_node) +
                                     ") must not exceed 'max_conns_per_node' (" + std::to_string(c.max_conns_per_node) +
                                     ")");
    return Status::ok();
}

size_t config_property_count() { return properties().size(); }

const char* config_property_name(size_t index) {
    return index < properties().size() ? properties()[index].name : nullptr;
}

Result<std::vector<Host>> parse_hosts(std::string_view text) {
    std::vector<Host> out;
    while (!text.empty()) {
        size_t comma = text.find(',');
        std::string_view item = text.substr(0, comma);
        text = comma == std::string_view::npos ? std::string_view() : text.substr(comma + 1);
        while (!item.empty() && item.front() == ' ') item.remove_prefix(1);
        while (!item.empty() && item.back() == ' ') item.remove_suffix(1);
        if (item.empty()) continue;
        Host h;
        std::string_view rest, port;
        if (item.front() == '[') {
            size_t close = item.find(']');
            if (close == std::string_view::npos) return Status(kErrInvalidHost, "invalid host '" + std::string(item) + "'");
            h.name = std::string(item.substr(1, close - 1));
            rest = item.substr(close + 1);
            if (!rest.empty() && rest.front() != ':') return Status(kErrInvalidHost, "invalid host '" + std::string(item) + "'");
        } else {
            size_t colon = item.find(':');
            h.name = std::string(item.substr(0, colon));
            if (colon != std::string_view::npos) rest = item.substr(colon);
        }
        // rest is "", ":port" or ":tls_name:port".
        if (!rest.empty()) {
            rest.remove_prefix(1);
            size_t colon = rest.find(':');
            if (colon != std::string_view::npos) h.tls_name = std::string(rest.substr(0, colon));
            port = colon == std::string_view::npos ? rest : rest.substr(colon + 1);
            if (port.empty() || (colon != std::string_view::npos && h.tls_name.empty()))
                return Status(kErrInvalidHost, "invalid host '" + std::string(item) + "'");
        }
        if (h.name.empty()) return Status(kErrInvalidHost, "invalid host '" + std::string(item) + "'");
        if (!port.empty()) {
            unsigned n = 0;
            auto [p, ec] = std::from_chars(port.data(), port.data() + port.size(), n);
            if (ec != std::errc() || p != port.data() + port.size() || n == 0 || n > 65535)
                return Status(kErrInvalidHost, "invalid port in host '" + std::string(item) + "'");
            h.port = uint16_t(n);
        }
        out.push_back(std::move(h));
    }
    return out;
}

}  // namespace aero
