// The get/remove family of list ops (particle_list.c packed_list_get_remove_by_*): each picks
// elements of a list by index, value, rank or a value list, and answers with one of the result
// types, computed from the list as it was. Internal to the list_*.cpp files.
#pragma once

#include <cstdint>
#include <vector>

#include "core/server/cdt/ops.h"
#include "core/server/cdt/value.h"

namespace aero::server::cdt::list {

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

// The elements of ranks [idx, idx + count) among items (idx + count <= size), in the order
// the server's order heap hands them back (order_heap_init_build_by_range_temp): descending
// ranks when the range is nearer the front, ascending when nearer the back, equal elements
// ranked as the heap happens to rank them.
std::vector<uint32_t> heap_select(const std::vector<Value>& items, uint32_t idx, uint32_t count);

// One get/remove op on one list. The methods return 0 or a result code; after success,
// removed() tells a modify op which positions to take out.
class Selection {
public:
    // `result_type` is the op's result type argument (flags included); `multi` whether the op
    // answers for many elements (the range, interval, list and ALL_BY_VALUE ops).
    Selection(const Value& list, uint64_t result_type, bool multi, CdtAnswer& out);

    // Indexes [index, index + count), negative from the end.
    int by_index_range(int64_t index, uint64_t count);
    // Values in [start, end) (no end: up to the largest), or equal to start when `single`.
    int by_value_interval(const Value& start, const Value* end, bool single);
    // Ranks [rank, rank + count).
    int by_rank_range(int64_t rank, uint64_t count);
    // Elements equal to one of the values of a list argument (4 if it is not a list).
    int by_value_list(const Value& values);
    // Ranks relative to where `value` ranks.
    int by_rel_rank_range(const Value& value, int64_t rank, uint64_t count);

    const std::vector<char>& removed() const { return removed_; }

private:
    using Mask = std::vector<char>;

    int trim(uint32_t index, uint32_t count);
    int by_value_list_ordered(const std::vector<Value>& values);
    bool set_not_found(int64_t index);
    int set_index_rank_count(uint32_t start, uint32_t count);
    int set_range(uint32_t start, uint32_t count);
    void set_ints_by_mask(const Mask& mask);
    void set_values_by_mask(const Mask& mask);
    void set_ints(const std::vector<int64_t>& v);
    void set_values(std::vector<Value> v);
    void set_int(int64_t v);
    void set_bool(bool v);

    bool is_rev() const { return type_ == kResultRevIndex || type_ == kResultRevRank; }
    bool is_index_range_type() const { return type_ == kResultIndexRange || type_ == kResultRevIndexRange; }
    bool is_rank_range_type() const { return type_ == kResultRankRange || type_ == kResultRevRankRange; }
    uint32_t rank_of(const Value& v) const;  // elements less than v
    uint32_t lower_bound(const Value& v) const;  // ordered lists: first element not less than v
    void find_ordered(const Value& start, const Value* end, bool single, uint32_t& rank, uint32_t& count) const;
    void remove_range(uint32_t start, uint32_t count);
    void remove_mask(const Mask& mask);

    const std::vector<Value>& items_;
    const uint32_t n_;
    const bool ordered_;
    uint32_t type_;
    bool inverted_;
    const bool multi_;
    CdtAnswer& out_;
    Mask removed_;
    mutable std::vector<const Value*> sorted_;  // items_ in value order, for rank_of()
};

}  // namespace aero::server::cdt::list
