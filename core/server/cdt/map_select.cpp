// The map get/remove family (packed_map_get_remove_by_* in particle_map.c): which elements
// each selector picks, and through which result builder it answers. The server takes
// different paths for key-ordered and unordered maps and for inverted selections; the paths
// differ in answer order and in the result types they refuse, so they are kept apart here.
#include <algorithm>

#include "core/server/cdt/map_common.h"
#include "core/server/cdt/ranges.h"

namespace aero::server::cdt::map {

namespace {

constexpr size_t kMaxParamListCount = 1024 * 1024;  // CDT_MAX_PARAM_LIST_COUNT

uint32_t popcount(const std::vector<char>& mask) { return uint32_t(std::count(mask.begin(), mask.end(), 1)); }

}  // namespace

KeyFind find_key_ordered(const Value& m, const Value& key) {
    uint32_t n = uint32_t(m.pairs.size());
    KeyFind f;
    if (n == 0) return f;
    uint32_t lower = 0, upper = n, idx = n / 2;
    while (true) {
        int c = compare(key, m.pairs[idx].first);
        if (c == 0) {
            f.found = true;
            f.idx = idx;
            return f;
        }
        if (c > 0) {
            if (idx >= upper - 1) {
                f.idx = idx + 1;
                return f;
            }
            lower = idx + 1;
            idx = (idx + upper) / 2;
        } else {
            if (idx == lower) {
                f.idx = idx;
                return f;
            }
            upper = idx;
            idx = (idx + lower) / 2;
        }
    }
}

int Selection::by_key_interval(const Value& start, const Value* end, bool single) {
    if (is_rank_range_type()) return kOpNotApplicable;
    if (ordered_) {
        KeyFind first = find_key_ordered(m_, start);
        uint32_t count;
        if (single) {
            count = first.found ? 1 : 0;
        } else if (end) {
            uint32_t last = find_key_ordered(m_, *end).idx;
            count = last > first.idx ? last - first.idx : 0;
        } else {
            count = n_ - first.idx;
        }
        if (count == 0 && !multi_) return set_key_not_found(-1) ? kOk : kOpNotApplicable;
        return by_index_range(first.idx, count);
    }
    if (inverted_ && !multi_) return kOpNotApplicable;
    Mask mask(n_);
    if (single) {
        uint32_t idx = 0;
        while (idx < n_ && compare(start, m_.pairs[idx].first) != 0) idx++;
        if (idx == n_) return set_key_not_found(-1) ? kOk : kOpNotApplicable;
        mask[idx] = 1;
        mark(mask);
        return result_by_key(start, idx);
    }
    uint32_t index = 0, count = 0;
    for (uint32_t i = 0; i < n_; i++) {
        const Value& k = m_.pairs[i].first;
        if (compare(k, start) < 0) {
            index++;
        } else if (!end || compare(k, *end) < 0) {
            mask[i] = 1;
            count++;
        }
    }
    uint32_t rm_count = apply_inverted(mask, count);
    mark(mask);
    if (returns_elements()) {
        ele_by_mask(mask, rm_count);
        return kOk;
    }
    if (is_rank_type()) {
        rank_by_mask(mask);
        return kOk;
    }
    return set_range(index, count);
}

int Selection::result_by_key(const Value& key, uint32_t idx) {
    switch (type_) {
    case kResultNone:
        return kOk;
    case kResultIndexRange:
    case kResultRevIndexRange:
    case kResultIndex:
    case kResultRevIndex: {
        uint32_t index = keys_below(key);
        bool rev = type_ == kResultRevIndexRange || type_ == kResultRevIndex;
        if (rev) index = n_ - index - 1;
        if (is_index_range_type()) {
            set_ints({index, 1});
        } else {
            set_int(index);
        }
        return kOk;
    }
    case kResultRank:
    case kResultRevRank:
        rank_by_idxs({idx});
        return kOk;
    case kResultCount:
        set_int(1);
        return kOk;
    case kResultExists:
        set_bool(true);
        return kOk;
    case kResultKey:
    case kResultValue:
    case kResultKeyValue:
    case kResultUnorderedMap:
    case kResultOrderedMap:
        ele_by_idx_range(idx, 1);
        return kOk;
    default:
        return kOpNotApplicable;
    }
}

int Selection::by_index_range(int64_t index, uint64_t count) {
    uint32_t start, cnt;
    if (!index_range(index, count, n_, multi_, start, cnt)) return kOpNotApplicable;
    if (is_rank_range_type()) return kOpNotApplicable;
    if (inverted_) {
        if (!multi_) return kOpNotApplicable;
        // Two runs: a key-ordered map trims, an unordered one stays inverted.
        if (complement_range(start, cnt, n_)) inverted_ = false;
        else if (ordered_) return trim_ordered(start, cnt);
    }
    if (cnt == 0) return set_key_not_found(start) ? kOk : kOpNotApplicable;
    if (cnt == n_) return remove_all();
    Mask mask(n_);
    if (ordered_) {
        for (uint32_t i = start; i < start + cnt; i++) mask[i] = 1;
        mark(mask);
        if (returns_elements()) {
            ele_by_idx_range(start, cnt);
            return kOk;
        }
        if (is_rank_type()) {
            rank_by_index_range(start, cnt);
            return kOk;
        }
        return set_range(start, cnt);
    }
    const Idxs& order = key_order();
    Idxs chosen(order.begin() + start, order.begin() + start + cnt);
    for (uint32_t idx : chosen) mask[idx] = 1;
    if (inverted_) mask = complement(mask);
    mark(mask);
    if (is_rank_type()) {
        inverted_ ? rank_by_mask(mask) : rank_by_idxs(chosen);
        return kOk;
    }
    if (returns_elements()) {
        inverted_ ? ele_by_mask(mask, n_ - cnt) : ele_by_idxs(chosen);
        return kOk;
    }
    return set_range(start, cnt);
}

int Selection::trim_ordered(uint32_t index, uint32_t count) {
    // Everything but [index, index + count) of a key-ordered map.
    uint32_t rm_count = n_ - count;
    Mask mask(n_, 1);
    for (uint32_t i = index; i < index + count; i++) mask[i] = 0;
    mark(mask);
    switch (type_) {
    case kResultNone:
        return kOk;
    case kResultCount:
        set_int(rm_count);
        return kOk;
    case kResultExists:
        set_bool(rm_count != 0);
        return kOk;
    case kResultIndex:
    case kResultRevIndex: {
        std::vector<int64_t> v;
        add_int_range(v, 0, index, n_, type_ == kResultRevIndex);
        add_int_range(v, index + count, n_ - index - count, n_, type_ == kResultRevIndex);
        set_ints(v);
        return kOk;
    }
    case kResultRank:
    case kResultRevRank:
        inverted_ = true;
        rank_by_index_range(index, count);
        return kOk;
    case kResultKey:
    case kResultValue:
    case kResultKeyValue:
    case kResultUnorderedMap:
    case kResultOrderedMap:
        inverted_ = true;
        ele_by_idx_range(index, count);
        return kOk;
    default:
        return kOpNotApplicable;
    }
}

int Selection::remove_all() {
    mark(Mask(n_, 1));
    switch (type_) {
    case kResultNone:
        return kOk;
    case kResultIndex:
    case kResultRevIndex:
    case kResultRank:
    case kResultRevRank:
        if (!multi_) {
            set_int(0);
            return kOk;
        } else {
            std::vector<int64_t> v;
            add_int_range(v, 0, n_, n_, false);
            set_ints(v);
            return kOk;
        }
    case kResultCount:
        set_int(n_);
        return kOk;
    case kResultExists:
        set_bool(n_ != 0);
        return kOk;
    case kResultKey:
    case kResultValue:
    case kResultKeyValue:
    case kResultUnorderedMap:
    case kResultOrderedMap:
        ele_by_idx_range(0, n_);
        return kOk;
    case kResultIndexRange:
    case kResultRevIndexRange:
    case kResultRankRange:
    case kResultRevRankRange:
        set_ints({0, n_});
        return kOk;
    default:
        return kOpNotApplicable;
    }
}

int Selection::by_value_interval(const Value& start, const Value* end, bool single) {
    if (is_index_range_type()) return kOpNotApplicable;
    if (inverted_ && !multi_) return kOpNotApplicable;
    if (n_ == 0) return set_value_not_found(-1) ? kOk : kOpNotApplicable;
    Mask mask(n_);
    uint32_t rank = 0, count = 0, first = 0;
    for (uint32_t i = 0; i < n_; i++) {
        const Value& v = m_.pairs[i].second;
        int c = compare(v, start);
        if (c < 0) {
            rank++;
        } else if (!single) {
            if (!end || compare(v, *end) < 0) {
                mask[i] = 1;
                count++;
            }
        } else if (c == 0) {
            if (!multi_) {
                if (count == 0) first = i;
                count = 1;
                continue;
            }
            mask[i] = 1;
            count++;
        }
    }
    if (count == 0) {
        if (inverted_) {
            inverted_ = false;
            return remove_all();
        }
        return set_value_not_found(rank) ? kOk : kOpNotApplicable;
    }
    if (!multi_) mask[first] = 1;
    uint32_t rm_count = apply_inverted(mask, count);
    mark(mask);
    if (returns_elements()) {
        ele_by_mask(mask, rm_count);
        return kOk;
    }
    if (is_index_type()) {
        index_by_mask(mask, rm_count);
        return kOk;
    }
    return set_range(rank, count);
}

int Selection::by_rank_range(int64_t rank, uint64_t count) {
    uint32_t start, cnt;
    if (!index_range(rank, count, n_, multi_, start, cnt)) return kOpNotApplicable;
    if (is_index_range_type()) return kOpNotApplicable;
    if (inverted_) {
        if (!multi_) return kOpNotApplicable;
        if (complement_range(start, cnt, n_)) inverted_ = false;
    }
    if (cnt == 0) return set_value_not_found(start) ? kOk : kOpNotApplicable;
    Idxs order = value_order();
    Idxs chosen(order.begin() + start, order.begin() + start + cnt);
    Mask mask(n_);
    for (uint32_t idx : chosen) mask[idx] = 1;
    uint32_t rm_count = apply_inverted(mask, cnt);
    // Inverted or key-sorted answers come in storage order, the others in rank order.
    bool by_mask = inverted_ || type_ == kResultOrderedMap;
    mark(mask);
    switch (type_) {
    case kResultNone:
    case kResultCount:
    case kResultExists:
    case kResultRank:
    case kResultRevRank:
        return set_index_rank_count(start, cnt);
    case kResultIndex:
    case kResultRevIndex:
        by_mask ? index_by_mask(mask, rm_count) : index_by_idxs(chosen, start);
        return kOk;
    case kResultKey:
    case kResultValue:
    case kResultKeyValue:
    case kResultUnorderedMap:
    case kResultOrderedMap:
        by_mask ? ele_by_mask(mask, rm_count) : ele_by_idxs(chosen);
        return kOk;
    case kResultRankRange:
    case kResultRevRankRange:
        return set_range(start, rm_count);
    default:
        return kOpNotApplicable;
    }
}

int Selection::by_key_list(const Value& list) {
    if (!list.is_list() || list.items.size() > kMaxParamListCount) return kParameter;
    const std::vector<Value>& items = list.items;
    if (items.empty()) {
        if (is_rank_type() || is_rank_range_type() || is_index_range_type()) return kOpNotApplicable;
        if (!inverted_) {
            set_key_not_found(0);
            return kOk;
        }
        inverted_ = false;
        return remove_all();
    }
    Mask mask(n_);
    uint32_t rm_count = 0;
    Runs runs;
    if (ordered_) {
        // Each listed key's run of equal keys (one element, or all for a wildcard).
        bool need_mask = modify_ || returns_elements() || type_ == kResultCount ||
                         (inverted_ && type_ != kResultNone);
        bool exit_early = !need_mask && type_ == kResultExists;
        uint32_t found = 0;
        auto key_less = [](const MapEntry& p, const Value& k) { return compare(p.first, k) < 0; };
        auto less_key = [](const Value& k, const MapEntry& p) { return compare(k, p.first) < 0; };
        for (const Value& item : items) {
            auto lo = std::lower_bound(m_.pairs.begin(), m_.pairs.end(), item, key_less);
            auto hi = std::upper_bound(lo, m_.pairs.end(), item, less_key);
            uint32_t at = uint32_t(lo - m_.pairs.begin()), count = uint32_t(hi - lo);
            runs.emplace_back(at, count);
            for (uint32_t i = at; i < at + count; i++) mask[i] = 1;
            found += count;
            if (exit_early && count != 0) break;
        }
        if (inverted_) mask = complement(mask);
        rm_count = need_mask ? popcount(mask) : found;
        mark(mask);
        switch (type_) {
        case kResultNone:
            return kOk;
        case kResultIndex:
        case kResultRevIndex:
            inverted_ ? ints_by_mask(mask) : ints_by_item_ranges(runs);
            return kOk;
        default:
            break;
        }
    } else {
        Idxs sorted_items;
        bool exit_early = !modify_ && !inverted_ && type_ == kResultExists;
        find_items(items, false, is_index_type(), exit_early, mask, rm_count, sorted_items, runs);
        mark(mask);
        switch (type_) {
        case kResultNone:
            return kOk;
        case kResultIndex:
        case kResultRevIndex:
            ints_by_item_list(sorted_items, runs);
            return kOk;
        default:
            break;
        }
    }
    return count_or_elements(mask, rm_count);
}

int Selection::by_value_list(const Value& list) {
    if (!list.is_list() || list.items.size() > kMaxParamListCount) return kParameter;
    const std::vector<Value>& items = list.items;
    if (items.empty()) {
        if (is_rank_range_type() || is_index_range_type()) return kOpNotApplicable;
        if (!inverted_) {
            set_not_found(0);
            return kOk;
        }
        inverted_ = false;
        return remove_all();
    }
    Mask mask;
    uint32_t rm_count = 0;
    Idxs sorted_items;
    Runs runs;
    bool exit_early = !modify_ && !inverted_ && type_ == kResultExists;
    find_items(items, true, is_rank_type(), exit_early, mask, rm_count, sorted_items, runs);
    mark(mask);
    switch (type_) {
    case kResultNone:
        return kOk;
    case kResultIndex:
    case kResultRevIndex:
        index_by_mask(mask, rm_count);
        return kOk;
    case kResultRank:
    case kResultRevRank:
        ints_by_item_list(sorted_items, runs);
        return kOk;
    default:
        return count_or_elements(mask, rm_count);
    }
}

void Selection::find_items(const std::vector<Value>& items, bool by_value, bool want_ranges, bool exit_early,
                           Mask& mask, uint32_t& count, Idxs& sorted_items, Runs& runs) {
    // offset_index_find_items(): the list is sorted once; each element looks itself up. With
    // `want_ranges`, runs[item] gets {elements below the item, elements equal to it}, the
    // equal ones counted on the last of repeated items.
    uint32_t m = uint32_t(items.size());
    sorted_items.resize(m);
    for (uint32_t k = 0; k < m; k++) sorted_items[k] = k;
    std::stable_sort(sorted_items.begin(), sorted_items.end(),
                     [&](uint32_t a, uint32_t b) { return compare(items[a], items[b]) < 0; });
    runs.assign(want_ranges ? m : 0, {0, 0});
    mask.assign(n_, 0);
    count = 0;
    for (uint32_t i = 0; i < n_; i++) {
        const Value& v = by_value ? m_.pairs[i].second : m_.pairs[i].first;
        auto it = std::upper_bound(sorted_items.begin(), sorted_items.end(), v,
                                   [&](const Value& x, uint32_t item) { return compare(x, items[item]) < 0; });
        uint32_t above = uint32_t(it - sorted_items.begin());
        bool found = above > 0 && compare(v, items[sorted_items[above - 1]]) == 0;
        if (want_ranges) {
            if (found) runs[sorted_items[above - 1]].second++;
            if (above != m) runs[sorted_items[above]].first++;
        }
        if (found != inverted_) {
            mask[i] = 1;
            count++;
            if (exit_early) return;
        }
    }
    if (want_ranges)
        for (uint32_t k = 1; k < m; k++) runs[sorted_items[k]].first += runs[sorted_items[k - 1]].first;
}

int Selection::by_key_rel_index_range(const Value& key, int64_t index, uint64_t count) {
    uint32_t rel = ordered_ ? find_key_ordered(m_, key).idx : keys_below(key);
    relative_range(index, count, rel);
    return by_index_range(index, count);
}

int Selection::by_value_rel_rank_range(const Value& value, int64_t rank, uint64_t count) {
    relative_range(rank, count, values_below(value));
    return by_rank_range(rank, count);
}

}  // namespace aero::server::cdt::map
