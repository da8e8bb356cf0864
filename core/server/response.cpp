#include "core/server/response.h"

namespace aero::server {

Response::Response(proto::Buffer& out) : out_(out), start_(out.size()), writer_(out) {
    writer_.begin(proto::MsgHeader{});
}

void Response::add_bin(uint8_t op, std::string_view name, uint8_t particle, std::string_view value) {
    writer_.op(op, particle, name, value.data(), value.size());
    n_bins_++;
}

void Response::finish(uint8_t result, uint32_t generation, uint32_t void_time) {
    writer_.finish();
    uint8_t* h = out_.data() + start_ + proto::kProtoHeaderSize;
    h[5] = result_ = result;
    proto::store_u32(h + 6, generation);
    proto::store_u32(h + 10, void_time);
}

void Response::finish_bare(uint8_t result, uint32_t generation, uint32_t void_time) {
    out_.resize(start_);
    n_bins_ = 0;
    writer_.begin(proto::MsgHeader{});
    finish(result, generation, void_time);
}

}  // namespace aero::server
