// Builds the request message of each single-record command (fact sheet §8 templates) into a
// reused buffer.
#pragma once

#include "core/command/key.h"
#include "core/command/policy.h"
#include "core/proto/bytes.h"

namespace aero {

Status build_put(proto::Buffer& out, const Key& key, const Policy& p, const uint8_t* bins, size_t len);
// names: msgpack array of bin names, or null to read every bin.
Status build_get(proto::Buffer& out, const Key& key, const Policy& p, const uint8_t* names, size_t len);
void build_exists(proto::Buffer& out, const Key& key, const Policy& p);
void build_remove(proto::Buffer& out, const Key& key, const Policy& p);
void build_touch(proto::Buffer& out, const Key& key, const Policy& p);

// Checks the ops (msgpack [[op, bin, value], ...]) and tells whether any of them writes, so
// the caller can pick write or read policy defaults before building.
Status operate_writes(const uint8_t* ops, size_t len, bool& writes);
Status build_operate(proto::Buffer& out, const Key& key, const Policy& p, const uint8_t* ops, size_t len);

}  // namespace aero
