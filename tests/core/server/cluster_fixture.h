// A local cluster (--nodes) in the test process, and the record commands and info queries the
// cluster tests send to its nodes over their sockets, as a client would.
#pragma once

#include <gtest/gtest.h>

#include <openssl/evp.h>

#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "core/server/cluster.h"
#include "tests/core/server/test_client.h"
#include "tests/core/server/wire_ops.h"

namespace aero::server::test {

// A digest in partition pid; `i` tells records of one partition apart.
inline proto::Digest digest_in(uint32_t pid, uint32_t i) {
    proto::Digest d{};
    d[0] = uint8_t(pid);
    d[1] = uint8_t(pid >> 8);
    proto::store_u32(d.data() + 2, i);
    return d;
}

// A reply's result code and, for reads, the integer bin "v".
struct Reply {
    uint8_t result = 0xFF;
    std::optional<int64_t> value;
};

// Sends a single-record command on digest d (ns "test").
inline Reply command(uint16_t port, const proto::Digest& d, proto::MsgHeader h, const std::vector<wire::Op>& ops) {
    proto::Buffer req;
    proto::MessageWriter w(req);
    w.begin(h);
    w.field(proto::kFieldNamespace, "test");
    w.field(proto::kFieldDigest, d.data(), d.size());
    for (const auto& op : ops) w.op(op.op, op.particle, op.name, op.value.data(), op.value.size());
    w.finish();
    proto::Buffer body = round_trip(port, req);
    proto::MessageView v;
    Reply r;
    if (body.empty() || !v.parse(body.data(), body.size()).is_ok()) return r;
    r.result = v.header().result_code;
    proto::OpView op;
    if (v.header().n_ops && v.next_op(op) && op.value_size == 8) r.value = int64_t(proto::load_u64(op.value));
    return r;
}

// Writes v to bin "v"; returns the result code.
inline uint8_t put(uint16_t port, const proto::Digest& d, int64_t v) {
    proto::MsgHeader h;
    h.info2 = proto::kInfo2Write;
    return command(port, d, h, {{proto::kOpWrite, "v", proto::kParticleInteger, wire::be64(v)}}).result;
}

// Reads every bin; info3 carries the SC read mode bits.
inline Reply get(uint16_t port, const proto::Digest& d, uint8_t info3 = 0) {
    proto::MsgHeader h;
    h.info1 = proto::kInfo1Read | proto::kInfo1GetAll;
    h.info3 = info3;
    return command(port, d, h, {});
}

// One node's `replicas` answer for namespace "test": the regime, and each column decoded to
// one bool per partition.
struct Replicas {
    uint64_t regime = 0;
    std::vector<std::vector<bool>> columns;
};

inline Replicas replicas_of(uint16_t port) {
    std::string v = ask_info(port, "replicas");
    EXPECT_EQ(v.rfind("test:", 0), 0u) << v;
    std::string_view rest = std::string_view(v).substr(5);
    Replicas out;
    size_t comma = rest.find(',');
    out.regime = std::stoull(std::string(rest.substr(0, comma)));
    rest = rest.substr(comma + 1);
    comma = rest.find(',');
    int n_cols = std::stoi(std::string(rest.substr(0, comma)));
    for (int c = 0; c < n_cols; c++) {
        rest = rest.substr(comma + 1);
        comma = rest.find(',');
        std::string b64(rest.substr(0, comma));
        std::vector<unsigned char> bits(b64.size());
        EXPECT_EQ(EVP_DecodeBlock(bits.data(), reinterpret_cast<const unsigned char*>(b64.data()), int(b64.size())), 513);
        std::vector<bool>& col = out.columns.emplace_back(proto::kPartitions);
        for (uint32_t p = 0; p < proto::kPartitions; p++) col[p] = bits[p >> 3] & (0x80 >> (p & 7));
    }
    return out;
}

// The value of `key` in a "k=v;k=v" info answer, or "" when absent.
inline std::string info_field(const std::string& answer, const std::string& key) {
    size_t at = (";" + answer).find(";" + key + "=");
    if (at == std::string::npos) return "";
    size_t begin = at + key.size() + 1;
    return answer.substr(begin, answer.find(';', begin) - begin);
}

class ClusterTest : public ::testing::Test {
protected:
    // Starts cfg's nodes on free ports.
    void start(ServerConfig cfg) {
        cfg.port = 0;
        cluster = std::make_unique<Cluster>(cfg);
        ASSERT_TRUE(cluster->start().is_ok());
    }
    void start(uint32_t nodes, uint32_t replication_factor) {
        ServerConfig cfg;
        cfg.nodes = nodes;
        cfg.replication_factor = replication_factor;
        start(cfg);
    }
    uint16_t port(size_t i) { return cluster->node(i).port(); }
    ServerContext& ctx(size_t i) { return cluster->node(i).context(); }
    // The node that is replica `column` of pid, as the current table says.
    size_t owner(uint32_t pid, uint32_t column = 0) {
        uint64_t id = cluster->hold().table->replicas(pid)[column];
        for (size_t i = 0;; i++)
            if (ctx(i).node_id == id) return i;
    }
    bool stored(size_t node, const proto::Digest& d) { return ctx(node).storage.find("test")->lock(d).find() != nullptr; }
    uint64_t generation(size_t node) { return std::stoull(ask_info(port(node), "partition-generation")); }
    // A counter of namespace "test" on node i.
    uint64_t ns_stat(size_t node, const std::string& key) {
        std::string v = info_field(ask_info(port(node), "namespace/test"), key);
        EXPECT_FALSE(v.empty()) << key;
        return v.empty() ? 0 : std::stoull(v);
    }

    std::unique_ptr<Cluster> cluster;
};

}  // namespace aero::server::test
