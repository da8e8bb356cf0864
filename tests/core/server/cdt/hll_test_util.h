// Helpers for the HLL op tests: op codes and flags, element lists, running an op on a bin and
// a digest of a sketch's bytes.
#pragma once

#include <cstdint>
#include <string>
#include <vector>

#include "core/proto/particle.h"
#include "core/server/cdt/ops.h"
#include "tests/core/server/cdt/bit_hll_test_util.h"

namespace aero::server::cdt::optest {

enum : uint64_t {
    kInit = 0,
    kAdd = 1,
    kSetUnion = 2,
    kUpdateCount = 3,
    kFold = 4,
    kCount = 50,
    kGetUnion = 51,
    kUnionCount = 52,
    kIntersectCount = 53,
    kSimilarity = 54,
    kDescribe = 55,
    kMayContain = 56,
};

constexpr int64_t kCreateOnly = 1, kUpdateOnly = 2, kNoFail = 4, kAllowFold = 8;

// The elements "item<lo>" .. "item<hi-1>" as the client sends a list of strings.
inline Val items(int lo, int hi, const std::string& prefix = "item") {
    std::vector<Val> v;
    for (int i = lo; i < hi; i++) v.push_back(Val::str(prefix + std::to_string(i)));
    return Val::list(v);
}

// Sketches as operands: a list of HLL particles.
inline Val sketches(const std::vector<std::string>& hs) {
    std::vector<Val> v;
    for (const std::string& h : hs) v.push_back(Val::raw(h, proto::kParticleHll));
    return Val::list(v);
}

inline Bin hll_bin() { return make_bin(proto::kParticleNull, ""); }

// The answer of the last op run by hll(), as shown() prints it.
inline std::string& last() {
    static std::string answer;
    return answer;
}

// Runs one HLL op on b and returns its result code.
inline int hll(Bin& b, bool modify, const std::string& payload) {
    OpResult out;
    int rc = run_hll_op(b, modify, reinterpret_cast<const uint8_t*>(payload.data()), payload.size(), out);
    last() = shown(out);
    return rc;
}

inline int hll(Bin& b, bool modify, const P& op) { return hll(b, modify, op.bytes()); }

// A new sketch of the given shape holding `elements` (a list).
inline std::string sketch(const Val& elements, int ib, int mb) {
    Bin b = hll_bin();
    hll(b, true, P(kAdd).add(elements).i(ib).i(mb).i(0));
    return b.value;
}

// FNV-1a 64 of a sketch's bytes: the tests compare large sketches with the real server's
// through this digest.
inline uint64_t fnv1a(const std::string& bytes) {
    uint64_t h = 0xcbf29ce484222325ULL;
    for (char c : bytes) {
        h ^= uint8_t(c);
        h *= 0x100000001b3ULL;
    }
    return h;
}

}  // namespace aero::server::cdt::optest
