#include "core/server/index/index_keys.h"

#include <algorithm>

#include "core/proto/particle.h"
#include "core/server/cdt/context.h"
#include "core/server/cdt/value.h"
#include "core/server/geo/geo.h"
#include "core/server/index/wyhash.h"

namespace aero::server::index {

namespace {

using cdt::Type;
using cdt::Value;

// MAX_STRING_KSIZE / MAX_BLOB_KSIZE: longer bin values are not indexed.
constexpr size_t kMaxKeySize = 2048;

// The GeoJSON value's cells: a point's leaf cell, or the stored covering of a region.
void geo_keys(std::string_view json, std::vector<int64_t>& out) {
    geo::Shape shape;
    if (!geo::parse(json, shape)) return;
    if (shape.is_point()) return out.push_back(int64_t(shape.cell));
    std::vector<uint64_t> cells;
    if (!geo::cover(shape, geo::kStoredCover, cells)) return;
    for (uint64_t c : cells) out.push_back(int64_t(c));
}

// The keys one value gives an index of key type ktype (nothing for other types).
void value_keys(uint8_t ktype, const Value& v, bool from_bin, std::vector<int64_t>& out) {
    std::string_view body = v.raw.empty() ? std::string_view() : std::string_view(v.raw).substr(1);
    switch (ktype) {
    case proto::kParticleInteger:
        if (v.type == Type::kInt) out.push_back(v.i);
        break;
    case proto::kParticleString:
        if (v.type == Type::kString && !(from_bin && body.size() > kMaxKeySize))
            out.push_back(int64_t(wyhash64(body.data(), body.size())));
        break;
    case proto::kParticleBlob:
        if (v.type == Type::kBytes && uint8_t(v.raw[0]) == proto::kParticleBlob && !(from_bin && body.size() > kMaxKeySize))
            out.push_back(int64_t(wyhash64(body.data(), body.size())));
        break;
    case proto::kParticleGeoJson:
        if (v.type == Type::kGeoJson) geo_keys(body, out);
        break;
    default: break;
    }
}

// The value the index reads: the bin, or the element its context leads to; null when none.
const Value* indexed_value(const IndexDef& def, const Record& r, Value& root) {
    const Bin* b = r.find_bin(def.bin);
    if (!b) return nullptr;
    const auto* p = reinterpret_cast<const uint8_t*>(b->value.data());
    if (def.ctx.empty()) return cdt::from_particle(b->type, p, b->value.size(), root) ? &root : nullptr;
    if (b->type != proto::kParticleList && b->type != proto::kParticleMap) return nullptr;
    Value steps;
    if (!cdt::from_particle(b->type, p, b->value.size(), root) ||
        !cdt::decode(reinterpret_cast<const uint8_t*>(def.ctx.data()), def.ctx.size(), steps) || !steps.is_list())
        return nullptr;
    cdt::ContextPath path;
    if (path.dig(root, false, false, steps.items) != 0) return nullptr;
    return path.target();
}

}  // namespace

bool any_value(const IndexDef& def, const Record& r, const std::function<bool(const Value&)>& fn) {
    Value root;
    const Value* v = indexed_value(def, r, root);
    if (!v) return false;
    switch (def.itype) {
    case kDefault: return fn(*v);
    case kList:
        if (v->type == Type::kList)
            for (const Value& e : v->items)
                if (fn(e)) return true;
        return false;
    default:
        if (v->type == Type::kMap)
            for (const cdt::MapEntry& e : v->pairs)
                if (fn(def.itype == kMapKeys ? e.first : e.second)) return true;
        return false;
    }
}

std::vector<int64_t> keys_of(const IndexDef& def, const Record& r) {
    std::vector<int64_t> keys;
    // Bins (and a context's target) hold the size limits; collection elements do not.
    bool scalar = def.itype == kDefault;
    any_value(def, r, [&](const Value& v) {
        value_keys(def.ktype, v, scalar && def.ctx.empty(), keys);
        return false;
    });
    std::sort(keys.begin(), keys.end());
    keys.erase(std::unique(keys.begin(), keys.end()), keys.end());
    return keys;
}

}  // namespace aero::server::index
