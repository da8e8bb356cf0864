// The map ops' shared machinery (particle_map.c semantics): the get/remove family selects
// elements of a map and answers with one of the result types; the write family adds and
// changes elements. Internal to the map_*.cpp files.
#pragma once

#include <cstdint>
#include <vector>

#include "core/server/cdt/codes.h"
#include "core/server/cdt/result.h"

namespace aero::server::cdt::map {

using rc::kElementExists;
using rc::kElementNotFound;
using rc::kIncompatibleType;
using rc::kOk;
using rc::kOpNotApplicable;
using rc::kParameter;

// Whether a map's elements are stored sorted by key (the server's is_k_ordered: any flags).
inline bool key_ordered(const Value& m) { return m.flags != 0; }

// One get/remove op on one map: it picks elements, builds the answer from the map as it was,
// and records in `removed` what a modify op takes out. Each method is the server function of
// the same meaning (packed_map_get_remove_by_*); they return 0 or a result code.
class Selection : private ResultBuilder {
public:
    // `result_type` is the op's first argument; `multi` whether the op answers for many
    // elements (the *_RANGE, *_LIST, *_INTERVAL and ALL_BY_VALUE ops).
    Selection(const Value& m, bool modify, uint64_t result_type, bool multi, CdtAnswer& out);

    // Keys in [start, end), end nullptr meaning past the largest; `single` for the
    // one-key ops (BY_KEY), whose end is the start itself.
    int by_key_interval(const Value& start, const Value* end, bool single);
    // Elements at key-order indexes [index, index + count) (negative from the end).
    int by_index_range(int64_t index, uint64_t count);
    // Values in [start, end) as by_key_interval; `single` for BY_VALUE / ALL_BY_VALUE.
    int by_value_interval(const Value& start, const Value* end, bool single);
    // Elements at value ranks [rank, rank + count).
    int by_rank_range(int64_t rank, uint64_t count);
    // Elements whose key (value) equals one in the list argument.
    int by_key_list(const Value& list);
    int by_value_list(const Value& list);
    // Index (rank) ranges relative to where `key` (`value`) is or would be.
    int by_key_rel_index_range(const Value& key, int64_t index, uint64_t count);
    int by_value_rel_rank_range(const Value& value, int64_t rank, uint64_t count);

    // Storage positions the op removes (meaningful after a successful modify).
    const std::vector<char>& removed() const { return removed_; }

private:
    using Mask = std::vector<char>;  // per storage position: chosen or not
    using Idxs = std::vector<uint32_t>;  // storage positions
    using Runs = std::vector<std::pair<uint32_t, uint32_t>>;  // per list item: {below, equal}

    // Everything but [index, index + count) of a key-ordered map (packed_map_trim_ordered).
    int trim_ordered(uint32_t index, uint32_t count);
    // Every element (packed_map_get_remove_all).
    int remove_all();
    // The answer for the one element `idx` that `key` found (packed_map_build_result_by_key).
    int result_by_key(const Value& key, uint32_t idx);

    // Answers for nothing found (result_data_set_not_found, the shared one extended by the KEY
    // and map types, and its key / value variants, which refuse the rank / index range
    // types); false for a result type they refuse.
    bool set_not_found(int64_t index);
    bool set_key_not_found(int64_t index);
    bool set_value_not_found(int64_t rank);
    // Element answers (KEY, VALUE, the map types): storage positions [start, start + count)
    // or, INVERTED, the rest; the given positions in their order; the chosen positions in
    // storage order. An ORDERED_MAP answer of an unordered map is sorted by key.
    void ele_by_idx_range(uint32_t start, uint32_t count);
    void ele_by_idxs(const Idxs& idxs);
    void ele_by_mask(const Mask& mask, uint32_t count);
    // The COUNT, EXISTS and element answers for the `count` chosen positions; 26 for the
    // other types.
    int count_or_elements(const Mask& mask, uint32_t count);
    // Key-order indexes of the given positions (not_found_index when there are none) or of
    // the chosen ones in storage order.
    void index_by_idxs(const Idxs& idxs, int64_t not_found_index);
    void index_by_mask(const Mask& mask, uint32_t count);
    // Ranks of the given positions, of the chosen ones, or of storage positions
    // [index, index + count) (the rest when INVERTED).
    void rank_by_idxs(const Idxs& idxs);
    void rank_by_mask(const Mask& mask);
    void rank_by_index_range(uint32_t index, uint32_t count);
    // The chosen storage positions, as indexes of a key-ordered map.
    void ints_by_mask(const Mask& mask);
    // Each item's run of equal elements, in list order (result_data_set_by_irc).
    void ints_by_item_ranges(const Runs& runs);
    // The same for runs found by find_items; INVERTED, the gaps between them
    // (result_data_set_by_itemlist_irc).
    void ints_by_item_list(const Idxs& sorted_items, const Runs& runs);
    // Chooses the elements whose key (by_value: value) equals a list item, or the others when
    // INVERTED (offset_index_find_items); with want_ranges, each item's run of elements.
    void find_items(const std::vector<Value>& items, bool by_value, bool want_ranges, bool exit_early,
                    Mask& mask, uint32_t& count, Idxs& sorted_items, Runs& runs);

    // Position of a storage position in key order.
    uint32_t key_index(uint32_t idx);
    // Rank by (value, key), as the server counts it for a one-element answer.
    uint32_t rank_single(uint32_t idx);
    // Rank by (value, storage position), as the server counts it for a list of ranks.
    uint32_t rank_multi(uint32_t idx);
    // Storage positions in key order, and in (value, key) order.
    const Idxs& key_order();
    Idxs value_order() const;
    // How many keys (values) are below the argument.
    uint32_t keys_below(const Value& key) const;
    uint32_t values_below(const Value& value) const;

    // Whether it answers with elements, and with a map of them.
    bool returns_elements() const;
    bool returns_map() const;
    // The key or value a KEY / VALUE answer holds for one element.
    Value element(uint32_t idx) const;
    // Records what a modify op removes.
    void mark(const Mask& mask);
    Mask complement(const Mask& mask) const;
    // Applies INVERTED to a choice of `count` positions: the mask becomes its complement; returns
    // how many positions the op then chooses.
    uint32_t apply_inverted(Mask& mask, uint32_t count) const;
    // Storage positions [start, start + count), or the others when INVERTED.
    Idxs range_idxs(uint32_t start, uint32_t count) const;

    const Value& m_;
    const bool ordered_;
    const bool modify_;
    Mask removed_;
    Idxs key_order_;      // storage positions by key (lazily)
    Idxs key_pos_;        // storage position -> key index (lazily)
    Idxs rank_multi_;     // storage position -> rank by (value, position) (lazily)
};

// The result value for the map answers (KEY_VALUE 8, UNORDERED_MAP 16, ORDERED_MAP 17):
// their order flags (8 is the server's PRESERVE_ORDER marker).
uint8_t result_map_flags(uint32_t type);

// Sorts a map's elements by key (the server's packed_map_write_k_ordered).
void sort_by_key(Value& m);

// First position of `key` in a key-ordered map, or where it would go (packed_map_find_key_indexed,
// including its probe order, which matters for a wildcard key).
struct KeyFind {
    bool found = false;
    uint32_t idx = 0;
};
KeyFind find_key_ordered(const Value& m, const Value& key);

// What a write may do when a key exists or not (map_add_control).
struct AddControl {
    bool allow_overwrite = true;
    bool allow_create = true;
    bool no_fail = false;
    bool do_partial = false;
};
// The write family, on arguments of the right count and kinds; each returns 0 or a result
// code. Puts one key (answering the new size in *out when out is given).
int map_add(Value& m, const Value& key, const Value& value, const AddControl& c, CdtAnswer* out);
// Puts the elements of the map `items` (answering the new size).
int map_add_items(Value& m, const Value& items, const AddControl& c, CdtAnswer& out);
// Adds delta (nullptr or nil: 1) to the number at key (answering the new number).
int map_increment(Value& m, const Value& key, const Value* delta, bool decrement, CdtAnswer& out);
// Changes the map's order flags (MAP SET_TYPE).
int map_set_type(Value& m, uint64_t flags);

}  // namespace aero::server::cdt::map
