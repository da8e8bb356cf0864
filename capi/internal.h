// The handle bodies and the guard every entry point runs in. Not part of the ABI.
#pragma once

#include <exception>
#include <new>
#include <string>
#include <vector>

#include "aero.h"
#include "core/cluster/config.h"
#include "core/command/batch.h"
#include "core/command/client.h"
#include "core/command/completion_queue.h"
#include "core/command/policy.h"
#include "core/command/query.h"
#include "core/status.h"

struct aero_error {
    aero_status code = AERO_OK;
    std::string message;
    bool in_doubt = false;
    std::string node;
};

struct aero_buf {
    std::vector<uint8_t> data;
    // The caller's slots aero_buf_watch() bound (null: none): every entry point that writes
    // the buffer stores its address and size there before it returns.
    const uint8_t** data_slot = nullptr;
    size_t* size_slot = nullptr;

    void publish() {
        if (data_slot == nullptr) return;
        *data_slot = data.data();
        *size_slot = data.size();
    }
};

struct aero_config {
    aero::ClientConfig config;
};

struct aero_client {
    explicit aero_client(aero::ClientConfig c) : client(std::move(c)) {}
    aero::Client client;
};

struct aero_queue {
    aero_client* client;
    // Shared with the commands in flight, so destroying the handle never frees memory the
    // loop thread is about to write.
    std::shared_ptr<aero::CompletionQueue> queue;
};

struct aero_query {
    std::unique_ptr<aero::QueryJob> job;
};

// The ABI's policy and op numbers are the core's; a change to either must change both.
static_assert(AERO_POLICY_EXISTS_UPDATE_ONLY == aero::kExistsUpdateOnly && AERO_POLICY_EXISTS_REPLACE == aero::kExistsReplace &&
              AERO_POLICY_EXISTS_REPLACE_ONLY == aero::kExistsReplaceOnly && AERO_POLICY_EXISTS_CREATE_ONLY == aero::kExistsCreateOnly);
static_assert(AERO_BATCH_READ == aero::kBatchRead && AERO_BATCH_WRITE == aero::kBatchWrite &&
              AERO_BATCH_OPERATE == aero::kBatchOperate && AERO_BATCH_DELETE == aero::kBatchDelete &&
              AERO_BATCH_UDF == aero::kBatchUdf);
static_assert(AERO_POLICY_GEN_EQ == aero::kGenEq && AERO_POLICY_GEN_GT == aero::kGenGt);
static_assert(AERO_POLICY_REPLICA_MASTER == aero::kReplicaMaster && AERO_POLICY_REPLICA_SEQUENCE == aero::kReplicaSequence &&
              AERO_POLICY_REPLICA_PREFER_RACK == aero::kReplicaPreferRack);
static_assert(AERO_POLICY_READ_MODE_SC_SESSION == aero::kReadModeScSession &&
              AERO_POLICY_READ_MODE_SC_LINEARIZE == aero::kReadModeScLinearize &&
              AERO_POLICY_READ_MODE_SC_ALLOW_REPLICA == aero::kReadModeScAllowReplica &&
              AERO_POLICY_READ_MODE_SC_ALLOW_UNAVAILABLE == aero::kReadModeScAllowUnavailable);
static_assert(AERO_OP_READ == aero::kOpCodeRead && AERO_OP_WRITE == aero::kOpCodeWrite && AERO_OP_INCR == aero::kOpCodeIncr &&
              AERO_OP_APPEND == aero::kOpCodeAppend && AERO_OP_PREPEND == aero::kOpCodePrepend &&
              AERO_OP_TOUCH == aero::kOpCodeTouch && AERO_OP_DELETE == aero::kOpCodeDelete);
static_assert(AERO_ERR_CLIENT_CLOSED == aero::kErrClientClosed && AERO_ERR_NOT_CONNECTED == aero::kErrNotConnected &&
              AERO_ERR_BACKPRESSURE == aero::kErrBackpressure && AERO_ERR_FORKED == aero::kErrForked &&
              AERO_ERR_CONNECTION == aero::kErrConnection && AERO_ERR_PARAM == aero::kErrParam &&
              AERO_ERR_CLIENT_ABORT == aero::kErrClientAbort);

namespace aero::capi {

inline void error_reset(aero_error* err) {
    if (err == nullptr) return;
    err->code = AERO_OK;
    err->message.clear();
    err->in_doubt = false;
    err->node.clear();
}

inline aero_status fail(aero_error* err, aero_status code, std::string message) {
    if (err != nullptr) {
        err->code = code;
        err->message = std::move(message);
    }
    return code;
}

inline aero_status report(aero_error* err, const Status& s) {
    if (s.is_ok()) return AERO_OK;
    if (err != nullptr) {
        err->code = s.code();
        err->message = s.message();
        err->in_doubt = s.in_doubt();
        err->node = s.node();
    }
    return s.code();
}

// Runs an entry point's body: resets the error first, and turns any C++ exception into a
// status, because nothing may unwind across extern "C".
template <typename F>
aero_status guard(aero_error* err, F&& body) noexcept {
    try {
        error_reset(err);
        return report(err, body());
    } catch (const std::bad_alloc&) {
        return fail(err, AERO_ERR_CLIENT, "out of memory");
    } catch (const std::exception& e) {
        return fail(err, AERO_ERR_CLIENT, std::string("internal error: ") + e.what());
    } catch (...) {
        return fail(err, AERO_ERR_CLIENT, "internal error");
    }
}

// guard() for an entry point that writes `out`: the buffer's watched slots are refreshed
// however the body ends.
template <typename F>
aero_status guard_out(aero_error* err, aero_buf* out, F&& body) noexcept {
    aero_status s = guard(err, std::forward<F>(body));
    if (out != nullptr) out->publish();
    return s;
}

inline Status null_arg(const char* name) { return Status(kErrParam, std::string(name) + " must not be NULL"); }

// The BatchTarget of aero_client_batch_into(_async) from its arguments.
inline Status make_target(BatchTarget& t, const uint8_t* layout, size_t layout_len, uint8_t* records, uint8_t* meta,
                          int32_t* codes, size_t count) {
    if (layout == nullptr || layout_len == 0) return null_arg("layout");
    if (records == nullptr) return null_arg("records");
    if (meta == nullptr) return null_arg("meta");
    if (codes == nullptr) return null_arg("codes");
    t.rows = records;
    t.meta = meta;
    t.codes = codes;
    t.count = count;
    return t.parse_layout(layout, layout_len);
}

}  // namespace aero::capi
