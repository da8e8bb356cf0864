#include "core/proto/expression.h"

#include <string>
#include <string_view>

#include "core/proto/collection_op.h"
#include "core/proto/msgpack.h"

namespace aero::proto {

namespace mp = msgpack;

namespace {

// The expression codes of the server's op table (as/src/base/exp.c) that take operands the
// converter must treat specially; every other known code takes expressions only.
enum : int64_t {
    kRegex = 7,
    kRecordKey = 80,
    kBin = 81,
    kBinType = 82,
    kLoopVar = 122,
    kVar = 124,
    kLet = 125,
    kQuote = 126,
    kCall = 127,
};
// CALL's system for HLL (exp.c call_system_type) and its modify-locally flag.
constexpr int64_t kCallHll = 2;
constexpr int64_t kCallModifyLocal = 0x40;

bool known_code(int64_t c) {
    return (c >= 0 && c <= 9) || (c >= 16 && c <= 41) || c == 50 || c == 51 || (c >= 64 && c <= 74) ||
           (c >= 80 && c <= 82) || (c >= 100 && c <= 102) || (c >= 122 && c <= 127);
}

Status bad(const std::string& what) { return Status(kErrParam, "expression: " + what); }

Status write_node(Reader& r, Buffer& out, int depth);

// An operand that must be an integer (a type, a flag set), copied as it is.
Status copy_int(Reader& r, Buffer& out, const char* what) {
    mp::Item it;
    if (!mp::read_item(r, it) || (it.kind != mp::Item::kInt && it.kind != mp::Item::kUint))
        return bad(std::string(what) + " must be an integer");
    if (it.kind == mp::Item::kInt) mp::pack_int(out, it.i); else mp::pack_uint(out, it.u);
    return Status::ok();
}

// An operand the server reads as plain msgpack text (a bin or variable name, a regex).
Status copy_text(Reader& r, Buffer& out, const char* what) {
    mp::Item it;
    if (!mp::read_item(r, it) || it.kind != mp::Item::kStr) return bad(std::string(what) + " must be a string");
    mp::pack_str(out, std::string_view(reinterpret_cast<const char*>(it.data), it.len));
    return Status::ok();
}

Status write_operands(Reader& r, Buffer& out, uint32_t n, int depth) {
    for (uint32_t i = 0; i < n; i++) {
        Status s = write_node(r, out, depth + 1);
        if (!s.is_ok()) return s;
    }
    return Status::ok();
}

// A call's [code, param, ...]: an array param is an expression the server evaluates first;
// anything else goes to the list/map/bit/HLL code as a value in the dialect. HLL ops that
// take HLL values get their quoted list typed as HLLs.
Status write_call_op(Reader& r, Buffer& out, int64_t system, int depth) {
    mp::Item arr, code;
    if (!mp::read_item(r, arr) || arr.kind != mp::Item::kArray || arr.len == 0 || !mp::read_item(r, code) ||
        code.kind != mp::Item::kInt)
        return bad("a call's operation must be [code, param, ...]");
    mp::pack_array_header(out, arr.len);
    mp::pack_int(out, code.i);
    bool hll_list = (system & ~kCallModifyLocal) == kCallHll && hll_takes_hlls(code.i);
    for (uint32_t i = 1; i < arr.len; i++) {
        Reader peek = r;
        mp::Item param, quote;
        bool is_array = mp::read_item(peek, param) && param.kind == mp::Item::kArray;
        Status s;
        if (hll_list && i == 1 && is_array && param.len == 2 && mp::read_item(peek, quote) &&
            quote.kind == mp::Item::kInt && quote.i == kQuote) {
            r = peek;
            mp::pack_array_header(out, 2);
            mp::pack_int(out, kQuote);
            s = write_hll_list(r, out);
        } else {
            s = is_array ? write_node(r, out, depth + 1) : mp::std_to_as(r, out);
        }
        if (!s.is_ok()) return s;
    }
    return Status::ok();
}

// [CALL, result_type, system, [code, param, ...], bin(, ctx)] to the wire's
// [CALL, result_type, system, op, bin], where a context wraps op as
// [kContextEval, [type, value, ...], op].
Status write_call(Reader& r, Buffer& out, uint32_t len, int depth) {
    if (len != 5 && len != 6) return bad("a call must be [127, result_type, system, op, bin(, ctx)]");
    mp::pack_array_header(out, 5);
    mp::pack_int(out, kCall);
    Status s = copy_int(r, out, "a call's result type");
    Reader sys_at = r;
    mp::Item system;
    if (s.is_ok()) s = copy_int(r, out, "a call's system");
    if (!s.is_ok()) return s;
    mp::read_item(sys_at, system);
    // The op comes before the bin on the wire, the ctx after it in the ABI form: find both.
    Reader op = r;
    if (!mp::skip_value(r)) return bad("truncated call");
    Reader bin = r;
    if (!mp::skip_value(r)) return bad("truncated call");
    bool nested = len == 6 && r.left() > 0 && *r.pos() != 0xc0;
    if (nested) {
        mp::pack_array_header(out, 3);
        mp::pack_uint(out, kContextEval);
        uint32_t levels = 0;
        s = write_context(r, out, levels);
        if (s.is_ok() && levels == 0) s = bad("a call's ctx must not be empty");
        if (!s.is_ok()) return s;
    } else if (len == 6 && !mp::skip_value(r)) {
        return bad("truncated call");
    }
    s = write_call_op(op, out, system.i, depth);
    if (s.is_ok()) s = write_node(bin, out, depth + 1);
    return s;
}

// [LET, name, value, name, value, ..., scope]: names plain, the rest expressions.
Status write_let(Reader& r, Buffer& out, uint32_t len, int depth) {
    if (len < 4 || len % 2 != 0) return bad("let must be [125, name, value, ..., scope]");
    mp::pack_array_header(out, len);
    mp::pack_int(out, kLet);
    for (uint32_t i = 1; i + 1 < len; i += 2) {
        Status s = copy_text(r, out, "a variable name");
        if (s.is_ok()) s = write_node(r, out, depth + 1);
        if (!s.is_ok()) return s;
    }
    return write_node(r, out, depth + 1);
}

// [code, operand, ...] with the operands each code takes.
Status write_array(Reader& r, Buffer& out, uint32_t len, int depth) {
    mp::Item code;
    if (len == 0 || !mp::read_item(r, code) || code.kind != mp::Item::kInt)
        return bad("a node must be [code, operand, ...]");
    if (!known_code(code.i)) return bad("unknown code " + std::to_string(code.i));
    auto expect = [&](uint32_t n, const char* shape) { return len == n ? Status::ok() : bad(shape); };
    Status s;
    switch (code.i) {
    case kQuote:
        if (!(s = expect(2, "quote must be [126, list]")).is_ok()) return s;
        mp::pack_array_header(out, 2);
        mp::pack_int(out, kQuote);
        return mp::std_to_as(r, out);
    case kBin:
        if (!(s = expect(3, "bin must be [81, type, name]")).is_ok()) return s;
        mp::pack_array_header(out, 3);
        mp::pack_int(out, kBin);
        s = copy_int(r, out, "a bin's type");
        return s.is_ok() ? copy_text(r, out, "a bin name") : s;
    case kBinType:
    case kVar:
        if (!(s = expect(2, "bin_type and var must be [code, name]")).is_ok()) return s;
        mp::pack_array_header(out, 2);
        mp::pack_int(out, code.i);
        return copy_text(r, out, code.i == kVar ? "a variable name" : "a bin name");
    case kRegex:
        if (!(s = expect(4, "regex must be [7, flags, regex, expression]")).is_ok()) return s;
        mp::pack_array_header(out, 4);
        mp::pack_int(out, kRegex);
        s = copy_int(r, out, "regex flags");
        if (s.is_ok()) s = copy_text(r, out, "a regular expression");
        return s.is_ok() ? write_node(r, out, depth + 1) : s;
    case kRecordKey:
    case kLoopVar:
        // Integers only: [80, type], [122, type, which].
        mp::pack_array_header(out, len);
        mp::pack_int(out, code.i);
        for (uint32_t i = 1; i < len && s.is_ok(); i++) s = copy_int(r, out, "an operand");
        return s;
    case kLet: return write_let(r, out, len, depth);
    case kCall: return write_call(r, out, len, depth);
    default:
        mp::pack_array_header(out, len);
        mp::pack_int(out, code.i);
        return write_operands(r, out, len - 1, depth);
    }
}

Status write_node(Reader& r, Buffer& out, int depth) {
    if (depth > mp::kMaxDepth) return bad("nesting too deep");
    Reader at = r;
    mp::Item it;
    if (!mp::read_item(at, it)) return bad("truncated or invalid msgpack");
    if (it.kind != mp::Item::kArray) return mp::std_to_as(r, out);  // a value: scalar, map, marker
    r = at;
    return write_array(r, out, it.len, depth);
}

}  // namespace

Status write_expression(Reader& r, Buffer& out) { return write_node(r, out, 0); }

bool expression_tree(const uint8_t* p, size_t n, const uint8_t*& tree, size_t& tree_len, size_t& used) {
    Reader r(p, n);
    mp::Item it;
    if (!mp::read_item(r, it)) return false;
    if (it.kind == mp::Item::kBin) {
        tree = it.data;
        tree_len = it.len;
        used = n - r.left();
        return true;
    }
    if (it.kind != mp::Item::kArray) return false;
    Reader whole(p, n);
    if (!mp::skip_value(whole)) return false;
    tree = p;
    tree_len = used = n - whole.left();
    return true;
}

}  // namespace aero::proto
