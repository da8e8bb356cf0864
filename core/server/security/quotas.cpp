#include "core/server/security/quotas.h"

namespace aero::server::security {

namespace {

int64_t this_second() {
    return std::chrono::duration_cast<std::chrono::seconds>(std::chrono::steady_clock::now().time_since_epoch()).count();
}

}  // namespace

void Quotas::roll(Counter& c, int64_t second) {
    if (c.second == second) return;
    for (int w = 0; w < 2; w++) {
        c.last[w] = second == c.second + 1 ? c.now[w] : 0;
        c.now[w] = 0;
    }
    c.second = second;
}

bool Quotas::charge(const std::string& user, bool write, uint32_t quota) {
    std::lock_guard lk(mu_);
    Counter& c = counters_[user];
    roll(c, this_second());
    if (quota != 0 && c.now[write] >= quota) return false;
    c.now[write]++;
    return true;
}

std::vector<uint32_t> Quotas::info(const std::string& user, bool write, uint32_t quota) {
    std::lock_guard lk(mu_);
    uint32_t tps = 0;
    auto it = counters_.find(user);
    if (it != counters_.end()) {
        roll(it->second, this_second());
        tps = it->second.last[write];
    }
    return {quota, tps, 0, 0};
}

std::shared_ptr<void> Quotas::connection_of(const std::string& user) {
    auto counts = connections_;
    {
        std::lock_guard lk(counts->mu);
        counts->by_user[user]++;
    }
    return std::shared_ptr<void>(nullptr, [counts, user](void*) {
        std::lock_guard lk(counts->mu);
        if (--counts->by_user[user] == 0) counts->by_user.erase(user);
    });
}

uint32_t Quotas::connections(const std::string& user) {
    std::lock_guard lk(connections_->mu);
    auto it = connections_->by_user.find(user);
    return it == connections_->by_user.end() ? 0 : it->second;
}

}  // namespace aero::server::security
