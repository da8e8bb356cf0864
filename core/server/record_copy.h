// A record travelling between the nodes of a local cluster (replication and migration).
#pragma once

#include <string>

#include "core/proto/digest.h"
#include "core/server/namespace.h"

namespace aero::server {

// Set ids index each node's own set table, so a copy carries its set by name.
struct RecordCopy {
    Record record;
    std::string set;
};

// The live record at d in ns, or nullopt.
std::optional<RecordCopy> take_copy(Namespace& ns, const proto::Digest& d);
// Makes the record at d in ns equal to *copy, or removes it when copy is null.
void store_copy(Namespace& ns, const proto::Digest& d, const RecordCopy* copy);

}  // namespace aero::server
