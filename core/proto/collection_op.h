// Collection operations (list, map, bit, HLL) from the C ABI's form to the wire (fact sheet
// §6): the ABI names an Aerospike op code and its arguments in standard msgpack; this picks
// the read or modify op type from the code, converts values to Aerospike's dialect where the
// server expects it, and wraps a nested context. Callers never see the dialect.
#pragma once

#include <cstdint>
#include <string_view>

#include "core/proto/bytes.h"
#include "core/proto/message.h"
#include "core/status.h"

namespace aero::proto {

// The ABI's op kinds (AERO_OP_CDT, AERO_OP_BIT, AERO_OP_HLL in aero.h).
enum CollectionKind : int64_t {
    kCollectionCdt = 3,
    kCollectionBit = 13,
    kCollectionHll = 16,
};

// The marker that opens a list or map op with a context (AS_CDT_OP_CONTEXT_EVAL):
// [kContextEval, [type, value, ...], [code, arg, ...]].
constexpr uint8_t kContextEval = 0xff;

bool is_collection_kind(int64_t abi_op);

// Whether HLL op `code` takes a list of HLL values (rather than of plain values) first.
bool hll_takes_hlls(int64_t code);
// Appends an array of HLL values (msgpack bins, consumed from r) in the dialect: each with the
// HLL particle byte.
Status write_hll_list(Reader& r, Buffer& out);
// Appends a context ([[type, value], ...], consumed from ctx) flattened to the wire's
// [type, value, type, value, ...], values in the dialect; `levels` counts the pairs.
Status write_context(Reader& ctx, Buffer& out, uint32_t& levels);

// Reads the op code at the start of an op's value ([code, arg, ...]) without consuming it and
// tells whether it modifies the bin. False when the value is not such an array or the code is
// not one of the kind's.
bool collection_op_modifies(int64_t abi_op, const Reader& value, bool& modifies);

// Appends the wire op for `value` ([code, arg, ...], consumed from r) on bin `name`, with
// `ctx` ([[type, value], ...], nil, or null when absent) for list and map ops, and tells
// whether the op modifies the bin.
Status write_collection_op(MessageWriter& w, int64_t abi_op, std::string_view name, Reader& value, Reader* ctx,
                           bool& modifies);

}  // namespace aero::proto
