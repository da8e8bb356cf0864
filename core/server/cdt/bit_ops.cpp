// Bit operations on blob bins (the server's particle_blob.c): parsing and checking of
// [code, args...], the bin and range rules with their result codes, and the ops themselves
// on bit ranges (bit_range.h). Offsets and sizes are in bits except where the op is
// byte-based (resize, insert, remove); a negative offset counts from the end of the blob.
#include <cstdint>
#include <string>

#include "core/proto/particle.h"
#include "core/server/cdt/bit_hll_args.h"
#include "core/server/cdt/bit_range.h"
#include "core/server/cdt/ops.h"

namespace aero::server::cdt {

namespace {

enum BitCode : uint64_t {
    kResize = 0,
    kInsert = 1,
    kRemove = 2,
    kSet = 3,
    kOr = 4,
    kXor = 5,
    kAnd = 6,
    kNot = 7,
    kLshift = 8,
    kRshift = 9,
    kAdd = 10,
    kSubtract = 11,
    kSetInt = 12,
    kModifyEnd = 13,
    kGet = 50,
    kCount = 51,
    kLscan = 52,
    kRscan = 53,
    kGetInt = 54,
    kReadEnd = 55,
};

// Policy flags.
constexpr uint64_t kCreateOnly = 1, kUpdateOnly = 2, kNoFail = 4, kPartial = 8;
// Integer subflags.
constexpr uint64_t kSigned = 1, kSaturate = 2, kWrap = 4;
// Resize subflags.
constexpr uint64_t kFromFront = 1, kGrowOnly = 2, kShrinkOnly = 4;

// The server's PROTO_SIZE_MAX: offsets, sizes and results are bounded by 128 MiB.
constexpr uint64_t kMaxBytes = uint64_t(128) << 20;

// How each argument is read and checked, in wire order.
enum class Arg : uint8_t {
    kByteOffset,
    kOffset,
    kByteSize,
    kByteSizeOrZero,
    kIntSize,
    kSize,
    kBool,
    kShift,
    kInt,
    kBuf,
    kFlags,
    kResizeFlags,
    kMathFlags,
    kGetIntFlags,
};

struct Def {
    uint64_t allowed_flags;
    uint8_t min_args;
    uint8_t max_args;
    Arg args[5];
};

constexpr uint64_t kUpdateFlags = kUpdateOnly | kNoFail | kPartial;
constexpr uint64_t kCreateFlags = kCreateOnly | kUpdateOnly | kNoFail;

const Def kModifyDefs[kModifyEnd] = {
    {kCreateFlags, 1, 3, {Arg::kByteSizeOrZero, Arg::kFlags, Arg::kResizeFlags}},
    {kCreateFlags, 2, 3, {Arg::kByteOffset, Arg::kBuf, Arg::kFlags}},
    {kUpdateFlags, 2, 3, {Arg::kByteOffset, Arg::kByteSize, Arg::kFlags}},
    {kUpdateFlags, 3, 4, {Arg::kOffset, Arg::kSize, Arg::kBuf, Arg::kFlags}},
    {kUpdateFlags, 3, 4, {Arg::kOffset, Arg::kSize, Arg::kBuf, Arg::kFlags}},
    {kUpdateFlags, 3, 4, {Arg::kOffset, Arg::kSize, Arg::kBuf, Arg::kFlags}},
    {kUpdateFlags, 3, 4, {Arg::kOffset, Arg::kSize, Arg::kBuf, Arg::kFlags}},
    {kUpdateFlags, 2, 3, {Arg::kOffset, Arg::kSize, Arg::kFlags}},
    {kUpdateFlags, 3, 4, {Arg::kOffset, Arg::kSize, Arg::kShift, Arg::kFlags}},
    {kUpdateFlags, 3, 4, {Arg::kOffset, Arg::kSize, Arg::kShift, Arg::kFlags}},
    {kUpdateOnly | kNoFail, 3, 5, {Arg::kOffset, Arg::kIntSize, Arg::kInt, Arg::kFlags, Arg::kMathFlags}},
    {kUpdateOnly | kNoFail, 3, 5, {Arg::kOffset, Arg::kIntSize, Arg::kInt, Arg::kFlags, Arg::kMathFlags}},
    {kUpdateOnly | kNoFail, 3, 4, {Arg::kOffset, Arg::kIntSize, Arg::kInt, Arg::kFlags}},
};

const Def kReadDefs[kReadEnd - kGet] = {
    {0, 2, 2, {Arg::kOffset, Arg::kSize}},
    {0, 2, 2, {Arg::kOffset, Arg::kSize}},
    {0, 3, 3, {Arg::kOffset, Arg::kSize, Arg::kBool}},
    {0, 3, 3, {Arg::kOffset, Arg::kSize, Arg::kBool}},
    {0, 2, 3, {Arg::kOffset, Arg::kIntSize, Arg::kGetIntFlags}},
};

struct Op {
    uint64_t code = 0;
    int64_t offset = 0;  // bits; negative counts back from the end
    uint64_t size = 0;   // bits
    uint64_t value = 0;  // integer operand, shift count or scan bit
    const uint8_t* buf = nullptr;  // operand bytes, past the particle byte
    uint64_t flags = 0;
    uint64_t subflags = 0;
};

// An offset within +-limit. The server's range check takes labs() of the offset, which leaves
// INT64_MIN negative and so lets it through, and its 32-bit truncation then makes it 0.
bool parse_offset(OpArgs& a, int64_t limit, int64_t& out) {
    int64_t i;
    if (!a.i64(i)) return false;
    if (i == INT64_MIN) i = 0;
    if (i < -limit || i > limit) return false;
    out = i;
    return true;
}

bool parse_arg(OpArgs& a, Arg kind, const Def& def, Op& op) {
    uint64_t u;
    switch (kind) {
    case Arg::kByteOffset:
        if (!parse_offset(a, int64_t(kMaxBytes), op.offset)) return false;
        op.offset *= 8;
        return true;
    case Arg::kOffset: return parse_offset(a, int64_t(kMaxBytes * 8), op.offset);
    case Arg::kByteSize:
    case Arg::kByteSizeOrZero:
        if (!a.u64(u) || (u == 0 && kind == Arg::kByteSize) || u > kMaxBytes) return false;
        op.size = u * 8;
        return true;
    case Arg::kIntSize:
        if (!a.u64(u) || u == 0 || u > 64) return false;
        op.size = u;
        return true;
    case Arg::kSize:
        if (!a.u64(u) || u == 0 || u > kMaxBytes * 8) return false;
        op.size = u;
        return true;
    case Arg::kBool: {
        bool b;
        if (!a.boolean(b)) return false;
        op.value = b ? 1 : 0;
        return true;
    }
    case Arg::kShift:
        return a.u64(op.value) && op.value <= kMaxBytes * 8;
    case Arg::kInt:
        return a.u64(op.value);
    case Arg::kBuf: {
        const uint8_t* data;
        uint32_t len;
        // The first byte is the particle type, which the server ignores; an operand needs
        // at least one byte after it (an empty string is malformed for the server too).
        if (!a.bytes(data, len) || len < 2) return false;
        uint64_t bits = uint64_t(len - 1) * 8;
        if (op.size == 0) op.size = bits;
        else if (bits < op.size) return false;
        op.buf = data + 1;
        return true;
    }
    case Arg::kFlags:
        if (!a.u64(op.flags) || (op.flags & ~def.allowed_flags) != 0) return false;
        return (op.flags & (kCreateOnly | kUpdateOnly)) != (kCreateOnly | kUpdateOnly);
    case Arg::kResizeFlags:
        if (!a.u64(op.subflags) || (op.subflags & ~(kFromFront | kGrowOnly | kShrinkOnly)) != 0) return false;
        return (op.subflags & (kGrowOnly | kShrinkOnly)) != (kGrowOnly | kShrinkOnly);
    case Arg::kMathFlags:
        if (!a.u64(op.subflags) || (op.subflags & ~(kSigned | kSaturate | kWrap)) != 0) return false;
        return (op.subflags & (kSaturate | kWrap)) != (kSaturate | kWrap);
    case Arg::kGetIntFlags:
        return a.u64(op.subflags) && (op.subflags & ~kSigned) == 0;
    }
    return false;
}

// What an op step answers when the bin stays as it was and the op succeeds.
constexpr int kNoChange = -1;

// A failure that the NO_FAIL policy turns into a silent no-op.
int fail(const Op& op, int code) { return (op.flags & kNoFail) != 0 ? kNoChange : code; }

// The bits an op works on, once its offset is made absolute.
struct Span {
    uint64_t start = 0;   // first bit
    uint64_t bytes = 0;   // bytes from start / 8 through the last bit
    uint64_t first_byte() const { return start / 8; }
};

// Makes the offset absolute against a blob of `old_size` bytes; false (a parameter error)
// when a negative offset reaches before the start.
bool locate(const Op& op, uint64_t old_size, Span& s) {
    uint64_t start;
    if (op.offset < 0) {
        uint64_t back = uint64_t(-op.offset);
        if (back > old_size * 8) return false;
        start = old_size * 8 - back;
    } else {
        start = uint64_t(op.offset);
    }
    s.start = start;
    s.bytes = (start % 8 + op.size + 7) / 8;
    return true;
}

// Where a read or integer op must lie entirely inside the blob.
int check_inside(const Op& op, const Span& s, uint64_t old_size) {
    if (s.first_byte() >= old_size || s.first_byte() + s.bytes > old_size) return fail(op, rc::kOpNotApplicable);
    return 0;
}

int resize(const Op& op, const std::string& old, std::string& out) {
    uint64_t want = op.size / 8;
    bool front = (op.subflags & kFromFront) != 0;
    if (want == old.size()) return kNoChange;
    if (want < old.size()) {
        if ((op.subflags & kGrowOnly) != 0) return fail(op, rc::kParameter);
        out = front ? old.substr(size_t(old.size() - want)) : old.substr(0, size_t(want));
    } else {
        if ((op.subflags & kShrinkOnly) != 0) return fail(op, rc::kParameter);
        std::string zeros(size_t(want - old.size()), '\0');
        out = front ? zeros + old : old + zeros;
    }
    return 0;
}

int insert(const Op& op, const Span& s, const std::string& old, std::string& out) {
    std::string value(reinterpret_cast<const char*>(op.buf), size_t(op.size / 8));
    size_t at = size_t(s.first_byte());
    if (at >= old.size()) out = old + std::string(at - old.size(), '\0') + value;
    else out = old.substr(0, at) + value + old.substr(at);
    return 0;
}

int remove(const Op& op, const Span& s, const std::string& old, std::string& out) {
    uint64_t at = s.first_byte();
    if (at >= old.size()) return fail(op, rc::kParameter);
    uint64_t n = s.bytes;
    if (at + n > old.size()) {
        if ((op.flags & kPartial) == 0) return fail(op, rc::kParameter);
        n = old.size() - at;
    }
    out = old;
    out.erase(size_t(at), size_t(n));
    return 0;
}

// The new value of an n-bit range `cur` (packed from bit 0) under a bitwise op or a shift.
void transform(const Op& op, std::string& cur, uint64_t n) {
    auto* c = reinterpret_cast<uint8_t*>(cur.data());
    switch (op.code) {
    case kSet: for (size_t i = 0; i < cur.size(); i++) c[i] = op.buf[i]; break;
    case kOr: for (size_t i = 0; i < cur.size(); i++) c[i] |= op.buf[i]; break;
    case kXor: for (size_t i = 0; i < cur.size(); i++) c[i] ^= op.buf[i]; break;
    case kAnd: for (size_t i = 0; i < cur.size(); i++) c[i] &= op.buf[i]; break;
    case kNot: for (size_t i = 0; i < cur.size(); i++) c[i] = uint8_t(~c[i]); break;
    default: {  // the shifts bring in zeros
        std::string shifted(cur.size(), '\0');
        auto* sh = reinterpret_cast<uint8_t*>(shifted.data());
        uint64_t k = op.value;
        if (k < n && op.code == kLshift) {
            std::string kept = bits_get(c, k, n - k);
            bits_put(sh, 0, n - k, reinterpret_cast<const uint8_t*>(kept.data()));
        } else if (k < n) {
            bits_put(sh, k, n - k, c);
        }
        cur = std::move(shifted);
    }
    }
}

// SET, OR, XOR, AND, NOT and the shifts: the range may run past the end only with PARTIAL,
// and is then cut at the end of the blob. (The server's own bookkeeping of a cut range is off
// when it starts past the first byte, but the bytes it leaves inside the blob are these.)
int overwrite(const Op& op, const Span& s, std::string& blob) {
    uint64_t old_size = blob.size();
    if (s.first_byte() >= old_size) return fail(op, rc::kOpNotApplicable);
    uint64_t n = op.size;
    if (s.first_byte() + s.bytes > old_size) {
        if ((op.flags & kPartial) == 0) return fail(op, rc::kOpNotApplicable);
        n = old_size * 8 - s.start;
    }
    auto* data = reinterpret_cast<uint8_t*>(blob.data());
    std::string cur = bits_get(data, s.start, n);
    transform(op, cur, n);
    bits_put(data, s.start, n, reinterpret_cast<const uint8_t*>(cur.data()));
    return 0;
}

// Signed overflow as the server sees it: only operands of one sign whose n-bit sum has
// the other sign (a sum that wraps to exactly zero is not noticed).
bool signed_overflow(uint32_t n, bool saturate, uint64_t load, uint64_t value, uint64_t& result) {
    uint32_t lead = 64 - n;
    uint64_t mask = ~uint64_t(0) >> lead;
    int64_t r = int64_t(result << lead) >> lead;
    int64_t l = int64_t(load << lead) >> lead;
    int64_t v = int64_t(value << lead) >> lead;
    if (l < 0 && v < 0 && r > 0) {
        if (!saturate) return false;
        result = uint64_t(1) << (n - 1);
    } else if (l > 0 && v > 0 && r < 0) {
        if (!saturate) return false;
        result = mask >> 1;
    }
    return true;
}

// ADD, SUBTRACT and SET_INT on an n-bit big-endian integer inside the blob.
int integer(const Op& op, const Span& s, std::string& blob) {
    if (int err = check_inside(op, s, blob.size()); err != 0) return err;
    auto* data = reinterpret_cast<uint8_t*>(blob.data());
    uint32_t n = uint32_t(op.size);
    uint64_t mask = ~uint64_t(0) >> (64 - n);
    uint64_t value = op.value & mask;
    uint64_t load = bits_get_uint(data, s.start, n);
    bool sign = (op.subflags & kSigned) != 0;
    bool saturate = (op.subflags & kSaturate) != 0;
    bool wrap = (op.subflags & kWrap) != 0;
    uint64_t result = value;
    if (op.code == kAdd) {
        result = (load + value) & mask;
        if (!wrap) {
            if (sign) {
                if (!signed_overflow(n, saturate, load, value, result)) return fail(op, rc::kOpNotApplicable);
            } else if (result < load) {
                if (!saturate) return fail(op, rc::kOpNotApplicable);
                result = mask;
            }
        }
    } else if (op.code == kSubtract) {
        result = (load - value) & mask;
        if (!wrap) {
            if (sign) {
                if (!signed_overflow(n, saturate, load, 0 - value, result)) return fail(op, rc::kOpNotApplicable);
            } else if (result > load) {
                if (!saturate) return fail(op, rc::kOpNotApplicable);
                result = 0;
            }
        }
    }
    bits_put_uint(data, s.start, n, result);
    return 0;
}

// The modify op's change to `b`, or kNoChange, or a result code.
int modify_bin(Bin& b, const Op& op) {
    bool exists = b.type != proto::kParticleNull;
    if (exists) {
        if ((op.flags & kCreateOnly) != 0) return fail(op, kBitHllBinExists);
        if (b.type != proto::kParticleBlob) return rc::kIncompatibleType;
    } else if ((op.code != kInsert && op.code != kResize) || (op.flags & kUpdateOnly) != 0) {
        return fail(op, kBitHllBinNotFound);
    }
    const std::string empty;
    const std::string& old = exists ? b.value : empty;
    Span s;
    if ((!exists && op.offset < 0) || !locate(op, old.size(), s)) return rc::kParameter;
    std::string out;
    int err;
    switch (op.code) {
    case kResize: err = resize(op, old, out); break;
    case kInsert: err = insert(op, s, old, out); break;
    case kRemove: err = remove(op, s, old, out); break;
    case kAdd:
    case kSubtract:
    case kSetInt:
        out = old;
        err = integer(op, s, out);
        break;
    default:
        out = old;
        err = overwrite(op, s, out);
        break;
    }
    if (err != 0) return err;
    if (out.size() >= kMaxBytes) return rc::kParameter;
    b.type = proto::kParticleBlob;
    b.value = std::move(out);
    return 0;
}

// A no-op (a NO_FAIL failure, or a resize to the current size, which on a missing bin
// creates none) succeeds without touching the bin.
int run_modify(Bin& b, const Op& op) {
    int err = modify_bin(b, op);
    return err == kNoChange ? 0 : err;
}

int run_read(const std::string& blob, const Op& op, OpResult& out) {
    Span s;
    if (!locate(op, blob.size(), s)) return rc::kParameter;
    if (int err = check_inside(op, s, blob.size()); err != 0) return err;
    auto* data = reinterpret_cast<const uint8_t*>(blob.data());
    uint64_t end = s.start + op.size;
    switch (op.code) {
    case kGet:
        out.has_value = true;
        out.particle = proto::kParticleBlob;
        out.bytes = bits_get(data, s.start, op.size);
        return 0;
    case kCount: int_result(out, bits_count(data, s.start, op.size)); return 0;
    case kLscan: int_result(out, uint64_t(bits_find_first(data, s.start, end, op.value != 0))); return 0;
    case kRscan: {
        // The server's backward scan does not mask the bits before the offset in its first
        // byte, so a match there answers a negative index (down to -7).
        int64_t at = bits_find_last(data, s.first_byte() * 8, end, op.value != 0);
        int_result(out, uint64_t(at < 0 ? -1 : at - int64_t(s.start % 8)));
        return 0;
    }
    default: {
        uint32_t n = uint32_t(op.size);
        uint64_t v = bits_get_uint(data, s.start, n);
        if ((op.subflags & kSigned) != 0) v = uint64_t(int64_t(v << (64 - n)) >> (64 - n));
        int_result(out, v);
        return 0;
    }
    }
}

}  // namespace

int run_bit_op(Bin& b, bool modify, const uint8_t* p, size_t n, OpResult& out) {
    out = OpResult{};
    // The server never looks at a read op on a missing bin: no answer, not even an error.
    if (!modify && b.type == proto::kParticleNull) return 0;
    OpArgs args(p, n);
    Op op;
    uint32_t n_args;
    if (!read_call_head(args, op.code, n_args)) return rc::kParameter;
    const Def* def = find_def(modify, op.code, kModifyDefs, kReadDefs);
    if (def == nullptr || !read_call_args(args, n_args, *def, op, parse_arg)) return rc::kParameter;
    if (modify) return run_modify(b, op);
    if (b.type != proto::kParticleBlob) return rc::kIncompatibleType;
    return run_read(b.value, op, out);
}

}  // namespace aero::server::cdt
