#include "core/command/query_spec.h"

#include <algorithm>
#include <string_view>

#include "core/command/request.h"
#include "core/command/udf.h"
#include "core/proto/collection_op.h"
#include "core/proto/message.h"
#include "core/proto/msgpack.h"
#include "core/proto/particle.h"

namespace aero {

namespace mp = proto::msgpack;
using proto::MessageWriter;

namespace {

Status bad(std::string_view key, std::string_view why) {
    return Status(kErrParam, "query '" + std::string(key) + "': " + std::string(why));
}

std::string_view text(const mp::Item& it) { return {reinterpret_cast<const char*>(it.data), it.len}; }

Status read_uint(proto::Reader& r, std::string_view key, uint64_t max, uint64_t& out) {
    mp::Item it;
    if (!mp::read_item(r, it) || it.kind != mp::Item::kInt || it.i < 0 || uint64_t(it.i) > max)
        return bad(key, "expected an integer in 0.." + std::to_string(max));
    out = uint64_t(it.i);
    return Status::ok();
}

template <typename T>
Status read_small(proto::Reader& r, std::string_view key, uint64_t max, T& out) {
    uint64_t v = 0;
    Status s = read_uint(r, key, max, v);
    out = T(v);
    return s;
}

Status read_string(proto::Reader& r, std::string_view key, std::string& out) {
    mp::Item it;
    if (!mp::read_item(r, it) || it.kind != mp::Item::kStr) return bad(key, "expected a string");
    out.assign(text(it));
    return Status::ok();
}

Status read_bool(proto::Reader& r, std::string_view key, bool& out) {
    mp::Item it;
    if (!mp::read_item(r, it) || it.kind != mp::Item::kBool) return bad(key, "expected a bool");
    out = it.b;
    return Status::ok();
}

Status read_digest(proto::Reader& r, std::string_view key, proto::Digest& out) {
    mp::Item it;
    if (!mp::read_item(r, it) || it.kind != mp::Item::kBin || it.len != proto::kDigestSize)
        return bad(key, "expected a 20-byte digest");
    std::copy(it.data, it.data + it.len, out.begin());
    return Status::ok();
}

Status read_bins(proto::Reader& r, QuerySpec& q) {
    mp::Item arr;
    if (!mp::read_item(r, arr) || arr.kind != mp::Item::kArray) return bad("bins", "expected a list of bin names");
    q.all_bins = false;
    for (uint32_t i = 0; i < arr.len; i++) {
        std::string name;
        Status s = read_string(r, "bins", name);
        if (!s.is_ok()) return s;
        if (name.empty() || name.size() > 15) return bad("bins", "a bin name is 1 to 15 bytes");
        q.bins.push_back(std::move(name));
    }
    return Status::ok();
}

// One end of the range: the value's particle type and its wire bytes.
Status read_bound(proto::Reader& r, std::string_view key, uint8_t& particle, proto::Buffer& out) {
    mp::Item it;
    if (!mp::read_item(r, it)) return bad(key, "malformed value");
    switch (it.kind) {
    case mp::Item::kInt: particle = proto::kParticleInteger; proto::put_u64(out, uint64_t(it.i)); break;
    case mp::Item::kStr: particle = proto::kParticleString; proto::put_bytes(out, it.data, it.len); break;
    case mp::Item::kBin: particle = proto::kParticleBlob; proto::put_bytes(out, it.data, it.len); break;
    case mp::Item::kExt:
        if (it.ext_type != mp::kExtGeoJson) return bad(key, "the only ext value an index takes is GeoJSON");
        particle = proto::kParticleGeoJson;
        proto::put_bytes(out, it.data, it.len);
        break;
    default: return bad(key, "an index value is an integer, a string, bytes or GeoJSON");
    }
    return Status::ok();
}

Status read_where(proto::Reader& r, IndexPredicate& p) {
    mp::Item map;
    if (!mp::read_item(r, map) || map.kind != mp::Item::kMap) return bad("where", "expected a map");
    uint8_t end_particle = 0;
    bool has_begin = false, has_end = false;
    for (uint32_t i = 0; i < map.len; i++) {
        mp::Item k;
        if (!mp::read_item(r, k) || k.kind != mp::Item::kStr) return bad("where", "keys must be strings");
        std::string_view key = text(k);
        Status s;
        if (key == "bin") s = read_string(r, "where.bin", p.bin);
        else if (key == "index_name") s = read_string(r, "where.index_name", p.index_name);
        else if (key == "collection") s = read_small(r, "where.collection", 3, p.collection);
        else if (key == "begin") { s = read_bound(r, "where.begin", p.particle, p.begin); has_begin = true; }
        else if (key == "end") { s = read_bound(r, "where.end", end_particle, p.end); has_end = true; }
        else if (key == "ctx") {
            uint32_t levels = 0;
            s = proto::write_context(r, p.ctx, levels);
        } else return bad("where", "unknown key '" + std::string(key) + "'");
        if (!s.is_ok()) return s;
    }
    if (!has_begin) return bad("where", "needs 'begin'");
    if (p.bin.empty() == p.index_name.empty()) return bad("where", "needs exactly one of 'bin' and 'index_name'");
    if (p.bin.size() > 15) return bad("where.bin", "a bin name is at most 15 bytes");
    if (!p.index_name.empty() && !p.ctx.empty()) return bad("where", "an index named by 'index_name' takes no 'ctx'");
    if (!has_end) {
        p.end = p.begin;  // equality: clients repeat the value (§10.2)
    } else if (end_particle != p.particle) {
        return bad("where", "'begin' and 'end' must be of the same type");
    } else if (p.particle == proto::kParticleInteger) {
        if (int64_t(proto::load_u64(p.begin.data())) > int64_t(proto::load_u64(p.end.data())))
            return bad("where", "'begin' must not be above 'end'");
    } else if (p.begin != p.end) {
        return bad("where", "a string, bytes or GeoJSON predicate is an equality: 'end' must equal 'begin'");
    }
    return Status::ok();
}

Status read_range(proto::Reader& r, uint32_t& begin, uint32_t& count) {
    mp::Item arr;
    if (!mp::read_item(r, arr) || arr.kind != mp::Item::kArray || arr.len != 2)
        return bad("partitions", "expected [begin, count]");
    Status s = read_small(r, "partitions", proto::kPartitions - 1, begin);
    if (s.is_ok()) s = read_small(r, "partitions", proto::kPartitions, count);
    if (s.is_ok() && begin + count > proto::kPartitions) return bad("partitions", "the range passes partition 4095");
    return s;
}

// [[id, done, digest|nil, bval], ...] as write_partition_status() gives it.
Status read_status(proto::Reader& r, std::vector<PartitionStatus>& out) {
    mp::Item arr;
    if (!mp::read_item(r, arr) || arr.kind != mp::Item::kArray || arr.len > proto::kPartitions)
        return bad("status", "expected a list of partition states");
    std::vector<bool> seen(proto::kPartitions);
    for (uint32_t i = 0; i < arr.len; i++) {
        mp::Item row, it;
        PartitionStatus p;
        if (!mp::read_item(r, row) || row.kind != mp::Item::kArray || row.len != 4)
            return bad("status", "each state is [id, done, digest|nil, bval]");
        Status s = read_small(r, "status", proto::kPartitions - 1, p.id);
        if (s.is_ok()) s = read_bool(r, "status", p.done);
        if (!s.is_ok()) return s;
        if (r.left() > 0 && *r.pos() == 0xc0) {
            r.skip(1);
        } else {
            s = read_digest(r, "status", p.digest);
            if (!s.is_ok()) return s;
            p.has_digest = true;
        }
        if (!mp::read_item(r, it) || it.kind != mp::Item::kInt) return bad("status", "bval must be an integer");
        p.bval = it.i;
        if (seen[p.id]) return bad("status", "partition " + std::to_string(p.id) + " appears twice");
        seen[p.id] = true;
        p.retry = !p.done;
        out.push_back(p);
    }
    return Status::ok();
}

// The background job's operations, kept as given (built per request like operate's).
Status read_ops(proto::Reader& r, proto::Buffer& out) {
    const uint8_t* start = r.pos();
    if (!mp::skip_value(r)) return bad("ops", "malformed operations");
    out.assign(start, r.pos());
    bool writes = false;
    Status s = operate_writes(out.data(), out.size(), writes);
    if (!s.is_ok()) return s;
    if (!writes) return bad("ops", "a background job needs at least one write operation");
    return Status::ok();
}

// A UDF call for a background job or an aggregation, checked now and kept as given.
Status read_udf(proto::Reader& r, std::string_view key, uint8_t op, QuerySpec& q) {
    if (!q.udf.empty()) return bad(key, "a query runs one UDF: 'udf' or 'aggregate', not both");
    const uint8_t* start = r.pos();
    if (!mp::skip_value(r)) return bad(key, "malformed UDF call");
    q.udf.assign(start, r.pos());
    q.udf_op = op;
    UdfCall call;
    Status s = parse_udf_call(q.udf.data(), q.udf.size(), call);
    return s.is_ok() ? s : bad(key, s.message());
}

}  // namespace

Status parse_query_spec(const uint8_t* spec, size_t len, QuerySpec& q) {
    q = QuerySpec();
    if (spec == nullptr || len == 0) return Status(kErrParam, "query spec must be a msgpack map");
    proto::Reader r(spec, len);
    mp::Item map;
    if (!mp::read_item(r, map) || map.kind != mp::Item::kMap) return Status(kErrParam, "query spec must be a msgpack map");
    uint32_t begin = 0, count = proto::kPartitions;
    bool has_after = false, has_status = false, has_range = false;
    proto::Digest after{};
    for (uint32_t i = 0; i < map.len; i++) {
        mp::Item k;
        if (!mp::read_item(r, k) || k.kind != mp::Item::kStr) return Status(kErrParam, "query spec keys must be strings");
        std::string_view key = text(k);
        Status s;
        if (key == "ns") s = read_string(r, key, q.ns);
        else if (key == "set") s = read_string(r, key, q.set);
        else if (key == "bins") s = read_bins(r, q);
        else if (key == "no_bins") s = read_bool(r, key, q.no_bins);
        else if (key == "where") { s = read_where(r, q.index); q.has_index = true; }
        else if (key == "max_records") s = read_uint(r, key, UINT64_MAX >> 1, q.max_records);
        else if (key == "records_per_second") s = read_small(r, key, UINT32_MAX, q.records_per_second);
        else if (key == "expected_duration") s = read_small(r, key, 2, q.expected_duration);
        else if (key == "record_queue_size") s = read_small(r, key, 1u << 20, q.record_queue_size);
        else if (key == "max_concurrent_nodes") s = read_small(r, key, UINT32_MAX, q.max_concurrent_nodes);
        else if (key == "partitions") { s = read_range(r, begin, count); has_range = true; }
        else if (key == "after") { s = read_digest(r, key, after); has_after = true; }
        else if (key == "status") { s = read_status(r, q.partitions); has_status = true; }
        else if (key == "ops") s = read_ops(r, q.ops);
        else if (key == "udf") s = read_udf(r, key, QuerySpec::kUdfBackground, q);
        else if (key == "aggregate") s = read_udf(r, key, QuerySpec::kUdfAggregate, q);
        else return Status(kErrParam, "unknown query spec key '" + std::string(key) + "'");
        if (!s.is_ok()) return s;
    }
    if (r.left() != 0) return Status(kErrParam, "trailing bytes after the query spec");
    if (q.ns.empty()) return bad("ns", "a namespace is required");
    if (q.record_queue_size == 0) return bad("record_queue_size", "must be at least 1");
    if (q.expected_duration == 1 && q.records_per_second > 0)
        return bad("records_per_second", "a short query cannot be rate-limited");
    if (!q.ops.empty() && !q.udf.empty()) return bad("ops", "a background job runs operations or a UDF, not both");
    bool whole = !(has_status || has_range || has_after || q.max_records > 0 || !q.all_bins || q.no_bins);
    if (q.background() && !whole)
        return bad(q.ops.empty() ? "udf" : "ops",
                   "a background job runs on every record the query finds: no partitions, bins or limit");
    if (q.aggregate() && !whole)
        return bad("aggregate", "an aggregation reduces every record the query finds: no partitions, bins or limit");
    if (has_status && (has_range || has_after)) return bad("status", "resumes a query: no 'partitions' or 'after' with it");
    if (!has_status) {
        if (has_after) {
            // The partition of the digest, from just after it.
            begin = proto::partition_id(after.data());
            count = has_range ? count : 1;
            if (has_range && begin != proto::partition_id(after.data()))
                return bad("after", "the digest is not in the first partition of the range");
        }
        for (uint32_t p = begin; p < begin + count; p++) q.partitions.push_back(PartitionStatus{uint16_t(p)});
        if (has_after && !q.partitions.empty()) {
            q.partitions[0].has_digest = true;
            q.partitions[0].digest = after;
        }
    }
    return Status::ok();
}

namespace {

// The fields every scan and query request starts with: namespace, set, rate, timeout, task
// id, the index predicate and the filter.
Status common_fields(MessageWriter& w, const QuerySpec& q, const Policy& p, uint64_t task_id) {
    w.field(proto::kFieldNamespace, q.ns);
    if (!q.set.empty()) w.field(proto::kFieldSet, q.set);
    if (q.records_per_second > 0) {
        uint8_t rps[4];
        proto::store_u32(rps, q.records_per_second);
        w.field(proto::kFieldRecordsPerSecond, rps, 4);
    }
    uint8_t u32[4], u64[8];
    proto::store_u32(u32, p.socket_timeout_ms);
    w.field(proto::kFieldSocketTimeout, u32, 4);
    proto::store_u64(u64, task_id);
    w.field(proto::kFieldQueryId, u64, 8);
    if (q.has_index) {
        const IndexPredicate& ix = q.index;
        if (ix.collection != 0) w.field(proto::kFieldIndexType, &ix.collection, 1);
        if (!ix.index_name.empty()) w.field(proto::kFieldIndexName, ix.index_name);
        w.begin_field(proto::kFieldIndexRange);
        proto::Buffer& b = w.buffer();
        proto::put_u8(b, 1);
        proto::put_u8(b, uint8_t(ix.bin.size()));
        proto::put_str(b, ix.bin);
        proto::put_u8(b, ix.particle);
        proto::put_u32(b, uint32_t(ix.begin.size()));
        proto::put_bytes(b, ix.begin.data(), ix.begin.size());
        proto::put_u32(b, uint32_t(ix.end.size()));
        proto::put_bytes(b, ix.end.data(), ix.end.size());
        w.end_field();
        if (!ix.ctx.empty()) w.field(proto::kFieldIndexContext, ix.ctx.data(), ix.ctx.size());
    }
    return filter_field(w, p);
}

// The UDF fields of an aggregation or a background UDF job (parse_query_spec checked the call).
Status query_udf_fields(MessageWriter& w, const QuerySpec& q) {
    UdfCall call;
    Status s = parse_udf_call(q.udf.data(), q.udf.size(), call);
    return s.is_ok() ? udf_fields(w, call, q.udf_op) : s;
}

}  // namespace

Status build_query_request(proto::Buffer& out, const QuerySpec& q, const Policy& p, uint64_t task_id,
                           const std::vector<const PartitionStatus*>& parts, uint64_t max_records) {
    out.clear();
    MessageWriter w(out);
    proto::MsgHeader h = read_header(p, 0);
    if (q.no_bins) h.info1 |= proto::kInfo1NoBinData;
    else if (q.all_bins) h.info1 |= proto::kInfo1GetAll;
    if (q.expected_duration == 1) h.info1 |= proto::kInfo1ShortQuery;
    if (q.expected_duration == 2) h.info2 |= proto::kInfo2RelaxApLongQuery;
    h.info3 |= proto::kInfo3PartitionDone;
    // The whole query has one deadline, which the client enforces; the server's own timeout
    // is the socket timeout between records (J setQuery).
    h.transaction_ttl = p.total_timeout_ms;
    w.begin(h);
    uint8_t u64[8];
    Status s = common_fields(w, q, p, task_id);
    if (!s.is_ok()) return s;
    // Fresh partitions by id (u16 LE), resumed ones by their last digest (with its bval for
    // index queries, same order).
    size_t fresh = 0;
    for (const PartitionStatus* ps : parts) fresh += ps->has_digest ? 0 : 1;
    if (fresh > 0) {
        w.begin_field(proto::kFieldPidArray);
        for (const PartitionStatus* ps : parts) {
            if (ps->has_digest) continue;
            w.buffer().push_back(uint8_t(ps->id));
            w.buffer().push_back(uint8_t(ps->id >> 8));
        }
        w.end_field();
    }
    if (fresh < parts.size()) {
        w.begin_field(proto::kFieldDigestArray);
        for (const PartitionStatus* ps : parts)
            if (ps->has_digest) proto::put_bytes(w.buffer(), ps->digest.data(), ps->digest.size());
        w.end_field();
        if (q.has_index) {
            w.begin_field(proto::kFieldBvalArray);
            for (const PartitionStatus* ps : parts) {
                if (!ps->has_digest) continue;
                uint64_t v = uint64_t(ps->bval);
                for (int i = 0; i < 8; i++) w.buffer().push_back(uint8_t(v >> (8 * i)));
            }
            w.end_field();
        }
    }
    if (max_records > 0) {
        proto::store_u64(u64, max_records);
        w.field(proto::kFieldMaxRecords, u64, 8);
    }
    if (q.aggregate()) {
        s = query_udf_fields(w, q);
        if (!s.is_ok()) return s;
    }
    if (!q.no_bins)
        for (const std::string& bin : q.bins) w.op(proto::kOpRead, 0, bin, nullptr, 0);
    w.finish();
    return w.fits();
}

Status build_background_request(proto::Buffer& out, const QuerySpec& q, const Policy& p, uint64_t task_id) {
    out.clear();
    MessageWriter w(out);
    // A write header (ttl, durable delete, exists, commit level apply to every record); the
    // server adds UPDATE_ONLY, so a background job never creates a record (§10.5).
    proto::MsgHeader h = write_header(p, 0);
    h.transaction_ttl = p.total_timeout_ms;
    w.begin(h);
    Status s = common_fields(w, q, p, task_id);
    if (!s.is_ok()) return s;
    if (!q.udf.empty()) {
        s = query_udf_fields(w, q);
        if (!s.is_ok()) return s;
        w.finish();
        return w.fits();
    }
    uint8_t info1 = 0, info2 = 0;
    s = write_operate_ops(w, q.ops.data(), q.ops.size(), info1, info2);
    if (!s.is_ok()) return s;
    if (info1 != 0) return Status(kErrParam, "query 'ops': a background job takes write operations only");
    w.finish();
    return w.fits();
}

void write_partition_status(proto::Buffer& out, const std::vector<PartitionStatus>& parts) {
    mp::pack_array_header(out, uint32_t(parts.size()));
    for (const PartitionStatus& p : parts) {
        mp::pack_array_header(out, 4);
        mp::pack_uint(out, p.id);
        mp::pack_bool(out, p.done);
        if (p.has_digest) mp::pack_bin(out, p.digest.data(), p.digest.size());
        else mp::pack_nil(out);
        mp::pack_int(out, p.bval);
    }
}

}  // namespace aero
