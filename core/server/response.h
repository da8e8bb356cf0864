// Builds an AS_MSG reply straight into the connection's output buffer: bins are appended as
// the ops produce them (no copies), and the header's metadata is filled in at the end.
#pragma once

#include <functional>
#include <string_view>

#include "core/proto/message.h"

namespace aero::server {

// Sends the bytes in out to the client and clears out; false once the client is gone. Long
// replies (batches) call it whenever a block is complete, so they never sit whole in memory.
using ReplyFlush = std::function<bool(proto::Buffer& out)>;

class Response {
public:
    // Starts a reply at the end of out.
    explicit Response(proto::Buffer& out);

    // Adds one returned bin (op code, bin name, particle type, wire value).
    void add_bin(uint8_t op, std::string_view name, uint8_t particle, std::string_view value);
    // How many bins were added so far.
    uint16_t n_bins() const { return n_bins_; }
    // Completes the reply with the bins added so far.
    void finish(uint8_t result, uint32_t generation, uint32_t void_time);
    // Drops any bins added and completes a reply of metadata only (errors, acks).
    void finish_bare(uint8_t result, uint32_t generation = 0, uint32_t void_time = 0);
    // The result code the reply was completed with.
    uint8_t result() const { return result_; }

private:
    proto::Buffer& out_;
    size_t start_;
    proto::MessageWriter writer_;
    uint16_t n_bins_ = 0;
    uint8_t result_ = 0;
};

}  // namespace aero::server
