// HLL operations on HLL bins (the server's particle_hll.c): parsing and checking of
// [code, args...], the bin and bit-count rules with their result codes, and the ops on
// sketches (hll_sketch.h). Elements are hashed in the server's compact msgpack form.
#include <string>
#include <vector>

#include "core/proto/bytes.h"
#include "core/proto/particle.h"
#include "core/server/cdt/bit_hll_args.h"
#include "core/server/cdt/hll_sketch.h"
#include "core/server/cdt/ops.h"

namespace aero::server::cdt {

namespace {

enum HllCode : uint64_t {
    kInit = 0,
    kAdd = 1,
    kSetUnion = 2,
    kUpdateCount = 3,
    kFold = 4,
    kModifyEnd = 5,
    kCount = 50,
    kGetUnion = 51,
    kUnionCount = 52,
    kIntersectCount = 53,
    kSimilarity = 54,
    kDescribe = 55,
    kMayContain = 56,
    kReadEnd = 57,
};

constexpr uint64_t kCreateOnly = 1, kUpdateOnly = 2, kNoFail = 4, kAllowFold = 8;

// "Not given" for a bit count: the wire's -1, and the server's initial value.
constexpr uint8_t kUnset = 0xFF;

enum class Arg : uint8_t { kIndexBits, kMinhashBits, kFlags, kElements, kHlls, kHllsIntersect };

struct Def {
    uint64_t allowed_flags;
    uint8_t min_args;
    uint8_t max_args;
    Arg args[4];
};

const Def kModifyDefs[kModifyEnd] = {
    {kCreateOnly | kUpdateOnly | kNoFail, 0, 3, {Arg::kIndexBits, Arg::kMinhashBits, Arg::kFlags}},
    {kCreateOnly | kNoFail, 1, 4, {Arg::kElements, Arg::kIndexBits, Arg::kMinhashBits, Arg::kFlags}},
    {kCreateOnly | kUpdateOnly | kAllowFold | kNoFail, 1, 2, {Arg::kHlls, Arg::kFlags}},
    {0, 0, 0, {}},
    {0, 1, 1, {Arg::kIndexBits}},
};

const Def kReadDefs[kReadEnd - kCount] = {
    {0, 0, 0, {}},
    {0, 1, 1, {Arg::kHlls}},
    {0, 1, 1, {Arg::kHlls}},
    {0, 1, 1, {Arg::kHllsIntersect}},
    {0, 1, 1, {Arg::kHllsIntersect}},
    {0, 0, 0, {}},
    {0, 1, 1, {Arg::kElements}},
};

struct Op {
    uint64_t code = 0;
    uint8_t index_bits = kUnset;
    uint8_t minhash_bits = kUnset;
    uint64_t flags = 0;
    std::vector<std::string> elements;  // compact msgpack of each element
    std::vector<const uint8_t*> hlls;   // sketches given as operands, past the particle byte
};

void put_str_header(std::string& out, size_t n) {
    if (n < 32) {
        out += char(0xa0 | n);
    } else if (n < 256) {
        out += char(0xd9);
        out += char(n);
    } else if (n < 65536) {
        out += char(0xda);
        out += char(n >> 8);
        out += char(n);
    } else {
        out += char(0xdb);
        for (int s = 24; s >= 0; s -= 8) out += char(n >> s);
    }
}

void put_ext_header(std::string& out, size_t n, uint8_t type) {
    switch (n) {
    case 1: out += char(0xd4); break;
    case 2: out += char(0xd5); break;
    case 4: out += char(0xd6); break;
    case 8: out += char(0xd7); break;
    case 16: out += char(0xd8); break;
    default:
        if (n < 256) {
            out += char(0xc7);
            out += char(n);
        } else if (n < 65536) {
            out += char(0xc8);
            out += char(n >> 8);
            out += char(n);
        } else {
            out += char(0xc9);
            for (int s = 24; s >= 0; s -= 8) out += char(n >> s);
        }
    }
    out += char(type);
}

void put_int(std::string& out, uint64_t u, bool negative) {
    int64_t i = int64_t(u);
    auto be = [&](uint8_t tag, int bytes) {
        out += char(tag);
        for (int s = 8 * (bytes - 1); s >= 0; s -= 8) out += char(u >> s);
    };
    if (!negative) {
        if (u < 0x80) out += char(u);
        else if (u < 0x100) be(0xcc, 1);
        else if (u < 0x10000) be(0xcd, 2);
        else if (u < 0x100000000ULL) be(0xce, 4);
        else be(0xcf, 8);
    } else if (i >= -32) {
        out += char(uint8_t(i));
    } else if (i >= -128) {
        be(0xd0, 1);
    } else if (i >= -32768) {
        be(0xd1, 2);
    } else if (i >= -2147483648LL) {
        be(0xd2, 4);
    } else {
        be(0xd3, 8);
    }
}

// An element in the server's compact form (msgpack_compactify): integers in their smallest
// form, str and ext headers as small as the length allows, and a bin header replaced by a
// str header only when the length fits a smaller header than the bin's own.
std::string compact(const uint8_t* p, size_t n) {
    proto::Reader r(p, n);
    proto::msgpack::Item it;
    proto::msgpack::read_item(r, it);  // the caller has checked the whole value
    uint8_t t = p[0];
    std::string out;
    if ((t >= 0xcc && t <= 0xd3)) {
        bool negative = it.kind == proto::msgpack::Item::kInt && it.i < 0;
        put_int(out, it.kind == proto::msgpack::Item::kUint ? it.u : uint64_t(it.i), negative);
        return out;
    }
    bool bin = t >= 0xc4 && t <= 0xc6;
    size_t smaller_than = t == 0xc4 ? 32 : t == 0xc5 ? 256 : 65536;
    if ((t >= 0xd9 && t <= 0xdb) || (bin && it.len < smaller_than)) {
        put_str_header(out, it.len);
        out.append(reinterpret_cast<const char*>(it.data), it.len);
        return out;
    }
    if (t >= 0xc7 && t <= 0xc9) {
        put_ext_header(out, it.len, uint8_t(it.ext_type));
        out.append(reinterpret_cast<const char*>(it.data), it.len);
        return out;
    }
    return std::string(reinterpret_cast<const char*>(p), n);
}

bool parse_elements(OpArgs& a, Op& op) {
    uint32_t count;
    if (!a.list(count) || count == 0) return false;
    for (uint32_t i = 0; i < count; i++) {
        if (a.next_is_list() || a.next_is_map()) return false;
        const uint8_t* e;
        size_t len;
        if (!a.value(e, len)) return false;
        op.elements.push_back(compact(e, len));
    }
    return true;
}

// One sketch, or a list of them: each must be well formed (its minhash and index bit counts
// valid on their own, and its size theirs).
bool parse_hlls(OpArgs& a, Op& op) {
    uint32_t count = 1;
    if (a.next_is_list() && (!a.list(count) || count == 0)) return false;
    for (uint32_t i = 0; i < count; i++) {
        const uint8_t* data;
        uint32_t len;
        if (!a.bytes(data, len) || len < kHllHeaderSize + 1) return false;
        const uint8_t* h = data + 1;
        if (h[0] != 0 || !hll_index_bits_ok(h[1]) || !hll_minhash_bits_ok(h[2])) return false;
        if (len - 1 != hll_size(h[1], h[2])) return false;
        op.hlls.push_back(h);
    }
    return true;
}

// More than two operand sketches can only be intersected through common minhash bits.
bool parse_hlls_intersect(OpArgs& a, Op& op) {
    if (!parse_hlls(a, op)) return false;
    if (op.hlls.size() <= 2) return true;
    uint8_t mb = op.hlls[0][2];
    for (const uint8_t* h : op.hlls)
        if (h[2] != mb) return false;
    return mb != 0;
}

bool parse_arg(OpArgs& a, Arg kind, const Def& def, Op& op) {
    int64_t v;
    switch (kind) {
    case Arg::kIndexBits:
        if (!a.i64(v) || (v != -1 && !hll_index_bits_ok(uint64_t(v)))) return false;
        op.index_bits = uint8_t(v);
        return true;
    case Arg::kMinhashBits:
        if (!a.i64(v)) return false;
        if (v != -1) {
            if (!hll_minhash_bits_ok(uint64_t(v))) return false;
            if (op.index_bits != kUnset && !hll_bits_ok(op.index_bits, uint64_t(v))) return false;
        }
        op.minhash_bits = uint8_t(v);
        return true;
    case Arg::kFlags:
        if (!a.u64(op.flags) || (op.flags & ~def.allowed_flags) != 0) return false;
        return (op.flags & (kCreateOnly | kUpdateOnly)) != (kCreateOnly | kUpdateOnly);
    case Arg::kElements: return parse_elements(a, op);
    case Arg::kHlls: return parse_hlls(a, op);
    case Arg::kHllsIntersect: return parse_hlls_intersect(a, op);
    }
    return false;
}

// The bit counts of SET_UNION's result: the operands' smallest index bit count and their
// common minhash bit count (0 when they differ); an existing bin may not lose bits unless
// ALLOW_FOLD is set.
int union_bits(const Op& op, const uint8_t* old, uint8_t& ib, uint8_t& mb) {
    ib = kUnset;
    mb = kUnset;
    for (const uint8_t* h : op.hlls) {
        if (h[1] < ib) ib = h[1];
        if (h[2] != mb) mb = mb == kUnset ? h[2] : 0;
    }
    if (old == nullptr) return 0;
    if ((op.flags & kAllowFold) == 0) {
        if (old[1] > ib || (old[2] != 0 && old[2] != mb)) return rc::kOpNotApplicable;
        ib = old[1];
        mb = old[2];
    } else {
        ib = old[1] < ib ? old[1] : ib;
        mb = old[2] != mb ? 0 : mb;
    }
    return 0;
}

// The sketch a modify op leaves in the bin (old is null for a missing bin).
int modify_sketch(const Op& op, const uint8_t* old, std::string& sketch, OpResult& out) {
    switch (op.code) {
    case kInit: {
        uint8_t ib = op.index_bits;
        uint8_t mb = op.minhash_bits;
        if (old == nullptr) {
            if (ib == kUnset) return rc::kOpNotApplicable;
            if (mb == kUnset) mb = 0;
        } else {
            if (ib == kUnset) ib = old[1];
            if (mb == kUnset) mb = old[2];
            if (!hll_bits_ok(ib, mb)) return rc::kOpNotApplicable;
        }
        sketch = hll_new(ib, mb);
        return 0;
    }
    case kAdd: {
        if (old == nullptr) {
            if (op.index_bits == kUnset) return rc::kOpNotApplicable;
            sketch = hll_new(op.index_bits, op.minhash_bits == kUnset ? 0 : op.minhash_bits);
        }
        uint64_t added = 0;
        for (const std::string& e : op.elements)
            if (hll_add(sketch, hll_data(e), e.size())) added++;
        int_result(out, added);
        return 0;
    }
    case kSetUnion: {
        uint8_t ib, mb;
        if (int err = union_bits(op, old, ib, mb); err != 0) return err;
        std::vector<const uint8_t*> all = op.hlls;
        if (old != nullptr) all.push_back(old);
        sketch = hll_union(all);
        return 0;
    }
    case kUpdateCount: {
        if (old == nullptr) return kBitHllBinNotFound;
        uint64_t count = hll_count(old);
        hll_set_cache(sketch, count);
        int_result(out, count);
        return 0;
    }
    default:  // kFold
        if (old == nullptr) return kBitHllBinNotFound;
        if (old[2] > 0 || old[1] < op.index_bits) return rc::kOpNotApplicable;
        sketch = hll_fold(old, op.index_bits);
        return 0;
    }
}

int run_modify(Bin& b, const Op& op, OpResult& out) {
    bool exists = b.type != proto::kParticleNull;
    if (exists && (op.flags & kCreateOnly) != 0) return (op.flags & kNoFail) != 0 ? 0 : kBitHllBinExists;
    if (!exists && (op.flags & kUpdateOnly) != 0) return (op.flags & kNoFail) != 0 ? 0 : kBitHllBinNotFound;
    std::string sketch = exists ? b.value : std::string();
    const uint8_t* old = exists ? hll_data(b.value) : nullptr;
    OpResult result;
    if (int err = modify_sketch(op, old, sketch, result); err != 0) return err;
    b.type = proto::kParticleHll;
    b.value = std::move(sketch);
    out = std::move(result);
    return 0;
}

int run_read(const std::string& bin, const Op& op, OpResult& out) {
    const uint8_t* h = hll_data(bin);
    std::vector<const uint8_t*> all = op.hlls;
    all.push_back(h);
    switch (op.code) {
    case kCount: int_result(out, hll_count(h)); return 0;
    case kGetUnion:
        out.has_value = true;
        out.particle = proto::kParticleHll;
        out.bytes = hll_union(all);
        return 0;
    case kUnionCount: int_result(out, hll_union_count(all)); return 0;
    case kIntersectCount:
    case kSimilarity:
        // With more than two operands the bin too must share their minhash bits.
        if (op.hlls.size() > 2 && (h[2] == 0 || h[2] != op.hlls[0][2])) return rc::kOpNotApplicable;
        if (op.code == kIntersectCount) {
            int_result(out, hll_intersect_count(all));
        } else {
            out.has_value = true;
            out.particle = proto::kParticleFloat;
            out.bytes = be64_bytes(proto::double_bits(hll_similarity(all)));
        }
        return 0;
    case kDescribe:
        out.has_value = true;
        out.particle = proto::kParticleList;
        out.bytes = {char(0x92), char(h[1]), char(h[2])};
        return 0;
    default: {  // kMayContain
        bool all_in = true;
        for (const std::string& e : op.elements)
            if (!hll_may_contain(h, hll_data(e), e.size())) {
                all_in = false;
                break;
            }
        int_result(out, all_in ? 1 : 0);
        return 0;
    }
    }
}

}  // namespace

int run_hll_op(Bin& b, bool modify, const uint8_t* p, size_t n, OpResult& out) {
    out = OpResult{};
    // The server never looks at a read op on a missing bin: no answer, not even an error.
    if (!modify && b.type == proto::kParticleNull) return 0;
    OpArgs args(p, n);
    Op op;
    uint32_t n_args;
    if (!read_call_head(args, op.code, n_args)) return rc::kParameter;
    const Def* def = find_def(modify, op.code, kModifyDefs, kReadDefs);
    if (def == nullptr) return rc::kParameter;
    // The bin is checked before the arguments are.
    if (b.type != proto::kParticleNull) {
        if (b.type != proto::kParticleHll) return rc::kIncompatibleType;
        if (!hll_well_formed(b.value)) return kBitHllUnknown;
    }
    if (!read_call_args(args, n_args, *def, op, parse_arg)) return rc::kParameter;
    return modify ? run_modify(b, op, out) : run_read(b.value, op, out);
}

}  // namespace aero::server::cdt
