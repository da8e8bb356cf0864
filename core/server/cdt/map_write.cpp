// The map write family (particle_map.c map_add, map_add_items, map_increment,
// map_set_flags): where a new key goes, what the write flags allow, and what each answers.
#include <cstdint>

#include "core/server/cdt/map_common.h"
#include "core/server/cdt/map_storage.h"

namespace aero::server::cdt::map {

namespace {

struct UnorderedFind {
    bool ok = true;  // false: the stored map repeats a key
    bool found = false;
    uint32_t idx = 0;
};

// packed_map_find_key_maybe_unordered(): an unordered map keeps a new key at its sorted place
// while its leading keys are sorted, and appends it otherwise.
UnorderedFind find_key_unordered(const Value& m, const Value& key) {
    uint32_t n = uint32_t(m.pairs.size());
    UnorderedFind f;
    f.idx = n;
    bool sorted = true;
    for (uint32_t i = 0; i < n; i++) {
        const Value& k = m.pairs[i].first;
        if (sorted && i != 0) {
            int order = compare(m.pairs[i - 1].first, k);
            if (order == 0) {
                f.ok = false;
                return f;
            }
            if (order > 0) sorted = false;
        }
        int c = compare(key, k);
        if (c == 0) {
            f.found = true;
            f.idx = i;
            return f;
        }
        if (sorted && f.idx == n && c < 0) f.idx = i;
    }
    return f;
}

// The first element whose key equals `key` (packed_map_find_key), or n.
uint32_t find_key(const Value& m, const Value& key) {
    if (key_ordered(m)) {
        KeyFind f = find_key_ordered(m, key);
        return f.found ? f.idx : uint32_t(m.pairs.size());
    }
    uint32_t i = 0;
    while (i < m.pairs.size() && compare(key, m.pairs[i].first) != 0) i++;
    return i;
}

void answer_int(CdtAnswer* out, int64_t v) {
    if (!out) return;
    out->has_value = true;
    out->value = Value::integer(v);
}

// (int64_t)d as x86 computes it: out of range (or NaN) gives INT64_MIN.
int64_t double_to_int(double d) {
    if (!(d >= -9223372036854775808.0 && d < 9223372036854775808.0)) return INT64_MIN;
    return int64_t(d);
}

int64_t wrapping_add(int64_t a, int64_t b) { return int64_t(uint64_t(a) + uint64_t(b)); }

}  // namespace

int map_add(Value& m, const Value& key, const Value& value, const AddControl& c, CdtAnswer* out) {
    Value v = value;
    if (!is_map_key(key) || prepare_storage_value(v) != kOk) return kParameter;
    bool found;
    uint32_t idx;
    if (key_ordered(m)) {
        KeyFind f = find_key_ordered(m, key);
        found = f.found;
        idx = f.idx;
    } else {
        UnorderedFind f = find_key_unordered(m, key);
        if (!f.ok) return kParameter;
        found = f.found;
        idx = f.idx;
    }
    uint32_t n = uint32_t(m.pairs.size());
    if (found ? !c.allow_overwrite : !c.allow_create) {
        if (!c.no_fail) return found ? kElementExists : kElementNotFound;
        answer_int(out, n);
        return kOk;
    }
    if (found) {
        m.pairs[idx].second = std::move(v);
    } else {
        m.pairs.insert(m.pairs.begin() + idx, {key, std::move(v)});
    }
    answer_int(out, int64_t(m.pairs.size()));
    return kOk;
}

int map_add_items(Value& m, const Value& items, const AddControl& c, CdtAnswer& out) {
    if (!items.is_map()) return kParameter;
    Value add = items;
    if (prepare_storage_value(add) != kOk) return kParameter;  // also sorts the items by key
    uint32_t n = uint32_t(m.pairs.size());
    if (add.pairs.empty()) {
        answer_int(&out, n);
        return kOk;
    }
    if (n == 0) {
        if (!c.allow_create) {
            if (!c.no_fail) return kElementNotFound;
            // With PARTIAL the server goes on and adds every item.
            if (!c.do_partial) {
                answer_int(&out, 0);
                return kOk;
            }
        }
        m.pairs = std::move(add.pairs);
        answer_int(&out, int64_t(m.pairs.size()));
        return kOk;
    }
    // The server merges into the map sorted by key, so an unordered map comes out sorted.
    Value view = m;
    if (!key_ordered(view)) sort_by_key(view);
    std::vector<MapEntry> accepted;
    for (auto& item : add.pairs) {
        bool found = find_key_ordered(view, item.first).found;
        if (found ? !c.allow_overwrite : !c.allow_create) {
            if (!c.no_fail) return found ? kElementExists : kElementNotFound;
            if (!c.do_partial) {
                answer_int(&out, n);
                return kOk;
            }
            continue;
        }
        accepted.push_back(std::move(item));
    }
    std::vector<MapEntry> merged;
    merged.reserve(view.pairs.size() + accepted.size());
    size_t a = 0, b = 0;
    while (a < view.pairs.size() || b < accepted.size()) {
        int order = a == view.pairs.size() ? 1 : b == accepted.size() ? -1
                                                                       : compare(view.pairs[a].first, accepted[b].first);
        if (order < 0) {
            merged.push_back(std::move(view.pairs[a++]));
        } else {
            if (order == 0) a++;  // replaced
            merged.push_back(std::move(accepted[b++]));
        }
    }
    m.pairs = std::move(merged);
    answer_int(&out, int64_t(m.pairs.size()));
    return kOk;
}

int map_increment(Value& m, const Value& key, const Value* delta, bool decrement, CdtAnswer& out) {
    // cdt_calc_delta: a missing or nil delta is 1; an int delta adds to an int and truncated
    // to a double; a double delta adds to a double and truncated to an int. The answer keeps
    // the type of the value already there.
    bool delta_double = false;
    int64_t incr_int = 1;
    double incr_double = 1;
    if (delta && delta->type != Type::kNil) {
        if (delta->is_int()) {
            incr_int = delta->i;
        } else if (delta->type == Type::kDouble) {
            incr_double = delta->d;
            delta_double = true;
        } else {
            return kParameter;
        }
    }
    if (decrement) {
        incr_int = int64_t(uint64_t(0) - uint64_t(incr_int));
        incr_double = -incr_double;
    }
    Value result;
    uint32_t idx = find_key(m, key);
    if (idx < m.pairs.size()) {
        const Value& cur = m.pairs[idx].second;
        if (cur.is_int()) {
            result = Value::integer(wrapping_add(cur.i, delta_double ? double_to_int(incr_double) : incr_int));
        } else if (cur.type == Type::kDouble) {
            result = Value::real(cur.d + (delta_double ? incr_double : double(incr_int)));
        } else {
            return kParameter;
        }
    } else {
        result = delta_double ? Value::real(incr_double) : Value::integer(incr_int);
    }
    if (int rc = map_add(m, key, result, AddControl{}, nullptr)) return rc;
    out.has_value = true;
    out.value = std::move(result);
    return kOk;
}

int map_set_type(Value& m, uint64_t flags) {
    uint8_t f = uint8_t(flags);
    // Key order, value order and the persisted-index bit are the only flags.
    if (f & ~0x13) return kOpNotApplicable;
    // The server rewrites an unordered map sorted whatever the new order is.
    if (!key_ordered(m)) sort_by_key(m);
    // A value order alone (0x02) is kept: the server shows it and treats the map as ordered.
    m.flags = f & kMapKeyValueOrdered;
    return kOk;
}

}  // namespace aero::server::cdt::map
