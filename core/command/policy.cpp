#include "core/command/policy.h"

#include <random>
#include <string>
#include <string_view>

#include "core/command/metrics.h"
#include "core/proto/bytes.h"
#include "core/proto/expression.h"
#include "core/proto/msgpack.h"

namespace aero {

namespace mp = proto::msgpack;

namespace {

Status bad(std::string_view key, const std::string& why) {
    return Status(kErrParam, "policy '" + std::string(key) + "': " + why);
}

// Reads an integer policy value and checks it lies in [lo, hi].
Status int_in(std::string_view key, const mp::Item& v, int64_t lo, int64_t hi, int64_t& out) {
    if (v.kind == mp::Item::kBool) return bad(key, "expected an integer, got a bool");
    if (v.kind != mp::Item::kInt) return bad(key, "expected an integer");
    if (v.i < lo || v.i > hi)
        return bad(key, "value " + std::to_string(v.i) + " is outside " + std::to_string(lo) + ".." + std::to_string(hi));
    out = v.i;
    return Status::ok();
}

Status apply(std::string_view k, const mp::Item& v, Policy& p) {
    int64_t n = 0;
    Status s;
    auto u32 = [&](uint32_t& field) {
        s = int_in(k, v, 0, UINT32_MAX, n);
        if (s.is_ok()) field = uint32_t(n);
        return s;
    };
    auto small = [&](uint8_t& field, int64_t hi) {
        s = int_in(k, v, 0, hi, n);
        if (s.is_ok()) field = uint8_t(n);
        return s;
    };
    auto flag = [&](bool& field) {
        if (v.kind == mp::Item::kBool) { field = v.b; return Status::ok(); }
        s = int_in(k, v, 0, 1, n);
        if (s.is_ok()) field = n != 0;
        return s;
    };
    if (k == "metrics_op") {
        if (v.kind != mp::Item::kStr || v.len == 0 || v.len > metrics::kMaxOpName)
            return bad(k, "expected an operation name of 1 to 31 bytes");
        p.metrics_op = std::string_view(reinterpret_cast<const char*>(v.data), v.len);
        return Status::ok();
    }
    if (k == "socket_timeout") return u32(p.socket_timeout_ms);
    if (k == "total_timeout") return u32(p.total_timeout_ms);
    if (k == "max_retries") return u32(p.max_retries);
    if (k == "sleep_between_retries") return u32(p.sleep_between_retries_ms);
    if (k == "timeout_delay") return u32(p.timeout_delay_ms);
    if (k == "max_sleep_between_retries") return u32(p.max_sleep_between_retries_ms);
    if (k == "jitter") return flag(p.jitter);
    if (k == "backoff_multiplier") {
        double m = v.kind == mp::Item::kDouble ? v.d : v.kind == mp::Item::kInt ? double(v.i) : -1;
        if (v.kind == mp::Item::kBool || m < 1.0 || m > 100.0) return bad(k, "expected a number from 1 to 100");
        p.backoff_multiplier = m;
        return Status::ok();
    }
    if (k == "timeout") return u32(p.info_timeout_ms);
    if (k == "raw_errors") return flag(p.info_raw_errors);
    if (k == "row_retries") return u32(p.row_retries);
    if (k == "report_retries") return flag(p.report_retries);
    if (k == "allow_inline") return flag(p.allow_inline);
    if (k == "allow_inline_ssd") return flag(p.allow_inline_ssd);
    if (k == "respond_all_keys") return flag(p.respond_all_keys);
    if (k == "concurrency") {
        s = int_in(k, v, 0, 1, n);
        if (s.is_ok()) p.batch_sequential = n == 0;
        return s;
    }
    if (k == "key") {
        s = int_in(k, v, 0, 1, n);
        if (s.is_ok()) p.send_key = n == 1;
        return s;
    }
    if (k == "exists") return small(p.exists, 4);
    if (k == "gen") return small(p.gen_mode, 2);
    if (k == "generation") return u32(p.generation);
    if (k == "ttl") {
        s = int_in(k, v, -2, UINT32_MAX, n);
        if (s.is_ok()) p.ttl = n;
        return s;
    }
    if (k == "commit_level") {
        s = int_in(k, v, 0, 1, n);
        if (s.is_ok()) p.commit_master = n == 1;
        return s;
    }
    if (k == "durable_delete") return flag(p.durable_delete);
    if (k == "read_mode_ap") {
        s = int_in(k, v, 0, 1, n);
        if (s.is_ok()) p.read_mode_all = n == 1;
        return s;
    }
    if (k == "replica") return small(p.replica, 2);
    if (k == "read_mode_sc") return small(p.read_mode_sc, 3);
    if (k == "read_touch_ttl_percent") {
        s = int_in(k, v, -1, 100, n);
        if (s.is_ok()) p.read_touch_ttl_percent = int32_t(n);
        return s;
    }
    return Status(kErrParam, "unknown policy key '" + std::string(k) + "'");
}

// filter_expression: an expression tree, a bin holding a packed one, or nil for none.
Status filter(proto::Reader& r, Policy& p) {
    if (r.left() > 0 && *r.pos() == 0xc0) {
        r.skip(1);
        p.filter = nullptr;
        p.filter_len = 0;
        return Status::ok();
    }
    size_t used = 0;
    if (!proto::expression_tree(r.pos(), r.left(), p.filter, p.filter_len, used))
        return bad("filter_expression", "expected an expression (an array, or a bin holding a packed one) or nil");
    r.skip(used);
    return Status::ok();
}

}  // namespace

uint32_t retry_pause_ms(const Policy& p, uint32_t retry) {
    double pause = p.sleep_between_retries_ms;
    for (uint32_t i = 1; i < retry && pause < double(UINT32_MAX); i++) pause *= p.backoff_multiplier;
    if (p.max_sleep_between_retries_ms > 0 && pause > p.max_sleep_between_retries_ms) pause = p.max_sleep_between_retries_ms;
    if (pause > double(UINT32_MAX)) pause = double(UINT32_MAX);
    if (p.jitter && pause > 0) {
        // "Full jitter": anywhere from nothing to the whole pause, so that clients that failed
        // together do not all retry together.
        thread_local std::minstd_rand rng(std::random_device{}());
        pause = std::uniform_real_distribution<double>(0.0, pause)(rng);
    }
    return uint32_t(pause);
}

Status parse_policy(const ClientConfig& config, PolicyKind kind, const uint8_t* map, size_t len, Policy& out) {
    out = Policy();
    const PolicyDefaults& d = kind == PolicyKind::kWrite   ? config.write
                              : kind == PolicyKind::kQuery ? config.query
                                                           : config.read;
    out.socket_timeout_ms = d.socket_timeout_ms;
    out.total_timeout_ms = d.total_timeout_ms;
    out.max_retries = d.max_retries;
    out.sleep_between_retries_ms = d.sleep_between_retries_ms;
    Status s = apply_policy_map(map, len, out);
    // An info or truncate command has no record to filter: refused rather than ignored.
    if (s.is_ok() && kind == PolicyKind::kInfo && out.filter != nullptr)
        return bad("filter_expression", "info and truncate take no filter");
    // A rack preference without racks would silently read in sequence (aerospike-py refuses it).
    if (s.is_ok() && out.replica == kReplicaPreferRack && (!config.rack_aware || config.rack_ids.empty()))
        return bad("replica", "PREFER_RACK needs racks in the client config (rack_aware with rack_id or rack_ids)");
    return s;
}

Status apply_policy_map(const uint8_t* map, size_t len, Policy& out) {
    if (map == nullptr || len == 0) return Status::ok();
    proto::Reader r(map, len);
    mp::Item it;
    if (!mp::read_item(r, it) || it.kind != mp::Item::kMap) return Status(kErrParam, "policy must be a msgpack map");
    for (uint32_t i = 0; i < it.len; i++) {
        mp::Item k, v;
        if (!mp::read_item(r, k) || k.kind != mp::Item::kStr) return Status(kErrParam, "policy keys must be strings");
        std::string_view name(reinterpret_cast<const char*>(k.data), k.len);
        if (name == "filter_expression") {
            Status s = filter(r, out);
            if (!s.is_ok()) return s;
            continue;
        }
        if (!mp::read_item(r, v)) return Status(kErrParam, "malformed policy value");
        if (v.kind == mp::Item::kArray || v.kind == mp::Item::kMap) return bad(name, "expected a scalar");
        Status s = apply(name, v, out);
        if (!s.is_ok()) return s;
    }
    if (r.left() != 0) return Status(kErrParam, "trailing bytes after the policy map");
    return Status::ok();
}

}  // namespace aero
