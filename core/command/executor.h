// Runs one single-record command against the cluster: picks the node that owns the key's
// partition, sends the request, reads the reply, and retries per policy until the total
// timeout. Runs on the caller's thread.
#pragma once

#include <vector>

#include "core/cluster/cluster.h"
#include "core/command/key.h"
#include "core/command/policy.h"
#include "core/proto/message.h"

namespace aero {

struct Reply {
    // The reply body (the AS_MSG after the proto header), valid until the next command on
    // this thread.
    const std::vector<uint8_t>* body = nullptr;
    proto::MsgHeader header;
};

// Sends `request` (a whole proto message) for `key`. On success `reply` holds the parsed
// header; a non-zero server result code is returned as the status. Sets in_doubt per the
// official clients' rule for writes.
Status execute(const Cluster& cluster, const Policy& policy, bool is_write, const Key& key,
               const proto::Buffer& request, Reply& reply);

}  // namespace aero
