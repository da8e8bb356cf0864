// Where a record command runs on a node of a local cluster: proxying and replication.
#pragma once

#include "core/server/cluster.h"
#include "core/server/response.h"
#include "core/server/rw_utils.h"

namespace aero::server {

// Runs one record command (single-record request or batch row) received by `receiver`.
// A read of a partition the receiver holds (as master or replica, e.g. a client's SEQUENCE
// retry) reads its own copy, unless the namespace is strong-consistency and the read mode
// does not allow replicas. Anything else runs on the partition's master, as the real server
// proxies commands sent to a node that does not own the partition, so a client with a stale
// map still gets correct results; and a write's result is then copied to every replica
// before the reply, so that a node that stops loses nothing a client was told was written.
// The receiver counts a proxied command as proxied, the master as "from proxy" (the real
// server's client_proxy_complete and from_proxy_* counters).
void run_routed_record_command(Cluster& cluster, ServerContext& receiver, const RwContext& ctx,
                               Response& resp);

}  // namespace aero::server
