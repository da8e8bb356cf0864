// The GeoJSON particle: what a write of particle type 23 stores and what a read sends back, byte
// for byte as a real Aerospike CE 8.1.2 server answered the same writes.
#include <gtest/gtest.h>

#include <string>
#include <string_view>

#include "core/proto/particle.h"
#include "core/server/bin_value.h"
#include "core/server/geo/geo.h"

namespace aero::server::geo {
namespace {

using namespace std::literals;

std::string hex(std::string_view s) {
    static const char* digits = "0123456789abcdef";
    std::string out;
    for (unsigned char c : s) {
        out.push_back(digits[c >> 4]);
        out.push_back(digits[c & 15]);
    }
    return out;
}

// Writes `particle` as a client would and returns the server's result code; `stored` gets the
// bin's bytes (what a read sends back).
int write(std::string_view particle, std::string& stored) {
    Bin b;
    int rc = write_bin_value(b, proto::kParticleGeoJson, reinterpret_cast<const uint8_t*>(particle.data()), particle.size());
    if (rc == 0) {
        EXPECT_EQ(b.type, proto::kParticleGeoJson);
    }
    stored = b.value;
    return rc;
}

// The header (flags, cell count, cells) the server puts before `json`, in hex.
std::string header_of(std::string_view json) {
    std::string stored;
    EXPECT_EQ(write("\0\0\0"s + std::string(json), stored), 0) << json;
    EXPECT_EQ(particle_json(stored), json);
    return hex(stored.substr(0, stored.size() - json.size()));
}

TEST(GeoParticle, StoresThePointsLeafCell) {
    EXPECT_EQ(header_of(R"({"type":"Point","coordinates":[1,2]})"), "00000110036e17ca9fb709");
    // The text is kept as written, spaces and all.
    EXPECT_EQ(header_of(R"({"type" : "Point" , "coordinates" : [ -122.5 , 37.25 ] })"), "000001808f04fd86fc7d8d");
}

TEST(GeoParticle, StoresTheRegionsCovering) {
    EXPECT_EQ(header_of(R"({"type":"Polygon","coordinates":[[[0,0],[1,0],[1,1],[0,1],[0,0]]]})"),
              "010009"
              "05555555555555550ffe4000000000000fffd000000000000ffff00000000000"
              "10010000000000001aaa0c00000000001aaa7000000000001aaa900000000000"
              "1aaab00000000000");
    EXPECT_EQ(header_of(R"({"type":"AeroCircle","coordinates":[[-122.0,37.0],1000]})"),
              "01000c"
              "808e3f89c0000000808e3f8b00000000808e3ff500000000808e3ff640000000"
              "808e400c00000000808e4011fffffc00808e401300000000808e406500000000"
              "808e406c00000000808e407400000000808e4079c0000000808e407b00000000");
    // An empty region is a region with no cells.
    EXPECT_EQ(header_of(R"({"type":"Polygon","coordinates":[]})"), "010000");
    EXPECT_EQ(header_of(R"({"type":"AeroCircle","coordinates":[[0,0],-5]})"), "010000");
}

TEST(GeoParticle, IgnoresTheClientsFlagsAndCells) {
    std::string json = R"({"type":"Point","coordinates":[1,2]})";
    std::string stored;
    ASSERT_EQ(write("\xff\x00\x02"s + std::string(16, '\x11') + json, stored), 0);
    EXPECT_EQ(hex(stored), "00000110036e17ca9fb709" + hex(json));
    ASSERT_EQ(write("\x01\x00\x00"s + json, stored), 0);
    EXPECT_EQ(hex(stored), "00000110036e17ca9fb709" + hex(json));
}

TEST(GeoParticle, RefusesInvalidGeoJsonWith160) {
    std::string stored;
    for (std::string_view bad : {
             ""sv, "\0"sv, "\0\0"sv, "\0\0\0"sv,
             "\0\0\x01{\"type\":\"Point\",\"coordinates\":[1,2]}"sv,  // the cell count eats the text
             "\0\0\0{\"type\":\"Point\",\"coordinates\":[1,2]}\0"sv,
             "\0\0\0{\"type\":\"Point\",\"coordinates\":[1,2],\"x\":\"\xff\"}"sv,  // not UTF-8
             "\0\0\0\xef\xbb\xbf{\"type\":\"Point\",\"coordinates\":[1,2]}"sv,      // a byte order mark
             "\0\0\0{\"type\":\"LineString\",\"coordinates\":[[1,2],[3,4]]}"sv,
         }) {
        EXPECT_EQ(write(bad, stored), 160) << hex(bad);
    }
}

TEST(GeoParticle, RefusesRegionsTheCovererCannotBound) {
    // Valid GeoJSON that S2 needs more than 12 cells at level 1 and up for: the server refuses
    // the write, though the same value works as an expression literal.
    for (std::string_view big : {
             R"({"type":"AeroCircle","coordinates":[[0,0],19000000]})",
             R"({"type":"AeroCircle","coordinates":[[0,0],30000000]})",
             R"({"type":"Polygon","coordinates":[[[0,0],[90,0],[180,0],[-90,0],[0,0]]]})",
             R"({"type":"Polygon","coordinates":[[[0,0],[10,10],[10,0],[0,10],[0,0]]]})",  // a bow tie
             R"({"type":"Polygon","coordinates":[[[90,90],[-10,0],[-90,-90],[90,90],[0,0],[90,90]]]})",
         }) {
        std::string stored;
        EXPECT_EQ(write("\0\0\0"s + std::string(big), stored), 160) << big;
        Shape s;
        EXPECT_TRUE(parse(big, s)) << big;
    }
}

TEST(GeoParticle, JsonOfAParticle) {
    EXPECT_EQ(particle_json("\x01\x00\x01" "12345678" "{}"sv), "{}");
    EXPECT_EQ(particle_json("\x00\x00\x00" "{}"sv), "{}");
    EXPECT_EQ(particle_json("\x00\x00\x01" "1234"sv), "");
    EXPECT_EQ(particle_json("\x00\x00"sv), "");
}

TEST(GeoParticle, MakeParticleAgreesWithTheWritePath) {
    std::string json = R"({"type":"Feature","geometry":{"type":"Point","coordinates":[1,2]}})";
    std::string made, stored;
    ASSERT_TRUE(make_particle(json, made));
    ASSERT_EQ(write("\0\0\0"s + json, stored), 0);
    EXPECT_EQ(made, stored);
    EXPECT_FALSE(make_particle("{}", made));
}

}  // namespace
}  // namespace aero::server::geo
