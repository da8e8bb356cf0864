// Finds a record's bins by name while one command runs on it. A record keeps its bins in a
// vector, in creation order, and a linear search is the fastest way through a few of them;
// a command that names thousands of bins would make that quadratic, so past a threshold the
// index hashes the names and removals leave tombstones until compact().
#pragma once

#include <string>
#include <string_view>
#include <unordered_map>

#include "core/server/record.h"

namespace aero::server {

class BinIndex {
public:
    // `names` is how many bin names the command will look up (its op count).
    BinIndex(Record& rec, size_t names);

    Bin* find(std::string_view name);
    // The bin called `name`, appended empty (type 0) when missing.
    Bin& for_write(std::string_view name);
    void remove(std::string_view name);
    void clear();
    // Drops the removed bins, the others keeping their order; rec.bins is exact afterwards.
    void compact();

private:
    Record& rec_;
    bool hashed_;
    bool has_removed_ = false;
    std::unordered_map<std::string, size_t> at_;  // name -> position in rec_.bins (hashed only)
};

}  // namespace aero::server
