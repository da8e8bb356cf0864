#include "core/server/query/query_request.h"

#include <cstring>

#include "core/proto/bytes.h"
#include "core/server/rw_utils.h"

namespace aero::server::query {

namespace {

using namespace aero::proto;

// AS_SET_NAME_MAX_SIZE and INAME_MAX_SZ count a terminating NUL.
constexpr size_t kSetNameMaxSize = 64;
constexpr size_t kIndexNameMaxSize = 64;
// QUERY_BINLIST: the bin list of pre-6.0 clients, replaced by READ ops.
constexpr uint8_t kFieldQueryBinList = 40;

std::string_view text(const FieldView& f) { return {reinterpret_cast<const char*>(f.data), f.size}; }

uint16_t load_le16(const uint8_t* p) { return uint16_t(p[0] | p[1] << 8); }

int64_t load_le64(const uint8_t* p) {
    uint64_t v = 0;
    for (int i = 7; i >= 0; i--) v = v << 8 | p[i];
    return int64_t(v);
}

struct RawFields {
    const FieldView* pids = nullptr;
    const FieldView* digests = nullptr;
    const FieldView* bvals = nullptr;
    const FieldView* rps = nullptr;
    const FieldView* socket_timeout = nullptr;
    const FieldView* max_records = nullptr;
    const FieldView* trid = nullptr;
};

// get_query_pids(): no duplicate partition across both arrays, 1..4096 entries each.
bool read_partitions(const RawFields& f, bool has_range, QueryRequest& q) {
    if (!f.pids && !f.digests) {
        if (f.bvals && has_range) return false;
        return true;
    }
    q.partitions.assign(kPartitions, PartitionAsk{});
    if (f.pids) {
        uint32_t n = f.pids->size / 2;
        if (n == 0 || n > kPartitions) return false;
        for (uint32_t i = 0; i < n; i++) {
            uint16_t pid = load_le16(f.pids->data + 2 * i);
            if (pid >= kPartitions || q.partitions[pid].requested) return false;
            q.partitions[pid].requested = true;
            q.n_pids_requested++;
        }
    }
    if (!f.digests) return !(f.bvals && has_range);
    uint32_t n = f.digests->size / kDigestSize;
    if (n == 0 || n > kPartitions) return false;
    if (has_range && (!f.bvals || f.bvals->size / 8 != n)) return false;
    for (uint32_t i = 0; i < n; i++) {
        const uint8_t* d = f.digests->data + i * kDigestSize;
        uint32_t pid = partition_id(d);
        PartitionAsk& p = q.partitions[pid];
        if (p.requested) return false;
        p.requested = p.has_resume = true;
        std::memcpy(p.digest.data(), d, kDigestSize);
        p.bval = has_range ? load_le64(f.bvals->data + 8 * i) : 0;
        q.n_pids_requested++;
        q.n_keyds_requested++;
    }
    return true;
}

}  // namespace

uint8_t parse_query_request(const uint8_t* body, size_t n, QueryRequest& q) {
    size_t used = 0;
    if (!message_extent(body, n, used).is_ok() || used != n) return kResultParameter;
    MessageView v;
    if (!v.parse(body, n).is_ok()) return kResultParameter;
    q = QueryRequest();
    q.header = v.header();
    // The first field of each type counts, as as_msg_field_get() finds the first.
    std::vector<FieldView> fields(q.header.n_fields);
    RawFields raw;
    bool seen[256] = {};
    for (FieldView& f : fields) {
        v.next_field(f);
        if (seen[f.type]) continue;
        seen[f.type] = true;
        switch (f.type) {
        case kFieldNamespace: q.ns = text(f); break;
        case kFieldSet: q.set = text(f); break;
        case kFieldPidArray: raw.pids = &f; break;
        case kFieldDigestArray: raw.digests = &f; break;
        case kFieldBvalArray: raw.bvals = &f; break;
        case kFieldRecordsPerSecond: raw.rps = &f; break;
        case kFieldSocketTimeout: raw.socket_timeout = &f; break;
        case kFieldMaxRecords: raw.max_records = &f; break;
        case kFieldQueryId: raw.trid = &f; break;
        case kFieldFilterExp: q.has_filter = true; q.filter = text(f); break;
        case kFieldQueryBinList: q.has_binlist = true; q.binlist = text(f); break;
        case kFieldIndexRange: q.has_range = true; q.range = text(f); break;
        case kFieldIndexName: q.has_index_name = true; q.index_name = text(f); break;
        case kFieldIndexType: q.has_index_type = true; q.index_type = text(f); break;
        case kFieldIndexContext: q.has_index_context = true; q.index_context = text(f); break;
        case kFieldIndexExpression: q.has_index_expression = true; break;
        default: q.udf.take(f); break;  // the server ignores the fields it does not use
        }
    }
    q.ops.resize(q.header.n_ops);
    for (auto& op : q.ops) v.next_op(op);

    if (q.set.size() >= kSetNameMaxSize) return kResultParameter;
    // The server reads the TRID as 8 bytes BE.
    if (raw.trid && raw.trid->size == 8) q.trid = load_u64(raw.trid->data);
    if (!read_partitions(raw, q.has_range, q)) return kResultParameter;
    if (raw.rps) {
        if ((q.header.info1 & kInfo1ShortQuery) || raw.rps->size != 4) return kResultParameter;
        q.rps = load_u32(raw.rps->data);
    }
    if (raw.socket_timeout) {
        q.socket_timeout_ok = raw.socket_timeout->size == 4;
        if (q.socket_timeout_ok) q.socket_timeout_ms = load_u32(raw.socket_timeout->data);
    }
    if (raw.max_records) {
        q.max_records_ok = raw.max_records->size == 8;
        if (q.max_records_ok) q.max_records = load_u64(raw.max_records->data);
    }
    if (q.has_index_name && (q.index_name.empty() || q.index_name.size() >= kIndexNameMaxSize || q.has_index_expression))
        return kResultParameter;
    return kResultOk;
}

}  // namespace aero::server::query
