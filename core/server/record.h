// One stored record: metadata, optional user key and bins (in the order they were created).
#pragma once

#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

namespace aero::server {

// A bin holds its value as wire bytes; integers and floats are always kept as 8 bytes BE.
struct Bin {
    std::string name;
    uint8_t type = 0;
    std::string value;
};

// The real server's max-record-size default: 1 MiB.
constexpr size_t kMaxRecordSize = 1u << 20;
// Bins per record, as the real server limits them (RECORD_MAX_BINS).
constexpr size_t kMaxBins = 32767;
// Ops per command, as the real server limits them (MAX_N_OPS): more is a parameter error.
constexpr size_t kMaxOps = 32768;

struct Record {
    std::vector<Bin> bins;
    // Stored user key: particle type byte then the key's wire bytes; empty when none.
    std::string key;
    uint64_t last_update_ms = 0;
    // Seconds since the Aerospike epoch; 0 = never expires.
    uint32_t void_time = 0;
    // 16-bit like the server's; 0 only before the first write.
    uint16_t generation = 0;
    // Index into the namespace's set table; 0 = no set.
    uint16_t set_id = 0;

    // The bin called `name`, or nullptr.
    Bin* find_bin(std::string_view name);
    // The bin called `name`, or nullptr.
    const Bin* find_bin(std::string_view name) const;
    // The bin called `name`, appended empty (type 0) when missing.
    Bin& bin_for_write(std::string_view name);
    // Removes the bin called `name`, if there is one.
    void remove_bin(std::string_view name);
    // Advances the generation, wrapping 65535 -> 1 because 0 means "never written".
    void bump_generation();
    // Approximate stored size, checked against kMaxRecordSize as the server checks its
    // flat record size (header, set name, key, and per bin its name and value).
    size_t storage_size(size_t set_name_size) const;
};

// The void time a write leaves on a record (§3.3): record_ttl 0 takes the namespace default,
// 0xFFFFFFFF never expires, 0xFFFFFFFE keeps the current one; `now` in Aerospike-epoch seconds.
uint32_t next_void_time(uint32_t current, uint32_t record_ttl, uint32_t default_ttl, uint32_t now);

}  // namespace aero::server
