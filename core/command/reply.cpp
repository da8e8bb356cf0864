#include "core/command/reply.h"


#include "core/proto/msgpack.h"
#include "core/proto/ttl.h"

namespace aero {

namespace mp = proto::msgpack;

namespace {

void write_header(proto::Buffer& out, uint32_t items, const Key& key, const Reply& reply) {
    mp::pack_array_header(out, items);
    mp::pack_bin(out, key.digest.data(), key.digest.size());
    mp::pack_uint(out, reply.header.generation);
    mp::pack_uint(out, proto::void_time_to_ttl(reply.header.record_ttl, proto::now_unix_seconds()));
}

}  // namespace

Status write_record(proto::Buffer& out, const Key& key, const Reply& reply, bool pairs) {
    out.clear();
    write_header(out, 4, key, reply);
    proto::MessageView v;
    Status s = v.parse(reply.body->data(), reply.body->size());
    if (!s.is_ok()) return s;
    proto::FieldView f;
    for (uint16_t i = 0; i < v.header().n_fields; i++)
        if (!v.next_field(f)) return Status(kErrClient, "reply fields are truncated");
    uint16_t n = v.header().n_ops;
    if (pairs) mp::pack_array_header(out, n); else mp::pack_map_header(out, n);
    for (uint16_t i = 0; i < n; i++) {
        proto::OpView op;
        if (!v.next_op(op)) return Status(kErrClient, "reply bins are truncated");
        if (pairs) mp::pack_array_header(out, 2);
        mp::pack_str(out, op.name);
        s = mp::particle_to_std(op.particle, op.value, op.value_size, out);
        if (!s.is_ok()) return Status(kErrClient, "bin '" + std::string(op.name) + "': " + s.message());
    }
    return Status::ok();
}

void write_metadata(proto::Buffer& out, const Key& key, const Reply& reply) {
    out.clear();
    write_header(out, 3, key, reply);
}

}  // namespace aero
