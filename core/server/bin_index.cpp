#include "core/server/bin_index.h"

#include <algorithm>

namespace aero::server {

namespace {
// Below this many names and bins a linear search beats hashing (no allocation at all).
constexpr size_t kHashFrom = 32;
// Marks a removed bin until compact(); no particle type has this value.
constexpr uint8_t kRemoved = 0xFF;
}  // namespace

BinIndex::BinIndex(Record& rec, size_t names) : rec_(rec), hashed_(names >= kHashFrom && rec.bins.size() + names >= kHashFrom) {
    if (!hashed_) return;
    at_.reserve(rec.bins.size() + names);
    for (size_t i = 0; i < rec.bins.size(); i++) at_.emplace(rec.bins[i].name, i);
}

Bin* BinIndex::find(std::string_view name) {
    if (!hashed_) return rec_.find_bin(name);
    auto it = at_.find(std::string(name));
    return it == at_.end() ? nullptr : &rec_.bins[it->second];
}

Bin& BinIndex::for_write(std::string_view name) {
    if (!hashed_) return rec_.bin_for_write(name);
    auto [it, added] = at_.emplace(std::string(name), rec_.bins.size());
    if (added) rec_.bins.push_back(Bin{std::string(name), 0, {}});
    return rec_.bins[it->second];
}

void BinIndex::remove(std::string_view name) {
    if (!hashed_) return rec_.remove_bin(name);
    auto it = at_.find(std::string(name));
    if (it == at_.end()) return;
    Bin& b = rec_.bins[it->second];
    b.type = kRemoved;
    b.value.clear();
    at_.erase(it);
    has_removed_ = true;
}

void BinIndex::clear() {
    rec_.bins.clear();
    at_.clear();
    has_removed_ = false;
}

void BinIndex::compact() {
    if (!has_removed_) return;
    auto& bins = rec_.bins;
    bins.erase(std::remove_if(bins.begin(), bins.end(), [](const Bin& b) { return b.type == kRemoved; }), bins.end());
    for (size_t i = 0; i < bins.size(); i++) at_[bins[i].name] = i;
    has_removed_ = false;
}

}  // namespace aero::server
