// Read and write quotas (QUOTA_EXCEEDED, 83): records per second per user, counted on each
// node by itself, as the real server counts them; and each user's open connections. One
// per node. Thread-safe.
#pragma once

#include <chrono>
#include <cstdint>
#include <memory>
#include <mutex>
#include <string>
#include <unordered_map>
#include <vector>

namespace aero::server::security {

class Quotas {
public:
    // Counts one read (or write) of user in this second; false, counting nothing, when the
    // user already did `quota` of them (0 = no quota).
    bool charge(const std::string& user, bool write, uint32_t quota);
    // READ_INFO or WRITE_INFO of QUERY_USERS: quota, records in the last whole second, scan
    // and query rps (0: not limited here), and the count of scans without rps (0).
    std::vector<uint32_t> info(const std::string& user, bool write, uint32_t quota);

    // A handle that counts one connection of user while it lives (ConnAuth::presence).
    std::shared_ptr<void> connection_of(const std::string& user);
    uint32_t connections(const std::string& user);

private:
    struct Counter {
        int64_t second = 0;
        uint32_t now[2] = {0, 0};   // reads, writes in `second`
        uint32_t last[2] = {0, 0};  // in the second before it
    };
    // Moves c to the current second.
    static void roll(Counter& c, int64_t second);

    // Shared with the connections' handles, which may outlive this object.
    struct Connections {
        std::mutex mu;
        std::unordered_map<std::string, uint32_t> by_user;
    };

    std::mutex mu_;
    std::unordered_map<std::string, Counter> counters_;
    const std::shared_ptr<Connections> connections_ = std::make_shared<Connections>();
};

}  // namespace aero::server::security
