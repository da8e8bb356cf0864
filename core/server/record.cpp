#include "core/server/record.h"

#include <algorithm>

#include "core/proto/ttl.h"

namespace aero::server {

namespace {
// Fixed per-record and per-bin costs of the server's flat record format, roughly.
constexpr size_t kRecordOverhead = 40;
constexpr size_t kBinOverhead = 8;
}  // namespace

Bin* Record::find_bin(std::string_view name) {
    auto it = std::find_if(bins.begin(), bins.end(), [&](const Bin& b) { return b.name == name; });
    return it == bins.end() ? nullptr : &*it;
}

const Bin* Record::find_bin(std::string_view name) const {
    return const_cast<Record*>(this)->find_bin(name);
}

Bin& Record::bin_for_write(std::string_view name) {
    if (Bin* b = find_bin(name)) return *b;
    bins.push_back(Bin{std::string(name), 0, {}});
    return bins.back();
}

void Record::remove_bin(std::string_view name) {
    auto it = std::find_if(bins.begin(), bins.end(), [&](const Bin& b) { return b.name == name; });
    if (it != bins.end()) bins.erase(it);
}

void Record::bump_generation() {
    if (++generation == 0) generation = 1;
}

size_t Record::storage_size(size_t set_name_size) const {
    size_t n = kRecordOverhead + set_name_size + key.size();
    for (const Bin& b : bins) n += kBinOverhead + b.name.size() + b.value.size();
    return n;
}

uint32_t next_void_time(uint32_t current, uint32_t record_ttl, uint32_t default_ttl, uint32_t now) {
    switch (record_ttl) {
    case 0: return default_ttl == 0 ? 0 : now + default_ttl;
    case proto::kTtlNeverExpire: return 0;
    case proto::kTtlDontUpdate: return current;
    default: return now + record_ttl;
    }
}

}  // namespace aero::server
