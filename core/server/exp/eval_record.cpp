// The record ops: metadata (exp.c eval_meta_*), the stored key and bins. Also the entry points
// that evaluate a whole program.
#include <cstring>

#include "core/proto/particle.h"
#include "core/proto/ttl.h"
#include "core/server/bin_index.h"
#include "core/server/clock.h"
#include "core/server/exp/program.h"
#include "core/server/geo/geo.h"
#include "core/server/namespace.h"

namespace aero::server::exp {

namespace {

using namespace aero::proto;

// Bin types that are not live values: an empty bin a write has just created, and a bin index's
// removal marker.
constexpr uint8_t kRemovedBin = 0xFF;
bool is_live(const Bin& b) { return b.type != kParticleNull && b.type != kRemovedBin; }

// uintvar_size() of the server's flat records.
uint32_t uintvar_size(uint32_t v) {
    uint32_t n = 1;
    while (v >>= 7) n++;
    return n;
}

// The flat size of one bin's particle (the particle vtables' *_flat_size).
uint32_t particle_flat_size(const Bin& b) {
    switch (b.type) {
    case kParticleInteger: {
        uint64_t i = b.value.size() == 8 ? load_u64(reinterpret_cast<const uint8_t*>(b.value.data())) : 0;
        return 2 + (i > 0xFFFFFFFFu ? 8 : i > 0xFFFF ? 4 : i > 0xFF ? 2 : 1);
    }
    case kParticleFloat: return 9;
    case kParticleBool: return 2;
    default: return 5 + uint32_t(b.value.size());  // string, blobs, GeoJSON, HLL, list, map
    }
}

// The stored key as key(type) reads it: an integer (9 bytes with its type), a string or a
// blob; anything else, or a key of another type than asked, is unknown.
Val stored_key(const Record& r, Type want) {
    if (r.key.empty()) return Val::unknown();
    uint8_t t = uint8_t(r.key[0]);
    Val v;
    if (t == kParticleInteger) {
        if (r.key.size() != 9) return Val::unknown();
        v = Val::integer(int64_t(load_u64(reinterpret_cast<const uint8_t*>(r.key.data()) + 1)));
    } else if (t == kParticleString || t == kParticleBlob) {
        v.kind = t == kParticleString ? Val::kStr : Val::kBlob;
        v.data = std::string_view(r.key).substr(1);
    } else {
        return Val::unknown();
    }
    Type got = v.kind == Val::kInt ? Type::kInt : v.kind == Val::kStr ? Type::kStr : Type::kBlob;
    return got == want ? v : Val::unknown();
}

}  // namespace

// as_record_stored_size(): the record as the server's memory storage writes it (as_flat_record
// header, void time, set name, key, bin count, bins, end mark) in 16-byte blocks.
int64_t record_size(const RecordView& v) {
    constexpr uint32_t kFlatHeader = 35;
    constexpr uint32_t kEndMark = 4;
    constexpr uint32_t kBlock = 16;
    const Record& r = v.rec;
    uint32_t size = kFlatHeader;
    if (r.void_time != 0) size += 4;
    std::string_view set = v.ns.set_name(r.set_id);
    if (r.set_id != 0) size += 1 + uint32_t(set.size());
    if (!r.key.empty()) size += uintvar_size(uint32_t(r.key.size())) + uint32_t(r.key.size());
    uint32_t n_bins = 0;
    for (const Bin& b : r.bins) {
        if (!is_live(b)) continue;
        n_bins++;
        size += 1 + uint32_t(b.name.size()) + particle_flat_size(b);
    }
    if (n_bins != 0) size += uintvar_size(n_bins);
    size += kEndMark;
    return int64_t((size + kBlock - 1) / kBlock * kBlock);
}

// A bin's value (eval_bin() after its type check, rt_value_translate() for the others).
Val bin_value(const Bin& b) {
    Val v;
    v.bin = &b;
    const auto* p = reinterpret_cast<const uint8_t*>(b.value.data());
    switch (b.type) {
    case kParticleInteger: v.kind = Val::kInt; v.i = int64_t(load_u64(p)); break;
    case kParticleFloat: v.kind = Val::kFloat; v.d = bits_double(load_u64(p)); break;
    case kParticleBool: v.kind = Val::kBool; v.b = !b.value.empty() && p[0] != 0; break;
    case kParticleString: v.kind = Val::kStr; v.data = b.value; break;
    case kParticleBlob: v.kind = Val::kBlob; v.data = b.value; break;
    case kParticleHll: v.kind = Val::kHll; v.data = b.value; break;
    case kParticleList: v.kind = Val::kList; v.data = b.value; break;
    case kParticleMap: v.kind = Val::kMap; v.data = b.value; break;
    case kParticleGeoJson: v.kind = Val::kGeo; v.data = geo::particle_json(b.value); break;
    default: return Val::unknown();  // language blobs: no expression type reads them
    }
    return v;
}

const Bin* RecordView::find(std::string_view name) const {
    const Bin* b = bins ? bins->find(name) : rec.find_bin(name);
    return b && is_live(*b) ? b : nullptr;
}

Val eval_record_op(Runtime& rt, const Node& n) {
    const RecordView& v = rt.rec;
    const Record& r = v.rec;
    switch (n.op) {
    case kDigestModulo: {
        uint32_t word;
        std::memcpy(&word, v.digest.data() + 16, 4);  // host order, as the server reads it
        return Val::integer(int64_t(word) % n.num);
    }
    case kDeviceSize:
        // aero-server keeps records in memory only, where the server answers 0.
        return Val::integer(0);
    case kMemorySize:
    case kRecordSize:
        return Val::integer(record_size(v));
    case kLastUpdate:
        return Val::integer(int64_t(r.last_update_ms) * 1000000);
    case kSinceUpdate: {
        uint64_t now = now_unix_ms();
        return Val::integer(int64_t(now > r.last_update_ms ? now - r.last_update_ms : 0));
    }
    case kVoidTime:
        return Val::integer(r.void_time == 0 ? -1 : (int64_t(r.void_time) + kAerospikeEpochUnix) * 1000000000);
    case kTtl: {
        if (r.void_time == 0) return Val::integer(-1);
        uint32_t now = now_void_time_base();
        return Val::integer(r.void_time > now ? int64_t(r.void_time - now) : 1);
    }
    case kSetName: {
        Val s;
        s.kind = Val::kStr;
        if (r.set_id != 0) s.data = v.ns.set_name(r.set_id);
        return s;
    }
    case kKeyExists:
        return Val::boolean(!r.key.empty());
    case kIsTombstone:
        return Val::boolean(false);  // tombstones are an Enterprise feature
    case kKey:
        return stored_key(r, Type(n.num));
    case kBin: {
        const Bin* b = v.find(n.name);
        if (!b || b->type != particle_of(Type(n.num))) return Val::unknown();
        return bin_value(*b);
    }
    case kBinType: {
        const Bin* b = v.find(n.name);
        return Val::integer(b ? b->type : 0);
    }
    default:
        return Val::unknown();
    }
}

bool matches(const Program& filter, const RecordView& rec) {
    Runtime rt{rec, std::vector<Val>(filter.var_count())};
    Val v = eval(rt, filter.root());
    return v.kind == Val::kBool && v.b;
}

// as_exp_eval(): the result as a bin particle.
bool eval_to_bin(const Program& exp, const RecordView& rec, Bin& out) {
    Runtime rt{rec, std::vector<Val>(exp.var_count())};
    Val v = eval(rt, exp.root());
    out.value.clear();
    if (v.bin) {
        out.type = v.bin->type;
        out.value = v.bin->value;
        return true;
    }
    auto be64 = [&](uint64_t x) {
        out.value.resize(8);
        store_u64(reinterpret_cast<uint8_t*>(out.value.data()), x);
    };
    switch (v.kind) {
    case Val::kNil: out.type = kParticleNull; return true;
    case Val::kInt: out.type = kParticleInteger; be64(uint64_t(v.i)); return true;
    case Val::kFloat: out.type = kParticleFloat; be64(double_bits(v.d)); return true;
    case Val::kBool: out.type = kParticleBool; out.value.assign(1, char(v.b ? 1 : 0)); return true;
    case Val::kStr: out.type = kParticleString; out.value = v.data; return true;
    case Val::kBlob: out.type = kParticleBlob; out.value = v.data; return true;
    case Val::kHll: out.type = kParticleHll; out.value = v.data; return true;
    case Val::kList: out.type = kParticleList; out.value = v.data; return true;
    case Val::kMap: out.type = kParticleMap; out.value = v.data; return true;
    case Val::kGeo:
        // A computed GeoJSON value keeps its particle; a literal gets its cells here.
        out.type = kParticleGeoJson;
        if (v.owned) {
            out.value = *v.owned;
            return true;
        }
        return geo::make_particle(v.data, out.value);
    default:
        return false;  // unknown, a remove marker, a msgpack literal that is no collection
    }
}

}  // namespace aero::server::exp
