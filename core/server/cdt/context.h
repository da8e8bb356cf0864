// Contexts (the server's cdt_context_dig() and its create rules): the [type, value, ...] path
// from a bin's list or map down to the element a list or map op addresses, and the levels a
// modify op creates when the path leads to a missing element. Internal to cdt.cpp.
#pragma once

#include <cstddef>
#include <cstdint>
#include <vector>

#include "core/server/cdt/value.h"

namespace aero::server::cdt {

class ContextPath {
public:
    // Walks the steps (the context list's items, type/value pairs) from root. `bin_missing`:
    // the record has no such bin (a modify then creates it from the first step). Returns 0 or
    // a result code (4 bad context, 26 a level missing or of the wrong kind).
    int dig(Value& root, bool bin_missing, bool modify, const std::vector<Value>& steps);

    // Whether the addressed element is missing and is created by the op (modify only).
    bool creates() const { return create_; }
    // The addressed element, when it exists.
    Value* target() const { return target_; }
    // Whether the context carried a wildcard or infinity in a way that makes the server refuse
    // a storage argument after it (its msgpack reader's sticky has_nonstorage flag).
    bool nonstorage() const { return nonstorage_; }

    // After a successful modify: puts `created` (the op's new collection, nil when the op made
    // none) in place with the levels the context creates, and moves changed elements of
    // ordered lists on the path back into order. Works on the root given to dig().
    void finish(Value& root, Value&& created);

private:
    struct Level {
        Value* list;  // an ordered or unordered list on the path
        size_t idx;   // the position the path took in it
    };

    int list_step(Value*& cur, uint64_t type, const Value& v, bool modify);
    int map_step(Value*& cur, uint64_t type, const Value& v);
    int check_created_steps(size_t from);
    void mark_create(Value* parent, size_t pos);
    Value wrap(size_t step, Value&& inner, bool top) const;

    const std::vector<Value>* steps_ = nullptr;
    std::vector<Level> levels_;
    Value* target_ = nullptr;
    bool nonstorage_ = false;
    // Creation: the parent container and position of the new element, the nils an unbound
    // list index pads with, a map's new key, and the first step that describes a created level.
    bool create_ = false;
    bool whole_bin_ = false;
    Value* parent_ = nullptr;
    size_t pos_ = 0;
    size_t pad_ = 0;
    Value key_;
    size_t chain_ = 0;
};

}  // namespace aero::server::cdt
