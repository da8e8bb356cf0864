// The collection operations of operate: list and map ops (wire op types CDT_READ and
// CDT_MODIFY, with optional nested contexts), bit ops (BIT_READ / BIT_MODIFY) on blob bins and
// HLL ops (HLL_READ / HLL_MODIFY). One implementation, used by the read and write handlers and
// later by the expression evaluator. Nothing here knows of requests, replies or sockets.
#pragma once

#include <cstddef>
#include <cstdint>
#include <string>

#include "core/server/record.h"

namespace aero::server::cdt {

// What one op answers with: a particle (kParticleNull with no bytes for "no value"), and
// whether the op answers at all (a write op with no return value does not).
struct OpResult {
    bool has_value = false;
    uint8_t particle = 0;
    std::string bytes;
};

// Whether op_type is one of the six op types this module runs.
bool handles(uint8_t op_type);
// Whether op_type changes the bin (CDT_MODIFY, BIT_MODIFY, HLL_MODIFY).
bool modifies(uint8_t op_type);

// Runs one op with wire payload [p, p+n) (the op's msgpack value, sent with wire particle
// type `particle`) on bin b, where b.type == 0 means the record has no such bin. A read leaves b unchanged; a modify changes it in place,
// and leaves b.type == 0 when no bin results. Returns 0 or the server's result code (4
// parameter, 12 bin type, 23 element not found, 24 element exists, 26 op not applicable...);
// on an error b may be half-changed, so the caller must work on a copy of the record.
int apply(uint8_t op_type, uint8_t particle, Bin& b, const uint8_t* p, size_t n, OpResult& out);

}  // namespace aero::server::cdt
