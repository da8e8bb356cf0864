// List ops (particle_list.c): the op table, argument checks, the modify family (set type,
// append, insert, set, increment, sort, clear) and the dispatch of the get/remove family to
// list_select.cpp.
#include <algorithm>

#include "core/server/cdt/codes.h"
#include "core/server/cdt/list_select.h"
#include "core/server/cdt/map_storage.h"
#include "core/server/cdt/ops.h"
#include "core/server/cdt/ranges.h"
#include "core/server/record.h"

namespace aero::server::cdt {

namespace {

using namespace list;

enum Code : uint32_t {
    kSetType = 0, kAppend = 1, kAppendItems = 2, kInsert = 3, kInsertItems = 4, kPop = 5, kPopRange = 6,
    kRemove = 7, kRemoveRange = 8, kSet = 9, kTrim = 10, kClear = 11, kIncrement = 12, kSort = 13,
    kSize = 16, kGet = 17, kGetRange = 18, kGetByIndex = 19, kGetByValue = 20, kGetByRank = 21,
    kGetAllByValue = 22, kGetAllByValueList = 23, kGetByIndexRange = 24, kGetByValueInterval = 25,
    kGetByRankRange = 26, kGetByValueRelRankRange = 27,
    kRemoveByIndex = 32, kRemoveByValueRelRankRange = 40,
};
// A remove-by code is its get-by code plus this.
constexpr uint32_t kRemoveByOffset = kRemoveByIndex - kGetByIndex;

// as_cdt_list_modify_flags and as_cdt_sort_flags.
constexpr uint64_t kAddUnique = 0x01;
constexpr uint64_t kInsertBounded = 0x02;
constexpr uint64_t kNoFail = 0x04;
constexpr uint64_t kDoPartial = 0x08;
constexpr uint64_t kSortDescending = 0x01;
constexpr uint64_t kSortDropDuplicates = 0x02;
// Flags a list may be given (cdt_check_flags): ordered, and the persisted index, which this
// server does not keep.
constexpr uint64_t kValidListFlags = 0x11;

// The server's cdt_op_table: argument kinds per op, the last `optional` of them optional.
enum Arg : uint8_t { kNoArg, kIndexArg, kCountArg, kPayloadArg, kFlagsArg, kStorageArg };
struct Spec {
    uint8_t count;
    uint8_t optional;
    Arg args[4];
};

Spec spec_of(uint32_t code) {
    switch (code) {
    case kSetType: return {1, 0, {kFlagsArg}};
    case kAppend:
    case kAppendItems: return {3, 2, {kStorageArg, kFlagsArg, kFlagsArg}};
    case kInsert:
    case kInsertItems:
    case kSet: return {3, 1, {kIndexArg, kStorageArg, kFlagsArg}};
    case kPop:
    case kRemove:
    case kGet: return {1, 0, {kIndexArg}};
    case kPopRange:
    case kRemoveRange:
    case kGetRange: return {2, 1, {kIndexArg, kCountArg}};
    case kTrim: return {2, 0, {kIndexArg, kCountArg}};
    case kIncrement: return {4, 3, {kIndexArg, kPayloadArg, kFlagsArg, kFlagsArg}};
    case kSort: return {1, 1, {kFlagsArg}};
    default: break;
    }
    switch (code >= kRemoveByIndex ? code - kRemoveByOffset : code) {
    case kGetByIndex:
    case kGetByRank: return {2, 0, {kFlagsArg, kIndexArg}};
    case kGetByValue:
    case kGetAllByValue:
    case kGetAllByValueList: return {2, 0, {kFlagsArg, kPayloadArg}};
    case kGetByIndexRange:
    case kGetByRankRange: return {3, 1, {kFlagsArg, kIndexArg, kCountArg}};
    case kGetByValueInterval: return {3, 1, {kFlagsArg, kPayloadArg, kPayloadArg}};
    case kGetByValueRelRankRange: return {4, 1, {kFlagsArg, kPayloadArg, kIndexArg, kCountArg}};
    default: return {0, 0, {kNoArg}};  // no arguments read (CLEAR, SIZE)
    }
}

// cdt_process_state_get_params(): the argument count within the op's range, integers where
// integers go, and no wildcard or infinity in a value to store.
bool args_ok(const CdtCall& call) {
    Spec s = spec_of(call.code);
    if (s.count == 0) return true;
    size_t n = call.args.size();
    if (n < size_t(s.count - s.optional) || n > s.count) return false;
    for (size_t k = 0; k < n; k++) {
        const Value& a = call.args[k];
        switch (s.args[k]) {
        case kIndexArg:
        case kCountArg:
        case kFlagsArg:
            if (!a.is_int()) return false;
            break;
        case kStorageArg:
            if (a.has_nonstorage()) return false;
            break;
        default:
            break;
        }
    }
    return true;
}

// An integer argument k, or `fallback` when the op was sent without it.
int64_t int_arg(const CdtCall& call, size_t k, int64_t fallback = 0) {
    return k < call.args.size() ? call.args[k].i : fallback;
}
uint64_t count_arg(const CdtCall& call, size_t k) { return uint64_t(int_arg(call, k, int64_t(UINT32_MAX))); }

bool is_read_code(uint32_t code) { return code >= kSize && code <= kGetByValueRelRankRange; }
bool is_remove_by_code(uint32_t code) { return code >= kRemoveByIndex && code <= kRemoveByValueRelRankRange; }

bool no_fail(uint64_t mod) { return (mod & kNoFail) != 0; }
bool do_partial(uint64_t mod) { return (mod & (kNoFail | kDoPartial)) == (kNoFail | kDoPartial); }
int exists_result(uint64_t mod) { return no_fail(mod) ? rc::kOk : rc::kElementExists; }

bool contains(const std::vector<Value>& items, const Value& v) {
    return std::any_of(items.begin(), items.end(), [&](const Value& e) { return compare(e, v) == 0; });
}

// The C conversion of the server's (int64_t) cast on x86: out-of-range doubles give INT64_MIN.
int64_t double_to_int(double d) {
    if (!(d >= -9223372036854775808.0 && d < 9223372036854775808.0)) return INT64_MIN;
    return int64_t(d);
}

// One modify op on one list: the list, and whether the op wrote it (an element a context
// creates exists only if the op writes the new list).
struct Writer {
    Value& list;
    CdtAnswer& out;
    bool wrote = false;

    uint32_t size() const { return uint32_t(list.items.size()); }
    bool ordered() const { return (list.flags & kListOrdered) != 0; }
    void answer(int64_t v) {
        out.has_value = true;
        out.value = Value::integer(v);
    }

    int set_flags(uint64_t flags);
    int insert(int64_t index, const Value& payload, bool items, uint64_t mod, bool with_result);
    int add_ordered(const Value& v, uint64_t mod);
    int add_items_ordered(std::vector<Value> vals, uint64_t mod);
    int set(int64_t index, const Value& v, uint64_t mod);
    int replace_ordered(uint32_t index, const Value& v, uint64_t mod);
    int increment(int64_t index, const Value* delta, uint64_t mod);
    int sort(uint64_t flags);
};

// list_set_flags(): becoming ordered sorts the list.
int Writer::set_flags(uint64_t flags) {
    if ((flags & ~kValidListFlags) != 0) return rc::kOpNotApplicable;
    uint8_t order = uint8_t(flags & kListOrdered);
    wrote = true;
    if (order == list.flags) return rc::kOk;
    if (order) std::stable_sort(list.items.begin(), list.items.end(), Less());
    list.flags = order;
    return rc::kOk;
}

// packed_list_insert(): at an index (padding with nils past the end), with the ADD_UNIQUE,
// INSERT_BOUNDED, NO_FAIL and DO_PARTIAL rules. The answer is the new size.
int Writer::insert(int64_t index, const Value& payload, bool items, uint64_t mod, bool with_result) {
    uint32_t n = size();
    auto keep_size = [&] {
        if (with_result) answer(n);
    };
    std::vector<const Value*> vals;
    if (items) {
        for (const Value& v : payload.items) vals.push_back(&v);
        if (vals.empty()) {
            keep_size();
            wrote = true;
            return rc::kOk;
        }
    } else {
        vals.push_back(&payload);
    }
    if (index > INT32_MAX || from_end(index, n) < 0) return rc::kOpNotApplicable;
    uint32_t at = uint32_t(from_end(index, n));
    if ((mod & kInsertBounded) && at > n) {
        if (!no_fail(mod)) return rc::kOpNotApplicable;
        keep_size();
        return rc::kOk;
    }
    if (mod & kAddUnique) {
        std::vector<const Value*> kept;
        for (size_t i = 0; i < vals.size(); i++) {
            if (contains(list.items, *vals[i])) {
                if (!do_partial(mod)) {
                    keep_size();
                    return exists_result(mod);
                }
                continue;
            }
            bool repeat = std::any_of(vals.begin(), vals.begin() + long(i), [&](const Value* e) { return compare(*vals[i], *e) == 0; });
            if (repeat) {
                if (!no_fail(mod)) return rc::kOpNotApplicable;
                if (!do_partial(mod)) {
                    keep_size();
                    return rc::kOk;
                }
                continue;
            }
            kept.push_back(vals[i]);
        }
        if (kept.empty()) {
            keep_size();
            return exists_result(mod);
        }
        vals = std::move(kept);
    }
    if (at > n && uint64_t(at) + vals.size() >= INT32_MAX) return rc::kParameter;
    if (at > n && at - n > kMaxRecordSize) return rc::kRecordTooBig;  // nils alone exceed any record
    auto& dst = list.items;
    if (at > n) dst.resize(at);
    std::vector<Value> add;
    add.reserve(vals.size());
    for (const Value* v : vals) add.push_back(*v);
    dst.insert(dst.begin() + at, std::make_move_iterator(add.begin()), std::make_move_iterator(add.end()));
    wrote = true;
    if (with_result) answer(size());
    return rc::kOk;
}

// packed_list_add_ordered(): to its sorted place.
int Writer::add_ordered(const Value& v, uint64_t mod) {
    size_t pos = lower_bound(list.items, v);
    bool found = pos < list.items.size() && compare(v, list.items[pos]) == 0;
    if (found && (mod & kAddUnique)) {
        answer(size());
        return exists_result(mod);
    }
    return insert(int64_t(pos), v, false, 0, true);
}

// packed_list_add_items_ordered(): the items sorted, then merged in.
int Writer::add_items_ordered(std::vector<Value> vals, uint64_t mod) {
    if (vals.empty()) {
        answer(size());
        wrote = true;
        return rc::kOk;
    }
    std::stable_sort(vals.begin(), vals.end(), Less());
    bool unique = (mod & kAddUnique) != 0;
    if (unique) {
        size_t before = vals.size();
        vals.erase(std::unique(vals.begin(), vals.end(), [](const Value& a, const Value& b) { return compare(a, b) == 0; }),
                   vals.end());
        if (vals.size() != before) {
            if (!no_fail(mod)) return rc::kOpNotApplicable;
            if (!do_partial(mod)) {
                answer(size());
                return rc::kOk;
            }
        }
    }
    std::vector<std::pair<size_t, Value*>> places;
    for (Value& v : vals) {
        size_t pos = lower_bound(list.items, v);
        if (unique && pos < list.items.size() && compare(v, list.items[pos]) == 0) {
            if (!do_partial(mod)) {
                answer(size());
                return exists_result(mod);
            }
            continue;
        }
        places.emplace_back(pos, &v);
    }
    std::vector<Value> merged;
    merged.reserve(list.items.size() + places.size());
    size_t from = 0;
    for (auto& [pos, v] : places) {
        for (; from < pos; from++) merged.push_back(std::move(list.items[from]));
        merged.push_back(std::move(*v));
    }
    for (; from < list.items.size(); from++) merged.push_back(std::move(list.items[from]));
    list.items = std::move(merged);
    wrote = true;
    answer(size());
    return rc::kOk;
}

// list_set(): replace in place; past the end it inserts (padding with nils).
int Writer::set(int64_t index, const Value& v, uint64_t mod) {
    if (ordered()) return rc::kOpNotApplicable;
    uint32_t n = size();
    if (index >= int64_t(n)) return insert(index, v, false, mod, false);
    if (from_end(index, n) < 0) return rc::kOpNotApplicable;
    uint32_t at = uint32_t(from_end(index, n));
    if (mod & kAddUnique) {
        auto& items = list.items;
        auto first = std::find_if(items.begin(), items.end(), [&](const Value& e) { return compare(e, v) == 0; });
        if (first != items.end()) {
            if (uint32_t(first - items.begin()) != at) return exists_result(mod);
            if (std::count_if(items.begin(), items.end(), [&](const Value& e) { return compare(e, v) == 0; }) > 1)
                return exists_result(mod);
        }
    }
    list.items[at] = v;
    wrote = true;
    return rc::kOk;
}

// packed_list_replace_ordered(): the element at index replaced, the new value at its rank.
int Writer::replace_ordered(uint32_t index, const Value& v, uint64_t mod) {
    auto& items = list.items;
    size_t rank = lower_bound(items, v);
    bool found = rank < items.size() && compare(v, items[rank]) == 0;
    if (index > items.size()) return rc::kOpNotApplicable;
    if ((mod & kAddUnique) && found) return rank == index ? rc::kOk : exists_result(mod);
    if (index < items.size()) items.erase(items.begin() + index);
    items.insert(items.begin() + long(rank <= index ? rank : rank - 1), v);
    wrote = true;
    return rc::kOk;
}

// list_increment(): integers and floats, either way round (the element's type wins); a
// missing element counts as 0. The answer is the new value.
int Writer::increment(int64_t index, const Value* delta, uint64_t mod) {
    uint32_t n = size();
    if (index > INT32_MAX || from_end(index, n) < 0) return rc::kOpNotApplicable;
    uint32_t at = uint32_t(from_end(index, n));
    bool delta_double = false;
    int64_t incr_int = 1;
    double incr_double = 1;
    if (delta != nullptr) {
        if (delta->is_int()) incr_int = delta->i;
        else if (delta->type == Type::kDouble) incr_double = delta->d, delta_double = true;
        else if (delta->type != Type::kNil) return rc::kParameter;
    }
    Value result;
    if (at < n) {
        const Value& e = list.items[at];
        if (e.is_int()) {
            uint64_t add = uint64_t(delta_double ? double_to_int(incr_double) : incr_int);
            result = Value::integer(int64_t(uint64_t(e.i) + add));  // wraps as the server's does
        } else if (e.type == Type::kDouble) {
            result = Value::real(e.d + (delta_double ? incr_double : double(incr_int)));
        } else {
            return rc::kParameter;
        }
    } else {
        result = delta_double ? Value::real(incr_double) : Value::integer(incr_int);
    }
    out.has_value = true;
    out.value = result;
    if (ordered()) return replace_ordered(at, result, mod);
    return set(at, result, mod);
}

// list_sort(): ordered lists keep their order; DROP_DUPLICATES walks the sorted result and
// refuses (4) anything not ascending, as the server's check does.
int Writer::sort(uint64_t flags) {
    auto& items = list.items;
    if (items.size() <= 1) return rc::kOk;
    if (!ordered()) {
        if (flags & kSortDescending)
            std::stable_sort(items.begin(), items.end(), [](const Value& a, const Value& b) { return compare(b, a) < 0; });
        else
            std::stable_sort(items.begin(), items.end(), Less());
    }
    if (flags & kSortDropDuplicates) {
        std::vector<Value> kept;
        kept.push_back(std::move(items[0]));
        const Value* prev = &kept.back();
        for (size_t k = 1; k < items.size(); k++) {
            int c = compare(*prev, items[k]);
            if (c > 0) return rc::kParameter;
            if (c == 0) {
                prev = &items[k];
                continue;
            }
            kept.push_back(std::move(items[k]));
            prev = &kept.back();
        }
        items = std::move(kept);
    }
    wrote = true;
    return rc::kOk;
}

// The get/remove family: which selection an op code makes, and whether it answers for many.
int select(const Value& list, const CdtCall& call, uint32_t code, CdtAnswer& out, std::vector<char>& removed) {
    auto rt = [&] { return uint64_t(call.args[0].i); };
    const Value* end = call.args.size() > 2 ? &call.args[2] : nullptr;
    int r;
    switch (code) {
    case kPop:
    case kRemove:
    case kGet: {
        Selection s(list, code == kRemove ? kResultCount : kResultValue, false, out);
        r = s.by_index_range(int_arg(call, 0), 1);
        removed = s.removed();
        break;
    }
    case kPopRange:
    case kRemoveRange:
    case kGetRange: {
        Selection s(list, code == kRemoveRange ? kResultCount : kResultValue, true, out);
        r = s.by_index_range(int_arg(call, 0), count_arg(call, 1));
        removed = s.removed();
        break;
    }
    case kTrim: {
        Selection s(list, kResultCount | kResultInverted, true, out);
        r = s.by_index_range(int_arg(call, 0), count_arg(call, 1));
        removed = s.removed();
        break;
    }
    default: {
        uint32_t base = is_remove_by_code(code) ? code - kRemoveByOffset : code;
        bool multi = base != kGetByIndex && base != kGetByValue && base != kGetByRank;
        Selection s(list, rt(), multi, out);
        switch (base) {
        case kGetByIndex: r = s.by_index_range(int_arg(call, 1), 1); break;
        case kGetByIndexRange: r = s.by_index_range(int_arg(call, 1), count_arg(call, 2)); break;
        case kGetByValue:
        case kGetAllByValue: r = s.by_value_interval(call.args[1], &call.args[1], true); break;
        case kGetByValueInterval: r = s.by_value_interval(call.args[1], end, false); break;
        case kGetByRank: r = s.by_rank_range(int_arg(call, 1), 1); break;
        case kGetByRankRange: r = s.by_rank_range(int_arg(call, 1), count_arg(call, 2)); break;
        case kGetAllByValueList: r = s.by_value_list(call.args[1]); break;
        case kGetByValueRelRankRange: r = s.by_rel_rank_range(call.args[1], int_arg(call, 2), count_arg(call, 3)); break;
        default: r = rc::kParameter; break;
        }
        removed = s.removed();
        break;
    }
    }
    return r;
}

int run_select(Value& list, bool modify, const CdtCall& call, CdtAnswer& out) {
    if (!args_ok(call)) return rc::kParameter;
    std::vector<char> removed;
    if (int r = select(list, call, call.code, out, removed)) return r;
    if (!modify) return rc::kOk;
    auto& items = list.items;
    size_t w = 0;
    for (size_t k = 0; k < items.size(); k++) {
        if (removed[k]) continue;
        if (w != k) items[w] = std::move(items[k]);
        w++;
    }
    items.resize(w);
    return rc::kOk;
}

// The empty list an op on a missing bin or element starts from (a create flag that is not a
// valid list flag gives an unordered list).
void start_list(Value& target, uint64_t flags) {
    if ((flags & ~kValidListFlags) != 0) flags = 0;
    target = Value::list(uint8_t(flags & kListOrdered));
}

int run_modify(Value& target, bool exists, const CdtCall& call, CdtAnswer& out, bool& wrote) {
    uint32_t code = call.code;
    Writer w{target, out};
    int r;
    switch (code) {
    case kSetType:
        if (!args_ok(call)) return rc::kParameter;
        if (!exists) start_list(target, 0);
        r = w.set_flags(uint64_t(call.args[0].i));
        break;
    case kAppend:
    case kAppendItems: {
        if (!args_ok(call)) return rc::kParameter;
        if (!exists) start_list(target, uint64_t(int_arg(call, 1)));
        Value v = call.args[0];
        bool items = code == kAppendItems;
        if (prepare_storage_value(v) != 0 || (items && !v.is_list())) return rc::kParameter;
        uint64_t mod = uint64_t(int_arg(call, 2));
        if (!w.ordered()) r = w.insert(w.size(), v, items, mod, true);
        else if (!items) r = w.add_ordered(v, mod);
        else r = w.add_items_ordered(std::move(v.items), mod);
        break;
    }
    case kInsert:
    case kInsertItems: {
        if (!args_ok(call)) return rc::kParameter;
        if (!exists) start_list(target, 0);
        Value v = call.args[1];
        bool items = code == kInsertItems;
        if (prepare_storage_value(v) != 0 || (items && !v.is_list())) return rc::kParameter;
        if (w.ordered()) return rc::kOpNotApplicable;
        r = w.insert(call.args[0].i, v, items, uint64_t(int_arg(call, 2)), true);
        break;
    }
    case kSet: {
        if (!args_ok(call)) return rc::kParameter;
        if (!exists) start_list(target, 0);
        Value v = call.args[1];
        if (prepare_storage_value(v) != 0) return rc::kParameter;
        r = w.set(call.args[0].i, v, uint64_t(int_arg(call, 2)));
        break;
    }
    case kIncrement: {
        if (!args_ok(call)) return rc::kParameter;
        if (!exists) start_list(target, uint64_t(int_arg(call, 2)));
        const Value* delta = call.args.size() > 1 ? &call.args[1] : nullptr;
        r = w.increment(call.args[0].i, delta, uint64_t(int_arg(call, 3)));
        break;
    }
    case kSort:
        // A missing bin cannot be sorted; a missing element a context would create in an
        // existing bin sorts as an empty list (a no-op).
        if (!exists && call.bin_missing) return rc::kIncompatibleType;
        if (!args_ok(call)) return rc::kParameter;
        if (!exists) return rc::kOk;
        r = w.sort(uint64_t(int_arg(call, 0)));
        break;
    case kClear:
        if (!exists) return rc::kOk;
        target.items.clear();
        return rc::kOk;
    default:
        if (is_read_code(code) || !list_code_modifies(code)) return rc::kParameter;
        if (!exists) return rc::kOk;  // removing from nothing is a no-op
        return run_select(target, true, call, out);
    }
    wrote = w.wrote;
    return r;
}

}  // namespace

// IS_CDT_LIST_OP(): list codes are below the first map code (64).
bool is_list_code(uint32_t code) { return code < 64; }

bool list_code_modifies(uint32_t code) {
    return code <= kSort || is_remove_by_code(code);
}

int run_list_op(Value& target, bool exists, bool modify, const CdtCall& call, CdtAnswer& out) {
    if (!modify) {
        if (!is_read_code(call.code)) return rc::kParameter;
        if (!exists) return rc::kOk;
        if (call.code == kSize) {
            out.has_value = true;
            out.value = Value::integer(int64_t(target.items.size()));
            return rc::kOk;
        }
        return run_select(target, false, call, out);
    }
    bool wrote = false;
    int r = run_modify(target, exists, call, out, wrote);
    // An element a context would create comes to be only if the op wrote a list there; a
    // missing bin gets the (possibly empty) list the op started from.
    if (r == rc::kOk && !exists && call.by_context && !wrote) target = Value::nil();
    return r;
}

}  // namespace aero::server::cdt
