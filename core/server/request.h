// A single-record AS_MSG request, parsed once into views of the received bytes.
#pragma once

#include <string_view>
#include <vector>

#include "core/proto/message.h"
#include "core/status.h"

namespace aero::server {

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
    // UDF fields (fact sheet §16): module (UDF_FILENAME), function, argument list and UDF_OP
    // (-1 when absent). A write with a module is a record UDF.
    bool has_udf = false;
    std::string_view udf_module;
    bool has_udf_function = false;
    std::string_view udf_function;
    bool has_udf_args = false;
    std::string_view udf_args;
    int udf_op = -1;
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
