// The interfaces between the CDT dispatcher (cdt.cpp: payload decoding, contexts, results)
// and the operation families. Each family is one file and knows only values.
#pragma once

#include <cstdint>
#include <string>
#include <vector>

#include "core/server/cdt/cdt.h"
#include "core/server/cdt/value.h"

namespace aero::server::cdt {

// One decoded list or map operation: its op code and arguments, in wire order.
struct CdtCall {
    uint32_t code = 0;
    std::vector<Value> args;
    // When the target does not exist: true if it is an element a context creates, false if
    // it is the bin itself (the server treats the two apart: an op that writes nothing leaves
    // an empty collection in a missing bin, but creates no element).
    bool by_context = false;
    // Whether the record has no such bin (with or without a context); LIST_SORT refuses it.
    bool bin_missing = false;
};

// What a list or map op answers: nothing, or a value (encoded into a particle by the caller).
struct CdtAnswer {
    bool has_value = false;
    Value value;
};

// Whether a code is a list op (as_cdt_optype: list ops are below 64, map ops from 64) and
// whether it modifies its collection.
bool is_list_code(uint32_t code);
bool is_map_code(uint32_t code);
bool list_code_modifies(uint32_t code);
bool map_code_modifies(uint32_t code);

// Runs a list op on `target`, the list the op addresses (the bin's value or the element a
// context selected). `exists` is false when the bin (top level only) is missing: modify ops
// that create one build it in `target`; reads answer nothing. `modify` tells which wire op
// type carried it (a modify code in a CDT_READ op is a parameter error, checked here).
// Returns 0 or a result code.
int run_list_op(Value& target, bool exists, bool modify, const CdtCall& call, CdtAnswer& out);
// The same for map ops.
int run_map_op(Value& target, bool exists, bool modify, const CdtCall& call, CdtAnswer& out);

// Bit ops (particle_bitwise semantics) on a blob bin; HLL ops on an HLL bin. They take the
// bin and the whole payload because their operands are not collection values.
int run_bit_op(Bin& b, bool modify, const uint8_t* p, size_t n, OpResult& out);
int run_hll_op(Bin& b, bool modify, const uint8_t* p, size_t n, OpResult& out);

}  // namespace aero::server::cdt
