#include "core/server/cdt/list_select.h"

#include <algorithm>
#include <numeric>

#include "core/server/cdt/codes.h"
#include "core/server/cdt/ranges.h"

namespace aero::server::cdt::list {

namespace {

constexpr Less less{};

}  // namespace

std::vector<uint32_t> heap_select(const std::vector<Value>& items, uint32_t idx, uint32_t count) {
    uint32_t n = uint32_t(items.size());
    uint32_t tail = n - idx - count;
    // A min-heap pops the front ranks, a max-heap the back ones; the extra pops are discarded.
    int want = idx <= tail ? -1 : 1;
    uint32_t discard = idx <= tail ? idx : tail;
    std::vector<uint32_t> h(n);
    std::iota(h.begin(), h.end(), 0);
    uint32_t filled = n;
    auto cmp = [&](uint32_t a, uint32_t b) { return compare(items[a], items[b]); };
    auto heapify = [&](uint32_t i) {
        while (true) {
            uint32_t c1 = 2 * i + 1, c2 = 2 * i + 2;
            if (c1 >= filled) break;
            uint32_t child = c1;
            if (c2 < filled) {
                int c = cmp(h[c1], h[c2]);
                child = (c == want || c == 0) ? c1 : c2;
            }
            if (cmp(h[child], h[i]) != want) break;
            std::swap(h[i], h[child]);
            i = child;
        }
    };
    for (int64_t i = int64_t(filled) / 2 - 1; i >= 0; i--) heapify(uint32_t(i));
    // Each pop moves the top to the end of the array, so the popped run ends up reversed.
    uint32_t end = filled - 1;
    for (uint32_t k = 0; k < count + discard; k++) {
        uint32_t top = h[0];
        h[0] = h[--filled];
        heapify(0);
        h[end--] = top;
    }
    return std::vector<uint32_t>(h.begin() + filled, h.begin() + filled + count);
}

Selection::Selection(const Value& list, uint64_t result_type, bool multi, CdtAnswer& out)
    : ResultBuilder(result_type, multi, uint32_t(list.items.size()), out),
      items_(list.items),
      ordered_((list.flags & kListOrdered) != 0),
      removed_(list.items.size(), 0) {}

// ---- answers (result_data_*) ----

void Selection::set_values(std::vector<Value> v) {
    Value l = Value::list();
    l.items = std::move(v);
    set_value(std::move(l));
}

// Positions in the mask, ascending; mirrored (so descending) for the reverse types.
void Selection::set_ints_by_mask(const Mask& mask) {
    std::vector<int64_t> v;
    for (uint32_t k = 0; k < n_; k++)
        if (mask[k]) v.push_back(oriented(k));
    if (!multi_) {
        set_int(v.empty() ? (is_rev() ? -1 : int64_t(n_)) : v[0]);
        return;
    }
    set_ints(v);
}

void Selection::set_values_by_mask(const Mask& mask) {
    std::vector<Value> v;
    for (uint32_t k = 0; k < n_; k++)
        if (mask[k]) v.push_back(items_[k]);
    set_values(std::move(v));
}

int Selection::count_or_values(const Mask& mask, uint32_t count) {
    switch (type_) {
    case kResultNone:
        return rc::kOk;
    case kResultCount:
        set_int(count);
        return rc::kOk;
    case kResultExists:
        set_bool(count != 0);
        return rc::kOk;
    case kResultValue:
        set_values_by_mask(mask);
        return rc::kOk;
    default:
        return rc::kOpNotApplicable;
    }
}

// ---- orders ----

uint32_t Selection::rank_of(const Value& v) const {
    // Stored elements hold no wildcard, so for a storable v the count of smaller ones is a
    // binary search in a sorted copy.
    if (v.has_nonstorage()) return uint32_t(std::count_if(items_.begin(), items_.end(), [&](const Value& e) { return less(e, v); }));
    if (sorted_.size() != n_) {
        sorted_.clear();
        for (const Value& e : items_) sorted_.push_back(&e);
        std::sort(sorted_.begin(), sorted_.end(), [](const Value* a, const Value* b) { return less(*a, *b); });
    }
    auto it = std::lower_bound(sorted_.begin(), sorted_.end(), &v, [](const Value* a, const Value* b) { return less(*a, *b); });
    return uint32_t(it - sorted_.begin());
}

uint32_t Selection::lower_bound(const Value& v) const { return uint32_t(cdt::lower_bound(items_, v)); }

// packed_list_find_rank_range_by_value_interval_ordered(): the rank of start and how many
// elements from there are in [start, end) (or equal to start when single).
void Selection::find_ordered(const Value& start, const Value* end, bool single, uint32_t& rank, uint32_t& count) const {
    rank = lower_bound(start);
    if (single) {
        if (rank == n_ || compare(start, items_[rank]) != 0) count = 0;
        else if (!multi_) count = 1;
        else count = uint32_t(std::upper_bound(items_.begin() + rank, items_.end(), start, less) - items_.begin()) - rank;
        return;
    }
    if (end == nullptr) {
        count = n_ - rank;
        return;
    }
    if (compare(start, *end) >= 0) {
        count = 0;
        return;
    }
    count = uint32_t(std::lower_bound(items_.begin() + rank, items_.end(), *end, less) - items_.begin()) - rank;
}

void Selection::remove_range(uint32_t start, uint32_t count) {
    std::fill(removed_.begin() + start, removed_.begin() + start + count, 1);
}

void Selection::remove_mask(const Mask& mask) { removed_ = mask; }

// ---- selections ----

int Selection::by_index_range(int64_t index, uint64_t count) {
    uint32_t start, cnt;
    if (!index_range(index, count, n_, multi_, start, cnt)) return rc::kOpNotApplicable;
    if (inverted_) {
        if (!multi_ || is_index_range_type() || is_rank_range_type()) return rc::kOpNotApplicable;
        inverted_ = false;
        if (!complement_range(start, cnt, n_)) return trim(start, cnt);
    }
    if (cnt == 0) return set_not_found(start) ? rc::kOk : rc::kOpNotApplicable;
    remove_range(start, cnt);
    switch (type_) {
    case kResultNone:
        return rc::kOk;
    case kResultIndex:
    case kResultRevIndex:
        return set_index_rank_count(start, cnt);
    case kResultRank:
    case kResultRevRank: {
        if (start == 0 && cnt == n_) return set_index_rank_count(0, cnt);
        if (!multi_) {
            set_int(oriented(ordered_ ? start : rank_of(items_[start])));
            return rc::kOk;
        }
        std::vector<int64_t> v;
        if (ordered_) {
            add_int_range(v, start, cnt, n_, is_rev());
        } else {
            for (uint32_t k = start; k < start + cnt; k++) v.push_back(oriented(rank_of(items_[k])));
        }
        set_ints(v);
        return rc::kOk;
    }
    case kResultCount:
        set_int(cnt);
        return rc::kOk;
    case kResultExists:
        set_bool(true);
        return rc::kOk;
    case kResultValue:
        if (multi_) set_values(std::vector<Value>(items_.begin() + start, items_.begin() + start + cnt));
        else set_value(items_[start]);
        return rc::kOk;
    case kResultRevIndexRange:
        start = n_ - start - cnt;
        [[fallthrough]];
    case kResultIndexRange:
        set_ints({start, cnt});
        return rc::kOk;
    case kResultRankRange:
    case kResultRevRankRange:
        if (ordered_) return set_range(start, cnt);
        return rc::kOpNotApplicable;
    default:
        return rc::kOpNotApplicable;
    }
}

// packed_list_trim(): an inverted range inside the list keeps only that range.
int Selection::trim(uint32_t index, uint32_t count) {
    uint32_t rm = n_ - count;
    uint32_t index1 = index + count;
    remove_range(0, index);
    remove_range(index1, n_ - index1);
    bool rev = is_rev();
    switch (type_) {
    case kResultIndex:
    case kResultRevIndex: {
        std::vector<int64_t> v;
        add_int_range(v, 0, index, n_, rev);
        add_int_range(v, index1, n_ - index1, n_, rev);
        set_ints(v);
        return rc::kOk;
    }
    case kResultRank:
    case kResultRevRank: {
        std::vector<int64_t> v;
        if (ordered_) {
            add_int_range(v, 0, index, n_, rev);
            add_int_range(v, index1, rm - index, n_, rev);
        } else {
            for (uint32_t k = 0; k < n_; k++)
                if (removed_[k]) v.push_back(oriented(rank_of(items_[k])));
        }
        set_ints(v);
        return rc::kOk;
    }
    default:
        return count_or_values(removed_, rm);
    }
}

int Selection::by_value_interval(const Value& start, const Value* end, bool single) {
    if (inverted_ && !multi_) return rc::kOpNotApplicable;
    if (ordered_) {
        uint32_t rank, count;
        find_ordered(start, end, single, rank, count);
        if (count == 0 && !multi_) return set_not_found(0) ? rc::kOk : rc::kOpNotApplicable;
        return by_index_range(rank, count);
    }
    // packed_list_find_rank_range_by_value_interval_unordered(): one pass in index order.
    Mask mask(n_, 0);
    uint32_t rank = 0, count = 0, first = 0;
    for (uint32_t k = 0; k < n_; k++) {
        int c = compare(items_[k], start);
        bool in = false;
        if (c < 0) {
            rank++;
            in = inverted_;
        } else if (!single) {
            int c_end = end ? compare(items_[k], *end) : -1;
            in = (c_end < 0) != inverted_;
        } else if (c == 0) {
            if (multi_) {
                in = !inverted_;
            } else if (count == 0) {
                in = true;
                first = k;
            }
        } else {
            in = inverted_ && multi_;
        }
        if (in) {
            mask[k] = 1;
            count++;
        }
    }
    remove_mask(mask);
    switch (type_) {
    case kResultNone:
    case kResultCount:
    case kResultExists:
    case kResultRank:
    case kResultRevRank:
    case kResultRankRange:
    case kResultRevRankRange:
        return set_range(rank, inverted_ ? n_ - count : count);
    case kResultIndex:
    case kResultRevIndex:
        if (multi_) set_ints_by_mask(mask);
        else return set_index_rank_count(first, count);
        return rc::kOk;
    case kResultValue:
        if (multi_) {
            set_values_by_mask(mask);
        } else if (count != 0) {
            set_value(items_[first]);
        }
        return rc::kOk;
    default:
        return rc::kOpNotApplicable;
    }
}

int Selection::by_rank_range(int64_t rank, uint64_t count) {
    if (inverted_ && !multi_) return rc::kOpNotApplicable;
    if (ordered_) return by_index_range(rank, count);  // rank is the index in an ordered list
    uint32_t urank, cnt;
    if (!index_range(rank, count, n_, multi_, urank, cnt)) return rc::kOpNotApplicable;
    uint32_t rm = inverted_ ? n_ - cnt : cnt;
    if (rm == 0) return set_not_found(urank) ? rc::kOk : rc::kOpNotApplicable;
    std::vector<uint32_t> picked = heap_select(items_, urank, cnt);
    Mask mask(n_, inverted_ ? 1 : 0);
    for (uint32_t k : picked) mask[k] = inverted_ ? 0 : 1;
    if (inverted_ && is_rank_range_type()) return rc::kOpNotApplicable;
    remove_mask(mask);
    switch (type_) {
    case kResultNone:
    case kResultCount:
    case kResultExists:
    case kResultRank:
    case kResultRevRank:
    case kResultRankRange:
    case kResultRevRankRange:
        return set_range(urank, cnt);
    case kResultIndex:
    case kResultRevIndex:
        set_ints_by_mask(mask);
        return rc::kOk;
    case kResultValue:
        if (inverted_) {
            set_values_by_mask(mask);
        } else if (!multi_) {
            set_value(items_[picked[0]]);
        } else {
            std::vector<Value> v;
            for (uint32_t k : picked) v.push_back(items_[k]);
            set_values(std::move(v));
        }
        return rc::kOk;
    default:
        return rc::kOpNotApplicable;
    }
}

int Selection::by_value_list(const Value& values) {
    if (is_rank_range_type() || is_index_range_type()) return rc::kOpNotApplicable;
    if (!values.is_list()) return rc::kParameter;
    const std::vector<Value>& items = values.items;
    if (items.empty()) {
        if (!inverted_) return set_not_found(0) ? rc::kOk : rc::kOpNotApplicable;
        inverted_ = false;
        return by_index_range(0, n_);
    }
    if (ordered_) return by_value_list_ordered(items);
    // offset_index_find_items(): the values sorted; each element looked up among them.
    uint32_t m = uint32_t(items.size());
    std::vector<uint32_t> sorted(m);
    std::iota(sorted.begin(), sorted.end(), 0);
    std::stable_sort(sorted.begin(), sorted.end(), [&](uint32_t a, uint32_t b) { return less(items[a], items[b]); });
    bool any_wild = std::any_of(items.begin(), items.end(), [](const Value& v) { return v.has_nonstorage(); });
    // Per value (by its position in the argument): how many elements rank below it and how
    // many equal it (counted on the last of equal values).
    std::vector<uint32_t> below(m, 0), equal(m, 0);
    Mask mask(n_, 0);
    uint32_t count = 0;
    for (uint32_t k = 0; k < n_; k++) {
        const Value& e = items_[k];
        auto ub = std::upper_bound(sorted.begin(), sorted.end(), e,
                                   [&](const Value& x, uint32_t i) { return less(x, items[i]); });
        uint32_t pos = uint32_t(ub - sorted.begin());
        bool found = pos > 0 && compare(e, items[sorted[pos - 1]]) == 0;
        if (any_wild) found = std::any_of(items.begin(), items.end(), [&](const Value& v) { return compare(e, v) == 0; });
        if (found && pos > 0) equal[sorted[pos - 1]]++;
        if (pos != m) below[sorted[pos]]++;
        if (found != inverted_) {
            mask[k] = 1;
            count++;
        }
    }
    for (uint32_t k = 1; k < m; k++) below[sorted[k]] += below[sorted[k - 1]];
    remove_mask(mask);
    bool rev = is_rev();
    switch (type_) {
    case kResultIndex:
    case kResultRevIndex:
        set_ints_by_mask(mask);
        return rc::kOk;
    case kResultRank:
    case kResultRevRank: {
        // result_data_set_by_itemlist_irc()
        std::vector<int64_t> v;
        if (!inverted_) {
            for (uint32_t i = 0; i < m; i++)
                for (uint32_t j = 0; j < equal[i]; j++) add_int_range(v, below[i] + j, 1, n_, rev);
        } else {
            uint32_t prev = 0;
            for (uint32_t i : sorted) {
                if (equal[i] == 0) continue;
                add_int_range(v, prev, below[i] - prev, n_, rev);
                prev = below[i] + equal[i];
            }
            add_int_range(v, prev, n_ - prev, n_, rev);
        }
        set_ints(v);
        return rc::kOk;
    }
    default:
        return count_or_values(mask, count);
    }
}

// packed_list_get_remove_all_by_value_list_ordered(): each value's range of equal elements;
// the non-inverted answers list them per value, in argument order (repeats included).
int Selection::by_value_list_ordered(const std::vector<Value>& values) {
    std::vector<std::pair<uint32_t, uint32_t>> ranges;
    Mask mask(n_, 0);
    for (const Value& v : values) {
        uint32_t rank, cnt;
        find_ordered(v, nullptr, true, rank, cnt);
        ranges.emplace_back(rank, cnt);
        std::fill(mask.begin() + rank, mask.begin() + rank + cnt, 1);
    }
    if (inverted_)
        for (char& c : mask) c = !c;
    uint32_t count = uint32_t(std::count(mask.begin(), mask.end(), 1));
    remove_mask(mask);
    switch (type_) {
    case kResultIndex:
    case kResultRevIndex:
    case kResultRank:
    case kResultRevRank: {
        if (inverted_) {
            set_ints_by_mask(mask);
            return rc::kOk;
        }
        std::vector<int64_t> v;
        for (auto [rank, cnt] : ranges) add_int_range(v, rank, cnt, n_, is_rev());
        set_ints(v);
        return rc::kOk;
    }
    case kResultValue: {
        if (inverted_) return count_or_values(mask, count);
        std::vector<Value> v;
        for (auto [rank, cnt] : ranges) v.insert(v.end(), items_.begin() + rank, items_.begin() + rank + cnt);
        set_values(std::move(v));
        return rc::kOk;
    }
    default:
        return count_or_values(mask, count);
    }
}

int Selection::by_rel_rank_range(const Value& value, int64_t rank, uint64_t count) {
    uint32_t rel = ordered_ ? lower_bound(value) : rank_of(value);
    relative_range(rank, count, rel);
    return ordered_ ? by_index_range(rank, count) : by_rank_range(rank, count);
}

}  // namespace aero::server::cdt::list
