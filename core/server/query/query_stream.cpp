#include "core/server/query/query_stream.h"

namespace aero::server::query {

namespace {

using namespace aero::proto;

// QUERY_CHUNK_LIMIT: a proto is sent once it grows past this.
constexpr size_t kChunkLimit = 1024 * 1024;

}  // namespace

QueryStream::QueryStream(Buffer& out, const ReplyFlush& flush) : out_(out), flush_(flush), writer_(out) {
    start_proto();
}

void QueryStream::start_proto() {
    proto_start_ = out_.size();
    out_.resize(proto_start_ + kProtoHeaderSize);
}

bool QueryStream::send_proto() {
    if (out_.size() == proto_start_ + kProtoHeaderSize) {
        out_.resize(proto_start_);
        return true;
    }
    write_proto_header(out_.data() + proto_start_, kProtoMessage, out_.size() - proto_start_ - kProtoHeaderSize);
    bytes_sent_ += out_.size() - proto_start_;
    if (flush_ && !client_gone_) client_gone_ = !flush_(out_);
    return !client_gone_;
}

void QueryStream::begin_record(const Namespace& ns, const Digest& d, const Record& r, bool no_bins,
                               const int64_t* bval) {
    record_start_ = out_.size();
    MsgHeader h;
    h.info1 = no_bins ? kInfo1NoBinData : 0;
    h.generation = r.generation;
    h.record_ttl = r.void_time;
    writer_.begin(h);
    writer_.field(kFieldNamespace, ns.name());
    writer_.field(kFieldDigest, d.data(), d.size());
    if (std::string_view set = ns.set_name(r.set_id); !set.empty()) writer_.field(kFieldSet, set);
    if (!r.key.empty()) writer_.field(kFieldKey, r.key);
    if (bval) {
        uint8_t le[8];
        for (int i = 0; i < 8; i++) le[i] = uint8_t(uint64_t(*bval) >> (8 * i));
        writer_.field(kFieldBvalArray, le, sizeof le);
    }
}

void QueryStream::add_bin(uint8_t op, std::string_view name, uint8_t particle, std::string_view value) {
    writer_.op(op, particle, name, value.data(), value.size());
}

void QueryStream::end_record() { end_message(record_start_); }

void QueryStream::end_message(size_t at) {
    // MessageWriter puts a proto header before each message; messages in a chunk share the
    // chunk's one.
    writer_.finish();
    out_.erase(out_.begin() + ptrdiff_t(at), out_.begin() + ptrdiff_t(at + kProtoHeaderSize));
}

void QueryStream::drop_record() { out_.resize(record_start_); }

void QueryStream::value(bool success, uint8_t particle, std::string_view bytes) {
    size_t at = out_.size();
    writer_.begin(MsgHeader{});
    writer_.op(kOpRead, particle, success ? "SUCCESS" : "FAILURE", bytes.data(), bytes.size());
    end_message(at);
}

void QueryStream::partition_done(uint32_t pid, uint8_t result) {
    size_t at = out_.size();
    MsgHeader h;
    h.info3 = kInfo3PartitionDone;
    h.result_code = result;
    h.generation = pid;
    writer_.begin(h);
    end_message(at);
}

bool QueryStream::over_chunk() const { return out_.size() - proto_start_ - kProtoHeaderSize > kChunkLimit; }

bool QueryStream::maybe_flush() {
    if (!over_chunk()) return !client_gone_;
    if (!send_proto()) return false;
    start_proto();
    return true;
}

void QueryStream::finish(uint8_t result) {
    send_proto();
    MsgHeader h;
    h.info3 = kInfo3Last;
    h.result_code = result;
    writer_.begin(h);
    writer_.finish();
}

}  // namespace aero::server::query
