#include "core/server/storage.h"

namespace aero::server {

Storage::Storage(const std::vector<std::string>& names, uint32_t default_ttl, uint32_t nsup_period) {
    for (const auto& n : names) namespaces_.push_back(std::make_unique<Namespace>(n, default_ttl, nsup_period));
}

Namespace* Storage::find(std::string_view name) const {
    for (const auto& ns : namespaces_)
        if (ns->name() == name) return ns.get();
    return nullptr;
}

uint64_t Storage::objects() const {
    uint64_t n = 0;
    for (const auto& ns : namespaces_) n += ns->objects();
    return n;
}

}  // namespace aero::server
