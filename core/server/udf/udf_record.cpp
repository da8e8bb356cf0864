#include "core/server/udf/udf_record.h"

#include "core/proto/particle.h"
#include "core/server/bin_value.h"

namespace aero::server::udf {

namespace {

// The real server's limits on one UDF's bins (UDF_RECORD_BIN_ULIMIT, UDF_UPDATE_LIMIT).
constexpr size_t kMaxUdfBins = 512;
constexpr size_t kMaxUdfUpdates = 512 * 4;

}  // namespace

UdfRecord::UdfRecord(const RwContext& ctx, const Record* existing, uint32_t record_ttl)
    : ctx_(ctx), open_(existing != nullptr), record_ttl_(record_ttl) {
    if (existing) rec_ = *existing;
}

UdfRecord::Pending* UdfRecord::find(const std::string& name) {
    for (Pending& p : pending_)
        if (p.name == name) return &p;
    return nullptr;
}

void UdfRecord::cache(const std::string& name, lua::Value v, bool dirty) {
    if (too_many_bins_) return;
    if (Pending* p = find(name)) {
        p->value = std::move(v);
        p->dirty = dirty;
        return;
    }
    size_t inserts = 0;
    for (const Pending& p : pending_) inserts += p.value.type != lua::Value::kNil;
    if (pending_.size() >= kMaxUdfUpdates || (v.type != lua::Value::kNil && inserts >= kMaxUdfBins)) {
        too_many_bins_ = true;
        return;
    }
    pending_.push_back(Pending{name, std::move(v), dirty});
}

lua::Value UdfRecord::get(const std::string& name) {
    if (!bin_name_ok(name)) return {};
    if (Pending* p = find(name)) return p->value;
    if (!open_) return {};
    const Bin* b = rec_.find_bin(name);
    lua::Value v;
    if (!b || !lua::from_particle(b->type, reinterpret_cast<const uint8_t*>(b->value.data()), b->value.size(), v))
        return {};
    cache(name, v, false);
    return v;
}

void UdfRecord::set(const std::string& name, lua::Value v) {
    if (bin_name_ok(name)) cache(name, std::move(v), true);
}

void UdfRecord::fail(uint8_t rc) {
    result_code_ = rc;
    has_updates_ = false;
    rec_.bins = old_bins_;
    pending_.clear();
    too_many_bins_ = false;
}

int UdfRecord::execute() {
    if (!has_updates_) old_bins_ = rec_.bins;
    if (too_many_bins_) {
        fail(kResultBinName);
        return -1;
    }
    for (size_t i = 0; i < pending_.size(); i++) {
        Pending& p = pending_[i];
        if (!p.dirty) continue;
        if (p.value.type == lua::Value::kNil) {
            rec_.remove_bin(p.name);
            pending_.erase(pending_.begin() + long(i--));
            continue;
        }
        uint8_t particle = 0;
        std::string bytes;
        lua::to_particle(p.value, particle, bytes);
        if (!rec_.find_bin(p.name) && rec_.bins.size() >= kMaxUdfBins) {
            fail(kResultBinName);
            return -1;
        }
        Bin b;
        b.name = p.name;
        if (int rc = write_bin_value(b, particle, reinterpret_cast<const uint8_t*>(bytes.data()), bytes.size())) {
            fail(rc == kResultParameter ? uint8_t(kResultIncompatibleType) : uint8_t(rc));
            return -1;
        }
        Bin& target = rec_.bin_for_write(p.name);
        target.type = b.type;
        target.value = std::move(b.value);
    }
    result_code_ = 0;
    has_updates_ = true;
    for (Pending& p : pending_) p.dirty = false;
    return 0;
}

int UdfRecord::create() {
    if (open_) {
        if (!rec_.bins.empty()) return 1;
        return execute();
    }
    // A new record takes the request's set and key, as the real server's create does.
    auto set_id = ctx_.ns.set_id(ctx_.req.set, true);
    if (!set_id) return 4;
    const auto& k = ctx_.req.key;
    if (ctx_.req.has_key && (k.empty() || (uint8_t(k[0]) == proto::kParticleInteger && k.size() != 9))) return 4;
    Record fresh;
    fresh.set_id = *set_id;
    if (ctx_.req.has_key) fresh.key = k;
    Record before = std::move(rec_);
    rec_ = std::move(fresh);
    if (execute() != 0) {
        rec_ = std::move(before);
        return -1;
    }
    open_ = true;
    created_ = true;
    return 0;
}

int UdfRecord::update() {
    if (!open_) return -2;
    return execute();
}

int UdfRecord::remove() {
    if (!open_) return 1;
    pending_.clear();
    too_many_bins_ = false;
    for (const Bin& b : rec_.bins) cache(b.name, lua::Value(), true);
    return execute();
}

void UdfRecord::drop_key() {
    if (!open_) return;
    rec_.key.clear();
    key_dropped_ = true;
}

}  // namespace aero::server::udf
