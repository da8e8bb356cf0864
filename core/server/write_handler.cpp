#include "core/server/write_handler.h"

#include "core/proto/particle.h"
#include "core/proto/ttl.h"
#include "core/server/bin_index.h"
#include "core/server/bin_value.h"
#include "core/server/cdt/cdt.h"
#include "core/server/clock.h"
#include "core/server/exp/exp_op.h"

namespace aero::server {

namespace {

using namespace aero::proto;

// Record-level policy the ops imply, found before the record is touched.
struct WritePlan {
    bool must_not_create = false;  // UPDATE_ONLY, REPLACE_ONLY or a TOUCH op
    bool is_replace = false;       // CREATE_OR_REPLACE or REPLACE_ONLY: start from no bins
    bool respond_all = false;      // RESPOND_ALL_OPS: one reply entry per op
};

bool is_modify(uint8_t op) { return op == kOpIncr || op == kOpAppend || op == kOpPrepend; }

bool is_read_all(const OpView& op, const MsgHeader& h) {
    return op.op_type == kOpRead && op.name.empty() && (h.info1 & kInfo1GetAll);
}

// The checks of the server's write_master_policies(): which op mixes are refused.
uint8_t plan_write(const Request& req, WritePlan& plan) {
    const MsgHeader& h = req.header;
    if (req.ops.empty() || req.ops.size() > kMaxOps) return kResultParameter;
    plan.must_not_create = h.info3 & (kInfo3UpdateOnly | kInfo3ReplaceOnly);
    plan.is_replace = h.info3 & (kInfo3CreateOrReplace | kInfo3ReplaceOnly);
    plan.respond_all = h.info2 & kInfo2RespondAllOps;
    bool has_read = false, has_read_all = false, has_response_bin = false;
    for (const OpView& op : req.ops) {
        if (op.op_type == kOpTouch) {
            if (plan.is_replace) return kResultParameter;
            plan.must_not_create = true;
            continue;
        }
        if (!bin_name_ok(op.name)) return kResultBinName;
        bool replace_forbidden = (op.op_type == kOpWrite && op.particle == kParticleNull) ||
                                 is_modify(op.op_type) || op.op_type == kOpDeleteAll ||
                                 op.op_type == kOpCdtModify || op.op_type == kOpBitModify ||
                                 op.op_type == kOpHllModify;
        if (replace_forbidden && plan.is_replace) return kResultParameter;
        if (is_read_all(op, h)) {
            if (plan.respond_all || has_read_all) return kResultParameter;
            has_read = has_read_all = true;
        } else if (op.op_type == kOpRead || op.op_type == kOpCdtRead || op.op_type == kOpBitRead ||
                   op.op_type == kOpHllRead || op.op_type == kOpExpRead) {
            has_read = has_response_bin = true;
        } else if (op.op_type == kOpCdtModify || op.op_type == kOpHllModify) {
            has_response_bin = true;
        }
    }
    if (has_read && !(h.info1 & kInfo1Read)) return kResultParameter;
    if (has_read_all && has_response_bin) return kResultParameter;
    if ((h.info1 & kInfo1GetAll) && !has_read_all) return kResultParameter;
    return kResultOk;
}

// A list, map, bit or HLL op inside a write (write_master's op loop): a modify works on the
// bin (created empty when missing, dropped again when it stays empty) and answers when it has
// a result or RESPOND_ALL_OPS asks; a read of a present bin always answers, nil if need be.
int collection_op(BinIndex& bins, const OpView& op, bool respond_all, Response& resp) {
    cdt::OpResult out;
    if (cdt::modifies(op.op_type)) {
        Bin& b = bins.for_write(op.name);
        if (int rc = cdt::apply(op.op_type, op.particle, b, op.value, op.value_size, out)) return rc;
        if (b.type == kParticleNull) bins.remove(op.name);
        if (!out.has_value && !respond_all) return 0;
    } else {
        Bin* b = bins.find(op.name);
        if (b == nullptr) {
            if (respond_all) resp.add_bin(op.op_type, op.name, kParticleNull, {});
            return 0;
        }
        if (int rc = cdt::apply(op.op_type, op.particle, *b, op.value, op.value_size, out)) return rc;
    }
    resp.add_bin(op.op_type, op.name, out.has_value ? out.particle : uint8_t(kParticleNull), out.bytes);
    return 0;
}

// An EXP_MODIFY: the expression sees the bins the earlier ops left.
int exp_modify(const exp::RecordView& view, BinIndex& bins, const OpView& op) {
    Bin out;
    exp::Change change;
    if (int rc = exp::modify_op(op.value, op.value_size, view, view.find(op.name), out, change)) return rc;
    if (change == exp::Change::kSet) {
        Bin& b = bins.for_write(op.name);
        b.type = out.type;
        b.value = std::move(out.value);
    } else if (change == exp::Change::kRemove) {
        bins.remove(op.name);
    }
    return 0;
}

// Runs the ops in order on rec, adding reply entries to resp as the server does (§5.4).
uint8_t apply_ops(const RwContext& ctx, const WritePlan& plan, Record& rec, Response& resp) {
    const Request& req = ctx.req;
    BinIndex bins(rec, req.ops.size());
    exp::RecordView view{ctx.ns, ctx.digest, rec, &bins};
    for (const OpView& op : req.ops) {
        bool entry = plan.respond_all;  // write ops answer only under RESPOND_ALL_OPS
        switch (op.op_type) {
        case kOpTouch:
            continue;  // the generation and TTL were already advanced
        case kOpWrite:
            if (op.particle == kParticleNull) {
                bins.remove(op.name);
            } else if (int rc = write_bin_value(bins.for_write(op.name), op.particle, op.value, op.value_size)) {
                return uint8_t(rc);
            }
            break;
        case kOpIncr:
        case kOpAppend:
        case kOpPrepend:
            if (int rc = modify_bin_value(bins.for_write(op.name), op.op_type, op.particle, op.value, op.value_size))
                return uint8_t(rc);
            break;
        case kOpDeleteAll:
            bins.clear();
            break;
        case kOpExpModify:
            if (int rc = exp_modify(view, bins, op)) return uint8_t(rc);
            break;
        case kOpExpRead: {
            // Inside a write, an EXP_READ always answers, nil when it has no value.
            Bin out;
            if (int rc = exp::read_op(op.value, op.value_size, view, out)) return uint8_t(rc);
            resp.add_bin(op.op_type, op.name, out.type, out.value);
            continue;
        }
        case kOpRead:
            if (is_read_all(op, req.header)) {
                bins.compact();
                for (const Bin& b : rec.bins) resp.add_bin(kOpRead, b.name, b.type, b.value);
                continue;
            }
            if (const Bin* b = bins.find(op.name)) {
                resp.add_bin(op.op_type, op.name, b->type, b->value);
                continue;
            }
            break;
        default:
            if (cdt::handles(op.op_type)) {
                if (int rc = collection_op(bins, op, plan.respond_all, resp)) return uint8_t(rc);
                continue;
            }
            return kResultParameter;
        }
        if (entry) resp.add_bin(op.op_type, op.name, kParticleNull, {});
    }
    bins.compact();
    return rec.bins.size() > kMaxBins ? kResultParameter : kResultOk;
}

// The TTL checks of write_master(): a valid record_ttl, and none when nsup cannot expire it.
uint8_t check_ttl(const Namespace& ns, uint32_t ttl) {
    if (ttl > kTtlMax && ttl != kTtlNeverExpire && ttl != kTtlDontUpdate) return kResultParameter;
    bool expires = (int32_t(ttl) > 0) || (ttl == 0 && ns.default_ttl() != 0);
    return expires && ns.nsup_period() == 0 ? kResultForbidden : kResultOk;
}

}  // namespace

void handle_write(const RwContext& ctx, Response& resp) {
    const MsgHeader& h = ctx.req.header;
    WritePlan plan;
    if (uint8_t rc = plan_write(ctx.req, plan)) return resp.finish_bare(rc);

    RecordLock lock = ctx.ns.lock(ctx.digest);
    const Record* existing = lock.find();
    if (!existing && plan.must_not_create) return resp.finish_bare(kResultNotFound);
    // Errors from here on report the record's current metadata, as the server does.
    uint32_t gen = existing ? existing->generation : 0, void_time = existing ? existing->void_time : 0;
    auto fail = [&](uint8_t rc) { resp.finish_bare(rc, gen, void_time); };
    if (existing && (h.info2 & kInfo2CreateOnly)) return fail(kResultRecordExists);
    if (existing && !generation_allows(h, existing->generation)) return fail(kResultGeneration);

    Record rec;
    if (existing) {
        if (!set_matches(ctx.ns, *existing, ctx.req) || (ctx.req.set.empty() && existing->set_id != 0))
            return fail(kResultParameter);
        // write_master(): the filter applies to a record that exists, after the create-only,
        // generation and set checks and before the key check; a create is never filtered.
        if (uint8_t rc = check_filter(ctx, *existing)) return fail(rc);
        if (!stored_key_matches(*existing, ctx.req)) return fail(kResultKeyMismatch);
        rec = *existing;
    } else {
        auto set_id = ctx.ns.set_id(ctx.req.set, true);
        if (!set_id) return fail(kResultForbidden);
        rec.set_id = *set_id;
    }
    if (rec.key.empty() && ctx.req.has_key) {
        // The server stores only well-formed keys: non-empty, integers exactly 9 bytes.
        const auto& k = ctx.req.key;
        if (k.empty() || (uint8_t(k[0]) == kParticleInteger && k.size() != 9))
            return fail(kResultUnsupportedFeature);
        rec.key = k;
    }

    // "Keep the TTL" means "use the default" when the record is being created.
    uint32_t ttl = (!existing && h.record_ttl == kTtlDontUpdate) ? 0 : h.record_ttl;
    if (uint8_t rc = check_ttl(ctx.ns, ttl)) return fail(rc);

    size_t old_bins = existing && !plan.is_replace ? existing->bins.size() : 0;
    if (plan.is_replace) rec.bins.clear();
    rec.void_time = next_void_time(rec.void_time, ttl, ctx.ns.default_ttl(), now_void_time_base());
    rec.last_update_ms = now_unix_ms();
    rec.bump_generation();

    if (uint8_t rc = apply_ops(ctx, plan, rec, resp)) return fail(rc);

    if (rec.bins.empty()) {
        // A write that leaves no bins deletes the record; there must have been one to delete.
        if (old_bins == 0) return fail(kResultNotFound);
        if (h.info2 & kInfo2DurableDelete) return fail(kResultEnterpriseOnly);
        lock.erase();
        return resp.n_bins() ? resp.finish(kResultOk, 0, 0) : resp.finish_bare(kResultOk);
    }
    if (rec.storage_size(ctx.req.set.size()) > kMaxRecordSize) return fail(kResultRecordTooBig);
    gen = rec.generation;
    void_time = rec.void_time;
    lock.put(std::move(rec));
    if (resp.n_bins()) resp.finish(kResultOk, gen, void_time);
    else resp.finish_bare(kResultOk, gen, void_time);
}

}  // namespace aero::server
