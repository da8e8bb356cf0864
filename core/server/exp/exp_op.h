// The expression ops of operate (expop.c): EXP_READ returns an expression's value as a bin of
// the reply, EXP_MODIFY writes it into a bin, under the op's flags.
#pragma once

#include <cstddef>
#include <cstdint>

#include "core/server/exp/exp.h"

namespace aero::server::exp {

// The op flags (as_exp_flags).
constexpr uint64_t kFlagCreateOnly = 1;
constexpr uint64_t kFlagUpdateOnly = 2;
constexpr uint64_t kFlagAllowDelete = 4;
constexpr uint64_t kFlagPolicyNoFail = 8;
constexpr uint64_t kFlagEvalNoFail = 16;

// EXP_READ with op value [p, p+n): 0 with the value in `out` (out.type 0 when there is none),
// or 4 (malformed op or expression) or 26 (the expression did not evaluate to a bin value).
int read_op(const uint8_t* p, size_t n, const RecordView& rec, Bin& out);

// What an EXP_MODIFY does to its bin.
enum class Change : uint8_t { kNone, kSet, kRemove };

// EXP_MODIFY with op value [p, p+n) on the bin `current` (nullptr when the record has none):
// 0 with the change to make (kSet: the new value is `out`), or 4 (malformed), 6 (the bin
// exists under CREATE_ONLY), 17 (it does not under UPDATE_ONLY) or 26 (evaluation failed, or
// a nil result would delete the bin without ALLOW_DELETE).
int modify_op(const uint8_t* p, size_t n, const RecordView& rec, const Bin* current, Bin& out, Change& change);

}  // namespace aero::server::exp
