// Index arithmetic of the server's CDT ops (cdt.c calc_index_count and friends): a wire index
// may count from the end (negative) and a count may run past the end; these turn them into
// bounded positions exactly as the server does.
#pragma once

#include <cstdint>

namespace aero::server::cdt {

// A negative index counts from the end; the result may still be negative (out of range).
inline int64_t from_end(int64_t index, uint32_t n) { return index < 0 ? int64_t(n) + index : index; }

// The element `index` names in a collection of n: false when there is none.
inline bool single_index(int64_t index, uint32_t n, uint32_t& out) {
    if (index >= int64_t(n)) return false;
    int64_t i = from_end(index, n);
    if (i < 0) return false;
    out = uint32_t(i);
    return true;
}

// The range [index, index + count) clipped to a collection of n (calc_index_count_multi): a
// start before the front shortens the count, a start past the end gives (n, 0).
inline void multi_range(int64_t index, uint64_t count, uint32_t n, uint32_t& start, uint32_t& out_count) {
    if (index >= int64_t(n)) {
        start = n;
        out_count = 0;
        return;
    }
    int64_t i = from_end(index, n);
    if (i < 0) {
        uint64_t before = uint64_t(-i);
        out_count = before < count ? uint32_t(count - before > n ? n : count - before) : 0;
        start = 0;
        return;
    }
    start = uint32_t(i);
    out_count = count >= uint64_t(n - start) ? n - start : uint32_t(count);
}

// calc_index_count(): a single-element op must name an existing element (false otherwise); a
// multi-element op always gets a clipped range.
inline bool index_range(int64_t index, uint64_t count, uint32_t n, bool multi, uint32_t& start, uint32_t& out_count) {
    if (multi) {
        multi_range(index, count, n, start, out_count);
        return true;
    }
    if (!single_index(index, n, start)) return false;
    out_count = count >= uint64_t(n - start) ? n - start : uint32_t(count);
    return true;
}

// calc_rel_index_count(): a range relative to position `rel`; a start before the front is
// moved to 0 and shortens the count.
inline void relative_range(int64_t& index, uint64_t& count, uint32_t rel) {
    index = int64_t(uint64_t(index) + rel);  // wraps as the server's arithmetic does
    if (index < 0) {
        uint64_t before = uint64_t(-index);
        count = count > before ? count - before : 0;
        index = 0;
    }
}

// An inverted range op selects the complement of [start, start + count); when that is one run
// the server selects the run instead. Turns the range into that run, or returns false when the
// range sits strictly inside the collection (two runs).
inline bool complement_range(uint32_t& start, uint32_t& count, uint32_t n) {
    if (count == 0) {
        start = 0;
        count = n;
    } else if (start == 0) {
        start = count;
        count = n - count;
    } else if (start + count >= n) {
        count = start;
        start = 0;
    } else {
        return false;
    }
    return true;
}

}  // namespace aero::server::cdt
