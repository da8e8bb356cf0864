#include "core/server/exp/exp_op.h"

#include "core/proto/msgpack.h"

namespace aero::server::exp {

namespace {

namespace mp = aero::proto::msgpack;

constexpr int kParameter = 4;
constexpr int kBinExists = 6;
constexpr int kBinNotFound = 17;
constexpr int kOpNotApplicable = 26;

constexpr uint64_t kModifyFlags = kFlagCreateOnly | kFlagUpdateOnly | kFlagAllowDelete | kFlagPolicyNoFail | kFlagEvalNoFail;
constexpr uint64_t kReadFlags = kFlagEvalNoFail;

// Skips one msgpack value without recursing: an expression may nest deeper than the msgpack
// reader's depth bound for values.
bool skip_one(proto::Reader& r) {
    for (uint64_t left = 1; left > 0; left--) {
        mp::Item it;
        if (!mp::read_item(r, it)) return false;
        if (it.kind == mp::Item::kArray) left += it.len;
        else if (it.kind == mp::Item::kMap) left += uint64_t(it.len) * 2;
    }
    return true;
}

// as_exp_op_parse(): [expression] or [expression, flags]. A second element that is not an
// integer is ignored; unknown flag bits are refused.
int parse(const uint8_t* p, size_t n, bool modify, Program& exp, uint64_t& flags) {
    proto::Reader r(p, n);
    mp::Item head;
    if (!mp::read_item(r, head) || head.kind != mp::Item::kArray || head.len == 0 || head.len > 2) return kParameter;
    const uint8_t* start = r.pos();
    if (!skip_one(r)) return kParameter;
    const uint8_t* end = r.pos();
    flags = 0;
    mp::Item f;
    if (head.len == 2 && mp::read_item(r, f)) {
        if (f.kind == mp::Item::kInt) flags = uint64_t(f.i);
        else if (f.kind == mp::Item::kUint) flags = f.u;
    }
    if (flags & ~(modify ? kModifyFlags : kReadFlags)) return kParameter;
    return compile(start, size_t(end - start), exp);
}

}  // namespace

int read_op(const uint8_t* p, size_t n, const RecordView& rec, Bin& out) {
    Program exp;
    uint64_t flags;
    if (int rc = parse(p, n, false, exp, flags)) return rc;
    out.type = 0;
    out.value.clear();
    if (eval_to_bin(exp, rec, out)) return 0;
    out.type = 0;
    out.value.clear();
    return (flags & kFlagEvalNoFail) ? 0 : kOpNotApplicable;
}

int modify_op(const uint8_t* p, size_t n, const RecordView& rec, const Bin* current, Bin& out, Change& change) {
    change = Change::kNone;
    Program exp;
    uint64_t flags;
    if (int rc = parse(p, n, true, exp, flags)) return rc;
    bool was_live = current != nullptr;
    if (was_live && (flags & kFlagCreateOnly)) return (flags & kFlagPolicyNoFail) ? 0 : kBinExists;
    if (!was_live && (flags & kFlagUpdateOnly)) return (flags & kFlagPolicyNoFail) ? 0 : kBinNotFound;
    if (!eval_to_bin(exp, rec, out)) return (flags & kFlagEvalNoFail) ? 0 : kOpNotApplicable;
    if (out.type != 0) {
        change = Change::kSet;
        return 0;
    }
    if (!was_live) return 0;
    if (flags & kFlagAllowDelete) {
        change = Change::kRemove;
        return 0;
    }
    // as_exp_modify_tr() tests `flags && POLICY_NO_FAIL`, so any flag at all keeps the bin
    // without an error.
    return flags != 0 ? 0 : kOpNotApplicable;
}

}  // namespace aero::server::exp
