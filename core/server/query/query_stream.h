// The reply stream of a foreground scan or query (fact sheet §10.3): record messages and
// partition-done messages packed into protos of about 1 MiB (the server's QUERY_CHUNK_LIMIT),
// then a proto of its own holding the final LAST message, as conn_query_job_finish() sends it.
#pragma once

#include <cstdint>
#include <string_view>

#include "core/proto/bytes.h"
#include "core/proto/digest.h"
#include "core/server/namespace.h"
#include "core/server/response.h"

namespace aero::server::query {

class QueryStream {
public:
    // Protos are appended to out and handed to flush (when given) as each one fills.
    QueryStream(proto::Buffer& out, const ReplyFlush& flush);

    // Starts a record message (as_msg_make_response_bufbuilder): result 0, info1 GET_NO_BINS
    // when `no_bins`, the record's generation and void time, fields NAMESPACE, DIGEST, SET
    // (when it has one), KEY (when stored) and BVAL (index queries). Bins follow with add_bin.
    void begin_record(const Namespace& ns, const proto::Digest& d, const Record& r, bool no_bins,
                      const int64_t* bval);
    void add_bin(uint8_t op, std::string_view name, uint8_t particle, std::string_view value);
    // Completes the record begun last.
    void end_record();
    // Drops the record begun last (a projection that found nothing to return).
    void drop_record();
    // A stream UDF's value (as_msg_make_val_response_bufbuilder): result 0, no fields, one
    // SUCCESS bin (FAILURE when !success) holding the value.
    void value(bool success, uint8_t particle, std::string_view bytes);
    // A partition this node could not serve (as_msg_pid_done_bufbuilder): info3 PARTITION_DONE,
    // generation = the partition id.
    void partition_done(uint32_t pid, uint8_t result);
    // Whether the current proto holds more than the chunk limit.
    bool over_chunk() const;
    // Sends the current proto once it holds more than the chunk limit; false once the client
    // is gone.
    bool maybe_flush();
    // Bytes handed to the connection so far.
    uint64_t bytes_sent() const { return bytes_sent_; }
    // Sends what is pending and appends the LAST message with `result` as a proto of its own.
    void finish(uint8_t result);
    // Whether the client went away while a proto was being sent.
    bool client_gone() const { return client_gone_; }

private:
    void start_proto();
    void end_message(size_t at);
    bool send_proto();

    proto::Buffer& out_;
    const ReplyFlush& flush_;
    proto::MessageWriter writer_;
    size_t proto_start_ = 0;
    size_t record_start_ = 0;
    bool client_gone_ = false;
    uint64_t bytes_sent_ = 0;
};

}  // namespace aero::server::query
