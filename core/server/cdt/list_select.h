// The get/remove family of list ops (particle_list.c packed_list_get_remove_by_*): each picks
// elements of a list by index, value, rank or a value list, and answers with one of the result
// types, computed from the list as it was. Internal to the list_*.cpp files.
#pragma once

#include <cstdint>
#include <vector>

#include "core/server/cdt/result.h"

namespace aero::server::cdt::list {

// The elements of ranks [idx, idx + count) among items (idx + count <= size), in the order
// the server's order heap hands them back (order_heap_init_build_by_range_temp): descending
// ranks when the range is nearer the front, ascending when nearer the back, equal elements
// ranked as the heap happens to rank them.
std::vector<uint32_t> heap_select(const std::vector<Value>& items, uint32_t idx, uint32_t count);

// One get/remove op on one list. The methods return 0 or a result code; after success,
// removed() tells a modify op which positions to take out.
class Selection : private ResultBuilder {
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

    // Positions the op removes (meaningful after a successful modify).
    const std::vector<char>& removed() const { return removed_; }

private:
    using Mask = std::vector<char>;

    // Everything but [index, index + count) (packed_list_trim), for an inverted range inside.
    int trim(uint32_t index, uint32_t count);
    // by_value_list on an ordered list: each value's run of equal elements.
    int by_value_list_ordered(const std::vector<Value>& values);
    // Answers the chosen positions (mirrored for the reverse types), or their elements.
    void set_ints_by_mask(const Mask& mask);
    void set_values_by_mask(const Mask& mask);
    // Answers a list of elements.
    void set_values(std::vector<Value> v);
    // The NONE, COUNT, EXISTS and VALUE answers for the `count` positions in the mask; 26 for
    // the other types.
    int count_or_values(const Mask& mask, uint32_t count);

    uint32_t rank_of(const Value& v) const;  // elements less than v
    uint32_t lower_bound(const Value& v) const;  // ordered lists: first element not less than v
    void find_ordered(const Value& start, const Value* end, bool single, uint32_t& rank, uint32_t& count) const;
    // Records what a modify op takes out: a run of positions, or the chosen ones.
    void remove_range(uint32_t start, uint32_t count);
    void remove_mask(const Mask& mask);

    const std::vector<Value>& items_;
    const bool ordered_;
    Mask removed_;
    mutable std::vector<const Value*> sorted_;  // items_ in value order, for rank_of()
};

}  // namespace aero::server::cdt::list
