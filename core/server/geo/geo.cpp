#include "core/server/geo/geo.h"

#include <jansson.h>
#include <s2/s1angle.h>
#include <s2/s2cap.h>
#include <s2/s2cell_id.h>
#include <s2/s2debug.h>
#include <s2/s2latlng.h>
#include <s2/s2loop.h>
#include <s2/s2polygon.h>
#include <s2/s2region_coverer.h>
#include <s2/s2region_union.h>

#include <algorithm>
#include <utility>

#include "core/proto/bytes.h"

namespace aero::server::geo {

struct Region {
    std::unique_ptr<S2Region> s2;
};

namespace {

// Region flag of the particle's first byte (GEOJSON_ISREGION).
constexpr uint8_t kFlagRegion = 0x1;
constexpr size_t kParticleHeader = 3;

struct JsonFree {
    void operator()(json_t* j) const { json_decref(j); }
};
using Json = std::unique_ptr<json_t, JsonFree>;

// The server accepts JSON integers and reals alike wherever it wants a number.
bool number(const json_t* v, double& out) {
    if (json_is_real(v)) out = json_real_value(v);
    else if (json_is_integer(v)) out = double(json_integer_value(v));
    else return false;
    return true;
}

// [lng, lat] in degrees, latitude within ±90 and longitude within ±180.
bool point(const json_t* coord, S2Point& out) {
    if (!json_is_array(coord) || json_array_size(coord) != 2) return false;
    double lng, lat;
    if (!number(json_array_get(coord, 0), lng) || !number(json_array_get(coord, 1), lat)) return false;
    S2LatLng ll = S2LatLng::FromDegrees(lat, lng);
    if (!ll.is_valid()) return false;
    out = ll.ToPoint();
    return true;
}

// A closed ring of at least 4 positions once repeated neighbours are dropped. The server does not
// check the loop's validity (a self-intersecting ring is accepted) and normalizes it to enclose
// at most half the sphere, so the winding order does not matter.
//
// Debian builds libs2 without NDEBUG, so s2debug validity checks and S2_DCHECKs abort the process
// where the server's release build of the same S2 goes on. Validity checks are disabled per
// object, and Normalize() is spelt out without its closing DCHECK, which a degenerate loop (one
// through both poles, say) fails.
// Exact equality of two points. S2's own == and != are ambiguous to clang in C++20.
bool same(const S2Point& a, const S2Point& b) { return a.x() == b.x() && a.y() == b.y() && a.z() == b.z(); }

std::unique_ptr<S2Loop> loop(const json_t* ring) {
    if (!json_is_array(ring)) return nullptr;
    std::vector<S2Point> points;
    for (size_t i = 0; i < json_array_size(ring); ++i) {
        S2Point p;
        if (!point(json_array_get(ring, i), p)) return nullptr;
        if (points.empty() || !same(points.back(), p)) points.push_back(p);
    }
    if (points.size() < 4 || !same(points.front(), points.back())) return nullptr;
    points.pop_back();
    auto l = std::make_unique<S2Loop>(points, S2Debug::DISABLE);
    if (!l->IsNormalized()) l->Invert();
    return l;
}

// A polygon's rings; S2 works out which loops are holes of which from their nesting.
std::unique_ptr<S2Polygon> polygon(const json_t* rings) {
    if (!json_is_array(rings)) return nullptr;
    std::vector<std::unique_ptr<S2Loop>> loops;
    for (size_t i = 0; i < json_array_size(rings); ++i) {
        auto l = loop(json_array_get(rings, i));
        if (!l) return nullptr;
        loops.push_back(std::move(l));
    }
    return std::make_unique<S2Polygon>(std::move(loops), S2Debug::DISABLE);
}

std::unique_ptr<S2Region> multipolygon(const json_t* polygons) {
    if (!json_is_array(polygons)) return nullptr;
    auto u = std::make_unique<S2RegionUnion>();
    for (size_t i = 0; i < json_array_size(polygons); ++i) {
        auto p = polygon(json_array_get(polygons, i));
        if (!p) return nullptr;
        u->Add(std::move(p));
    }
    return u;
}

// AeroCircle: [[lng, lat], radius in metres]. A negative radius is an empty cap and a radius
// past half the circumference the whole sphere, as S2Cap makes them.
std::unique_ptr<S2Region> circle(const json_t* coord) {
    if (!json_is_array(coord) || json_array_size(coord) != 2) return nullptr;
    S2Point center;
    double radius;
    if (!point(json_array_get(coord, 0), center) || !number(json_array_get(coord, 1), radius)) return nullptr;
    return std::make_unique<S2Cap>(center, S1Angle::Radians(radius / kEarthRadiusMeters));
}

// One geometry object; `feature` allows a Feature wrapping one (only at the top level).
bool geometry(const json_t* obj, bool feature, Shape& out) {
    if (!json_is_object(obj)) return false;
    const json_t* type = json_object_get(obj, "type");
    if (!json_is_string(type)) return false;
    std::string_view t(json_string_value(type), json_string_length(type));
    if (feature && t == "Feature") return geometry(json_object_get(obj, "geometry"), false, out);
    const json_t* coord = json_object_get(obj, "coordinates");
    if (t == "Point") {
        S2Point p;
        if (!point(coord, p)) return false;
        out.cell = S2CellId(p).id();
        return true;
    }
    std::unique_ptr<S2Region> r;
    if (t == "Polygon") r = polygon(coord);
    else if (t == "MultiPolygon") r = multipolygon(coord);
    else if (t == "AeroCircle") r = circle(coord);
    if (!r) return false;
    out.region = std::make_shared<const Region>(Region{std::move(r)});
    return true;
}

}  // namespace

bool parse(std::string_view json, Shape& out) {
    out = Shape{};
    json_error_t err;
    Json root(json_loadb(json.data(), json.size(), 0, &err));
    return root && geometry(root.get(), true, out);
}

bool contains(const Shape& region, uint64_t cell) {
    return region.is_region() && region.region->s2->Contains(S2CellId(cell).ToPoint());
}

bool matches(const Shape& left, const Shape& right) {
    // exp.c passes the left value as the candidate and the right as the query of
    // as_geojson_match(): a query point wants regions, a query region wants points.
    if (right.is_point()) return left.is_region() && contains(left, right.cell);
    if (right.is_region()) return left.is_point() && contains(right, left.cell);
    return false;
}

bool cover(const Shape& region, const CoverOptions& options, std::vector<uint64_t>& cells) {
    cells.clear();
    if (!region.is_region()) return false;
    S2RegionCoverer::Options o;
    o.set_min_level(options.min_level);
    o.set_max_level(options.max_level);
    o.set_max_cells(options.max_cells);
    o.set_level_mod(options.level_mod);
    S2RegionCoverer coverer(o);
    std::vector<S2CellId> covering;
    coverer.GetCovering(*region.region->s2, &covering);
    // A region touching all six faces may take six cells whatever max_cells says; past that, a
    // covering over max_cells (min_level forcing splits) is what the server refuses.
    if (covering.size() > std::max<size_t>(6, size_t(options.max_cells))) return false;
    for (S2CellId c : covering) cells.push_back(c.id());
    return true;
}

CellRange cell_range(uint64_t cell) {
    S2CellId c(cell);
    return {c.range_min().id(), c.range_max().id()};
}

std::vector<uint64_t> point_centers(uint64_t cell) {
    std::vector<uint64_t> out;
    for (S2CellId c(cell); c.level() > 0; c = c.parent()) out.push_back(c.id());
    return out;
}

bool make_particle(std::string_view json, std::string& out) {
    Shape s;
    std::vector<uint64_t> cells;
    if (!parse(json, s)) return false;
    if (s.is_point()) cells.push_back(s.cell);
    else if (!cover(s, kStoredCover, cells)) return false;
    out.clear();
    out.reserve(kParticleHeader + cells.size() * 8 + json.size());
    out.push_back(char(s.is_region() ? kFlagRegion : 0));
    uint8_t b[8];
    proto::store_u16(b, uint16_t(cells.size()));
    out.append(reinterpret_cast<const char*>(b), 2);
    for (uint64_t c : cells) {
        proto::store_u64(b, c);
        out.append(reinterpret_cast<const char*>(b), 8);
    }
    out.append(json);
    return true;
}

std::string_view particle_json(std::string_view particle) {
    if (particle.size() < kParticleHeader) return {};
    size_t skip = kParticleHeader + size_t(proto::load_u16(reinterpret_cast<const uint8_t*>(particle.data()) + 1)) * 8;
    return skip > particle.size() ? std::string_view{} : particle.substr(skip);
}

}  // namespace aero::server::geo
