// Which node holds each of the 4096 partitions, as master (column 0) and as replicas
// (columns 1..n-1), derived from the live nodes' ids and racks alone so every node computes
// the same table.
#pragma once

#include <cstdint>
#include <span>
#include <string>
#include <vector>

namespace aero::server {

// A live node as placement sees it.
struct TableNode {
    uint64_t id;
    uint32_t rack = 0;
};

class PartitionTable {
public:
    // Ranks the nodes for each partition by a rendezvous hash of (node id, partition), as the
    // real server's balance does with its per-partition node sequence: a node joining or
    // leaving moves only the partitions it gains or loses, and the order of `nodes` does not
    // matter. The first ranked node is the master; each next copy goes to the next ranked node,
    // except that while some rack holds no copy yet it goes to the first ranked node of such a
    // rack, as the real server's rack-aware balance spreads copies (one rack: plain ranking).
    // min(replication_factor, nodes) copies are kept.
    PartitionTable(std::vector<TableNode> nodes, uint32_t replication_factor);

    // The live nodes the table was built from.
    const std::vector<TableNode>& nodes() const { return nodes_; }
    // Copies kept of each partition: the effective replication factor.
    uint32_t n_columns() const { return n_columns_; }
    // The nodes holding partition pid, master first.
    std::span<const uint64_t> replicas(uint32_t pid) const;
    // True when `node` holds a copy of partition pid (in any column).
    bool holds(uint64_t node, uint32_t pid) const;
    // The base64 `replicas` bitmap (fact sheet §2.3) of the partitions where `node` is in
    // `column`.
    std::string bitmap_b64(uint64_t node, uint32_t column) const;

private:
    // Appends the n_columns_ owners of one partition, picked from its ranked nodes.
    void place(const std::vector<TableNode>& ranked, size_t n_racks);

    std::vector<TableNode> nodes_;
    uint32_t n_columns_;
    std::vector<uint64_t> owners_;  // n_columns_ node ids per partition
};

}  // namespace aero::server
