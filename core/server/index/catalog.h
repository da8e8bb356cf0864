// A namespace's secondary indexes (sindex_manager.c): created, renamed and dropped by info
// commands, and kept up to date by every change to the namespace's records (writes, deletes,
// expiry, eviction, truncation, migration), which the namespace reports as they happen.
#pragma once

#include <algorithm>
#include <memory>
#include <mutex>
#include <string>
#include <vector>

#include "core/server/index/secondary_index.h"
#include "core/server/namespace.h"
#include "core/server/storage.h"

namespace aero::server::index {

class NamespaceIndexes : public RecordObserver {
public:
    // Observes ns from now on; ns must outlive this.
    explicit NamespaceIndexes(Namespace& ns);
    ~NamespaceIndexes() override;

    // MAX_N_SINDEXES: indexes per namespace.
    static constexpr size_t kMaxIndexes = 256;
    enum class Created { kOk, kSame, kDifferent, kTooMany };
    // Creates the index, filling it from the records already stored before it returns (the
    // real server fills it in the background; here it is readable, load_pct 100, once the
    // command answers). An existing name with the same definition is kSame, with another
    // kDifferent; an existing definition under another name is renamed.
    Created create(const std::string& name, const IndexDef& def);
    // Drops the index; false when there is none of that name.
    bool drop(const std::string& name);
    // The index of that name, or null.
    std::shared_ptr<SecondaryIndex> find(const std::string& name) const;
    // The index a query without INDEX_NAME uses: the definition's, in the set or else across
    // all sets (as_sindex_lookup_by_defn).
    std::shared_ptr<SecondaryIndex> find(const IndexDef& def) const;
    // Every index with its current name, in creation order.
    std::vector<std::pair<std::string, std::shared_ptr<SecondaryIndex>>> list() const;

    void changed(const proto::Digest& d, const Record* before, const Record* after) override;

private:
    using List = std::vector<std::shared_ptr<SecondaryIndex>>;
    std::shared_ptr<const List> snapshot() const;
    void fill(SecondaryIndex& si);

    Namespace& ns_;
    mutable std::mutex mutex_;
    // Replaced whole on every change, so that writers read it without holding mutex_ long.
    std::shared_ptr<const List> indexes_;
};

// The indexes of every namespace of one node's storage.
class Catalog {
public:
    explicit Catalog(Storage& storage);
    // Drops every index (while the namespaces they observe still exist), then, after the
    // storage was replaced, starts afresh on it: for a context reused with new storage.
    void clear();
    void attach(Storage& storage);
    // The namespace's indexes, or null for an unknown namespace.
    NamespaceIndexes* find(std::string_view ns) const;

private:
    std::vector<std::unique_ptr<NamespaceIndexes>> namespaces_;
    std::vector<std::string> names_;
};

}  // namespace aero::server::index
