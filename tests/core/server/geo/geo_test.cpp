// GeoJSON parsing and the GEO compare (core/server/geo): what the real Aerospike CE 8.1.2 server
// accepts, and its answers to CmpGeo filters on the same values.
#include <gtest/gtest.h>

#include <string>
#include <string_view>

#include "core/server/geo/geo.h"

namespace aero::server::geo {
namespace {

Shape shape(std::string_view json) {
    Shape s;
    EXPECT_TRUE(parse(json, s)) << json;
    return s;
}

bool parses(std::string_view json) {
    Shape s;
    return parse(json, s);
}

std::string pt(double lng, double lat) {
    return "{\"type\":\"Point\",\"coordinates\":[" + std::to_string(lng) + "," + std::to_string(lat) + "]}";
}

// The unit square (0,0)-(10,10) with the hole (4,4)-(6,6).
constexpr std::string_view kSquareWithHole =
    R"({"type":"Polygon","coordinates":[[[0,0],[10,0],[10,10],[0,10],[0,0]],)"
    R"([[4,4],[6,4],[6,6],[4,6],[4,4]]]})";

// A point matches a region that contains it, whichever side of the compare it is on.
void expect_within(std::string_view point, std::string_view region, bool within) {
    Shape p = shape(point), r = shape(region);
    EXPECT_EQ(matches(p, r), within) << point << " in " << region;
    EXPECT_EQ(matches(r, p), within) << region << " contains " << point;
}

TEST(Geo, ParsesPointsAsLeafCells) {
    Shape p = shape(R"({"type":"Point","coordinates":[-122.5,37.25]})");
    EXPECT_TRUE(p.is_point());
    EXPECT_FALSE(p.is_region());
    EXPECT_EQ(p.cell & 1, 1u);  // a leaf (level 30) cell id ends in the bit 1
    // Integers are numbers too, and the same place gives the same cell.
    EXPECT_EQ(shape(R"({"type":"Point","coordinates":[10,20]})").cell,
              shape(R"({"type":"Point","coordinates":[10.0,20.0]})").cell);
    // Extra members are ignored, and a Feature wraps a geometry.
    EXPECT_EQ(shape(R"({"coordinates":[10,20],"type":"Point","bbox":[1]})").cell,
              shape(R"({"type":"Feature","properties":{},"geometry":{"type":"Point","coordinates":[10,20]}})").cell);
    // The poles and the antimeridian are valid coordinates.
    EXPECT_TRUE(parses(pt(180, 90)));
    EXPECT_TRUE(parses(pt(-180, -90)));
}

TEST(Geo, ParsesRegions) {
    EXPECT_TRUE(shape(R"({"type":"Polygon","coordinates":[[[0,0],[1,0],[1,1],[0,0]]]})").is_region());
    EXPECT_TRUE(shape(kSquareWithHole).is_region());
    EXPECT_TRUE(shape(R"({"type":"MultiPolygon","coordinates":[[[[0,0],[1,0],[1,1],[0,0]]],)"
                      R"([[[5,5],[6,5],[6,6],[5,5]]]]})").is_region());
    EXPECT_TRUE(shape(R"({"type":"AeroCircle","coordinates":[[-122.0,37.5],1000]})").is_region());
    EXPECT_TRUE(shape(R"({"type":"Feature","geometry":{"type":"AeroCircle","coordinates":[[0,0],1.5]}})").is_region());
    // Repeated neighbours are dropped before the ring is checked.
    EXPECT_TRUE(parses(R"({"type":"Polygon","coordinates":[[[0,0],[0,0],[1,0],[1,1],[1,1],[0,0]]]})"));
    // Neither validity nor emptiness is checked: a bow tie, no rings, no polygons, a negative radius.
    EXPECT_TRUE(parses(R"({"type":"Polygon","coordinates":[[[0,0],[1,1],[1,0],[0,1],[0,0]]]})"));
    EXPECT_TRUE(parses(R"({"type":"Polygon","coordinates":[]})"));
    EXPECT_TRUE(parses(R"({"type":"MultiPolygon","coordinates":[]})"));
    EXPECT_TRUE(parses(R"({"type":"AeroCircle","coordinates":[[0,0],-5]})"));
}

TEST(Geo, RefusesWhatTheServerRefuses) {
    for (std::string_view bad : {
             "", "not json", "{", "[]", "\"Point\"", "{}",
             R"({"type":"Point","coordinates":[1,2]} x)",   // trailing text
             R"({"type":7,"coordinates":[1,2]})",
             R"({"type":"point","coordinates":[1,2]})",     // type names are case-sensitive
             R"({"type":"LineString","coordinates":[[1,2],[3,4]]})",
             R"({"type":"MultiPoint","coordinates":[[1,2]]})",
             R"({"type":"GeometryCollection","geometries":[]})",
             R"({"type":"Feature"})",
             R"({"type":"Feature","geometry":{"type":"Feature","geometry":{"type":"Point","coordinates":[1,2]}}})",
             R"({"type":"Point"})",
             R"({"type":"Point","coordinates":[1]})",
             R"({"type":"Point","coordinates":[1,2,3]})",
             R"({"type":"Point","coordinates":["1","2"]})",
             R"({"type":"Point","coordinates":[1,null]})",
             R"({"type":"Point","coordinates":{"lng":1,"lat":2}})",
             R"({"type":"Point","coordinates":[181,0]})",
             R"({"type":"Point","coordinates":[0,90.000001]})",
             R"({"type":"Point","coordinates":[1e999,0]})",
             R"({"type":"Polygon","coordinates":[[[0,0],[1,0],[1,1],[0,1]]]})",         // not closed
             R"({"type":"Polygon","coordinates":[[[0,0],[1,0],[0,0]]]})",               // under 4 positions
             R"({"type":"Polygon","coordinates":[[[0,0],[1,0],[1,0],[1,0],[0,0]]]})",   // 3 once deduplicated
             R"({"type":"Polygon","coordinates":[[[0,0],[1,0],[1,1],[0,0]],[[0,0],[200,0],[1,1],[0,0]]]})",
             R"({"type":"Polygon","coordinates":[[0,0],[1,0],[1,1],[0,0]]})",           // a ring, not rings
             R"({"type":"MultiPolygon","coordinates":[[[0,0],[1,0],[1,1],[0,0]]]})",    // a polygon, not polygons
             R"({"type":"AeroCircle","coordinates":[[0,0]]})",
             R"({"type":"AeroCircle","coordinates":[[0,0],"5"]})",
             R"({"type":"AeroCircle","coordinates":[[0,95],5]})",
             R"({"type":"AeroCircle","coordinates":[[0,0],5,6]})",
         }) {
        EXPECT_FALSE(parses(bad)) << bad;
    }
}

TEST(Geo, PointInPolygon) {
    std::string_view triangle = R"({"type":"Polygon","coordinates":[[[0,0],[10,0],[0,10],[0,0]]]})";
    expect_within(pt(2, 2), triangle, true);
    expect_within(pt(6, 6), triangle, false);
    expect_within(pt(-1, 1), triangle, false);
    // The winding order does not matter: every loop encloses at most half the sphere.
    std::string_view clockwise = R"({"type":"Polygon","coordinates":[[[0,0],[0,10],[10,0],[0,0]]]})";
    expect_within(pt(2, 2), clockwise, true);
    expect_within(pt(-100, -40), clockwise, false);
}

TEST(Geo, PolygonWithHole) {
    expect_within(pt(2, 2), kSquareWithHole, true);
    expect_within(pt(5, 5), kSquareWithHole, false);
    expect_within(pt(8, 5), kSquareWithHole, true);
    expect_within(pt(11, 5), kSquareWithHole, false);
    // The hole may come first: S2 nests the loops by containment.
    expect_within(pt(5, 5), R"({"type":"Polygon","coordinates":[[[4,4],[6,4],[6,6],[4,6],[4,4]],)"
                            R"([[0,0],[10,0],[10,10],[0,10],[0,0]]]})", false);
}

TEST(Geo, MultiPolygon) {
    std::string_view two = R"({"type":"MultiPolygon","coordinates":[[[[0,0],[2,0],[2,2],[0,2],[0,0]]],)"
                           R"([[[10,10],[12,10],[12,12],[10,12],[10,10]]]]})";
    expect_within(pt(1, 1), two, true);
    expect_within(pt(11, 11), two, true);
    expect_within(pt(5, 5), two, false);
}

TEST(Geo, Circle) {
    // 1 km around a point: 0.005 degrees of latitude is about 556 m, 0.01 about 1112 m.
    std::string_view km = R"({"type":"AeroCircle","coordinates":[[-122.0,37.0],1000]})";
    expect_within(pt(-122.0, 37.005), km, true);
    expect_within(pt(-122.0, 37.01), km, false);
    // A radius of half the earth's circumference or more is the whole sphere.
    std::string_view huge = R"({"type":"AeroCircle","coordinates":[[0,0],30000000]})";
    expect_within(pt(180, 0), huge, true);
    expect_within(pt(0, -90), huge, true);
    // A negative radius is empty: not even the centre is in it.
    expect_within(pt(0, 0), R"({"type":"AeroCircle","coordinates":[[0,0],-1]})", false);
}

TEST(Geo, PolygonAcrossTheAntimeridian) {
    std::string_view band = R"({"type":"Polygon","coordinates":[[[170,-10],[-170,-10],[-170,10],[170,10],[170,-10]]]})";
    expect_within(pt(180, 0), band, true);
    expect_within(pt(-175, 5), band, true);
    expect_within(pt(175, -5), band, true);
    expect_within(pt(0, 0), band, false);
    expect_within(pt(160, 0), band, false);
}

// Points on vertices and edges: S2's boundary rules applied to the centre of the point's leaf
// cell, as the real server answered the same CmpGeo filters.
TEST(Geo, BoundariesAnswerAsTheServer) {
    std::string_view square = R"({"type":"Polygon","coordinates":[[[0,0],[10,0],[10,10],[0,10],[0,0]]]})";
    expect_within(pt(0, 0), square, true);
    expect_within(pt(10, 0), square, false);
    expect_within(pt(10, 10), square, false);
    expect_within(pt(0, 10), square, false);
    expect_within(pt(5, 0), square, true);
    expect_within(pt(0, 5), square, true);
    expect_within(pt(10, 5), square, false);
    expect_within(pt(5, 10), square, true);  // edges are great circles: the top one bulges north
    expect_within(R"({"type":"Point","coordinates":[1e-9,5]})", square, true);
    expect_within(R"({"type":"Point","coordinates":[-1e-9,5]})", square, false);
    expect_within(R"({"type":"Point","coordinates":[9.9999999,5]})", square, true);
    expect_within(R"({"type":"Point","coordinates":[10.0000001,5]})", square, false);
    // The hole's vertices belong to the polygon, a point on its edge does not.
    expect_within(pt(4, 4), kSquareWithHole, true);
    expect_within(pt(6, 6), kSquareWithHole, true);
    expect_within(pt(4, 5), kSquareWithHole, false);
    // 1000 m north of the centre of a 1000 m circle is about 0.008993 degrees.
    std::string_view km = R"({"type":"AeroCircle","coordinates":[[-122,37],1000]})";
    expect_within(R"({"type":"Point","coordinates":[-122,37.0089]})", km, true);
    expect_within(R"({"type":"Point","coordinates":[-122,37.009]})", km, false);
    // A zero radius holds only its exact centre, which no leaf cell's centre is.
    expect_within(pt(0, 0), R"({"type":"AeroCircle","coordinates":[[0,0],0]})", false);
    std::string_view dateline = R"({"type":"AeroCircle","coordinates":[[180,0],500000]})";
    expect_within(pt(-180, 0), dateline, true);
    expect_within(pt(179.999, 0), dateline, true);
    expect_within(pt(-179.999, 0), dateline, true);
    expect_within(pt(175, -5), dateline, false);
    expect_within(pt(0, 90), R"({"type":"AeroCircle","coordinates":[[0,90],1000000]})", true);
    std::string_view south = R"({"type":"Polygon","coordinates":[[[0,-80],[120,-80],[-120,-80],[0,-80]]]})";
    expect_within(pt(0, -90), south, true);
    expect_within(pt(60, -85), south, true);
    expect_within(pt(0, -80), south, false);
}

// A ring through both poles is degenerate; Debian's libs2 (built with DCHECKs) aborted on it in
// S2Loop::Normalize(). The server takes it for almost the whole sphere.
TEST(Geo, DegenerateLoopsAnswerAsTheServer) {
    std::string_view poles = R"({"type":"Polygon","coordinates":[[[90,90],[-10,0],[-90,-90],[90,90],[0,0],[90,90]]]})";
    expect_within(pt(0, 0), poles, true);
    expect_within(pt(45, 45), poles, true);
    expect_within(pt(180, 0), poles, true);
    expect_within(pt(0, -90), poles, true);
}

TEST(Geo, PointsAndRegionsDoNotMatchTheirOwnKind) {
    Shape p = shape(pt(1, 1));
    Shape circle = shape(R"({"type":"AeroCircle","coordinates":[[1,1],1000]})");
    Shape square = shape(R"({"type":"Polygon","coordinates":[[[0,0],[2,0],[2,2],[0,2],[0,0]]]})");
    EXPECT_FALSE(matches(p, p));
    EXPECT_FALSE(matches(circle, square));
    EXPECT_FALSE(matches(square, square));
    EXPECT_FALSE(matches(Shape{}, square));
    EXPECT_FALSE(matches(square, Shape{}));
}

TEST(Geo, EmptyRegionsContainNothing) {
    expect_within(pt(0, 0), R"({"type":"Polygon","coordinates":[]})", false);
    expect_within(pt(0, 0), R"({"type":"MultiPolygon","coordinates":[]})", false);
}

TEST(Geo, PointCentersRunFromTheLeafToLevelOne) {
    Shape p = shape(pt(10, 20));
    std::vector<uint64_t> centers = point_centers(p.cell);
    ASSERT_EQ(centers.size(), 30u);
    EXPECT_EQ(centers.front(), p.cell);
    for (uint64_t c : centers) {
        CellRange r = cell_range(c);
        EXPECT_LE(r.min, p.cell);
        EXPECT_GE(r.max, p.cell);
    }
}

TEST(Geo, CoveringsFollowTheOptions) {
    Shape circle = shape(R"({"type":"AeroCircle","coordinates":[[-122.0,37.0],100000]})");
    std::vector<uint64_t> cells;
    ASSERT_TRUE(cover(circle, kStoredCover, cells));
    EXPECT_GE(cells.size(), 1u);
    EXPECT_LE(cells.size(), 12u);
    // Coverings contain the region's points.
    uint64_t centre = shape(pt(-122.0, 37.0)).cell;
    bool covered = false;
    for (uint64_t c : cells) covered |= cell_range(c).min <= centre && centre <= cell_range(c).max;
    EXPECT_TRUE(covered);
    // A point has no covering.
    EXPECT_FALSE(cover(shape(pt(0, 0)), kStoredCover, cells));
}

}  // namespace
}  // namespace aero::server::geo
