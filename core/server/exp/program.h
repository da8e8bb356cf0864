// The compiled form of an expression and the values it evaluates to. Internal to exp/.
#pragma once

#include <regex.h>

#include <cstdint>
#include <memory>
#include <string>
#include <string_view>
#include <vector>

#include "core/server/exp/exp.h"
#include "core/server/geo/geo.h"

namespace aero::server::exp {

// Wire op codes (exp.c's exp_op_code).
enum Op : uint8_t {
    kUnknown = 0,
    kEq = 1, kNe = 2, kGt = 3, kGe = 4, kLt = 5, kLe = 6,
    kRegex = 7, kGeo = 8, kInList = 9,
    kAnd = 16, kOr = 17, kNot = 18, kExclusive = 19,
    kAdd = 20, kSub = 21, kMul = 22, kDiv = 23, kPow = 24, kLog = 25, kMod = 26,
    kAbs = 27, kFloor = 28, kCeil = 29, kToInt = 30, kToFloat = 31,
    kIntAnd = 32, kIntOr = 33, kIntXor = 34, kIntNot = 35,
    kIntLshift = 36, kIntRshift = 37, kIntArshift = 38, kIntCount = 39, kIntLscan = 40, kIntRscan = 41,
    kMin = 50, kMax = 51,
    kDigestModulo = 64, kDeviceSize = 65, kLastUpdate = 66, kSinceUpdate = 67, kVoidTime = 68,
    kTtl = 69, kSetName = 70, kKeyExists = 71, kIsTombstone = 72, kMemorySize = 73, kRecordSize = 74,
    kKey = 80, kBin = 81, kBinType = 82,
    kResultRemove = 100, kMapKeys = 101, kMapValues = 102,
    kVarBuiltin = 122, kCond = 123, kVar = 124, kLet = 125, kQuote = 126, kCall = 127,
    // Not on the wire: a literal value.
    kLiteral = 128,
};

// The server's result_type: what the build phase knows a node yields. kInputEnd and above
// never come from the wire as types; kAny is the type of a msgpack literal that is neither a
// list nor a map (an ext, a wildcard), which only compares with its own kind.
enum class Type : uint8_t {
    kNil = 0, kBool = 1, kInt = 2, kStr = 3, kList = 4, kMap = 5, kBlob = 6, kFloat = 7,
    kGeo = 8, kHll = 9, kInputEnd = 10, kRemove = 11, kAny = 12,
};

// The particle type bins of a result type have (kNil: none).
uint8_t particle_of(Type t);

// A runtime value (exp.c's rt_value). Strings, blobs, HLLs, GeoJSON text and msgpack keep
// their bytes in `data`, a view into the program, the record or `owned`.
struct Val {
    enum Kind : uint8_t { kUnknown, kNil, kBool, kInt, kFloat, kStr, kBlob, kHll, kGeo, kList, kMap, kOther, kRemove };
    Kind kind = kUnknown;
    bool b = false;
    int64_t i = 0;
    double d = 0;
    std::string_view data;  // kStr/kBlob/kHll content, kGeo JSON, kList/kMap/kOther msgpack
    std::shared_ptr<const std::string> owned;
    // The record's bin the value is, when it is one (its particle is then copied as is).
    const Bin* bin = nullptr;
    // A GeoJSON literal's parsed shape.
    const geo::Shape* shape = nullptr;

    static Val unknown() { return Val{}; }
    static Val boolean(bool v) { Val x; x.kind = kBool; x.b = v; return x; }
    static Val integer(int64_t v) { Val x; x.kind = kInt; x.i = v; return x; }
    static Val real(double v) { Val x; x.kind = kFloat; x.d = v; return x; }
    // A value whose bytes this Val owns.
    static Val bytes(Kind kind, std::string&& s);
};

// CALL systems (call_system_type) and the flag that makes a modify op work on a copy.
constexpr uint32_t kCallCdt = 0;
constexpr uint32_t kCallBits = 1;
constexpr uint32_t kCallHll = 2;
constexpr uint32_t kCallModifyLocal = 0x40;

// A compiled regex, regfree'd with the program.
struct Regex {
    regex_t re;
    bool compiled = false;
    ~Regex() {
        if (compiled) regfree(&re);
    }
};

// One piece of a CALL's op payload: wire bytes kept as they came, or the value of an
// expression (kids[kid]) packed in their place at evaluation.
struct CallPiece {
    std::string_view raw;
    int kid = -1;
};

struct Node {
    uint8_t op = kUnknown;
    Type type = Type::kNil;
    // The node's build entry is EXP_UNK's: cond accepts such a branch against any type.
    bool unk_entry = false;
    std::vector<Node> kids;
    Val value;                    // kLiteral, kQuote
    int64_t num = 0;              // digest modulo; key/bin/call/var_builtin declared type
    uint32_t system = 0;          // kCall: the system and its flags
    std::string name;             // bin name
    uint32_t var = 0;             // kVar: slot; kLet: first slot
    std::shared_ptr<Regex> regex;
    std::shared_ptr<geo::Shape> shape;
    std::vector<CallPiece> pieces;  // kCall: the payload; the bin expression is kids.back()
};

// Evaluates a node (eval.cpp); `vars` holds the let variables by slot.
struct Runtime {
    const RecordView& rec;
    std::vector<Val> vars;
};
Val eval(Runtime& rt, const Node& n);

// The record and bin ops (eval_record.cpp).
Val eval_record_op(Runtime& rt, const Node& n);
// A live bin's value, referring to the bin.
Val bin_value(const Bin& b);
// CALL (call.cpp).
Val eval_call(Runtime& rt, const Node& n);

}  // namespace aero::server::exp
