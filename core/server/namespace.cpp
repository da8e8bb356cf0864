#include "core/server/namespace.h"

#include "core/server/clock.h"

namespace aero::server {

Record* RecordLock::find() {
    auto it = map_.find(digest_);
    if (it == map_.end()) return nullptr;
    if (is_expired(it->second.void_time, now_void_time_base())) {
        ns_.count_out(digest_, it->second);
        map_.erase(it);
        return nullptr;
    }
    return &it->second;
}

void RecordLock::put(Record&& rec) {
    auto it = map_.find(digest_);
    if (it == map_.end()) {
        it = map_.emplace(digest_, std::move(rec)).first;
        return ns_.count_in(digest_, nullptr, it->second);
    }
    Record before = std::move(it->second);
    it->second = std::move(rec);
    ns_.count_in(digest_, &before, it->second);
}

void RecordLock::erase() {
    auto it = map_.find(digest_);
    if (it == map_.end()) return;
    ns_.count_out(digest_, it->second);
    map_.erase(it);
}

Namespace::Namespace(std::string name, uint32_t default_ttl, uint32_t nsup_period)
    : name_(std::move(name)), default_ttl_(default_ttl), nsup_period_(nsup_period) {}

RecordLock Namespace::lock(const proto::Digest& d) {
    Partition& p = partitions_[proto::partition_id(d.data())];
    return RecordLock(*this, p.mutex, p.map, d);
}

std::optional<uint16_t> Namespace::set_id(std::string_view set_name, bool create) {
    if (set_name.empty()) return uint16_t(0);
    {
        std::shared_lock lk(sets_mutex_);
        for (size_t i = 0; i < sets_.size(); i++)
            if (sets_[i]->name == set_name) return uint16_t(i + 1);
    }
    if (!create) return std::nullopt;
    std::unique_lock lk(sets_mutex_);
    for (size_t i = 0; i < sets_.size(); i++)  // another thread may have added it meanwhile
        if (sets_[i]->name == set_name) return uint16_t(i + 1);
    if (sets_.size() >= kMaxSets) return std::nullopt;
    sets_.push_back(std::make_unique<SetStats>());
    sets_.back()->name = set_name;
    return uint16_t(sets_.size());
}

std::string_view Namespace::set_name(uint16_t id) const {
    SetStats* s = stats_for(id);
    return s ? std::string_view(s->name) : std::string_view();
}

std::vector<const SetStats*> Namespace::sets() const {
    std::shared_lock lk(sets_mutex_);
    std::vector<const SetStats*> out;
    for (const auto& s : sets_) out.push_back(s.get());
    return out;
}

SetStats* Namespace::stats_for(uint16_t id) const {
    if (id == 0) return nullptr;
    std::shared_lock lk(sets_mutex_);
    // Entries are never removed and unique_ptr keeps them in place, so the pointer stays valid.
    return id <= sets_.size() ? sets_[id - 1].get() : nullptr;
}

void Namespace::count_in(const proto::Digest& d, const Record* before, const Record& r) {
    if (before) uncount(*before);
    if (observer_) observer_->changed(d, before, &r);
    objects_.fetch_add(1, std::memory_order_relaxed);
    if (SetStats* s = stats_for(r.set_id)) {
        s->objects.fetch_add(1, std::memory_order_relaxed);
        s->data_bytes.fetch_add(r.storage_size(0), std::memory_order_relaxed);
    }
}

void Namespace::count_out(const proto::Digest& d, const Record& r) {
    if (observer_) observer_->changed(d, &r, nullptr);
    uncount(r);
}

void Namespace::uncount(const Record& r) {
    objects_.fetch_sub(1, std::memory_order_relaxed);
    if (SetStats* s = stats_for(r.set_id)) {
        s->objects.fetch_sub(1, std::memory_order_relaxed);
        s->data_bytes.fetch_sub(r.storage_size(0), std::memory_order_relaxed);
    }
}

uint64_t Namespace::erase_if(const std::function<bool(const proto::Digest&, const Record&)>& doomed) {
    uint64_t n = 0;
    for (Partition& p : partitions_) {
        std::lock_guard lk(p.mutex);
        for (auto it = p.map.begin(); it != p.map.end();) {
            if (doomed(it->first, it->second)) {
                count_out(it->first, it->second);
                it = p.map.erase(it);
                n++;
            } else {
                ++it;
            }
        }
    }
    return n;
}

uint64_t Namespace::remove_expired(uint32_t now) {
    return erase_if([now](const proto::Digest&, const Record& r) { return is_expired(r.void_time, now); });
}

uint64_t Namespace::truncate(std::optional<uint16_t> set_id, uint64_t lut_ms) {
    if (set_id) {
        if (SetStats* s = stats_for(*set_id)) s->truncate_lut_ms.store(lut_ms, std::memory_order_relaxed);
    } else {
        std::shared_lock lk(sets_mutex_);
        for (auto& s : sets_) s->truncate_lut_ms.store(lut_ms, std::memory_order_relaxed);
    }
    return erase_if([&](const proto::Digest&, const Record& r) {
        return (!set_id || r.set_id == *set_id) && r.last_update_ms < lut_ms;
    });
}

void Namespace::for_each(const std::function<void(const proto::Digest&, const Record&)>& fn) {
    uint32_t now = now_void_time_base();
    for (Partition& p : partitions_) {
        std::lock_guard lk(p.mutex);
        for (const auto& [d, r] : p.map)
            if (!is_expired(r.void_time, now)) fn(d, r);
    }
}

void Namespace::scan_partition(uint32_t pid, const proto::Digest* after, const Visit& fn) {
    uint32_t now = now_void_time_base();
    Partition& p = partitions_[pid];
    std::lock_guard lk(p.mutex);
    // In descending order, upper_bound is the first digest below `after`.
    for (auto it = after ? p.map.upper_bound(*after) : p.map.begin(); it != p.map.end(); ++it)
        if (!is_expired(it->second.void_time, now) && !fn(it->first, it->second)) return;
}

void Namespace::with_partition(uint32_t pid, const std::function<void(const Finder& find)>& fn) {
    uint32_t now = now_void_time_base();
    Partition& p = partitions_[pid];
    std::lock_guard lk(p.mutex);
    fn([&](const proto::Digest& d) -> const Record* {
        auto it = p.map.find(d);
        return it == p.map.end() || is_expired(it->second.void_time, now) ? nullptr : &it->second;
    });
}

}  // namespace aero::server
