#include "core/server/request.h"

namespace aero::server {

namespace {
std::string_view as_text(const proto::FieldView& f) {
    return std::string_view(reinterpret_cast<const char*>(f.data), f.size);
}
}  // namespace

bool UdfFields::take(const proto::FieldView& f) {
    switch (f.type) {
    case proto::kFieldUdfFilename: has_module = true; module = as_text(f); return true;
    case proto::kFieldUdfFunction: has_function = true; function = as_text(f); return true;
    case proto::kFieldUdfArgList: has_args = true; args = as_text(f); return true;
    case proto::kFieldUdfOp: op = f.size > 0 ? f.data[0] : 0; return true;
    default: return false;
    }
}

Status parse_message(const uint8_t* body, size_t n, Request& out, size_t& used) {
    Status s = proto::message_extent(body, n, used);
    if (!s.is_ok()) return s;

    proto::MessageView v;
    s = v.parse(body, used);
    if (!s.is_ok()) return s;
    out = Request();
    out.header = v.header();
    proto::FieldView f;
    for (uint16_t i = 0; i < out.header.n_fields && v.next_field(f); i++) {
        switch (f.type) {
        case proto::kFieldNamespace: out.has_namespace = true; out.ns = as_text(f); break;
        case proto::kFieldSet: out.set = as_text(f); break;
        case proto::kFieldDigest: out.has_digest = true; out.digest = as_text(f); break;
        case proto::kFieldKey: out.has_key = true; out.key = as_text(f); break;
        case proto::kFieldFilterExp:
            if (!out.has_filter) {
                out.has_filter = true;
                out.filter = as_text(f);
            }
            break;
        default: out.udf.take(f); break;  // the server ignores the fields it does not use
        }
    }
    out.ops.resize(out.header.n_ops);
    for (auto& op : out.ops) v.next_op(op);  // cannot fail: message_extent walked them
    return Status::ok();
}

Status parse_request(const uint8_t* body, size_t n, Request& out) {
    size_t used = 0;
    Status s = parse_message(body, n, out, used);
    if (s.is_ok() && used != n) return Status(4, "extra bytes follow fields and ops");
    return s;
}

}  // namespace aero::server
