// GeoJSON values as the real server reads them (as/src/geospatial/, particle_geojson.c): parsing
// into S2 geometry, the point-within-region test of the GEO compare expression and of geo
// queries, region coverings, and the stored GeoJSON particle. S2 stays out of this header.
#pragma once

#include <cstddef>
#include <cstdint>
#include <memory>
#include <string>
#include <string_view>
#include <vector>

namespace aero::server::geo {

// An S2 region (polygon, multipolygon or cap), defined in geo.cpp.
struct Region;

// A parsed GeoJSON value: a point (a leaf cell id, never 0) or a region, never both.
struct Shape {
    // The point's S2 leaf cell id; 0 for a region.
    uint64_t cell = 0;
    // The region; null for a point. Shared so that a compiled literal can be copied freely.
    std::shared_ptr<const Region> region;

    // Whether this is a point (a default Shape is neither a point nor a region).
    bool is_point() const { return cell != 0; }
    // Whether this is a region: Polygon, MultiPolygon or AeroCircle.
    bool is_region() const { return region != nullptr; }
};

// The mean earth radius the server turns an AeroCircle's metres into an angle with.
inline constexpr double kEarthRadiusMeters = 6371000;

// S2RegionCoverer options.
struct CoverOptions {
    int min_level;
    int max_level;
    int max_cells;
    int level_mod;
};
// What the server covers a stored region with (particles and geo index keys): the values it
// uses when it has no namespace at hand.
inline constexpr CoverOptions kStoredCover{1, 30, 12, 1};
// The namespace's geo2dsphere-within defaults, which cover the region of a points-within-region
// query.
inline constexpr CoverOptions kQueryCover{1, 20, 12, 1};

// Parses GeoJSON text as the real server does: a Point, Polygon (the first loop and its holes;
// nesting is worked out from the loops), MultiPolygon or AeroCircle ([[lng, lat], metres]),
// either bare or as the geometry of a Feature. False when it is not valid or supported GeoJSON.
bool parse(std::string_view json, Shape& out);

// The GEO compare of two parsed values, as exp.c computes it: a point matches a region that
// contains it, in either order; point against point and region against region never match.
bool matches(const Shape& left, const Shape& right);

// Whether `region` contains the centre of the leaf cell `cell` (geo_point_within); false when
// `region` is not a region.
bool contains(const Shape& region, uint64_t cell);

// The S2 covering of a region under `options`, cell ids in S2 order. False when the coverer
// needs more than max(6, max_cells) cells, which the server refuses (a region can need more than
// max_cells when min_level forces it to split, e.g. a circle over most of the globe).
bool cover(const Shape& region, const CoverOptions& options, std::vector<uint64_t>& cells);

// The range of leaf cell ids inside `cell`: what a points-within-region query scans per cell.
struct CellRange {
    uint64_t min;
    uint64_t max;
};
// The leaf cell id range of `cell` (S2CellId::range_min/range_max).
CellRange cell_range(uint64_t cell);

// A point's leaf cell and its ancestors up to level 1, leaf first (geo_point_centers): the index
// keys a regions-containing-point query looks up.
std::vector<uint64_t> point_centers(uint64_t cell);

// The GeoJSON particle as the server stores it and sends it back: u8 flags (1 for a region),
// u16 BE cell count, the cells as u64 BE (the point's cell, or the region's kStoredCover
// covering), then the JSON text unchanged. False when the text is not valid GeoJSON or the
// region cannot be covered (the server's AS_ERR_GEO_INVALID_GEOJSON).
bool make_particle(std::string_view json, std::string& out);

// The JSON text of a GeoJSON particle (stored, or as a client sends it), past its flags and
// cells; empty when the particle is too short for the cell count it declares.
std::string_view particle_json(std::string_view particle);

}  // namespace aero::server::geo
