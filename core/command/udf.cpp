#include "core/command/udf.h"

#include "core/command/request.h"
#include "core/proto/msgpack.h"
#include "core/proto/particle.h"
#include "core/proto/result_code.h"

namespace aero {

namespace mp = proto::msgpack;

namespace {

Status name_item(proto::Reader& r, const char* what, std::string_view& out) {
    mp::Item it;
    if (!mp::read_item(r, it) || it.kind != mp::Item::kStr || it.len == 0)
        return Status(kErrParam, std::string("the UDF ") + what + " must be a non-empty string");
    out = std::string_view(reinterpret_cast<const char*>(it.data), it.len);
    if (out.find('\0') != std::string_view::npos)
        return Status(kErrParam, std::string("the UDF ") + what + " must not contain NUL bytes");
    return Status::ok();
}

}  // namespace

Status parse_udf_call(const uint8_t* p, size_t n, UdfCall& out) {
    proto::Reader r(p, n);
    mp::Item arr;
    if (p == nullptr || !mp::read_item(r, arr) || arr.kind != mp::Item::kArray || arr.len < 2 || arr.len > 3)
        return Status(kErrParam, "a UDF call is [module, function] or [module, function, args]");
    Status s = name_item(r, "module", out.module);
    if (s.is_ok()) s = name_item(r, "function", out.function);
    if (!s.is_ok()) return s;
    out.args = nullptr;
    out.args_len = 0;
    if (arr.len == 3) {
        const uint8_t* at = r.pos();
        proto::Reader peek = r;
        mp::Item args;
        if (!mp::read_item(peek, args) || (args.kind != mp::Item::kArray && args.kind != mp::Item::kNil))
            return Status(kErrParam, "UDF arguments must be an array");
        if (!mp::skip_value(r)) return Status(kErrParam, "malformed UDF arguments");
        if (args.kind == mp::Item::kArray) {
            out.args = at;
            out.args_len = size_t(r.pos() - at);
        }
    }
    return r.left() == 0 ? Status::ok() : Status(kErrParam, "trailing bytes after the UDF call");
}

Status udf_fields(proto::MessageWriter& w, const UdfCall& call, int op) {
    w.field(proto::kFieldUdfFilename, call.module);
    w.field(proto::kFieldUdfFunction, call.function);
    w.begin_field(proto::kFieldUdfArgList);
    Status s;
    if (call.args == nullptr) {
        mp::pack_array_header(w.buffer(), 0);
    } else {
        proto::Reader r(call.args, call.args_len);
        s = mp::std_to_as(r, w.buffer());
        if (!s.is_ok()) s = Status(kErrParam, "UDF arguments: " + s.message());
    }
    w.end_field();
    if (op >= 0) {
        uint8_t b = uint8_t(op);
        w.field(proto::kFieldUdfOp, &b, 1);
    }
    return s;
}

Status build_apply(proto::Buffer& out, const Key& key, const Policy& p, const UdfCall& call) {
    out.clear();
    proto::MessageWriter w(out);
    w.begin(write_header(p, 0));
    key_fields(w, key, p.send_key, true);
    Status s = filter_field(w, p);
    if (s.is_ok()) s = udf_fields(w, call);
    if (!s.is_ok()) return s;
    w.finish();
    return w.fits();
}

Status reply_status(int rc, const uint8_t* body, size_t n) {
    Status s(rc, proto::result_code_message(rc));
    if (rc != kErrUdf || body == nullptr) return s;
    proto::MessageView v;
    if (!v.parse(body, n).is_ok()) return s;
    proto::FieldView f;
    for (uint16_t i = 0; i < v.header().n_fields; i++)
        if (!v.next_field(f)) return s;
    proto::OpView op;
    for (uint16_t i = 0; i < v.header().n_ops; i++) {
        if (!v.next_op(op)) return s;
        if (op.name == "FAILURE" && op.particle == proto::kParticleString)
            return Status(rc, std::string(reinterpret_cast<const char*>(op.value), op.value_size));
    }
    return s;
}

}  // namespace aero
