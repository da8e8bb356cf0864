#include "core/server/index/catalog.h"

namespace aero::server::index {

NamespaceIndexes::NamespaceIndexes(Namespace& ns) : ns_(ns), indexes_(std::make_shared<List>()) { ns_.observe(this); }

NamespaceIndexes::~NamespaceIndexes() { ns_.observe(nullptr); }

std::shared_ptr<const NamespaceIndexes::List> NamespaceIndexes::snapshot() const {
    std::lock_guard lk(mutex_);
    return indexes_;
}

NamespaceIndexes::Created NamespaceIndexes::create(const std::string& name, const IndexDef& def) {
    std::shared_ptr<SecondaryIndex> added;
    {
        std::lock_guard lk(mutex_);
        for (const auto& si : *indexes_) {
            if (si->name() != name) continue;
            return si->def().same_definition(def) ? Created::kSame : Created::kDifferent;
        }
        for (const auto& si : *indexes_) {
            if (!si->def().same_definition(def)) continue;
            si->rename(name);
            return Created::kOk;
        }
        if (indexes_->size() >= kMaxIndexes) return Created::kTooMany;
        added = std::make_shared<SecondaryIndex>(name, def);
        auto next = std::make_shared<List>(*indexes_);
        next->push_back(added);
        indexes_ = next;
    }
    // Writes from now on keep the new index up to date; the walk adds what was stored before.
    fill(*added);
    return Created::kOk;
}

void NamespaceIndexes::fill(SecondaryIndex& si) {
    for (uint32_t pid = 0; pid < proto::kPartitions; pid++)
        ns_.scan_partition(pid, nullptr, [&](const proto::Digest& d, const Record& r) {
            si.update(d, {}, si.keys(ns_, r));
            return true;
        });
}

bool NamespaceIndexes::drop(const std::string& name) {
    std::lock_guard lk(mutex_);
    auto next = std::make_shared<List>(*indexes_);
    auto it = std::find_if(next->begin(), next->end(), [&](const auto& si) { return si->name() == name; });
    if (it == next->end()) return false;
    next->erase(it);
    indexes_ = next;
    return true;
}

std::shared_ptr<SecondaryIndex> NamespaceIndexes::find(const std::string& name) const {
    std::lock_guard lk(mutex_);
    for (const auto& si : *indexes_)
        if (si->name() == name) return si;
    return nullptr;
}

std::shared_ptr<SecondaryIndex> NamespaceIndexes::find(const IndexDef& def) const {
    const IndexDef any_set = [&] {
        IndexDef d = def;
        d.set.clear();
        return d;
    }();
    std::lock_guard lk(mutex_);
    for (const IndexDef* want : {&def, &any_set})
        for (const auto& si : *indexes_)
            if (si->def().same_definition(*want)) return si;
    return nullptr;
}

std::vector<std::pair<std::string, std::shared_ptr<SecondaryIndex>>> NamespaceIndexes::list() const {
    std::lock_guard lk(mutex_);
    std::vector<std::pair<std::string, std::shared_ptr<SecondaryIndex>>> out;
    for (const auto& si : *indexes_) out.emplace_back(si->name(), si);
    return out;
}

void NamespaceIndexes::changed(const proto::Digest& d, const Record* before, const Record* after) {
    auto indexes = snapshot();
    for (const auto& si : *indexes) {
        std::vector<int64_t> old_keys = before ? si->keys(ns_, *before) : std::vector<int64_t>{};
        std::vector<int64_t> new_keys = after ? si->keys(ns_, *after) : std::vector<int64_t>{};
        if (old_keys != new_keys) si->update(d, old_keys, new_keys);
    }
}

Catalog::Catalog(Storage& storage) { attach(storage); }

void Catalog::attach(Storage& storage) {
    for (const auto& ns : storage.namespaces()) {
        namespaces_.push_back(std::make_unique<NamespaceIndexes>(*ns));
        names_.push_back(ns->name());
    }
}

void Catalog::clear() {
    namespaces_.clear();
    names_.clear();
}

NamespaceIndexes* Catalog::find(std::string_view ns) const {
    for (size_t i = 0; i < names_.size(); i++)
        if (names_[i] == ns) return namespaces_[i].get();
    return nullptr;
}

}  // namespace aero::server::index
