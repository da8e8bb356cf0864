// What the list and map get/remove ops share (cdt.c result_data_*): the result types and the
// answers that are the same for both collections. Internal to the list_* and map_* files.
#pragma once

#include <cstdint>
#include <vector>

#include "core/server/cdt/ops.h"
#include "core/server/cdt/value.h"

namespace aero::server::cdt {

// Result types (result_type_t), the low 16 bits of a get/remove op's first argument.
enum ResultType : uint32_t {
    kResultNone = 0,
    kResultIndex = 1,
    kResultRevIndex = 2,
    kResultRank = 3,
    kResultRevRank = 4,
    kResultCount = 5,
    kResultKey = 6,
    kResultValue = 7,
    kResultKeyValue = 8,
    kResultIndexRange = 9,
    kResultRevIndexRange = 10,
    kResultRankRange = 11,
    kResultRevRankRange = 12,
    kResultExists = 13,
    kResultUnorderedMap = 16,
    kResultOrderedMap = 17,
};
constexpr uint64_t kResultTypeMask = 0xffff;
constexpr uint64_t kResultInverted = 0x10000;

// Appends count numbers from start to v; mirrored when rev, still ascending: n - start - count
// and up (cdt_container_builder_add_int_range).
void add_int_range(std::vector<int64_t>& v, uint32_t start, uint32_t count, uint32_t n, bool rev);

// The answer half of a get/remove op on a collection of n elements: the result type, its
// INVERTED flag and the answers that do not depend on the collection's kind.
class ResultBuilder {
protected:
    // `result_type` is the op's result type argument (flags included); `multi` whether the op
    // answers for many elements (the range, interval, list and ALL_BY_VALUE ops).
    ResultBuilder(uint64_t result_type, bool multi, uint32_t n, CdtAnswer& out);

    // Sets the answer to v, an integer, a boolean, a list of integers.
    void set_value(Value v);
    void set_int(int64_t v);
    void set_bool(bool v);
    void set_ints(const std::vector<int64_t>& v);

    // The answer for nothing found (result_data_set_not_found) for the types lists and maps
    // share; false for the others (KEY and the map types), which the caller handles or refuses.
    bool set_not_found(int64_t index);
    // The answer for `count` consecutive indexes or ranks from `start`, the others when
    // INVERTED (result_data_set_index_rank_count); 0 or 26.
    int set_index_rank_count(uint32_t start, uint32_t count);
    // As set_index_rank_count, plus the [start, count] range types (result_data_set_range).
    int set_range(uint32_t start, uint32_t count);

    // Whether the result type counts from the end.
    bool is_rev() const { return type_ == kResultRevIndex || type_ == kResultRevRank; }
    // An index or rank counted from the end for the reverse types.
    int64_t oriented(int64_t i) const { return is_rev() ? int64_t(n_) - i - 1 : i; }
    // Whether the result type is one of the kinds named.
    bool is_index_type() const { return type_ == kResultIndex || type_ == kResultRevIndex; }
    bool is_rank_type() const { return type_ == kResultRank || type_ == kResultRevRank; }
    bool is_index_range_type() const { return type_ == kResultIndexRange || type_ == kResultRevIndexRange; }
    bool is_rank_range_type() const { return type_ == kResultRankRange || type_ == kResultRevRankRange; }

    const uint32_t n_;
    uint32_t type_;
    bool inverted_;
    const bool multi_;
    CdtAnswer& out_;
};

}  // namespace aero::server::cdt
