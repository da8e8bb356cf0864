// The answers of the map get/remove family, after the server's result_data_* and
// packed_map_build_*_result_* functions: which list, map or number each result type makes
// from a set of chosen elements, in which order, and which combinations it refuses.
#include <algorithm>

#include "core/server/cdt/map_common.h"

namespace aero::server::cdt::map {

uint8_t result_map_flags(uint32_t type) {
    switch (type) {
    case kResultKeyValue: return 0x08;  // PRESERVE_ORDER
    case kResultOrderedMap: return kMapKeyOrdered;
    default: return 0;
    }
}

void sort_by_key(Value& m) {
    std::stable_sort(m.pairs.begin(), m.pairs.end(),
                     [](const auto& a, const auto& b) { return compare(a.first, b.first) < 0; });
}

Selection::Selection(const Value& m, bool modify, uint64_t result_type, bool multi, CdtAnswer& out)
    : ResultBuilder(result_type, multi, uint32_t(m.pairs.size()), out),
      m_(m),
      ordered_(key_ordered(m)),
      modify_(modify) {}

bool Selection::returns_map() const {
    return type_ == kResultKeyValue || type_ == kResultUnorderedMap || type_ == kResultOrderedMap;
}

bool Selection::returns_elements() const { return type_ == kResultKey || type_ == kResultValue || returns_map(); }

Value Selection::element(uint32_t idx) const {
    return type_ == kResultKey ? m_.pairs[idx].first : m_.pairs[idx].second;
}

void Selection::mark(const Mask& mask) {
    if (modify_) removed_ = mask;
}

Selection::Mask Selection::complement(const Mask& mask) const {
    Mask c(n_);
    for (uint32_t i = 0; i < n_; i++) c[i] = !mask[i];
    return c;
}

uint32_t Selection::apply_inverted(Mask& mask, uint32_t count) const {
    if (!inverted_) return count;
    mask = complement(mask);
    return n_ - count;
}

Selection::Idxs Selection::range_idxs(uint32_t start, uint32_t count) const {
    Idxs idxs;
    if (inverted_) {
        for (uint32_t i = 0; i < start; i++) idxs.push_back(i);
        for (uint32_t i = start + count; i < n_; i++) idxs.push_back(i);
    } else {
        for (uint32_t i = start; i < start + count; i++) idxs.push_back(i);
    }
    return idxs;
}

// --- orders ---

const Selection::Idxs& Selection::key_order() {
    if (key_order_.size() != n_) {
        key_order_.resize(n_);
        for (uint32_t i = 0; i < n_; i++) key_order_[i] = i;
        std::stable_sort(key_order_.begin(), key_order_.end(), [this](uint32_t a, uint32_t b) {
            return compare(m_.pairs[a].first, m_.pairs[b].first) < 0;
        });
    }
    return key_order_;
}

uint32_t Selection::key_index(uint32_t idx) {
    if (ordered_) return idx;
    if (key_pos_.size() != n_) {
        const Idxs& order = key_order();
        key_pos_.resize(n_);
        for (uint32_t k = 0; k < n_; k++) key_pos_[order[k]] = k;
    }
    return key_pos_[idx];
}

uint32_t Selection::rank_single(uint32_t idx) {
    // packed_map_get_rank_by_idx(): elements below by value, then by key.
    const auto& [key, value] = m_.pairs[idx];
    uint32_t rank = 0;
    for (const auto& [k, v] : m_.pairs) {
        int c = compare(v, value);
        if (c < 0 || (c == 0 && compare(k, key) < 0)) rank++;
    }
    return rank;
}

uint32_t Selection::rank_multi(uint32_t idx) {
    // The order index the server sorts by value alone keeps equal values in storage order.
    if (rank_multi_.size() != n_) {
        Idxs order(n_);
        for (uint32_t i = 0; i < n_; i++) order[i] = i;
        std::stable_sort(order.begin(), order.end(), [this](uint32_t a, uint32_t b) {
            return compare(m_.pairs[a].second, m_.pairs[b].second) < 0;
        });
        rank_multi_.resize(n_);
        for (uint32_t r = 0; r < n_; r++) rank_multi_[order[r]] = r;
    }
    return rank_multi_[idx];
}

Selection::Idxs Selection::value_order() const {
    Idxs order(n_);
    for (uint32_t i = 0; i < n_; i++) order[i] = i;
    std::stable_sort(order.begin(), order.end(), [this](uint32_t a, uint32_t b) {
        int c = compare(m_.pairs[a].second, m_.pairs[b].second);
        return c != 0 ? c < 0 : compare(m_.pairs[a].first, m_.pairs[b].first) < 0;
    });
    return order;
}

uint32_t Selection::keys_below(const Value& key) const {
    uint32_t below = 0;
    for (const auto& p : m_.pairs)
        if (compare(p.first, key) < 0) below++;
    return below;
}

uint32_t Selection::values_below(const Value& value) const {
    uint32_t below = 0;
    for (const auto& p : m_.pairs)
        if (compare(p.second, value) < 0) below++;
    return below;
}

// --- counts, indexes and ranks ---

bool Selection::set_not_found(int64_t index) {
    if (returns_map()) {
        set_value(Value::map(result_map_flags(type_)));
        return true;
    }
    if (type_ != kResultKey) return ResultBuilder::set_not_found(index);
    if (multi_) set_value(Value::list());  // as for VALUE
    return true;
}

bool Selection::set_key_not_found(int64_t index) {
    if (type_ == kResultRankRange || type_ == kResultRevRankRange) return false;
    return set_not_found(index);
}

bool Selection::set_value_not_found(int64_t rank) {
    if (type_ == kResultIndexRange || type_ == kResultRevIndexRange) return false;
    return set_not_found(rank);
}

void Selection::index_by_idxs(const Idxs& idxs, int64_t not_found_index) {
    if (idxs.empty()) {
        set_not_found(not_found_index);
        return;
    }
    if (!multi_) {
        set_int(oriented(key_index(idxs[0])));
        return;
    }
    std::vector<int64_t> v;
    for (uint32_t idx : idxs) v.push_back(oriented(key_index(idx)));
    set_ints(v);
}

namespace {

std::vector<uint32_t> mask_idxs(const std::vector<char>& mask) {
    std::vector<uint32_t> idxs;
    for (uint32_t i = 0; i < mask.size(); i++)
        if (mask[i]) idxs.push_back(i);
    return idxs;
}

}  // namespace

void Selection::index_by_mask(const Mask& mask, uint32_t count) {
    if (count == 0) {
        set_not_found(-1);
        return;
    }
    Idxs idxs = mask_idxs(mask);
    if (!multi_) idxs.resize(std::min<size_t>(idxs.size(), 1));
    index_by_idxs(idxs, -1);
}

void Selection::rank_by_idxs(const Idxs& idxs) {
    if (!multi_) {
        set_int(idxs.empty() ? -1 : oriented(rank_single(idxs[0])));
        return;
    }
    std::vector<int64_t> v;
    for (uint32_t idx : idxs) v.push_back(oriented(rank_multi(idx)));
    set_ints(v);
}

void Selection::rank_by_mask(const Mask& mask) {
    Idxs idxs = mask_idxs(mask);
    if (!multi_) idxs.resize(std::min<size_t>(idxs.size(), 1));
    rank_by_idxs(idxs);
}

void Selection::rank_by_index_range(uint32_t index, uint32_t count) {
    if (!multi_) {
        rank_by_idxs({index});
        return;
    }
    rank_by_idxs(range_idxs(index, count));
}

void Selection::ints_by_mask(const Mask& mask) {
    std::vector<int64_t> v;
    for (uint32_t idx : mask_idxs(mask)) v.push_back(oriented(idx));
    set_ints(v);
}

void Selection::ints_by_item_ranges(const Runs& runs) {
    std::vector<int64_t> v;
    for (const auto& [start, count] : runs) add_int_range(v, start, count, n_, is_rev());
    set_ints(v);
}

void Selection::ints_by_item_list(const Idxs& sorted_items, const Runs& runs) {
    std::vector<int64_t> v;
    if (!inverted_) {
        // One run per list item, in the list's order; a repeated item answers once.
        for (const auto& [start, count] : runs)
            for (uint32_t k = 0; k < count; k++) add_int_range(v, start + k, 1, n_, is_rev());
    } else {
        // The gaps between the items' runs, in key (value) order.
        uint32_t prev = 0;
        for (uint32_t item : sorted_items) {
            const auto& [start, count] = runs[item];
            if (count == 0 || start < prev) continue;
            add_int_range(v, prev, start - prev, n_, is_rev());
            prev = start + count;
        }
        if (prev <= n_) add_int_range(v, prev, n_ - prev, n_, is_rev());
    }
    set_ints(v);
}

// --- elements ---

void Selection::ele_by_idx_range(uint32_t start, uint32_t count) {
    Idxs idxs = range_idxs(start, count);
    if (!returns_map() && !multi_) {
        set_value(element(start));
        return;
    }
    ele_by_idxs(idxs);
    if (returns_map() && result_map_flags(type_) == kMapKeyOrdered && !ordered_ && idxs.size() > 1)
        sort_by_key(out_.value);
}

void Selection::ele_by_idxs(const Idxs& idxs) {
    if (returns_map()) {
        Value r = Value::map(result_map_flags(type_));
        for (uint32_t idx : idxs) r.pairs.push_back(m_.pairs[idx]);
        set_value(std::move(r));
        return;
    }
    if (!multi_) {
        if (!idxs.empty()) set_value(element(idxs[0]));
        return;
    }
    Value r = Value::list();
    for (uint32_t idx : idxs) r.items.push_back(element(idx));
    set_value(std::move(r));
}

void Selection::ele_by_mask(const Mask& mask, uint32_t count) {
    Idxs idxs = mask_idxs(mask);
    if (!multi_) {
        idxs.resize(std::min<size_t>(idxs.size(), 1));
        ele_by_idxs(idxs);
        return;
    }
    ele_by_idxs(idxs);
    if (returns_map() && result_map_flags(type_) == kMapKeyOrdered && !ordered_ && count > 1)
        sort_by_key(out_.value);
}

int Selection::count_or_elements(const Mask& mask, uint32_t count) {
    switch (type_) {
    case kResultCount:
        set_int(count);
        return kOk;
    case kResultExists:
        set_bool(count != 0);
        return kOk;
    default:
        if (!returns_elements()) return kOpNotApplicable;
        ele_by_mask(mask, count);
        return kOk;
    }
}

}  // namespace aero::server::cdt::map
