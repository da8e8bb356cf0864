// All namespaces of the server, fixed at start-up.
#pragma once

#include <memory>
#include <string>
#include <string_view>
#include <vector>

#include "core/server/namespace.h"

namespace aero::server {

class Storage {
public:
    // Creates one empty namespace per name, all with the same default TTL and nsup period.
    Storage(const std::vector<std::string>& names, uint32_t default_ttl, uint32_t nsup_period);

    // The namespace called `name`, or nullptr.
    Namespace* find(std::string_view name) const;
    // Every namespace, in configuration order.
    const std::vector<std::unique_ptr<Namespace>>& namespaces() const { return namespaces_; }
    // Live records over all namespaces.
    uint64_t objects() const;

private:
    std::vector<std::unique_ptr<Namespace>> namespaces_;
};

}  // namespace aero::server
