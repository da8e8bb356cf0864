// A namespace's transaction counters, named and split as the real server's (namespace/<ns>
// info): by where a record command came from and by what it did and how it ended.
#pragma once

#include <array>
#include <atomic>
#include <cstdint>
#include <string>

#include "core/proto/message.h"

namespace aero::server {

// Where a record command came from, as the real server's transaction origins: a client, a
// batch row, or either of them passed on by the node that received it to the partition's
// master (which counts it as "from proxy").
enum class Origin : uint8_t { client, from_proxy, batch_sub, from_proxy_batch_sub };

// The origin a command has on the master it is proxied to.
inline Origin proxied(Origin o) { return o == Origin::batch_sub ? Origin::from_proxy_batch_sub : Origin::from_proxy; }

class NamespaceStats {
public:
    // Counts a finished record command: a read, a write or a delete by its request header,
    // and success, not found, filtered out or error by its result code.
    void count(Origin origin, const proto::MsgHeader& h, uint8_t result);
    // Counts a command this node ran on the partition's master (client_proxy_complete, or
    // batch_sub_proxy_complete for a batch row); `origin` is the command's on this node.
    void count_proxy(Origin origin);
    // Appends ";<name>=<value>" for every counter, in the real server's order. The server's
    // timeout, tsvc and proxy error counters are left out: aero-server never times a command
    // out, and its proxying cannot fail.
    void append_info(std::string& out) const;

private:
    enum Kind { kRead, kWrite, kDelete, kKinds };
    enum Outcome { kSuccess, kError, kNotFound, kFilteredOut, kOutcomes };
    static constexpr size_t kOrigins = 4;

    std::array<std::atomic<uint64_t>, kOrigins * kKinds * kOutcomes> counts_{};
    std::array<std::atomic<uint64_t>, kOrigins> proxy_complete_{};
};

}  // namespace aero::server
