#include "core/command/query_reply.h"

#include <string>

#include "core/proto/digest.h"
#include "core/proto/message.h"
#include "core/proto/msgpack.h"
#include "core/proto/particle.h"
#include "core/proto/ttl.h"

namespace aero {

namespace mp = proto::msgpack;

namespace {

Status encode_record(proto::MessageView& v, QueryMessage& out, proto::Buffer& page) {
    const proto::MsgHeader& h = v.header();
    proto::FieldView set{0, nullptr, 0}, key{0, nullptr, 0};
    for (uint16_t i = 0; i < h.n_fields; i++) {
        proto::FieldView f;
        if (!v.next_field(f)) return Status(kErrConnection, "query record fields are truncated");
        if (f.type == proto::kFieldDigest && f.size == proto::kDigestSize) out.digest = f.data;
        else if (f.type == proto::kFieldSet) set = f;
        else if (f.type == proto::kFieldKey && f.size > 0) key = f;
        else if (f.type == proto::kFieldBvalArray && f.size == 8)
            for (int b = 7; b >= 0; b--) out.bval = int64_t(uint64_t(out.bval) << 8 | f.data[b]);  // i64 LE
    }
    if (out.digest == nullptr) return Status(kErrConnection, "query record without a digest");
    mp::pack_bin(page, out.digest, proto::kDigestSize);
    if (set.size > 0) mp::pack_str(page, std::string_view(reinterpret_cast<const char*>(set.data), set.size));
    else mp::pack_nil(page);
    if (key.data != nullptr) {
        Status s = mp::particle_to_std(key.data[0], key.data + 1, key.size - 1, page);
        if (!s.is_ok()) return Status(kErrConnection, "query record key: " + s.message());
    } else {
        mp::pack_nil(page);
    }
    mp::pack_uint(page, h.generation);
    mp::pack_uint(page, proto::void_time_to_ttl(h.record_ttl, proto::now_unix_seconds()));
    mp::pack_map_header(page, h.n_ops);
    for (uint16_t i = 0; i < h.n_ops; i++) {
        proto::OpView op;
        if (!v.next_op(op)) return Status(kErrConnection, "query record bins are truncated");
        mp::pack_str(page, op.name);
        Status s = mp::particle_to_std(op.particle, op.value, op.value_size, page);
        if (!s.is_ok()) return Status(kErrConnection, "bin '" + std::string(op.name) + "': " + s.message());
    }
    return Status::ok();
}

// The value of an aggregation's SUCCESS bin.
Status encode_value(proto::MessageView& v, proto::Buffer& page) {
    const proto::MsgHeader& h = v.header();
    proto::FieldView f;
    for (uint16_t i = 0; i < h.n_fields; i++)
        if (!v.next_field(f)) return Status(kErrConnection, "aggregation value fields are truncated");
    for (uint16_t i = 0; i < h.n_ops; i++) {
        proto::OpView op;
        if (!v.next_op(op)) return Status(kErrConnection, "aggregation value bins are truncated");
        // A stream function that failed on the node answers its message in a FAILURE bin.
        if (op.name == "FAILURE" && op.particle == proto::kParticleString)
            return Status(kErrUdf, std::string(reinterpret_cast<const char*>(op.value), op.value_size));
        if (op.name != "SUCCESS") continue;
        Status s = mp::particle_to_std(op.particle, op.value, op.value_size, page);
        return s.is_ok() ? s : Status(kErrConnection, "aggregation value: " + s.message());
    }
    return Status(kErrConnection, "aggregation reply without a SUCCESS bin");
}

}  // namespace

Status decode_query_message(const uint8_t* msg, size_t len, QueryMessage& out, proto::Buffer& page, bool aggregate) {
    out = QueryMessage();
    proto::MessageView v;
    Status s = v.parse(msg, len);
    if (!s.is_ok()) return Status(kErrConnection, "malformed query reply: " + s.message());
    const proto::MsgHeader& h = v.header();
    out.result_code = h.result_code;
    if (h.info3 & proto::kInfo3Last) {
        out.kind = QueryMessage::kLast;
        return Status::ok();
    }
    if (h.info3 & proto::kInfo3PartitionDone) {
        out.kind = QueryMessage::kPartitionDone;
        out.partition_id = h.generation;
        return Status::ok();
    }
    if (h.result_code != 0) return Status::ok();
    size_t mark = page.size();
    s = aggregate ? encode_value(v, page) : encode_record(v, out, page);
    if (!s.is_ok()) page.resize(mark);
    return s;
}

}  // namespace aero
