#include "core/server/read_handler.h"

#include "core/proto/particle.h"
#include "core/server/bin_index.h"
#include "core/server/cdt/cdt.h"
#include "core/server/clock.h"
#include "core/server/exp/exp_op.h"

namespace aero::server {

namespace {

using namespace aero::proto;

// Read-touch (§3.3): record_ttl 1..100 asks to reset the TTL once less than that percent of
// the last write's TTL is left. Returns false for a bad percent.
bool read_touch(Record& r, uint32_t pct) {
    if (r.void_time == 0 || pct == 0 || pct == kTtlNeverExpire) return true;
    if (pct > 100) return false;
    uint32_t written = uint32_t(r.last_update_ms / 1000 - kAerospikeEpochUnix);
    uint32_t write_ttl = r.void_time - written;
    uint32_t now = now_void_time_base();
    if (now < r.void_time - uint32_t(uint64_t(write_ttl) * pct / 100)) return true;
    r.void_time = now + write_ttl;
    r.last_update_ms = now_unix_ms();
    r.bump_generation();
    return true;
}

// An EXP_READ op: its value answers under the op's name, or nil under RESPOND_ALL_OPS.
uint8_t exp_read(const RwContext& ctx, const Record& r, const OpView& op, bool respond_all, const BinSink& add) {
    Bin out;
    if (int rc = exp::read_op(op.value, op.value_size, exp::RecordView{ctx.ns, ctx.digest, r}, out)) return uint8_t(rc);
    if (out.type != kParticleNull) add(op.op_type, op.name, out.type, out.value);
    else if (respond_all) add(op.op_type, op.name, kParticleNull, {});
    return kResultOk;
}

// Fills resp with the bins the request asks for; returns a result code.
uint8_t read_bins(const RwContext& ctx, Record& r, Response& resp) {
    const Request& req = ctx.req;
    if (req.ops.size() > kMaxOps) return kResultParameter;
    if (req.header.info1 & kInfo1GetAll) {
        for (const Bin& b : r.bins) resp.add_bin(kOpRead, b.name, b.type, b.value);
        return kResultOk;
    }
    if (req.ops.empty()) return kResultParameter;
    return read_ops(ctx, r, [&](uint8_t op, std::string_view name, uint8_t particle, std::string_view value) {
        resp.add_bin(op, name, particle, value);
    });
}

}  // namespace

void handle_read(const RwContext& ctx, Response& resp) {
    RecordLock lock = ctx.ns.lock(ctx.digest);
    Record* r = lock.find();
    if (!r) return resp.finish_bare(kResultNotFound);
    // Like the server, errors past this point still report the record's metadata.
    uint32_t gen = r->generation, void_time = r->void_time;
    if (!set_matches(ctx.ns, *r, ctx.req)) return resp.finish_bare(kResultParameter, gen, void_time);
    if (!read_touch(*r, ctx.req.header.record_ttl)) return resp.finish_bare(kResultParameter, gen, void_time);
    // read_local(): the filter, then the key check, then the bins.
    if (uint8_t rc = check_filter(ctx, *r)) return resp.finish_bare(rc, gen, void_time);
    if (!stored_key_matches(*r, ctx.req)) return resp.finish_bare(kResultKeyMismatch, gen, void_time);
    if (ctx.req.header.info1 & kInfo1NoBinData) return resp.finish_bare(kResultOk, gen, void_time);
    uint8_t rc = read_bins(ctx, *r, resp);
    if (rc != kResultOk) return resp.finish_bare(rc, gen, void_time);
    resp.finish(kResultOk, gen, void_time);
}

uint8_t read_ops(const RwContext& ctx, const Record& r, const BinSink& add) {
    bool respond_all = ctx.req.header.info2 & kInfo2RespondAllOps;
    // Reads only look bins up; the index never changes the record.
    BinIndex bins(const_cast<Record&>(r), ctx.req.ops.size());
    for (const OpView& op : ctx.req.ops) {
        if (!bin_name_ok(op.name)) return kResultBinName;
        if (op.op_type == kOpExpRead) {
            if (uint8_t rc = exp_read(ctx, r, op, respond_all, add)) return rc;
            continue;
        }
        bool collection = cdt::handles(op.op_type) && !cdt::modifies(op.op_type);
        if (op.op_type != kOpRead && !collection) return kResultParameter;
        Bin* b = bins.find(op.name);
        if (b == nullptr) {
            if (respond_all) add(op.op_type, op.name, kParticleNull, {});
        } else if (!collection) {
            add(op.op_type, op.name, b->type, b->value);
        } else {
            // process_bin_read_op(): a collection read answers only with a value, or nil
            // under RESPOND_ALL_OPS.
            cdt::OpResult out;
            if (int rc = cdt::apply(op.op_type, op.particle, *b, op.value, op.value_size, out)) return uint8_t(rc);
            if (out.has_value) add(op.op_type, op.name, out.particle, out.bytes);
            else if (respond_all) add(op.op_type, op.name, kParticleNull, {});
        }
    }
    return kResultOk;
}

}  // namespace aero::server
