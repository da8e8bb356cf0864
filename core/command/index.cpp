#include "core/command/index.h"

#include <algorithm>
#include <chrono>
#include <cstdlib>
#include <string>
#include <thread>

#include "core/command/client.h"
#include "core/proto/base64.h"
#include "core/proto/collection_op.h"
#include "core/proto/info.h"
#include "core/proto/msgpack.h"

namespace aero {

namespace mp = proto::msgpack;

namespace {

Status bad(std::string_view why) { return Status(kErrParam, "index: " + std::string(why)); }

std::string_view text(const mp::Item& it) { return {reinterpret_cast<const char*>(it.data), it.len}; }

// Info values are ';' and ':' separated: a name with either (or '=') would change the command.
Status info_safe(std::string_view key, std::string_view v, bool required) {
    if (required && v.empty()) return bad("'" + std::string(key) + "' is required");
    if (v.find_first_of(";:=\n") != std::string_view::npos)
        return bad("'" + std::string(key) + "' must not contain ';', ':', '=' or a newline");
    return Status::ok();
}

struct IndexSpec {
    std::string ns, set, name, bin, type;
    int64_t collection = 0;
    proto::Buffer ctx;
};

Status parse(const uint8_t* spec, size_t len, IndexSpec& out) {
    proto::Reader r(spec, len);
    mp::Item map;
    if (!mp::read_item(r, map) || map.kind != mp::Item::kMap) return bad("spec must be a msgpack map");
    for (uint32_t i = 0; i < map.len; i++) {
        mp::Item k, v;
        if (!mp::read_item(r, k) || k.kind != mp::Item::kStr) return bad("spec keys must be strings");
        std::string_view key = text(k);
        if (key == "ctx") {
            uint32_t levels = 0;
            Status s = proto::write_context(r, out.ctx, levels);
            if (!s.is_ok()) return s;
            continue;
        }
        if (!mp::read_item(r, v)) return bad("malformed spec");
        if (key == "collection") {
            if (v.kind != mp::Item::kInt || v.i < 0 || v.i > 3) return bad("'collection' must be 0..3");
            out.collection = v.i;
            continue;
        }
        if (v.kind != mp::Item::kStr) return bad("'" + std::string(key) + "' must be a string");
        if (key == "ns") out.ns = text(v);
        else if (key == "set") out.set = text(v);
        else if (key == "name") out.name = text(v);
        else if (key == "bin") out.bin = text(v);
        else if (key == "type") out.type = text(v);
        else return bad("unknown spec key '" + std::string(key) + "'");
    }
    Status s = info_safe("ns", out.ns, true);
    if (s.is_ok()) s = info_safe("set", out.set, false);
    if (s.is_ok()) s = info_safe("name", out.name, true);
    if (s.is_ok()) s = info_safe("bin", out.bin, true);
    if (!s.is_ok()) return s;
    if (out.type != "numeric" && out.type != "string" && out.type != "blob" && out.type != "geo2dsphere")
        return bad("'type' must be numeric, string, blob or geo2dsphere");
    return Status::ok();
}

// The smallest load_pct any node reports for the index (100 when built everywhere).
Status load_percent(Client& client, const IndexSpec& ix, const uint8_t* policy, size_t policy_len, int& pct) {
    pct = 100;
    return client.info_each("sindex-stat:namespace=" + ix.ns + ";indexname=" + ix.name, policy, policy_len,
                            [&](std::string_view node, int code, std::string_view value) {
        // A node that has not heard of the index yet (it spreads from the node that took it).
        if (code == 201) {
            pct = std::min(pct, -1);
            return Status::ok();
        }
        if (code != 0)
            return Status(code, "index '" + ix.name + "' on node " + std::string(node) + ": " + std::string(value));
        int node_pct = 0;
        for (auto& [k, v] : proto::split_pairs(value)) {
            if (k == "load_pct") node_pct = std::atoi(std::string(v).c_str());
        }
        pct = std::min(pct, node_pct);
        return Status::ok();
    });
}

}  // namespace

Status index_create(Client& client, const uint8_t* spec, size_t spec_len, const uint8_t* policy, size_t policy_len) {
    if (spec == nullptr || spec_len == 0) return bad("spec must be a msgpack map");
    IndexSpec ix;
    Status s = parse(spec, spec_len, ix);
    if (!s.is_ok()) return s;
    static const char* const kCollections[] = {"default", "list", "mapkeys", "mapvalues"};
    std::string cmd = "sindex-create:namespace=" + ix.ns;
    if (!ix.set.empty()) cmd += ";set=" + ix.set;
    cmd += ";indexname=" + ix.name;
    if (!ix.ctx.empty()) cmd += ";context=" + proto::base64_encode(ix.ctx.data(), ix.ctx.size());
    if (ix.collection != 0) cmd += std::string(";indextype=") + kCollections[ix.collection];
    cmd += ";bin=" + ix.bin + ";type=" + ix.type;
    proto::Buffer out;
    s = client.info(out, "", cmd, policy, policy_len);
    if (!s.is_ok()) return s;
    // The index is built in the background on every node; it answers queries once built.
    // Building takes as long as the data needs; a node that never learns of it is a failure.
    auto unknown_since = std::chrono::steady_clock::now();
    for (;;) {
        int pct = 0;
        s = load_percent(client, ix, policy, policy_len, pct);
        if (!s.is_ok() || pct >= 100) return s;
        if (pct >= 0) unknown_since = std::chrono::steady_clock::now();
        else if (std::chrono::steady_clock::now() - unknown_since > std::chrono::seconds(10))
            return Status(201, "index '" + ix.name + "' was not created on every node");
        std::this_thread::sleep_for(std::chrono::milliseconds(20));
    }
}

Status index_remove(Client& client, const char* ns, const char* name, const uint8_t* policy, size_t policy_len) {
    Status s = info_safe("ns", ns, true);
    if (s.is_ok()) s = info_safe("name", name, true);
    if (!s.is_ok()) return s;
    proto::Buffer out;
    return client.info(out, "", "sindex-delete:namespace=" + std::string(ns) + ";indexname=" + std::string(name),
                       policy, policy_len);
}

}  // namespace aero
