// Expressions from the C ABI's form to the wire (fact sheet §12). The ABI form is Aerospike's
// expression tree, [code, operand, ...] with Aerospike's codes, but with values in standard
// msgpack, as everywhere in the ABI; this puts the values in Aerospike's dialect, leaves
// names (bins, variables) and regular expressions plain as the server wants them, and lays
// out collection calls with their contexts. aero.h ("Expressions") documents the form.
#pragma once

#include <cstddef>
#include <cstdint>

#include "core/proto/bytes.h"
#include "core/status.h"

namespace aero::proto {

// Appends the packed wire form of the expression read from r (consumed). kErrParam names
// what is malformed: an unknown code, a node of the wrong shape, a bad value.
Status write_expression(Reader& r, Buffer& out);

// The tree of an expression argument that starts at [p, p+n): an array is the tree itself,
// a msgpack bin holds a packed tree (so that a binding can pack an expression once). On
// success tree/tree_len cover the tree and `used` is the argument's whole size; false when
// the argument is neither.
bool expression_tree(const uint8_t* p, size_t n, const uint8_t*& tree, size_t& tree_len, size_t& used);

}  // namespace aero::proto
