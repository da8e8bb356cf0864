// The proto header (§1) and the AS_MSG message (§3-§5): constants, a writer that fills a
// reusable buffer, and a parser over received bytes. Shared by the client and aero-server.
#pragma once

#include <cstdint>
#include <string_view>

#include "core/proto/bytes.h"
#include "core/status.h"

namespace aero::proto {

constexpr uint8_t kProtoVersion = 2;
constexpr size_t kProtoHeaderSize = 8;
constexpr size_t kMsgHeaderSize = 22;
constexpr size_t kFieldHeaderSize = 5;
constexpr size_t kOpHeaderSize = 8;
// The server closes a socket announcing more than this (PROTO_SIZE_MAX); clients apply the
// same bound to replies so a corrupt header cannot make them allocate gigabytes.
constexpr uint64_t kMaxProtoSize = 128ull << 20;
// Field and op counts are 16-bit on the wire.
constexpr uint32_t kMaxCount = UINT16_MAX;
constexpr size_t kMaxBinNameSize = 15;
constexpr size_t kMaxNamespaceSize = 31;
constexpr size_t kMaxSetSize = 63;

enum ProtoType : uint8_t {
    kProtoInfo = 1,
    kProtoAdmin = 2,
    kProtoMessage = 3,
    kProtoCompressed = 4,
};

// info1
constexpr uint8_t kInfo1Read = 0x01;
constexpr uint8_t kInfo1GetAll = 0x02;
constexpr uint8_t kInfo1ShortQuery = 0x04;
constexpr uint8_t kInfo1Batch = 0x08;
constexpr uint8_t kInfo1Xdr = 0x10;
constexpr uint8_t kInfo1NoBinData = 0x20;
constexpr uint8_t kInfo1ReadModeApAll = 0x40;
constexpr uint8_t kInfo1CompressResponse = 0x80;
// info2
constexpr uint8_t kInfo2Write = 0x01;
constexpr uint8_t kInfo2Delete = 0x02;
constexpr uint8_t kInfo2Generation = 0x04;
constexpr uint8_t kInfo2GenerationGt = 0x08;
constexpr uint8_t kInfo2DurableDelete = 0x10;
constexpr uint8_t kInfo2CreateOnly = 0x20;
constexpr uint8_t kInfo2RelaxApLongQuery = 0x40;
constexpr uint8_t kInfo2RespondAllOps = 0x80;
// info3
constexpr uint8_t kInfo3Last = 0x01;
constexpr uint8_t kInfo3CommitMaster = 0x02;
constexpr uint8_t kInfo3PartitionDone = 0x04;
constexpr uint8_t kInfo3UpdateOnly = 0x08;
constexpr uint8_t kInfo3CreateOrReplace = 0x10;
constexpr uint8_t kInfo3ReplaceOnly = 0x20;
constexpr uint8_t kInfo3ScReadType = 0x40;
constexpr uint8_t kInfo3ScReadRelax = 0x80;

enum FieldType : uint8_t {
    kFieldNamespace = 0,
    kFieldSet = 1,
    kFieldKey = 2,
    kFieldDigest = 4,
    // Scan and query (fact sheet §10).
    kFieldQueryId = 7,
    kFieldSocketTimeout = 9,
    kFieldRecordsPerSecond = 10,
    kFieldPidArray = 11,
    kFieldDigestArray = 12,
    kFieldMaxRecords = 13,
    kFieldBvalArray = 15,
    kFieldIndexName = 21,
    kFieldIndexRange = 22,
    kFieldIndexContext = 23,
    kFieldIndexExpression = 24,
    kFieldIndexType = 26,
    kFieldUdfFilename = 30,
    kFieldUdfFunction = 31,
    kFieldUdfArgList = 32,
    kFieldUdfOp = 33,
    kFieldFilterExp = 43,
};

enum OpType : uint8_t {
    kOpRead = 1,
    kOpWrite = 2,
    kOpCdtRead = 3,
    kOpCdtModify = 4,
    kOpIncr = 5,
    kOpExpRead = 7,
    kOpExpModify = 8,
    kOpAppend = 9,
    kOpPrepend = 10,
    kOpTouch = 11,
    kOpBitRead = 12,
    kOpBitModify = 13,
    kOpDeleteAll = 14,
    kOpHllRead = 15,
    kOpHllModify = 16,
};

struct MsgHeader {
    uint8_t info1 = 0, info2 = 0, info3 = 0, info4 = 0;
    uint8_t result_code = 0;
    uint32_t generation = 0;
    uint32_t record_ttl = 0;
    uint32_t transaction_ttl = 0;
    uint16_t n_fields = 0;
    uint16_t n_ops = 0;
};

// Builds one AS_MSG (proto type 3) into a caller-owned buffer that is reused between
// messages. Counts and the proto size are patched in by finish().
class MessageWriter {
public:
    explicit MessageWriter(Buffer& buf) : b_(buf) {}
    void begin(const MsgHeader& h);
    void field(uint8_t type, const void* data, size_t n);
    void field(uint8_t type, std::string_view s) { field(type, s.data(), s.size()); }
    // Starts a field whose body the caller appends to buffer(); end_field() patches its size.
    void begin_field(uint8_t type);
    void end_field();
    void op(uint8_t op_type, uint8_t particle, std::string_view name, const void* value, size_t n);
    // Starts an op whose value the caller appends to buffer(); end_op() patches its size.
    void begin_op(uint8_t op_type, uint8_t particle, std::string_view name);
    void end_op();
    void finish();
    // Whether the message fits the wire: its 16-bit field and op counts, and a body within
    // kMaxProtoSize (the server closes the socket on a larger one). Checked before sending,
    // so that nothing is truncated or wrapped on the way.
    Status fits() const;
    Buffer& buffer() { return b_; }
    // Fields and ops written so far (batch rows carry their own counts).
    uint32_t field_count() const { return n_fields_; }
    uint32_t op_count() const { return n_ops_; }

private:
    Buffer& b_;
    size_t start_ = 0;
    size_t open_ = 0;
    uint32_t n_fields_ = 0;
    uint32_t n_ops_ = 0;
};

// Fails when `n` operations (or bins) are more than one message can carry.
Status check_op_count(uint64_t n);

// How large to make a message buffer that holds `have` bytes of an announced `size`: twice
// what has arrived, at least kFirstChunk, never past `size`. A header is only a claim: memory
// grows with the bytes that really come, so a peer announcing 120 MiB and sending nothing
// costs nothing.
constexpr size_t kFirstChunk = 64 * 1024;
inline size_t grown_size(size_t have, size_t size) {
    size_t want = have < kFirstChunk / 2 ? kFirstChunk : have * 2;
    return want < size ? want : size;
}

// One proto message read as its bytes arrive, for event loops (the async client, aero-server):
// the 8-byte header, then a body that grows toward the size the header announced.
struct IncomingMessage {
    enum Step { kMore, kHeader, kComplete };

    uint8_t header[kProtoHeaderSize] = {};
    Buffer body;  // grows toward `expected`; its capacity serves the next messages
    uint64_t expected = 0;
    size_t filled = 0;
    bool header_done = false;

    // Starts the next message.
    void restart() {
        filled = 0;
        header_done = false;
    }
    // Where the next bytes go, and how many fit: the rest of the header, then of the body.
    uint8_t* space() { return header_done ? body.data() + filled : header + filled; }
    size_t room() const { return header_done ? body.size() - filled : sizeof header - filled; }
    // Counts `n` bytes written at space(): kHeader once the header is whole (check it, then
    // call begin_body), kComplete once the body is.
    Step received(size_t n);
    // The header announced `size` bytes: kComplete for an empty body, else kMore.
    Step begin_body(uint64_t size);
};

// Writes the 8-byte proto header for a body of `size` bytes.
void write_proto_header(uint8_t* out, uint8_t type, uint64_t size);
// Parses a proto header; fails on a wrong version or an oversize body.
Status parse_proto_header(const uint8_t* p, uint8_t& type, uint64_t& size);

struct FieldView {
    uint8_t type;
    const uint8_t* data;
    uint32_t size;
};

struct OpView {
    uint8_t op_type;
    uint8_t particle;
    std::string_view name;
    const uint8_t* value;
    uint32_t value_size;
};

// A parsed AS_MSG body (everything after the proto header). Views point into the bytes
// given to parse(), which must outlive them.
class MessageView {
public:
    Status parse(const uint8_t* body, size_t n);
    const MsgHeader& header() const { return h_; }
    // Iteration: call next_field n_fields times, then next_op n_ops times.
    bool next_field(FieldView& f);
    bool next_op(OpView& op);
    // Bytes after this message when parse() was given a stream of messages.
    const uint8_t* end() const;

private:
    MsgHeader h_;
    Reader r_{nullptr, 0};
    const uint8_t* end_ = nullptr;
};

// Walks a whole message once to find where it ends; used to check a request takes up
// exactly its proto body, as the server requires.
Status message_extent(const uint8_t* body, size_t n, size_t& used);

// Whether one proto body of a multi-record reply (a batch or query stream) holds the message
// flagged kInfo3Last, the stream's end. False for a malformed body too.
bool ends_stream(const uint8_t* body, size_t n);

}  // namespace aero::proto
