// Migration after a membership change (done at once, in-process, while commands wait).
#pragma once

#include <vector>

#include "core/server/partition_table.h"
#include "core/server/server_context.h"

namespace aero::server {

// Leaves every live node holding exactly the partitions the table gives it: each record's
// newest copy among the live nodes (higher generation, then later update, as the server's
// default conflict-resolution-policy generation picks) goes to every node of its partition,
// and the other live nodes drop theirs. Records whose only copies are on stopped nodes are
// missing until those nodes return; deletes are not remembered (no tombstones, as in CE
// without durable deletes), so a returning node can bring back a record deleted meanwhile.
void migrate(const std::vector<ServerContext*>& live, const PartitionTable& table);

}  // namespace aero::server
