// A single-record AS_MSG request, parsed once into views of the received bytes.
#pragma once

#include <string_view>
#include <vector>

#include "core/proto/message.h"
#include "core/status.h"

namespace aero::server {

// The UDF fields of a message (fact sheet §16): UDF_FILENAME (the module, without ".lua"),
// UDF_FUNCTION, UDF_ARGLIST (a msgpack array) and UDF_OP. A write with a module is a record
// UDF; a scan/query with one is an aggregation or a background UDF, by its op.
struct UdfFields {
    bool has_module = false;
    std::string_view module;
    bool has_function = false;
    std::string_view function;
    bool has_args = false;
    std::string_view args;
    int op = -1;  // -1 when absent
    // Set (never from the wire) on a background job's calls: like the real server's internal
    // UDF sub-transactions, they never create a record and nothing is answered.
    bool internal = false;

    // Takes field f when it is one of the four UDF fields; false when it is another field.
    bool take(const proto::FieldView& f);
    // Module, function and argument list are all there (udf_def_init_from_msg()).
    bool complete() const { return has_module && has_function && has_args; }
};

struct Request {
    proto::MsgHeader header;
    bool has_namespace = false;
    std::string_view ns;
    // Empty when absent or sent empty: the server treats both as "no set".
    std::string_view set;
    bool has_digest = false;
    std::string_view digest;
    // KEY field: particle type byte then the key's wire bytes.
    bool has_key = false;
    std::string_view key;
    // FILTER_EXP field: the packed filter expression (the first such field counts).
    bool has_filter = false;
    std::string_view filter;
    UdfFields udf;
    std::vector<proto::OpView> ops;
};

// Parses the AS_MSG at the start of the n bytes at body and sets `used` to its length; fails
// with 4 (PARAMETER) when its fields or ops run past n. Views point into body. Batch rows use
// it directly, because each row's message is followed by the next row.
Status parse_message(const uint8_t* body, size_t n, Request& out, size_t& used);
// Parses an AS_MSG body; fails with 4 (PARAMETER) unless header, fields and ops take up
// exactly the whole body, as the real server requires. Views point into body.
Status parse_request(const uint8_t* body, size_t n, Request& out);

}  // namespace aero::server
