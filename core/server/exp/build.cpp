// The build phase (exp.c build_internal, build_count_sz, build_next and the build_* checks):
// one pass over the packed tree that refuses what the server refuses and records what each
// node yields, so that evaluation needs no checks of its own.
#include <cctype>
#include <cstring>

#include "core/proto/msgpack.h"
#include "core/proto/particle.h"
#include "core/server/exp/program.h"

namespace aero::server::exp {

namespace {

using namespace aero::proto;
namespace mp = aero::proto::msgpack;

// as_cdt_optype codes a CALL payload may open with.
constexpr uint64_t kCdtSelect = 0xfe;
constexpr uint64_t kCdtContextEval = 0xff;
// The server recurses without a bound; a bound keeps hostile input from exhausting the stack.
constexpr int kMaxDepth = 1000;
// AS_BIN_NAME_MAX_SZ: names are shorter than this.
constexpr size_t kBinNameMax = 16;

struct VarEntry {
    std::string_view name;
    uint32_t slot;
    Type type;
    bool defining;
};

struct Scope {
    const Scope* parent;
    std::vector<VarEntry> vars;
};

// Which op codes have a build entry (op_table), with their fixed argument counts; -1 marks
// the variadic ones, which check their counts themselves.
int fixed_args(uint64_t op) {
    switch (op) {
    case kUnknown: case kDeviceSize: case kLastUpdate: case kSinceUpdate: case kVoidTime: case kTtl:
    case kSetName: case kKeyExists: case kIsTombstone: case kMemorySize: case kRecordSize: case kResultRemove:
        return 0;
    case kNot: case kAbs: case kFloor: case kCeil: case kToInt: case kToFloat: case kIntNot: case kIntCount:
    case kMapKeys: case kMapValues: case kDigestModulo: case kKey: case kBinType: case kVar: case kQuote:
        return 1;
    case kEq: case kNe: case kGt: case kGe: case kLt: case kLe: case kGeo: case kInList: case kPow: case kLog:
    case kMod: case kIntLshift: case kIntRshift: case kIntArshift: case kIntLscan: case kIntRscan: case kBin:
    case kVarBuiltin:
        return 2;
    case kRegex: return 3;
    case kCall: return 4;
    case kAnd: case kOr: case kExclusive: case kAdd: case kSub: case kMul: case kDiv: case kIntAnd: case kIntOr:
    case kIntXor: case kMin: case kMax: case kCond: case kLet:
        return -1;
    default:
        return -2;  // no entry: not an op
    }
}

bool get_u64(Reader& r, uint64_t& v) {
    mp::Item it;
    if (!mp::read_item(r, it)) return false;
    if (it.kind == mp::Item::kInt) v = uint64_t(it.i);
    else if (it.kind == mp::Item::kUint) v = it.u;
    else return false;
    return true;
}

bool get_i64(Reader& r, int64_t& v) {
    uint64_t u;
    if (!get_u64(r, u)) return false;
    v = int64_t(u);
    return true;
}

// msgpack_get_bin(): any str or bin, as raw bytes.
bool get_raw(Reader& r, std::string_view& out) {
    mp::Item it;
    if (!mp::read_item(r, it) || (it.kind != mp::Item::kStr && it.kind != mp::Item::kBin)) return false;
    out = std::string_view(reinterpret_cast<const char*>(it.data), it.len);
    return true;
}

// as_bin_name_check().
bool bin_name_ok(std::string_view name) {
    return name.size() < kBinNameMax && name.find('\0') == std::string_view::npos;
}

bool is_array(const Reader& r) {
    if (r.left() == 0) return false;
    uint8_t b = *r.pos();
    return (b & 0xf0) == 0x90 || b == 0xdc || b == 0xdd;
}

// The entry build_get_entry() gives a type: an input type is itself; TYPE_INPUT_END has no
// entry of its own and lands on EXP_UNK's, a boolean.
bool set_entry(Node& n, uint64_t type) {
    if (type < uint64_t(Type::kInputEnd)) {
        n.type = Type(type);
    } else if (type == uint64_t(Type::kInputEnd)) {
        n.type = Type::kBool;
        n.unk_entry = true;
    } else if (type == uint64_t(Type::kRemove)) {
        n.type = Type::kRemove;
    } else {
        return false;
    }
    return true;
}

// build_count_sz()'s checks of a literal: a blob must be typed blob or HLL (or be a string or
// GeoJSON), a fixext1 must be a wildcard or infinity.
bool literal_shape_ok(const Reader& at) {
    Reader r = at;
    mp::Item it;
    if (!mp::read_item(r, it)) return false;
    if (it.kind == mp::Item::kStr || it.kind == mp::Item::kBin) {
        if (it.len == 0) return false;
        uint8_t t = it.data[0];
        return t == kParticleString || t == kParticleBlob || t == kParticleHll || t == kParticleGeoJson;
    }
    if (it.kind == mp::Item::kExt && *at.pos() == 0xd4)
        return uint8_t(it.ext_type) == mp::kAsExtCompare && it.data[0] <= 1;
    return true;
}

class Builder {
public:
    explicit Builder(Reader r) : r_(r) {}

    bool node(Node& out, int depth);
    uint32_t max_slots() const { return max_slots_; }
    size_t left() const { return r_.left(); }

private:
    bool literal(Node& out);
    bool instruction(Node& out, int depth);
    bool kids(Node& out, size_t n, int depth);
    bool all_kids(Node& out, size_t n, Type want, int depth);
    bool math(Node& out, size_t n, int depth);
    bool compare(Node& out, int depth);
    bool regex(Node& out, int depth);
    bool cond(Node& out, size_t n, int depth);
    bool let(Node& out, size_t n, int depth);
    bool var(Node& out);
    bool call(Node& out, int depth);
    bool call_payload(Node& out, int depth);
    const VarEntry* find_var(std::string_view name) const;

    Reader r_;
    const Scope* scope_ = nullptr;
    uint32_t slot_ = 0;
    uint32_t max_slots_ = 0;
};

bool Builder::node(Node& out, int depth) {
    if (depth > kMaxDepth || r_.left() == 0) return false;
    return is_array(r_) ? instruction(out, depth) : literal(out);
}

// A value that is not an instruction (build_next's non-list types, with build_count_sz's
// checks: blobs must be typed blob or HLL, fixext1 must be a wildcard or infinity).
bool Builder::literal(Node& out) {
    out.op = kLiteral;
    const uint8_t* start = r_.pos();
    mp::Item it;
    if (!mp::read_item(r_, it)) return false;
    Val& v = out.value;
    switch (it.kind) {
    case mp::Item::kNil: out.type = Type::kNil; v.kind = Val::kNil; return true;
    case mp::Item::kBool: out.type = Type::kBool; v = Val::boolean(it.b); return true;
    case mp::Item::kInt: out.type = Type::kInt; v = Val::integer(it.i); return true;
    case mp::Item::kUint: out.type = Type::kInt; v = Val::integer(int64_t(it.u)); return true;
    case mp::Item::kDouble: out.type = Type::kFloat; v = Val::real(it.d); return true;
    case mp::Item::kStr:
    case mp::Item::kBin: {
        if (it.len == 0) return false;
        v.data = std::string_view(reinterpret_cast<const char*>(it.data) + 1, it.len - 1);
        switch (it.data[0]) {
        case kParticleString: out.type = Type::kStr; v.kind = Val::kStr; return true;
        case kParticleBlob: out.type = Type::kBlob; v.kind = Val::kBlob; return true;
        case kParticleHll: out.type = Type::kHll; v.kind = Val::kHll; return true;
        case kParticleGeoJson:
            out.type = Type::kGeo;
            v.kind = Val::kGeo;
            out.shape = std::make_shared<geo::Shape>();
            if (!geo::parse(v.data, *out.shape)) return false;
            v.shape = out.shape.get();
            return true;
        default:
            return false;
        }
    }
    case mp::Item::kMap: {
        Reader rest = r_;
        for (uint64_t k = 0; k < uint64_t(it.len) * 2; k++)
            if (!mp::skip_value(rest, 1)) return false;
        r_ = rest;
        out.type = Type::kMap;
        v.kind = Val::kMap;
        v.data = std::string_view(reinterpret_cast<const char*>(start), size_t(r_.pos() - start));
        return true;
    }
    case mp::Item::kExt:
        // msgpack_peek_type(): a fixext1 is a comparison marker or an error.
        if (*start == 0xd4 && !(uint8_t(it.ext_type) == mp::kAsExtCompare && it.data[0] <= 1)) return false;
        out.type = Type::kAny;
        v.kind = Val::kOther;
        v.data = std::string_view(reinterpret_cast<const char*>(start), size_t(r_.pos() - start));
        return true;
    default:
        return false;
    }
}

bool Builder::kids(Node& out, size_t n, int depth) {
    out.kids.resize(n);
    for (Node& k : out.kids)
        if (!node(k, depth + 1)) return false;
    return true;
}

// n kids, each of type `want`.
bool Builder::all_kids(Node& out, size_t n, Type want, int depth) {
    if (!kids(out, n, depth)) return false;
    for (const Node& k : out.kids)
        if (k.type != want) return false;
    return true;
}

// build_math_vargs(): all int or all float; the node yields that type.
bool Builder::math(Node& out, size_t n, int depth) {
    if (n < 1 || !kids(out, n, depth)) return false;
    Type t = out.kids[0].type;
    if (t != Type::kInt && t != Type::kFloat) return false;
    for (const Node& k : out.kids)
        if (k.type != t) return false;
    out.type = t;
    return true;
}

// build_compare(): two operands of one type, not GeoJSON or HLL.
bool Builder::compare(Node& out, int depth) {
    if (!kids(out, 2, depth)) return false;
    Type t = out.kids[0].type;
    if (t != out.kids[1].type || t == Type::kGeo || t == Type::kHll) return false;
    out.type = Type::kBool;
    return true;
}

// build_cmp_regex(): the POSIX flags go to regcomp() as they came.
bool Builder::regex(Node& out, int depth) {
    int64_t flags;
    std::string_view pattern;
    if (!get_i64(r_, flags) || !get_raw(r_, pattern)) return false;
    if (!kids(out, 1, depth) || out.kids[0].type != Type::kStr) return false;
    std::string text(pattern);  // NUL-terminated; regcomp() stops at an embedded NUL, as there
    out.regex = std::make_shared<Regex>();
    out.regex->compiled = regcomp(&out.regex->re, text.c_str(), int(flags)) == 0;
    out.type = Type::kBool;
    return out.regex->compiled;
}

// build_cond(): boolean conditions; every branch but EXP_UNK ones of one type.
bool Builder::cond(Node& out, size_t n, int depth) {
    if (n < 3 || n % 2 == 0 || !kids(out, n, depth)) return false;
    Type type = Type::kAny;
    for (size_t k = 0; k + 1 < n; k += 2) {
        if (out.kids[k].type != Type::kBool) return false;
        const Node& v = out.kids[k + 1];
        if (v.unk_entry) continue;
        if (type == Type::kAny) type = v.type;
        if (v.type != type) return false;
    }
    const Node& def = out.kids.back();
    if (type == Type::kAny) type = def.type;
    else if (!def.unk_entry && def.type != type) return false;
    return set_entry(out, uint64_t(type));
}

const VarEntry* Builder::find_var(std::string_view name) const {
    for (const Scope* s = scope_; s; s = s->parent)
        for (const VarEntry& e : s->vars)
            if (e.name == name) return &e;
    return nullptr;
}

bool valid_var_name(std::string_view name) {
    if (name.empty()) return false;
    auto c0 = uint8_t(name[0]);
    if (c0 != '_' && !std::isalpha(c0)) return false;
    for (size_t k = 1; k < name.size(); k++)
        if (name[k] != '_' && !std::isalnum(uint8_t(name[k]))) return false;
    return true;
}

// build_let(): name/value pairs, then the scope expression, whose entry the let takes.
bool Builder::let(Node& out, size_t n, int depth) {
    if (n < 3 || n % 2 == 0) return false;
    size_t n_vars = n / 2;
    Scope scope{scope_, {}};
    scope.vars.reserve(n_vars);
    scope_ = &scope;
    out.var = slot_;
    out.kids.resize(n_vars + 1);
    bool ok = true;
    for (size_t k = 0; ok && k < n_vars; k++) {
        std::string_view name;
        ok = get_raw(r_, name) && valid_var_name(name) && !find_var(name);
        if (!ok) break;
        scope.vars.push_back(VarEntry{name, slot_++, Type::kAny, true});
        ok = node(out.kids[k], depth + 1);
        scope.vars.back().type = out.kids[k].type;
        scope.vars.back().defining = false;
    }
    ok = ok && node(out.kids.back(), depth + 1);
    if (ok) {
        out.type = out.kids.back().type;
        out.unk_entry = out.kids.back().unk_entry;
        if (slot_ > max_slots_) max_slots_ = slot_;
    }
    scope_ = scope.parent;
    slot_ -= uint32_t(scope.vars.size());
    return ok;
}

bool Builder::var(Node& out) {
    std::string_view name;
    if (!get_raw(r_, name)) return false;
    const VarEntry* e = find_var(name);
    if (!e || e->defining || e->type == Type::kAny) return false;
    out.var = e->slot;
    return set_entry(out, uint64_t(e->type));
}

// parse_op_call(): the payload is kept as wire pieces, except its list arguments, which are
// expressions evaluated into their place.
bool Builder::call_payload(Node& out, int depth) {
    const uint8_t* start = r_.pos();
    mp::Item head;
    uint64_t code;
    if (!mp::read_item(r_, head) || head.kind != mp::Item::kArray || head.len == 0 || !get_u64(r_, code))
        return false;
    uint32_t n = head.len;
    if (code == kCdtContextEval) {
        if (n != 3 || !mp::skip_value(r_)) return false;
        if (!mp::read_item(r_, head) || head.kind != mp::Item::kArray || !get_u64(r_, code)) return false;
        n = head.len;
    } else if (code == kCdtSelect) {
        uint64_t flags;
        if (n < 3 || n > 4 || !is_array(r_) || !mp::skip_value(r_) || !get_u64(r_, flags)) return false;
        if (n == 4 && !mp::skip_value(r_)) return false;
        n = 1;
    }
    const uint8_t* raw_from = start;
    auto flush = [&](const uint8_t* to) {
        if (to > raw_from) out.pieces.push_back(CallPiece{std::string_view(reinterpret_cast<const char*>(raw_from), size_t(to - raw_from))});
    };
    bool after_list = false;
    for (uint32_t k = 1; k < n; k++) {
        if (is_array(r_)) {
            flush(r_.pos());
            out.kids.emplace_back();
            if (!node(out.kids.back(), depth + 1)) return false;
            out.pieces.push_back(CallPiece{{}, int(out.kids.size() - 1)});
            raw_from = r_.pos();
            after_list = true;
            continue;
        }
        // build_count_sz() walks what follows a list argument as expressions, so such an
        // argument must also pass its literal checks.
        if ((after_list && !literal_shape_ok(r_)) || !mp::skip_value(r_)) return false;
    }
    flush(r_.pos());
    return true;
}

// build_call(): [type, system, payload, bin expression].
bool Builder::call(Node& out, int depth) {
    uint64_t type, system;
    if (!get_u64(r_, type) || type >= uint64_t(Type::kInputEnd) || !get_u64(r_, system)) return false;
    out.num = int64_t(type);
    out.system = uint32_t(system);
    if (!call_payload(out, depth)) return false;
    out.kids.emplace_back();
    Node& bin = out.kids.back();
    if (!node(bin, depth + 1)) return false;
    // A nil bin expression skips the system and type checks; the call takes its entry.
    if (bin.type == Type::kNil) {
        out.type = Type::kNil;
        return true;
    }
    switch (out.system & ~kCallModifyLocal) {
    case kCallCdt:
        if (bin.type != Type::kList && bin.type != Type::kMap) return false;
        break;
    case kCallBits:
        if (bin.type != Type::kBlob) return false;
        break;
    case kCallHll:
        if (bin.type != Type::kHll) return false;
        break;
    default:
        return false;
    }
    return set_entry(out, type);
}

bool Builder::instruction(Node& out, int depth) {
    mp::Item head;
    uint64_t code;
    if (!mp::read_item(r_, head) || head.len == 0 || !get_u64(r_, code)) return false;
    int fixed = fixed_args(code);
    size_t n = head.len - 1;
    if (fixed == -2 || (fixed >= 0 && n != size_t(fixed))) return false;
    out.op = uint8_t(code);
    out.type = Type::kBool;
    switch (code) {
    case kUnknown:
        out.unk_entry = true;
        return true;
    case kEq: case kNe: case kGt: case kGe: case kLt: case kLe:
        return compare(out, depth);
    case kRegex:
        return regex(out, depth);
    case kGeo:
        return kids(out, 2, depth) && out.kids[0].type == Type::kGeo && out.kids[1].type == Type::kGeo;
    case kInList:
        return kids(out, 2, depth) && out.kids[1].type == Type::kList;
    case kAnd: case kOr: case kExclusive:
        return n >= 2 && all_kids(out, n, Type::kBool, depth);
    case kNot:
        return all_kids(out, 1, Type::kBool, depth);
    case kAdd: case kSub: case kMul: case kDiv: case kMin: case kMax:
        return math(out, n, depth);
    case kPow: case kLog:
        out.type = Type::kFloat;
        return all_kids(out, 2, Type::kFloat, depth);
    case kMod: case kIntLshift: case kIntRshift: case kIntArshift:
        out.type = Type::kInt;
        return all_kids(out, 2, Type::kInt, depth);
    case kAbs:
        if (!kids(out, 1, depth)) return false;
        out.type = out.kids[0].type;
        return out.type == Type::kInt || out.type == Type::kFloat;
    case kFloor: case kCeil:
        out.type = Type::kFloat;
        return all_kids(out, 1, Type::kFloat, depth);
    case kToInt:
        out.type = Type::kInt;
        return all_kids(out, 1, Type::kFloat, depth);
    case kToFloat:
        out.type = Type::kFloat;
        return all_kids(out, 1, Type::kInt, depth);
    case kIntAnd: case kIntOr: case kIntXor:
        out.type = Type::kInt;
        return n >= 1 && all_kids(out, n, Type::kInt, depth);
    case kIntNot: case kIntCount:
        out.type = Type::kInt;
        return all_kids(out, 1, Type::kInt, depth);
    case kIntLscan: case kIntRscan:
        out.type = Type::kInt;
        return kids(out, 2, depth) && out.kids[0].type == Type::kInt && out.kids[1].type == Type::kBool;
    case kDigestModulo: {
        int64_t mod;
        if (!get_i64(r_, mod) || int32_t(mod) == 0) return false;
        out.num = int32_t(mod);
        out.type = Type::kInt;
        return true;
    }
    case kDeviceSize: case kLastUpdate: case kSinceUpdate: case kVoidTime: case kTtl: case kMemorySize:
    case kRecordSize:
        out.type = Type::kInt;
        return true;
    case kSetName:
        out.type = Type::kStr;
        return true;
    case kKeyExists: case kIsTombstone:
        return true;
    case kKey: {
        uint64_t type;
        if (!get_u64(r_, type)) return false;
        if (type != uint64_t(Type::kInt) && type != uint64_t(Type::kStr) && type != uint64_t(Type::kBlob)) return false;
        out.num = int64_t(type);
        return set_entry(out, type);
    }
    case kBin: {
        uint64_t type;
        std::string_view name;
        if (!get_u64(r_, type) || type >= uint64_t(Type::kInputEnd) || !get_raw(r_, name) || !bin_name_ok(name))
            return false;
        out.num = int64_t(type);
        out.name = name;
        return set_entry(out, type);
    }
    case kBinType: {
        std::string_view name;
        if (!get_raw(r_, name) || !bin_name_ok(name)) return false;
        out.name = name;
        out.type = Type::kInt;
        return true;
    }
    case kResultRemove:
        out.type = Type::kRemove;
        return true;
    case kMapKeys: case kMapValues:
        out.type = Type::kList;
        return kids(out, 1, depth);
    case kVarBuiltin: {
        uint64_t type, idx;
        if (!get_u64(r_, type) || !get_u64(r_, idx) || idx >= 3) return false;
        if (idx == 2 && type != uint64_t(Type::kInt)) return false;
        out.num = int64_t(type);
        return set_entry(out, type);
    }
    case kCond:
        return cond(out, n, depth);
    case kVar:
        return var(out);
    case kLet:
        return let(out, n, depth);
    case kQuote: {
        if (!is_array(r_)) return false;
        const uint8_t* start = r_.pos();
        if (!mp::skip_value(r_)) return false;
        out.type = Type::kList;
        out.value.kind = Val::kList;
        out.value.data = std::string_view(reinterpret_cast<const char*>(start), size_t(r_.pos() - start));
        return true;
    }
    case kCall:
        return call(out, depth);
    default:
        return false;
    }
}

}  // namespace

Program::Program() = default;
Program::~Program() = default;
Program::Program(Program&&) noexcept = default;
Program& Program::operator=(Program&&) noexcept = default;

bool Program::is_boolean() const { return root_ && root_->type == Type::kBool; }

int compile(const uint8_t* p, size_t n, Program& out) {
    constexpr int kParameter = 4;
    if (n == 0) return kParameter;
    out = Program();
    out.wire_.reset(new uint8_t[n]);
    std::memcpy(out.wire_.get(), p, n);
    out.root_ = std::make_unique<Node>();
    Builder b(Reader(out.wire_.get(), n));
    // Trailing bytes make the server's element count come out wrong: refused.
    if (!b.node(*out.root_, 0) || b.left() != 0) return kParameter;
    // build_set_expected_particle_type(): a msgpack literal of no bin type cannot be a result.
    if (out.root_->type == Type::kAny) return kParameter;
    out.var_count_ = b.max_slots();
    return 0;
}

int compile_filter(const uint8_t* p, size_t n, Program& out) {
    if (int rc = compile(p, n, out)) return rc;
    return out.is_boolean() ? 0 : 4;
}

}  // namespace aero::server::exp
