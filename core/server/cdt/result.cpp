#include "core/server/cdt/result.h"

#include "core/server/cdt/codes.h"

namespace aero::server::cdt {

void add_int_range(std::vector<int64_t>& v, uint32_t start, uint32_t count, uint32_t n, bool rev) {
    if (rev) start = n - start - count;
    for (uint32_t k = 0; k < count; k++) v.push_back(int64_t(start) + k);
}

ResultBuilder::ResultBuilder(uint64_t result_type, bool multi, uint32_t n, CdtAnswer& out)
    : n_(n),
      type_(uint32_t(result_type & kResultTypeMask)),
      inverted_((result_type & kResultInverted) != 0),
      multi_(multi),
      out_(out) {}

void ResultBuilder::set_value(Value v) {
    out_.has_value = true;
    out_.value = std::move(v);
}

void ResultBuilder::set_int(int64_t v) { set_value(Value::integer(v)); }

void ResultBuilder::set_bool(bool v) { set_value(Value::boolean(v)); }

void ResultBuilder::set_ints(const std::vector<int64_t>& v) {
    Value l = Value::list();
    l.items.reserve(v.size());
    for (int64_t x : v) l.items.push_back(Value::integer(x));
    set_value(std::move(l));
}

bool ResultBuilder::set_not_found(int64_t index) {
    switch (type_) {
    case kResultNone:
        return true;
    case kResultIndexRange:
    case kResultRevIndexRange:
    case kResultRankRange:
    case kResultRevRankRange:
        set_ints({index, 0});
        return true;
    case kResultIndex:
    case kResultRevIndex:
    case kResultRank:
    case kResultRevRank:
        set_value(multi_ ? Value::list() : Value::integer(-1));
        return true;
    case kResultCount:
        set_int(0);
        return true;
    case kResultExists:
        set_bool(false);
        return true;
    case kResultValue:
        if (multi_) set_value(Value::list());
        return true;
    default:
        return false;
    }
}

int ResultBuilder::set_index_rank_count(uint32_t start, uint32_t count) {
    switch (type_) {
    case kResultNone:
        return rc::kOk;
    case kResultCount:
        set_int(inverted_ ? n_ - count : count);
        return rc::kOk;
    case kResultExists:
        set_bool(inverted_ ? count == 0 : count != 0);
        return rc::kOk;
    case kResultIndex:
    case kResultRevIndex:
    case kResultRank:
    case kResultRevRank: {
        if (!multi_) {
            set_int(count == 0 ? -1 : oriented(start));
            return rc::kOk;
        }
        std::vector<int64_t> v;
        if (inverted_) {
            add_int_range(v, 0, start, n_, is_rev());
            add_int_range(v, start + count, n_ - start - count, n_, is_rev());
        } else {
            add_int_range(v, start, count, n_, is_rev());
        }
        set_ints(v);
        return rc::kOk;
    }
    default:
        return rc::kOpNotApplicable;
    }
}

int ResultBuilder::set_range(uint32_t start, uint32_t count) {
    switch (type_) {
    case kResultNone:
        return rc::kOk;
    case kResultCount:
    case kResultExists:
    case kResultIndex:
    case kResultRevIndex:
    case kResultRank:
    case kResultRevRank:
        return set_index_rank_count(start, count);
    case kResultRevIndexRange:
    case kResultRevRankRange:
        start = n_ - start - count;
        [[fallthrough]];
    case kResultIndexRange:
    case kResultRankRange:
        if (inverted_) return rc::kOpNotApplicable;
        set_ints({start, count});
        return rc::kOk;
    default:
        return rc::kOpNotApplicable;
    }
}

}  // namespace aero::server::cdt
