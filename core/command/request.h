// Builds the request message of each single-record command (fact sheet §8 templates) into a
// reused buffer.
#pragma once

#include "core/command/key.h"
#include "core/command/policy.h"
#include "core/proto/bytes.h"
#include "core/proto/message.h"

namespace aero {

Status build_put(proto::Buffer& out, const Key& key, const Policy& p, const uint8_t* bins, size_t len);
// names: msgpack array of bin names, or null to read every bin.
Status build_get(proto::Buffer& out, const Key& key, const Policy& p, const uint8_t* names, size_t len);
Status build_exists(proto::Buffer& out, const Key& key, const Policy& p);
Status build_remove(proto::Buffer& out, const Key& key, const Policy& p);
Status build_touch(proto::Buffer& out, const Key& key, const Policy& p);

// Checks the ops (msgpack [[op, bin, value], ...]) and tells whether any of them writes, so
// the caller can pick write or read policy defaults before building.
Status operate_writes(const uint8_t* ops, size_t len, bool& writes);
Status build_operate(proto::Buffer& out, const Key& key, const Policy& p, const uint8_t* ops, size_t len);

// The pieces the builders above are made of, shared with batch rows (fact sheet §9.2).
// Header bits of a read (info1 extra bits given) or a write (info2 extra bits given).
proto::MsgHeader read_header(const Policy& p, uint8_t info1);
proto::MsgHeader write_header(const Policy& p, uint8_t info2);
// Namespace, set, [digest] and (with send_key) the user key, in the official clients' order.
void key_fields(proto::MessageWriter& w, const Key& key, bool send_key, bool with_digest);
// Appends the FILTER_EXP field (43) when the policy has a filter expression.
Status filter_field(proto::MessageWriter& w, const Policy& p);
// WRITE ops from a msgpack bins map.
Status write_bin_ops(proto::MessageWriter& w, const uint8_t* bins, size_t len);
// READ ops from a msgpack names array (null: every bin); info1 gets GET_ALL / NO_BINS as needed.
Status write_read_ops(proto::MessageWriter& w, const uint8_t* names, size_t len, uint8_t& info1);
// The ops of an operate; info1 gets READ (and GET_ALL for a read-all op) when any op reads,
// info2 RESPOND_ALL_OPS when any op is a collection op.
Status write_operate_ops(proto::MessageWriter& w, const uint8_t* ops, size_t len, uint8_t& info1, uint8_t& info2);

}  // namespace aero
