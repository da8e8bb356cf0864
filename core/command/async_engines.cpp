#include "core/command/async_engines.h"

#include <thread>

namespace aero {

size_t AsyncEngines::loops_for(const ClientConfig& config, unsigned cpus) {
    bool two = cpus >= 2 && config.max_conns_per_node >= 2 && config.max_concurrent_operations == 0;
    return two ? 2 : 1;
}

uint32_t AsyncEngines::conns_for(uint32_t max_conns_per_node, size_t loops, size_t i) {
    uint32_t n = uint32_t(loops);
    return max_conns_per_node / n + (i == 0 ? max_conns_per_node % n : 0);
}

size_t AsyncEngines::choose(int32_t first, int32_t second, size_t loops) {
    if (loops == 1 || first <= kSpreadAbove) return 0;
    return second < first ? 1 : 0;
}

AsyncEngines::AsyncEngines(std::shared_ptr<Cluster> cluster, const ClientConfig& config)
    : cluster_(std::move(cluster)), config_(config), count_(loops_for(config, std::thread::hardware_concurrency())) {}

Result<AsyncEngine*> AsyncEngines::started(size_t i) {
    if (!engines_[i]) {
        ClientConfig own = config_;
        own.max_conns_per_node = conns_for(config_.max_conns_per_node, count_, i);
        auto e = std::make_unique<AsyncEngine>(cluster_, own);
        Status s = e->start();
        if (!s.is_ok()) return s;
        engines_[i] = std::move(e);
    }
    return engines_[i].get();
}

Result<AsyncEngine*> AsyncEngines::pick() {
    auto first = started(0);
    if (!first.is_ok()) return first;
    int32_t second_load = engines_[1] ? engines_[1]->load() : 0;
    if (choose(first.value()->load(), second_load, count_) == 0) return first;
    auto second = started(1);
    return second.is_ok() ? second : first;  // when the second cannot start, the first still works
}

void AsyncEngines::close() {
    for (auto& e : engines_) {
        if (e) e->close();
    }
}

}  // namespace aero
