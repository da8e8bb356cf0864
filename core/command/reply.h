// Turns a single-record reply into the msgpack record shape of the C ABI.
#pragma once

#include "core/command/executor.h"
#include "core/command/key.h"

namespace aero {

// Writes [digest, generation, ttl, bins] into out; bins is a map, or with `pairs` an array
// of [name, value] in reply order.
Status write_record(proto::Buffer& out, const Key& key, const Reply& reply, bool pairs);
// Writes [digest, generation, ttl] into out.
void write_metadata(proto::Buffer& out, const Key& key, const Reply& reply);

}  // namespace aero
