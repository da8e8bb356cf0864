// Where a batch read may write its results instead of msgpack: caller-owned memory laid out
// as a NumPy structured array (one fixed-size row per key), plus per-row metadata and result
// codes. Decoding straight into that memory makes no Python object per record or bin.
#pragma once

#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

#include "core/status.h"

namespace aero {

struct TargetField {
    std::string name;
    uint32_t offset = 0;  // in the row
    char kind = 'i';      // 'i' signed, 'u' unsigned, 'f' float, 'S' bytes, 'V' raw bytes
    uint32_t size = 0;    // bytes of the whole field (a sub-array counts all its items)
};

struct BatchTarget {
    uint8_t* rows = nullptr;
    uint32_t stride = 0;
    std::vector<TargetField> fields;
    uint8_t* meta = nullptr;   // per row: u32 generation, u32 ttl (native byte order)
    int32_t* codes = nullptr;  // per row: the result code
    size_t count = 0;

    // Reads the layout msgpack {"stride": n, "fields": [[name, offset, kind, size], ...]}.
    Status parse_layout(const uint8_t* p, size_t n);
    const TargetField* field(std::string_view name) const;
    // Stores one bin value (particle type and wire bytes) into row `row`. False when the bin's
    // type cannot go into the field (the row is then flagged with a type error).
    bool store(size_t row, const TargetField& f, uint8_t particle, const uint8_t* value, size_t len) const;
};

}  // namespace aero
