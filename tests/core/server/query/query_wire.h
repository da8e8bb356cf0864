// Scan/query requests built as clients build them (fact sheet §10.1) and their reply streams
// decoded message by message (§10.3), for the query tests.
#pragma once

#include <gtest/gtest.h>

#include <optional>
#include <string>
#include <vector>

#include "core/proto/digest.h"
#include "core/proto/message.h"
#include "core/server/dispatch.h"
#include "tests/core/server/wire_ops.h"

namespace aero::server::test {

struct QuerySpec {
    proto::MsgHeader h = [] {
        proto::MsgHeader m;
        m.info1 = proto::kInfo1Read;
        m.info3 = proto::kInfo3PartitionDone;
        return m;
    }();
    std::string ns = "test";
    std::optional<std::string> set;
    std::vector<uint16_t> pids;
    std::vector<proto::Digest> digests;
    std::vector<int64_t> bvals;
    std::optional<uint64_t> max_records;
    std::optional<uint32_t> rps;
    std::optional<std::string> filter;
    std::optional<std::string> range;  // INDEX_RANGE body
    std::optional<std::string> index_name;
    std::optional<uint8_t> index_type;
    std::optional<std::string> index_context;
    uint64_t trid = 0;  // 0: the server numbers the job
    std::vector<wire::Op> ops;
};

inline std::vector<uint16_t> all_partitions() {
    std::vector<uint16_t> p;
    for (uint16_t i = 0; i < proto::kPartitions; i++) p.push_back(i);
    return p;
}

inline proto::Buffer query_body(const QuerySpec& s) {
    using namespace aero::proto;
    Buffer req;
    MessageWriter w(req);
    w.begin(s.h);
    w.field(kFieldNamespace, s.ns);
    if (s.set) w.field(kFieldSet, *s.set);
    if (s.trid) {
        uint8_t trid[8];
        store_u64(trid, s.trid);
        w.field(kFieldQueryId, trid, 8);
    }
    uint8_t timeout[4] = {};
    w.field(kFieldSocketTimeout, timeout, 4);
    if (s.rps) {
        uint8_t b[4];
        store_u32(b, *s.rps);
        w.field(kFieldRecordsPerSecond, b, 4);
    }
    if (!s.pids.empty()) {
        std::string b;
        for (uint16_t p : s.pids) b += char(p & 0xFF), b += char(p >> 8);
        w.field(kFieldPidArray, b);
    }
    if (!s.digests.empty()) {
        std::string b;
        for (const Digest& d : s.digests) b.append(reinterpret_cast<const char*>(d.data()), d.size());
        w.field(kFieldDigestArray, b);
    }
    if (!s.bvals.empty()) {
        std::string b;
        for (int64_t v : s.bvals)
            for (int i = 0; i < 8; i++) b += char(uint64_t(v) >> (8 * i));
        w.field(kFieldBvalArray, b);
    }
    if (s.max_records) {
        uint8_t b[8];
        store_u64(b, *s.max_records);
        w.field(kFieldMaxRecords, b, 8);
    }
    if (s.index_name) w.field(kFieldIndexName, *s.index_name);
    if (s.index_type) w.field(kFieldIndexType, &*s.index_type, 1);
    if (s.index_context) w.field(kFieldIndexContext, *s.index_context);
    if (s.range) w.field(kFieldIndexRange, *s.range);
    if (s.filter) w.field(kFieldFilterExp, *s.filter);
    for (const auto& op : s.ops) w.op(op.op, op.particle, op.name, op.value.data(), op.value.size());
    w.finish();
    return Buffer(req.begin() + kProtoHeaderSize, req.end());
}

// INDEX_RANGE for an integer range on `bin` (empty: by index name).
inline std::string int_range(const std::string& bin, int64_t begin, int64_t end) {
    std::string r(1, '\1');
    r += char(bin.size());
    r += bin;
    r += char(proto::kParticleInteger);
    r += std::string("\0\0\0\x08", 4) + wire::be64(begin) + std::string("\0\0\0\x08", 4) + wire::be64(end);
    return r;
}

// INDEX_RANGE for string, blob or GeoJSON equality (the value repeated as clients send it).
inline std::string value_range(const std::string& bin, uint8_t particle, const std::string& v) {
    std::string r(1, '\1');
    r += char(bin.size());
    r += bin;
    r += char(particle);
    uint8_t len[4];
    proto::store_u32(len, uint32_t(v.size()));
    std::string l(reinterpret_cast<char*>(len), 4);
    return r + l + v + l + v;
}

struct StreamMsg {
    proto::MsgHeader h;
    std::optional<proto::Digest> digest;
    std::optional<std::string> set, key;
    std::optional<int64_t> bval;
    std::vector<wire::Op> bins;
};

struct Stream {
    std::vector<StreamMsg> records;
    std::vector<std::pair<uint32_t, uint8_t>> partitions_done;  // pid, result
    std::optional<uint8_t> last;                                // the LAST message's result
    std::optional<uint8_t> bare;                                // a startup failure's result
    size_t n_protos = 0;
};

// Decodes a whole reply: protos of messages, the last proto holding the LAST message.
inline Stream decode_stream(const proto::Buffer& out) {
    using namespace aero::proto;
    Stream s;
    size_t at = 0;
    while (at + kProtoHeaderSize <= out.size()) {
        uint64_t size = load_u64(out.data() + at) & 0xFFFFFFFFFFFFull;
        const uint8_t* body = out.data() + at + kProtoHeaderSize;
        s.n_protos++;
        size_t off = 0;
        while (off < size) {
            MessageView v;
            EXPECT_TRUE(v.parse(body + off, size - off).is_ok());
            StreamMsg m;
            m.h = v.header();
            FieldView f;
            for (uint16_t i = 0; i < m.h.n_fields && v.next_field(f); i++) {
                std::string val(reinterpret_cast<const char*>(f.data), f.size);
                if (f.type == kFieldDigest) {
                    Digest d;
                    std::memcpy(d.data(), f.data, kDigestSize);
                    m.digest = d;
                } else if (f.type == kFieldSet) {
                    m.set = val;
                } else if (f.type == kFieldKey) {
                    m.key = val;
                } else if (f.type == kFieldBvalArray) {
                    uint64_t b = 0;
                    for (int k = 7; k >= 0; k--) b = b << 8 | f.data[k];
                    m.bval = int64_t(b);
                }
            }
            OpView op;
            for (uint16_t i = 0; i < m.h.n_ops && v.next_op(op); i++)
                m.bins.emplace_back(op.op_type, std::string(op.name), op.particle,
                                    std::string(reinterpret_cast<const char*>(op.value), op.value_size));
            off = size_t(v.end() - body);
            if (m.h.info3 & kInfo3Last) s.last = m.h.result_code;
            else if (m.h.info3 & kInfo3PartitionDone) s.partitions_done.emplace_back(m.h.generation, m.h.result_code);
            else if (m.digest) s.records.push_back(std::move(m));
            else s.bare = m.h.result_code;
        }
        at += kProtoHeaderSize + size;
    }
    return s;
}

// Serves one AS_MSG body on ctx as the dispatcher does, the whole reply kept in one buffer.
inline Stream serve(ServerContext& ctx, const proto::Buffer& body) {
    proto::Buffer b = body, out, all;
    security::ConnAuth conn;
    conn.authenticated = true;
    ReplyFlush flush = [&all](proto::Buffer& block) {
        all.insert(all.end(), block.begin(), block.end());
        block.clear();
        return true;
    };
    serve_request(ctx, proto::kProtoMessage, b, conn, out, flush);
    all.insert(all.end(), out.begin(), out.end());
    return decode_stream(all);
}

}  // namespace aero::server::test
