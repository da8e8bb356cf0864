#include "core/server/udf/apply.h"

#include <chrono>

#include "core/lua/call.h"
#include "core/proto/particle.h"
#include "core/proto/ttl.h"
#include "core/server/clock.h"
#include "core/server/udf/record_lib.h"
#include "core/server/udf/result_value.h"
#include "core/server/udf/udf_log.h"
#include "core/server/udf/udf_record.h"

namespace aero::server::udf {

namespace {

using namespace aero::proto;

constexpr uint8_t kResultUdf = 100;

// The deadline of the call running on this thread (the hook has no user data).
thread_local std::chrono::steady_clock::time_point t_deadline;

// Instructions between two looks at the clock.
constexpr int kHookInstructions = 1000;

void check_deadline(lua_State* L, lua_Debug*) {
    if (std::chrono::steady_clock::now() > t_deadline) luaL_error(L, "UDF Execution Timeout");
}

// The limit of one call: the request's own timeout (transaction_ttl, as the real server's UDF
// timer uses) and --udf-time-limit, whichever is shorter; 0 when there is neither.
uint32_t time_limit_ms(const Registry& udf, const MsgHeader& h) {
    uint32_t a = h.transaction_ttl, b = udf.time_limit_ms();
    if (a == 0 || b == 0) return a | b;
    return std::min(a, b);
}

// Policies a UDF refuses with 4: generation checks, create-only, update-only and replace.
bool has_forbidden_policy(const MsgHeader& h) {
    return (h.info2 & (kInfo2Generation | kInfo2GenerationGt | kInfo2CreateOnly)) ||
           (h.info3 & (kInfo3UpdateOnly | kInfo3CreateOrReplace | kInfo3ReplaceOnly));
}

// A SUCCESS or FAILURE bin carrying v.
void add_value_bin(Response& resp, const char* name, const std::optional<lua::Value>& v) {
    uint8_t particle;
    std::string bytes;
    result_particle(v, particle, bytes);
    resp.add_bin(kOpRead, name, particle, bytes);
}

// What the call did, once it is over.
struct Outcome {
    uint8_t rc = 0;
    bool has_bin = false;  // SUCCESS or FAILURE bin
    bool success = false;
    std::optional<lua::Value> value;
    uint32_t generation = 0;
    uint32_t void_time = 0;
};

// udf_master_write(): stores (or deletes) the working record.
uint8_t commit(const RwContext& ctx, UdfRecord& urec, RecordLock& lock, Outcome& out) {
    const MsgHeader& h = ctx.req.header;
    Record& rec = urec.working();
    uint32_t ttl = urec.record_ttl();
    if (ttl == kTtlDontUpdate && urec.old_bin_count() == 0) ttl = 0;
    if (ttl > kTtlMax && ttl != kTtlNeverExpire && ttl != kTtlDontUpdate) return kResultParameter;
    bool expires = int32_t(ttl) > 0 || (ttl == 0 && ctx.ns.default_ttl() != 0);
    if (expires && ctx.ns.nsup_period() == 0) return kResultForbidden;
    if (rec.bins.empty()) {
        if (urec.old_bin_count() == 0) return kResultNotFound;
        if (h.info2 & kInfo2DurableDelete) return kResultEnterpriseOnly;
        lock.erase();
        out.generation = 0;
        out.void_time = 0;
        return kResultOk;
    }
    // A key the request brings is stored with the record, unless the UDF dropped it.
    if (rec.key.empty() && ctx.req.has_key && !urec.key_dropped()) rec.key = ctx.req.key;
    if (rec.storage_size(ctx.req.set.size()) > kMaxRecordSize) return kResultRecordTooBig;
    rec.void_time = next_void_time(rec.void_time, ttl, ctx.ns.default_ttl(), now_void_time_base());
    rec.last_update_ms = now_unix_ms();
    rec.bump_generation();
    out.generation = rec.generation;
    out.void_time = rec.void_time;
    lock.put(Record(rec));
    return kResultOk;
}

// The checks of open_existing_record(): set, filter, key.
uint8_t open_existing(const RwContext& ctx, Record& r) {
    if (!set_matches(ctx.ns, r, ctx.req) || (ctx.req.set.empty() && r.set_id != 0)) return kResultParameter;
    if (uint8_t rc = check_filter(ctx, r)) return rc;
    if (ctx.req.has_key) {
        if (!r.key.empty()) {
            if (!stored_key_matches(r, ctx.req)) return kResultKeyMismatch;
        } else {
            const auto& k = ctx.req.key;
            if (k.empty() || (uint8_t(k[0]) == kParticleInteger && k.size() != 9)) return kResultUnsupportedFeature;
        }
    }
    return kResultOk;
}

Outcome run(Registry& udf, const RwContext& ctx, const UdfFields& call) {
    bool background = call.internal;
    Outcome out;
    const MsgHeader& h = ctx.req.header;
    if (has_forbidden_policy(h)) {
        out.rc = kResultParameter;
        return out;
    }
    RecordLock lock = ctx.ns.lock(ctx.digest);
    const Record* existing = lock.find();
    if (existing) {
        out.generation = existing->generation;
        out.void_time = existing->void_time;
    }
    if (background && !existing) {
        out.rc = kResultNotFound;
        return out;
    }
    Record opened;
    if (existing) {
        opened = *existing;
        if ((out.rc = open_existing(ctx, opened))) return out;
    }

    std::vector<lua::Value> args;
    (void)lua::decode_args(reinterpret_cast<const uint8_t*>(call.args.data()), call.args.size(), args);
    std::string error;
    lua::StatePool::Lease state = udf.state(std::string(call.module), error);
    if (!state) {
        log_message(1, "udf apply: " + error);
        out.rc = kResultUdf;
        out.has_bin = true;
        out.value = lua::Value::string("UDF: Execution Error 1");
        return out;
    }
    lua_State* L = state.get();
    UdfRecord urec(ctx, existing ? &opened : nullptr, h.record_ttl);
    lua::CallResult r;
    {
        RecordHandle handle(L, &urec, false);
        uint32_t limit = time_limit_ms(udf, h);
        if (limit) {
            t_deadline = std::chrono::steady_clock::now() + std::chrono::milliseconds(limit);
            lua_sethook(L, check_deadline, LUA_MASKCOUNT, kHookInstructions);
        }
        r = lua::call_record(L, call.function, [&](lua_State*) { handle.push(); }, args);
        if (limit) lua_sethook(L, nullptr, 0, 0);
    }
    if (r.failed) {
        std::string msg = r.value && r.value->type == lua::Value::kString ? r.value->s : "result value type unexpected";
        log_message(1, "lua-error: result " + msg);
        out.rc = kResultUdf;
        out.has_bin = true;
        out.value = lua::Value::string(msg);
        return out;
    }
    if (urec.result_code()) {
        out.rc = urec.result_code();
        return out;
    }
    if (urec.has_updates()) {
        if ((out.rc = commit(ctx, urec, lock, out))) return out;
    }
    out.success = true;
    out.has_bin = true;
    out.value = std::move(r.value);
    return out;
}

}  // namespace

void handle_apply(Registry& udf, const RwContext& ctx, const UdfFields& call, Response& resp) {
    Outcome out = run(udf, ctx, call);
    if (!out.has_bin || call.internal) return resp.finish_bare(out.rc, out.generation, out.void_time);
    add_value_bin(resp, out.success ? "SUCCESS" : "FAILURE", out.value);
    resp.finish(out.rc, out.generation, out.void_time);
}

}  // namespace aero::server::udf
