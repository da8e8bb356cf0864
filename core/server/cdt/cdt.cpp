#include "core/server/cdt/cdt.h"

#include "core/proto/message.h"
#include "core/proto/particle.h"
#include "core/server/cdt/codes.h"
#include "core/server/cdt/context.h"
#include "core/server/cdt/ops.h"

namespace aero::server::cdt {

namespace {

using namespace aero::proto;

// as_cdt_optype codes the dispatcher itself handles.
constexpr uint32_t kCodeSelect = 0xfe;
constexpr uint32_t kCodeContextEval = 0xff;

// [code, args...] into a call. The code is read as the server reads it: any integer,
// truncated to the op type's width.
bool parse_call(Value&& v, CdtCall& call) {
    if (!v.is_list() || v.items.empty() || !v.items[0].is_int()) return false;
    call.code = uint32_t(uint64_t(v.items[0].i));
    call.args.assign(std::make_move_iterator(v.items.begin() + 1), std::make_move_iterator(v.items.end()));
    return true;
}

// The op's payload: [code, args...], or the deprecated form (a 16-bit big-endian code, then
// an optional list of arguments), which the server still accepts.
bool parse_payload(const uint8_t* p, size_t n, CdtCall& call) {
    if (n == 0) return false;
    if (p[0] == 0) {
        if (n < 2) return false;
        call.code = uint32_t(p[0]) << 8 | p[1];
        if (n == 2) return true;
        proto::Reader r(p + 2, n - 2);
        Value args;
        if (!decode(r, args) || !args.is_list()) return false;
        call.args = std::move(args.items);
        return true;
    }
    // Bytes after the payload's value are ignored, as the server reads only what it needs.
    proto::Reader r(p, n);
    Value v;
    return decode(r, v) && parse_call(std::move(v), call);
}

// Codes whose arguments include a value to store (AS_CDT_PARAM_STORAGE): the server refuses
// them once its reader has seen a wildcard or infinity in the context.
bool has_storage_arg(uint32_t code) {
    switch (code) {
    case 1: case 2: case 3: case 4: case 9:       // list append(_items), insert(_items), set
    case 65: case 66: case 67: case 68: case 69: case 70:  // map add/put/replace (items)
        return true;
    default:
        return false;
    }
}

int run_family(Value& target, bool exists, bool modify, const CdtCall& call, CdtAnswer& ans) {
    if (is_list_code(call.code)) return run_list_op(target, exists, modify, call, ans);
    return run_map_op(target, exists, modify, call, ans);
}

// Whether an existing value is the collection an op of this code works on; else the op
// answers 12 (INCOMPATIBLE_TYPE).
bool family_matches(const Value& v, uint32_t code) { return is_list_code(code) ? v.is_list() : v.is_map(); }

void store(const Value& root, Bin& b) {
    if (!root.is_list() && !root.is_map()) return;
    uint8_t particle;
    to_particle(root, particle, b.value);
    b.type = particle;
}

// A nil answer (a single element that is nil) leaves the server's result bin empty, so the
// op answers nothing.
void answer(const CdtAnswer& ans, OpResult& out) {
    if (!ans.has_value || ans.value.type == Type::kNil) return;
    out.has_value = true;
    to_particle(ans.value, out.particle, out.bytes);
}

// A list or map op on the bin itself.
int run_top(Bin& b, bool modify, CdtCall& call, OpResult& out) {
    bool exists = b.type != kParticleNull;
    if (!exists && !modify) return rc::kOk;  // a read of a missing bin answers nothing
    Value root;
    if (exists) {
        bool right = is_list_code(call.code) ? b.type == kParticleList : b.type == kParticleMap;
        if (!right) return rc::kIncompatibleType;
        if (!from_particle(b.type, reinterpret_cast<const uint8_t*>(b.value.data()), b.value.size(), root))
            return rc::kParameter;
    }
    call.bin_missing = !exists;
    CdtAnswer ans;
    if (int r = run_family(root, exists, modify, call, ans)) return r;
    answer(ans, out);
    if (modify) store(root, b);
    return rc::kOk;
}

// cdt_process_state_context_eval(): [0xff, context, [code, args...]].
int run_in_context(Bin& b, bool modify, std::vector<Value>& args, OpResult& out) {
    if (args.size() != 2) return rc::kParameter;
    bool bin_missing = b.type == kParticleNull;
    if (bin_missing && !modify) return rc::kOk;
    Value root;
    if (!bin_missing) {
        // cdt_context_dig(): a context needs a list or map bin.
        if (b.type != kParticleList && b.type != kParticleMap) return rc::kParameter;
        if (!from_particle(b.type, reinterpret_cast<const uint8_t*>(b.value.data()), b.value.size(), root))
            return rc::kParameter;
    }
    if (!args[0].is_list()) return rc::kParameter;
    ContextPath path;
    if (int r = path.dig(root, bin_missing, modify, args[0].items)) return r;
    CdtCall call;
    if (!parse_call(std::move(args[1]), call)) return rc::kParameter;
    call.by_context = true;
    call.bin_missing = bin_missing;
    if (!path.creates() && !family_matches(*path.target(), call.code)) return rc::kIncompatibleType;
    if (path.nonstorage() && has_storage_arg(call.code)) return rc::kParameter;
    CdtAnswer ans;
    Value created;
    Value& target = path.creates() ? created : *path.target();
    if (int r = run_family(target, !path.creates(), modify, call, ans)) return r;
    answer(ans, out);
    if (modify) {
        path.finish(root, std::move(created));
        store(root, b);
    }
    return rc::kOk;
}

int run_cdt(Bin& b, bool modify, const uint8_t* p, size_t n, OpResult& out) {
    CdtCall call;
    if (!parse_payload(p, n, call)) return rc::kParameter;
    if (call.code == kCodeContextEval) return run_in_context(b, modify, call.args, out);
    // CDT select (expression-driven selection over nested elements) is not supported.
    if (call.code == kCodeSelect) return rc::kParameter;
    return run_top(b, modify, call, out);
}

}  // namespace

bool handles(uint8_t op_type) {
    switch (op_type) {
    case kOpCdtRead: case kOpCdtModify: case kOpBitRead: case kOpBitModify: case kOpHllRead: case kOpHllModify:
        return true;
    default:
        return false;
    }
}

bool modifies(uint8_t op_type) {
    return op_type == kOpCdtModify || op_type == kOpBitModify || op_type == kOpHllModify;
}

int apply(uint8_t op_type, uint8_t particle, Bin& b, const uint8_t* p, size_t n, OpResult& out) {
    out = OpResult{};
    bool modify = modifies(op_type);
    switch (op_type) {
    case kOpCdtRead:
    case kOpCdtModify:
        return run_cdt(b, modify, p, n, out);
    case kOpBitRead:
    case kOpBitModify:
        // as_bin_bits_*_from_client(): a bit op's operand must come typed as a blob.
        if (particle != kParticleBlob) return rc::kIncompatibleType;
        return run_bit_op(b, modify, p, n, out);
    case kOpHllRead:
    case kOpHllModify:
        return run_hll_op(b, modify, p, n, out);
    default:
        return rc::kParameter;
    }
}

}  // namespace aero::server::cdt
