// A batch of single-record rows (reads, writes, operates, deletes) sent as batch-index
// requests, one per node (fact sheet §9). The job owns a copy of the caller's input, splits
// rows by node, builds each node's request, collects row results from the response stream,
// and writes the combined result in input order. Loop thread only once submitted.
#pragma once

#include <cstdint>
#include <vector>

#include "core/command/batch_target.h"
#include "core/command/key.h"
#include "core/command/policy.h"
#include "core/proto/bytes.h"

namespace aero {

enum BatchRowKind : uint8_t { kBatchRead = 0, kBatchWrite = 1, kBatchOperate = 2, kBatchDelete = 3, kBatchUdf = 4 };

// A row result not received yet.
constexpr int kRowPending = INT32_MIN;

struct BatchRow {
    Key key;
    uint8_t kind = kBatchRead;
    bool is_write = false;
    const uint8_t* arg = nullptr;   // raw msgpack: names / bins / ops / nil
    size_t arg_len = 0;
    const uint8_t* attrs = nullptr; // raw msgpack of the row's policy map, or null
    size_t attrs_len = 0;
    Policy policy;                  // the batch policy with the row's overrides

    int code = kRowPending;
    uint32_t generation = 0;
    uint32_t void_time = 0;
    bool in_doubt = false;
    uint32_t sent = 0;              // times its request was handed to a socket
    size_t bins_at = 0;             // its bins map in BatchJob::bins_, when it has one
    size_t bins_len = 0;
};

class BatchJob {
public:
    // Copies and checks `input` (msgpack [[key, kind, arg(, policy)], ...], runs of keys
    // included: see parse_row).
    Status parse(const uint8_t* input, size_t len, const Policy& batch_policy);

    std::vector<BatchRow>& rows() { return rows_; }
    // Results go into caller memory instead of msgpack (reads only; see BatchTarget).
    Status set_target(BatchTarget target);
    const Policy& policy() const { return policy_; }

    // The request for `rows` (all served by one node) into out.
    Status build_request(proto::Buffer& out, const std::vector<uint32_t>& rows) const;
    // Takes one response proto body. Sets `done` at the trailer; a non-zero `batch_code` is a
    // failure of the whole node request.
    Status on_block(const uint8_t* body, size_t len, bool& done, int& batch_code);
    // Rows that failed with a transient code and are not in doubt: worth sending again.
    size_t transient_rows() const;
    // Makes those rows pending again.
    void reset_transient_rows();
    // How the row retries went, for the result's retry report (policy report_retries):
    // rounds sent, and whether total_timeout cut them short.
    void set_retry_outcome(uint32_t attempts, bool truncated) {
        attempts_ = attempts;
        truncated_ = truncated;
    }
    // Gives every still-pending row of `rows` the status `code`.
    void fail_rows(const std::vector<uint32_t>& rows, int code, bool in_doubt_if_sent);
    // Whether any write row was sent: a batch cut off as a whole is then in doubt.
    bool any_write_sent() const;
    // [[code, generation, ttl, bins|nil, in_doubt, digest], ...] in input order, followed with
    // report_retries by [attempts, max_attempts, truncated_by_timeout, unresolved]; with a
    // target, fills its metadata and codes instead and writes nil.
    void write_result(proto::Buffer& out) const;

private:
    // One row [key, kind, arg(, policy)] onto rows_, or one per user key of a run: a key
    // [ns, set, [user_key, ...]] stands for a row per user key, each with the kind, arg and
    // policy that follow it.
    Status parse_row(proto::Reader& r);
    // A run's rows, with their keys, onto rows_; nothing, and `r` untouched, for a single key.
    Status parse_run_keys(proto::Reader& r);
    // The kind, arg and policy of a row of `fields` elements, checked.
    Status parse_row_rest(proto::Reader& r, uint32_t fields, BatchRow& row);
    void write_row(proto::Buffer& out, const BatchRow& row, const BatchRow* previous) const;

    proto::Buffer input_;
    proto::Buffer filter_;   // the batch policy's filter expression, which policy_ points at
    std::vector<BatchRow> rows_;
    Policy policy_;
    proto::Buffer bins_;     // the bins of every row result, back to back
    proto::Buffer scratch_;  // where parse() checks each row's ops
    BatchTarget target_;
    bool has_target_ = false;
    uint32_t attempts_ = 1;
    bool truncated_ = false;
};

}  // namespace aero
