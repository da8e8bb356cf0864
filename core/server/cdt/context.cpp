#include "core/server/cdt/context.h"

#include <algorithm>
#include <numeric>

#include "core/server/cdt/codes.h"
#include "core/server/cdt/list_select.h"
#include "core/server/cdt/map_storage.h"
#include "core/server/cdt/ranges.h"
#include "core/server/record.h"

namespace aero::server::cdt {

namespace {

// Context type bits (as_cdt_subcontext and the AS_CDT_CTX_* masks).
constexpr uint64_t kBaseMask = 0x0f;
constexpr uint64_t kIndex = 0;
constexpr uint64_t kRank = 1;
constexpr uint64_t kKey = 2;
constexpr uint64_t kValue = 3;
constexpr uint64_t kListBit = 0x10;
constexpr uint64_t kMapBit = 0x20;
constexpr uint64_t kTypeMask = 0x3f;
constexpr uint64_t kCreateMask = 0x1c0;
constexpr uint64_t kPersistIndex = 0x100;
constexpr uint64_t kCreateUnbound = 0x80;   // list: pad with nils up to the index
constexpr uint64_t kCreateOrdered = 0xc0;   // list: ordered; map: key-value ordered
constexpr uint64_t kCreateKOrdered = 0x80;  // map: key ordered

uint64_t step_type(const Value& t) { return uint64_t(t.i); }

// cdt_context_ctx_create_type_check(): create flags only on a typed (list or map) step.
bool create_type_ok(uint64_t type) {
    if ((type & kTypeMask & (kListBit | kMapBit)) != 0) return true;
    return (type & kCreateMask) == 0;
}

uint8_t created_map_flags(uint64_t type) {
    switch (type & kCreateMask & ~kPersistIndex) {
    case kCreateKOrdered: return kMapKeyOrdered;
    case kCreateOrdered: return kMapKeyValueOrdered;
    default: return 0;
    }
}

// cdt_context_ctx_type_create_sz(): whether a step can describe a level to create. Only a map
// key or a list index can; a list index needs an unbound or ordered create flag to be past 0.
int check_create_step(uint64_t type, const Value& v) {
    uint64_t masked = type & kTypeMask;
    if (masked == (kKey | kMapBit)) {
        Value key = v;
        return prepare_storage_value(key) == 0 ? rc::kOk : rc::kOpNotApplicable;
    }
    if (masked != (kIndex | kListBit) || !v.is_int() || v.i < -1) return rc::kOpNotApplicable;
    uint64_t cr = type & kCreateMask;
    if (cr == 0) return v.i > 0 ? rc::kOpNotApplicable : rc::kOk;
    if ((cr & ~kPersistIndex) == kCreateUnbound)
        return uint64_t(v.i) > kMaxRecordSize ? rc::kRecordTooBig : rc::kOk;
    if ((cr & ~kPersistIndex) == kCreateOrdered || (cr & kPersistIndex) != 0) return rc::kOk;
    return v.i > 0 ? rc::kOpNotApplicable : rc::kOk;
}

// Storage positions of a map's pairs in key order (by_value false) or in value order, equal
// values by key (packed_map_compare_value_by_idx), which makes both orders total.
std::vector<uint32_t> map_order(const Value& m, bool by_value) {
    std::vector<uint32_t> order(m.pairs.size());
    std::iota(order.begin(), order.end(), 0);
    std::sort(order.begin(), order.end(), [&](uint32_t a, uint32_t b) {
        const auto& x = m.pairs[a];
        const auto& y = m.pairs[b];
        int c = by_value ? compare(x.second, y.second) : 0;
        return (c != 0 ? c : compare(x.first, y.first)) < 0;
    });
    return order;
}

// Where a new key goes in an unordered map (packed_map_find_key_maybe_unordered): its sorted
// place within the leading run of keys that are in order, else the end.
size_t unordered_key_position(const Value& m, const Value& key) {
    for (size_t k = 0; k < m.pairs.size(); k++) {
        if (k > 0 && compare(m.pairs[k - 1].first, m.pairs[k].first) > 0) break;
        if (compare(key, m.pairs[k].first) < 0) return k;
    }
    return m.pairs.size();
}

}  // namespace

int ContextPath::dig(Value& root, bool bin_missing, bool modify, const std::vector<Value>& steps) {
    steps_ = &steps;
    if (steps.empty() || steps.size() % 2 != 0) return rc::kParameter;
    Value* cur = &root;
    for (size_t i = 0; i < steps.size(); i += 2) {
        if (!steps[i].is_int()) return rc::kParameter;
        uint64_t type = step_type(steps[i]);
        const Value& v = steps[i + 1];
        if ((type & kBaseMask) > kValue || !create_type_ok(type)) return rc::kOpNotApplicable;
        bool create_on = (type & kCreateMask & ~kPersistIndex) != 0;
        if (bin_missing) {
            // The bin is created from this step down.
            if (!create_on) return rc::kOpNotApplicable;
            if (int r = check_create_step(type, v)) return r;
            if ((type & kTypeMask) == (kKey | kMapBit)) nonstorage_ = false;
            if (int r = check_created_steps(i + 2)) return r;
            create_ = whole_bin_ = true;
            chain_ = i;
            return rc::kOk;
        }
        int r;
        if (cur->is_list()) r = (type & kMapBit) ? rc::kOpNotApplicable : list_step(cur, type, v, modify);
        else if (cur->is_map()) r = (type & kListBit) ? rc::kOpNotApplicable : map_step(cur, type, v);
        else r = rc::kOpNotApplicable;
        if (r != rc::kOk) return r;
        if (create_) {
            if (!modify) return rc::kOpNotApplicable;
            chain_ = i + 2;
            return check_created_steps(i + 2);
        }
    }
    target_ = cur;
    return rc::kOk;
}

// cdt_context_count_create_sz(): every step below a created level must describe a level to
// create, without the top-level-only persist flag.
int ContextPath::check_created_steps(size_t from) {
    const std::vector<Value>& steps = *steps_;
    for (size_t j = from; j < steps.size(); j += 2) {
        if (!steps[j].is_int()) return rc::kOpNotApplicable;
        uint64_t type = step_type(steps[j]);
        if (!create_type_ok(type) || (type & kPersistIndex) != 0) return rc::kOpNotApplicable;
        if (int r = check_create_step(type, steps[j + 1])) return r;
        if ((type & kTypeMask) == (kKey | kMapBit)) nonstorage_ = false;
    }
    return rc::kOk;
}

void ContextPath::mark_create(Value* parent, size_t pos) {
    create_ = true;
    parent_ = parent;
    pos_ = pos;
}

// list_subcontext_by_*(): index and rank (rank is the index in an ordered list, create rules
// included), value (the first equal element); a key step never matches a list.
int ContextPath::list_step(Value*& cur, uint64_t type, const Value& v, bool modify) {
    std::vector<Value>& items = cur->items;
    uint32_t n = uint32_t(items.size());
    bool ordered = (cur->flags & kListOrdered) != 0;
    uint64_t base = type & kBaseMask;
    uint32_t idx = 0;
    if (base == kRank && ordered) base = kIndex;
    switch (base) {
    case kIndex: {
        if (!v.is_int()) return rc::kOpNotApplicable;
        if (single_index(v.i, n, idx)) break;
        if ((type & kCreateMask & ~kPersistIndex) == 0) return rc::kOpNotApplicable;
        // A negative index before the front cannot be created (the server's create code
        // refuses such an index only by crashing).
        if (v.i < 0 && !(n == 0 && v.i == -1)) return rc::kOpNotApplicable;
        if (v.i == -1 || v.i == int64_t(n) || ordered) {  // -1 here: an empty list
            idx = n;
        } else if ((type & kCreateMask) == kCreateUnbound) {
            pad_ = size_t(v.i) - n;
            if (pad_ > kMaxRecordSize) return rc::kRecordTooBig;
            idx = n;
        } else {
            return rc::kOpNotApplicable;
        }
        if (modify) levels_.push_back({cur, idx});
        mark_create(cur, idx);
        return rc::kOk;
    }
    case kRank: {
        if (!v.is_int() || !single_index(v.i, n, idx)) return rc::kOpNotApplicable;
        idx = list::heap_select(items, idx, 1)[0];
        break;
    }
    case kValue: {
        nonstorage_ = nonstorage_ || v.has_nonstorage();
        if (ordered) {
            idx = uint32_t(lower_bound(items, v));
            if (idx == n || compare(v, items[idx]) != 0) return rc::kOpNotApplicable;
        } else {
            auto it = std::find_if(items.begin(), items.end(), [&](const Value& e) { return compare(e, v) == 0; });
            if (it == items.end()) return rc::kOpNotApplicable;
            idx = uint32_t(it - items.begin());
        }
        break;
    }
    default:
        return rc::kOpNotApplicable;
    }
    if (modify) levels_.push_back({cur, idx});
    cur = &items[idx];
    return rc::kOk;
}

// map_subcontext_by_*(): index in key order, rank in value order, key (created when missing
// under a create flag), value (the first equal one).
int ContextPath::map_step(Value*& cur, uint64_t type, const Value& v) {
    auto& pairs = cur->pairs;
    uint32_t n = uint32_t(pairs.size());
    bool key_ordered = (cur->flags & kMapKeyOrdered) != 0;
    uint32_t idx = 0;
    switch (type & kBaseMask) {
    case kIndex:
        if (!v.is_int() || !single_index(v.i, n, idx)) return rc::kOpNotApplicable;
        if (!key_ordered) idx = map_order(*cur, false)[idx];
        break;
    case kRank:
        if (!v.is_int() || !single_index(v.i, n, idx)) return rc::kOpNotApplicable;
        idx = map_order(*cur, true)[idx];
        break;
    case kKey: {
        // The key goes through the storage rewrite, which refuses a wildcard or infinity.
        Value key = v;
        if (prepare_storage_value(key) != 0) return rc::kOpNotApplicable;
        nonstorage_ = false;
        size_t pos;
        bool found;
        if (key_ordered) {
            auto it = std::lower_bound(pairs.begin(), pairs.end(), key,
                                       [](const auto& e, const Value& x) { return compare(e.first, x) < 0; });
            pos = size_t(it - pairs.begin());
            found = pos < n && compare(key, pairs[pos].first) == 0;
        } else {
            auto it = std::find_if(pairs.begin(), pairs.end(), [&](const auto& e) { return compare(key, e.first) == 0; });
            found = it != pairs.end();
            pos = found ? size_t(it - pairs.begin()) : unordered_key_position(*cur, key);
        }
        if (!found) {
            if ((type & kCreateMask & ~kPersistIndex) == 0) return rc::kOpNotApplicable;
            key_ = std::move(key);
            mark_create(cur, pos);
            return rc::kOk;
        }
        idx = uint32_t(pos);
        break;
    }
    case kValue: {
        nonstorage_ = nonstorage_ || v.has_nonstorage();
        auto it = std::find_if(pairs.begin(), pairs.end(), [&](const auto& e) { return compare(e.second, v) == 0; });
        if (it == pairs.end()) return rc::kOpNotApplicable;
        idx = uint32_t(it - pairs.begin());
        break;
    }
    default:
        return rc::kOpNotApplicable;
    }
    cur = &pairs[idx].second;
    return rc::kOk;
}

// cdt_context_fill_create(): the level a step describes, holding `inner`. The bin's own level
// (`top`) may carry an ordered or persisted-index list flag whatever its index.
Value ContextPath::wrap(size_t step, Value&& inner, bool top) const {
    uint64_t type = step_type((*steps_)[step]);
    const Value& v = (*steps_)[step + 1];
    uint64_t cr = type & kCreateMask;
    if ((type & kTypeMask) == (kKey | kMapBit)) {
        Value m = Value::map(created_map_flags(type));
        Value key = v;
        prepare_storage_value(key);  // checked by check_create_step()
        m.pairs.push_back({std::move(key), std::move(inner)});
        return m;
    }
    size_t pad = v.i > 0 ? size_t(v.i) : 0;
    Value l = Value::list();
    uint64_t order = top ? cr & ~kPersistIndex : cr;
    if (order == kCreateUnbound) {
        l.items.resize(pad);
    } else if (order == kCreateOrdered) {
        l.flags = kListOrdered;
    }
    l.items.push_back(std::move(inner));
    return l;
}

void ContextPath::finish(Value& root, Value&& created) {
    if (create_) {
        if (created.type == Type::kNil) return;  // the op made nothing: nothing is created
        const std::vector<Value>& steps = *steps_;
        Value elem = std::move(created);
        for (size_t j = steps.size(); j > chain_; j -= 2) elem = wrap(j - 2, std::move(elem), whole_bin_ && j - 2 == chain_);
        if (whole_bin_) {
            root = std::move(elem);
            return;
        }
        if (parent_->is_list()) {
            auto& items = parent_->items;
            items.insert(items.end(), pad_, Value::nil());
            items.insert(items.begin() + long(pos_ + pad_), std::move(elem));
        } else {
            parent_->pairs.insert(parent_->pairs.begin() + long(pos_), {std::move(key_), std::move(elem)});
        }
    }
    // cdt_context_unwind_list(): innermost first, a changed element of an ordered list moves
    // to the rank its new value has among the others (before any equal one). Comparing with
    // the others alone gives the server's position, which ranks among the old elements.
    for (auto it = levels_.rbegin(); it != levels_.rend(); ++it) {
        Value& list = *it->list;
        if (!(list.flags & kListOrdered)) continue;
        auto& items = list.items;
        Value moved = std::move(items[it->idx]);
        items.erase(items.begin() + long(it->idx));
        items.insert(items.begin() + long(lower_bound(items, moved)), std::move(moved));
    }
}

}  // namespace aero::server::cdt
