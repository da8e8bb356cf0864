// Map ops: the op table (codes, arguments, read or modify) and their dispatch, as
// cdt_process_state_packed_map_{modify,read}_optype() in particle_map.c do it.
#include <cstdint>
#include <string_view>

#include "core/server/cdt/map_common.h"
#include "core/server/cdt/ops.h"

namespace aero::server::cdt {

namespace {

using namespace map;

enum Code : uint32_t {
    kSetType = 64,
    kAdd = 65,
    kAddItems = 66,
    kPut = 67,
    kPutItems = 68,
    kReplace = 69,
    kReplaceItems = 70,
    kIncrement = 73,
    kDecrement = 74,
    kClear = 75,
    kRemoveByKey = 76,
    kRemoveByValueRelRankRange = 89,
    kSize = 96,
    kGetByKey = 97,
    kGetByValueRelRankRange = 110,
};

// The selectors shared by the REMOVE_BY_* and GET_BY_* codes.
enum class Selector { kKey, kIndex, kValue, kRank, kKeyList, kAllByValue, kValueList, kKeyInterval,
                      kIndexRange, kValueInterval, kRankRange, kKeyRelIndex, kValueRelRank };

struct SelectorSpec {
    Selector selector;
    std::string_view args;  // 'i' an integer, 'p' any value (AS_CDT_PARAM_INDEX / PAYLOAD)
    size_t required;
    bool multi;
};

// Indexed by code - 76 (REMOVE_BY_*) or code - 97 (GET_BY_*); codes without an op are null.
const SelectorSpec* selector_spec(uint32_t code) {
    static const SelectorSpec kKey{Selector::kKey, "ip", 2, false};
    static const SelectorSpec kIndex{Selector::kIndex, "ii", 2, false};
    static const SelectorSpec kValue{Selector::kValue, "ip", 2, false};
    static const SelectorSpec kRank{Selector::kRank, "ii", 2, false};
    static const SelectorSpec kKeyList{Selector::kKeyList, "ip", 2, true};
    static const SelectorSpec kAllByValue{Selector::kAllByValue, "ip", 2, true};
    static const SelectorSpec kValueList{Selector::kValueList, "ip", 2, true};
    static const SelectorSpec kKeyInterval{Selector::kKeyInterval, "ipp", 2, true};
    static const SelectorSpec kIndexRange{Selector::kIndexRange, "iii", 2, true};
    static const SelectorSpec kValueInterval{Selector::kValueInterval, "ipp", 2, true};
    static const SelectorSpec kRankRange{Selector::kRankRange, "iii", 2, true};
    static const SelectorSpec kKeyRelIndex{Selector::kKeyRelIndex, "ipii", 3, true};
    static const SelectorSpec kValueRelRank{Selector::kValueRelRank, "ipii", 3, true};
    static const SelectorSpec* const kRemoves[] = {
        &kKey, &kIndex, &kValue, &kRank, nullptr, &kKeyList, &kAllByValue, &kValueList,
        &kKeyInterval, &kIndexRange, &kValueInterval, &kRankRange, &kKeyRelIndex, &kValueRelRank};
    static const SelectorSpec* const kGets[] = {
        &kKey, &kIndex, &kValue, &kRank, nullptr, &kAllByValue, &kKeyInterval, &kIndexRange,
        &kValueInterval, &kRankRange, &kKeyList, &kValueList, &kKeyRelIndex, &kValueRelRank};
    if (code >= kRemoveByKey && code <= kRemoveByValueRelRankRange) return kRemoves[code - kRemoveByKey];
    if (code >= kGetByKey && code <= kGetByValueRelRankRange) return kGets[code - kGetByKey];
    return nullptr;
}

// cdt_process_state_get_params(): the argument count within [required, max] and each
// argument of its kind; 's' (AS_CDT_PARAM_STORAGE) refuses a wildcard or infinity.
bool args_ok(const CdtCall& call, std::string_view kinds, size_t required) {
    if (call.args.size() < required || call.args.size() > kinds.size()) return false;
    for (size_t k = 0; k < call.args.size(); k++) {
        const Value& a = call.args[k];
        if (kinds[k] == 'i' && !a.is_int()) return false;
        if (kinds[k] == 's' && a.has_nonstorage()) return false;
    }
    return true;
}

// Argument k as the server reads a count or flags (any integer, as unsigned), or `absent`.
uint64_t arg_u64(const CdtCall& call, size_t k, uint64_t absent) {
    return k < call.args.size() ? uint64_t(call.args[k].i) : absent;
}

// Argument k, or nullptr when the op left it out.
const Value* arg_opt(const CdtCall& call, size_t k) { return k < call.args.size() ? &call.args[k] : nullptr; }

// The order of a map a write creates where there was none (map_flags_to_static_ix() on
// valid flags; the persisted-index bit is a storage detail).
uint8_t create_flags(uint64_t flags) {
    uint8_t f = uint8_t(flags);
    return (f & ~0x13) ? 0 : f & kMapKeyValueOrdered;
}

// map_add_control for PUT / PUT_ITEMS from their write flags.
AddControl put_control(uint64_t mode) {
    AddControl c;
    c.allow_overwrite = !(mode & 0x01);  // CREATE_ONLY
    c.allow_create = !(mode & 0x02);     // UPDATE_ONLY
    c.no_fail = (mode & 0x04) != 0;
    c.do_partial = (mode & 0x08) != 0;
    return c;
}

constexpr uint64_t kNoCount = UINT32_MAX;  // a range op's count when absent

// A GET_BY_* or REMOVE_BY_* op: the selection's answer, and for a remove what it takes out.
int run_selection(Value& m, bool modify, const SelectorSpec& spec, const CdtCall& call, CdtAnswer& out) {
    if (!args_ok(call, spec.args, spec.required)) return kParameter;
    const auto& a = call.args;
    Selection s(m, modify, uint64_t(a[0].i), spec.multi, out);
    int rc = kParameter;
    switch (spec.selector) {
    case Selector::kKey: rc = s.by_key_interval(a[1], &a[1], true); break;
    case Selector::kIndex: rc = s.by_index_range(a[1].i, 1); break;
    case Selector::kValue:
    case Selector::kAllByValue: rc = s.by_value_interval(a[1], &a[1], true); break;
    case Selector::kRank: rc = s.by_rank_range(a[1].i, 1); break;
    case Selector::kKeyList: rc = s.by_key_list(a[1]); break;
    case Selector::kValueList: rc = s.by_value_list(a[1]); break;
    case Selector::kKeyInterval: rc = s.by_key_interval(a[1], arg_opt(call, 2), false); break;
    case Selector::kIndexRange: rc = s.by_index_range(a[1].i, arg_u64(call, 2, kNoCount)); break;
    case Selector::kValueInterval: rc = s.by_value_interval(a[1], arg_opt(call, 2), false); break;
    case Selector::kRankRange: rc = s.by_rank_range(a[1].i, arg_u64(call, 2, kNoCount)); break;
    case Selector::kKeyRelIndex: rc = s.by_key_rel_index_range(a[1], a[2].i, arg_u64(call, 3, kNoCount)); break;
    case Selector::kValueRelRank: rc = s.by_value_rel_rank_range(a[1], a[2].i, arg_u64(call, 3, kNoCount)); break;
    }
    if (rc != kOk || !modify) return rc;
    const std::vector<char>& removed = s.removed();
    if (removed.empty()) return kOk;
    size_t keep = 0;
    for (size_t i = 0; i < m.pairs.size(); i++)
        if (!removed[i]) {
            if (keep != i) m.pairs[keep] = std::move(m.pairs[i]);
            keep++;
        }
    m.pairs.resize(keep);
    return kOk;
}

// The write ops: their arguments, and the one holding the order of the map they create where
// the bin has none (SIZE_MAX: an unordered map).
struct WriteSpec {
    std::string_view args;
    size_t required;
    size_t flags_arg;
};

const WriteSpec* write_spec(uint32_t code) {
    static const WriteSpec kSetTypeSpec{"i", 1, SIZE_MAX};
    static const WriteSpec kAddSpec{"ssi", 2, 2};
    static const WriteSpec kAddItemsSpec{"si", 1, 1};
    static const WriteSpec kPutSpec{"ssii", 2, 2};
    static const WriteSpec kPutItemsSpec{"sii", 1, 1};
    static const WriteSpec kReplaceSpec{"ss", 2, SIZE_MAX};
    static const WriteSpec kReplaceItemsSpec{"s", 1, SIZE_MAX};
    static const WriteSpec kIncrementSpec{"ppi", 1, 2};
    switch (code) {
    case kSetType: return &kSetTypeSpec;
    case kAdd: return &kAddSpec;
    case kAddItems: return &kAddItemsSpec;
    case kPut: return &kPutSpec;
    case kPutItems: return &kPutItemsSpec;
    case kReplace: return &kReplaceSpec;
    case kReplaceItems: return &kReplaceItemsSpec;
    case kIncrement:
    case kDecrement: return &kIncrementSpec;
    default: return nullptr;
    }
}

// A write op; where there is no map, every write but REPLACE_ITEMS starts from an empty one.
int run_write(Value& m, bool exists, uint32_t code, const WriteSpec& spec, const CdtCall& call, CdtAnswer& out) {
    if (code == kReplaceItems && !exists) return kElementNotFound;
    if (!args_ok(call, spec.args, spec.required)) return kParameter;
    if (!exists) m = Value::map(create_flags(arg_u64(call, spec.flags_arg, 0)));
    const auto& a = call.args;
    AddControl add;  // ADD / ADD_ITEMS: create only
    add.allow_overwrite = false;
    AddControl replace;
    replace.allow_create = false;
    switch (code) {
    case kSetType: return map_set_type(m, uint64_t(a[0].i));
    case kAdd: return map_add(m, a[0], a[1], add, &out);
    case kAddItems: return map_add_items(m, a[0], add, out);
    case kPut: return map_add(m, a[0], a[1], put_control(arg_u64(call, 3, 0)), &out);
    case kPutItems: return map_add_items(m, a[0], put_control(arg_u64(call, 2, 0)), out);
    case kReplace: return map_add(m, a[0], a[1], replace, &out);
    case kReplaceItems: return map_add_items(m, a[0], replace, out);
    default: return map_increment(m, a[0], arg_opt(call, 1), code == kDecrement, out);
    }
}

}  // namespace

bool is_map_code(uint32_t code) { return code >= kSetType && code != 0xfe && code != 0xff; }

bool map_code_modifies(uint32_t code) {
    return write_spec(code) != nullptr || code == kClear ||
           (code >= kRemoveByKey && code <= kRemoveByValueRelRankRange && selector_spec(code));
}

int run_map_op(Value& target, bool exists, bool modify, const CdtCall& call, CdtAnswer& out) {
    out = CdtAnswer{};
    if (exists && !target.is_map()) return kIncompatibleType;
    uint32_t code = call.code;
    if (!modify) {
        if (map_code_modifies(code) || (code != kSize && !selector_spec(code))) return kParameter;
        if (!exists) return kOk;
        if (code == kSize) {
            out.has_value = true;
            out.value = Value::integer(int64_t(target.pairs.size()));
            return kOk;
        }
        return run_selection(target, false, *selector_spec(code), call, out);
    }
    if (!map_code_modifies(code)) return kParameter;
    if (const WriteSpec* spec = write_spec(code)) return run_write(target, exists, code, *spec, call, out);
    // CLEAR and the removes do nothing where there is no map, whatever their arguments.
    if (!exists) return kOk;
    if (code == kClear) {
        target.pairs.clear();
        return kOk;
    }
    return run_selection(target, true, *selector_spec(code), call, out);
}

}  // namespace aero::server::cdt
