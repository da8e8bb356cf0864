// The evaluation phase for logic, comparison, arithmetic and flow (exp.c eval_*): unknown
// operands propagate as the server propagates them, integers wrap as the server's C
// arithmetic does on x86-64, and floats follow IEEE.
#include <cmath>
#include <string>

#include "core/proto/particle.h"
#include "core/server/cdt/value.h"
#include "core/server/exp/compare.h"
#include "core/server/exp/program.h"

namespace aero::server::exp {

namespace {

int64_t wrap_add(int64_t a, int64_t b) { return int64_t(uint64_t(a) + uint64_t(b)); }
int64_t wrap_sub(int64_t a, int64_t b) { return int64_t(uint64_t(a) - uint64_t(b)); }
int64_t wrap_mul(int64_t a, int64_t b) { return int64_t(uint64_t(a) * uint64_t(b)); }

// x86-64 faults on INT64_MIN / -1 (and its remainder), which would take the server down;
// here they give the wrapped quotient and 0.
int64_t safe_div(int64_t a, int64_t b) { return b == -1 ? wrap_sub(0, a) : a / b; }
int64_t safe_mod(int64_t a, int64_t b) { return b == -1 ? 0 : a % b; }

// (int64_t)d as x86-64's cvttsd2si computes it: NaN and out-of-range values give INT64_MIN.
int64_t to_int(double d) {
    if (!(d >= -9223372036854775808.0 && d < 9223372036854775808.0)) return INT64_MIN;
    return int64_t(d);
}

// A shift count as the x86-64 shift instructions take it (the C shift is undefined past 63).
unsigned shift_count(int64_t s) { return unsigned(uint64_t(s) & 63); }

bool is_unknown(const Val& v) { return v.kind == Val::kUnknown; }

// and / or: a false (or) true operand decides; otherwise an unknown one makes it unknown.
Val logic(Runtime& rt, const Node& n, bool decider) {
    bool unknown = false;
    for (const Node& k : n.kids) {
        Val v = eval(rt, k);
        if (is_unknown(v)) unknown = true;
        else if (v.b == decider) return Val::boolean(decider);
    }
    return unknown ? Val::unknown() : Val::boolean(!decider);
}

// exclusive: exactly one operand true. An unknown ends it unknown, unless a second true came
// first.
Val exclusive(Runtime& rt, const Node& n) {
    bool seen = false;
    for (const Node& k : n.kids) {
        Val v = eval(rt, k);
        if (is_unknown(v)) return v;
        if (!v.b) continue;
        if (seen) return Val::boolean(false);
        seen = true;
    }
    return Val::boolean(seen);
}

// add, sub, mul, min, max: left to right over the first operand's kind.
Val fold(Runtime& rt, const Node& n) {
    Val acc = eval(rt, n.kids[0]);
    if (is_unknown(acc)) return acc;
    acc.bin = nullptr;  // a computed value, no longer the bin's
    bool real = acc.kind == Val::kFloat;
    if (n.op == kSub && n.kids.size() == 1) {
        if (real) acc.d = 0.0 - acc.d;
        else acc.i = wrap_sub(0, acc.i);
        return acc;
    }
    for (size_t k = 1; k < n.kids.size(); k++) {
        Val v = eval(rt, n.kids[k]);
        if (is_unknown(v)) return v;
        switch (n.op) {
        case kAdd: if (real) acc.d += v.d; else acc.i = wrap_add(acc.i, v.i); break;
        case kSub: if (real) acc.d -= v.d; else acc.i = wrap_sub(acc.i, v.i); break;
        case kMul: if (real) acc.d *= v.d; else acc.i = wrap_mul(acc.i, v.i); break;
        case kMin: if (real) { if (acc.d > v.d) acc.d = v.d; } else if (acc.i > v.i) acc.i = v.i; break;
        default: if (real) { if (acc.d < v.d) acc.d = v.d; } else if (acc.i < v.i) acc.i = v.i; break;
        }
    }
    return acc;
}

// eval_div(): the first operand over the product of the others (1 over it when alone). An
// integer division by zero is unknown.
Val divide(Runtime& rt, const Node& n) {
    Val acc = eval(rt, n.kids[0]);
    if (is_unknown(acc)) return acc;
    acc.bin = nullptr;  // a computed value, no longer the bin's
    bool real = acc.kind == Val::kFloat;
    double dprod = 1.0;
    int64_t iprod = 1;
    for (size_t k = 1; k < n.kids.size(); k++) {
        Val v = eval(rt, n.kids[k]);
        if (is_unknown(v)) return v;
        if (real) dprod *= v.d;
        else iprod = wrap_mul(iprod, v.i);
    }
    if (n.kids.size() == 1) {
        if (real) { dprod = acc.d; acc.d = 1.0; }
        else { iprod = acc.i; acc.i = 1; }
    }
    if (real) {
        acc.d /= dprod;
        return acc;
    }
    if (iprod == 0) return Val::unknown();
    acc.i = safe_div(acc.i, iprod);
    return acc;
}

// The two operands of a binary op; false when either is unknown, which makes the op unknown.
bool two(Runtime& rt, const Node& n, Val& a, Val& b) {
    a = eval(rt, n.kids[0]);
    if (is_unknown(a)) return false;
    b = eval(rt, n.kids[1]);
    return !is_unknown(b);
}

Val binary(Runtime& rt, const Node& n) {
    Val a, b;
    if (!two(rt, n, a, b)) return Val::unknown();
    switch (n.op) {
    case kPow: return Val::real(std::pow(a.d, b.d));
    case kLog: return Val::real(std::log(a.d) / std::log(b.d));
    case kMod: return b.i == 0 ? Val::unknown() : Val::integer(safe_mod(a.i, b.i));
    case kIntLshift: return Val::integer(int64_t(uint64_t(a.i) << shift_count(b.i)));
    case kIntRshift: return Val::integer(int64_t(uint64_t(a.i) >> shift_count(b.i)));
    case kIntArshift: return Val::integer(a.i >> shift_count(b.i));
    case kIntLscan: {
        uint64_t x = b.b ? uint64_t(a.i) : ~uint64_t(a.i);
        return Val::integer(x == 0 ? -1 : __builtin_clzll(x));
    }
    default: {  // kIntRscan
        uint64_t x = b.b ? uint64_t(a.i) : ~uint64_t(a.i);
        return Val::integer(x == 0 ? -1 : 63 - __builtin_ctzll(x));
    }
    }
}

Val unary(Runtime& rt, const Node& n) {
    Val v = eval(rt, n.kids[0]);
    if (is_unknown(v)) return v;
    switch (n.op) {
    case kNot: return Val::boolean(!v.b);
    case kAbs:
        if (v.kind == Val::kFloat) return Val::real(std::fabs(v.d));
        return Val::integer(v.i < 0 ? wrap_sub(0, v.i) : v.i);
    case kFloor: return Val::real(std::floor(v.d));
    case kCeil: return Val::real(std::ceil(v.d));
    case kToInt: return Val::integer(to_int(v.d));
    case kToFloat: return Val::real(double(v.i));
    case kIntNot: return Val::integer(~v.i);
    default: return Val::integer(__builtin_popcountll(uint64_t(v.i)));  // kIntCount
    }
}

Val int_fold(Runtime& rt, const Node& n) {
    Val acc = eval(rt, n.kids[0]);
    if (is_unknown(acc)) return acc;
    acc.bin = nullptr;  // a computed value, no longer the bin's
    for (size_t k = 1; k < n.kids.size(); k++) {
        Val v = eval(rt, n.kids[k]);
        if (is_unknown(v)) return v;
        if (n.op == kIntAnd) acc.i &= v.i;
        else if (n.op == kIntOr) acc.i |= v.i;
        else acc.i ^= v.i;
    }
    return acc;
}

// eval_cond(): the first true condition's value; an unknown condition makes it unknown.
Val cond(Runtime& rt, const Node& n) {
    for (size_t k = 0; k + 1 < n.kids.size(); k += 2) {
        Val c = eval(rt, n.kids[k]);
        if (is_unknown(c)) return c;
        if (c.b) return eval(rt, n.kids[k + 1]);
    }
    return eval(rt, n.kids.back());
}

Val let(Runtime& rt, const Node& n) {
    for (size_t k = 0; k + 1 < n.kids.size(); k++) rt.vars[n.var + k] = eval(rt, n.kids[k]);
    return eval(rt, n.kids.back());
}

// eval_cmp_regex(): the subject up to its first NUL (the server copies it with strndup()).
Val regex(Runtime& rt, const Node& n) {
    Val v = eval(rt, n.kids[0]);
    if (is_unknown(v)) return v;
    if (v.kind != Val::kStr) return Val::unknown();
    std::string subject(v.data.substr(0, v.data.find('\0')));
    return Val::boolean(regexec(&n.regex->re, subject.c_str(), 0, nullptr, 0) == 0);
}

// map_keys / map_values: a list of the map's keys or values in its stored order.
Val map_part(Runtime& rt, const Node& n) {
    Val m = eval(rt, n.kids[0]);
    if (m.kind != Val::kMap) return Val::unknown();
    cdt::Value map;
    if (!cdt::decode(reinterpret_cast<const uint8_t*>(m.data.data()), m.data.size(), map) || !map.is_map())
        return Val::unknown();
    cdt::Value list = cdt::Value::list();
    list.items.reserve(map.pairs.size());
    for (auto& e : map.pairs) list.items.push_back(std::move(n.op == kMapKeys ? e.first : e.second));
    proto::Buffer out;
    cdt::encode(list, out);
    return Val::bytes(Val::kList, std::string(reinterpret_cast<const char*>(out.data()), out.size()));
}

}  // namespace

Val Val::bytes(Kind kind, std::string&& s) {
    Val v;
    v.kind = kind;
    auto owned = std::make_shared<const std::string>(std::move(s));
    v.data = *owned;
    v.owned = std::move(owned);
    return v;
}

uint8_t particle_of(Type t) {
    using namespace aero::proto;
    switch (t) {
    case Type::kBool: return kParticleBool;
    case Type::kInt: return kParticleInteger;
    case Type::kStr: return kParticleString;
    case Type::kList: return kParticleList;
    case Type::kMap: return kParticleMap;
    case Type::kBlob: return kParticleBlob;
    case Type::kFloat: return kParticleFloat;
    case Type::kGeo: return kParticleGeoJson;
    case Type::kHll: return kParticleHll;
    default: return kParticleNull;
    }
}

Val eval(Runtime& rt, const Node& n) {
    switch (n.op) {
    case kLiteral:
    case kQuote:
        return n.value;
    case kUnknown:
    case kVarBuiltin:  // the loop variables of CDT select, which aero-server does not run
        return Val::unknown();
    case kEq: case kNe: case kGt: case kGe: case kLt: case kLe: {
        Val a = eval(rt, n.kids[0]);
        if (is_unknown(a)) return a;
        return compare_values(n.op, a, eval(rt, n.kids[1]));
    }
    case kRegex: return regex(rt, n);
    case kGeo: {
        Val a = eval(rt, n.kids[0]);
        if (is_unknown(a)) return a;
        return geo_compare(a, eval(rt, n.kids[1]));
    }
    case kInList: {
        Val a = eval(rt, n.kids[0]);
        if (is_unknown(a)) return a;
        return in_list(a, eval(rt, n.kids[1]));
    }
    case kAnd: return logic(rt, n, false);
    case kOr: return logic(rt, n, true);
    case kExclusive: return exclusive(rt, n);
    case kAdd: case kSub: case kMul: case kMin: case kMax: return fold(rt, n);
    case kDiv: return divide(rt, n);
    case kPow: case kLog: case kMod: case kIntLshift: case kIntRshift: case kIntArshift: case kIntLscan:
    case kIntRscan:
        return binary(rt, n);
    case kNot: case kAbs: case kFloor: case kCeil: case kToInt: case kToFloat: case kIntNot: case kIntCount:
        return unary(rt, n);
    case kIntAnd: case kIntOr: case kIntXor: return int_fold(rt, n);
    case kCond: return cond(rt, n);
    case kLet: return let(rt, n);
    case kVar: return rt.vars[n.var];
    case kResultRemove: {
        Val v;
        v.kind = Val::kRemove;
        return v;
    }
    case kMapKeys: case kMapValues: return map_part(rt, n);
    case kCall: return eval_call(rt, n);
    default: return eval_record_op(rt, n);
    }
}

}  // namespace aero::server::exp
