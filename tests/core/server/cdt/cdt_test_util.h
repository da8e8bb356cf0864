// Helpers of the list, map, context and value tests: values built and shown as text, and wire
// cases (a bin, an op payload, and what a real Aerospike CE 8.1.2 server answered to them).
#pragma once

#include <gtest/gtest.h>

#include <cstdio>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "core/proto/message.h"
#include "core/proto/particle.h"
#include "core/server/cdt/cdt.h"
#include "core/server/cdt/value.h"

namespace aero::server::cdt::test {

// Values: an integer, a string, a list and a map (with order flags).
inline Value I(int64_t x) { return Value::integer(x); }
inline Value S(std::string_view s) { return Value::string(s); }
inline Value L(std::vector<Value> items, uint8_t flags = 0) {
    Value v = Value::list(flags);
    v.items = std::move(items);
    return v;
}
inline Value M(std::vector<MapEntry> pairs, uint8_t flags = 0) {
    Value v = Value::map(flags);
    v.pairs = std::move(pairs);
    return v;
}

// Bytes as lowercase hex.
inline std::string hex(std::string_view s) {
    std::string out;
    char b[3];
    for (unsigned char c : s) {
        std::snprintf(b, sizeof b, "%02x", c);
        out += b;
    }
    return out;
}

// A value as text: [..] lists, o[..] ordered lists, {k: v} maps (#flags{..} with order
// flags), "..." strings, b"hex" blobs, r"hex" other raws (particle byte included).
inline std::string text(const Value& v) {
    auto join = [](const auto& seq, auto&& one) {
        std::string s;
        for (const auto& e : seq) s += (s.empty() ? "" : ", ") + one(e);
        return s;
    };
    char buf[40];
    switch (v.type) {
    case Type::kNil: return "nil";
    case Type::kFalse: return "false";
    case Type::kTrue: return "true";
    case Type::kInt: return std::to_string(v.i);
    case Type::kDouble: std::snprintf(buf, sizeof buf, "%.17g", v.d); return buf;
    case Type::kString: return "\"" + v.raw.substr(1) + "\"";
    case Type::kBytes:
        if (!v.raw.empty() && v.raw[0] == 4) return "b\"" + hex(v.raw.substr(1)) + "\"";
        return "r\"" + hex(v.raw) + "\"";
    case Type::kGeoJson: return "r\"" + hex(v.raw) + "\"";
    case Type::kExt: return "ext(" + std::to_string(uint8_t(v.ext_type)) + ")";
    case Type::kWildcard: return "*";
    case Type::kInf: return "inf";
    case Type::kList:
        return std::string(v.flags & kListOrdered ? "o[" : "[") + join(v.items, [](const Value& e) { return text(e); }) + "]";
    case Type::kMap:
        return (v.flags ? "#" + std::to_string(v.flags) : "") + "{" +
               join(v.pairs, [](const auto& p) { return text(p.first) + ": " + text(p.second); }) + "}";
    }
    return "?";
}

// A result particle as text ("-" for no answer); blobs and other byte particles as p<type>"hex".
inline std::string text(const OpResult& r) {
    if (!r.has_value) return "-";
    Value v;
    switch (r.particle) {
    case proto::kParticleInteger: case proto::kParticleFloat: case proto::kParticleString: case proto::kParticleBool:
    case proto::kParticleList: case proto::kParticleMap:
        if (!from_particle(r.particle, reinterpret_cast<const uint8_t*>(r.bytes.data()), r.bytes.size(), v)) return "bad";
        return text(v);
    default:
        return "p" + std::to_string(r.particle) + "\"" + hex(r.bytes) + "\"";
    }
}

// The bin as text ("-" when there is none).
inline std::string text(const Bin& b) {
    if (b.type == proto::kParticleNull) return "-";
    Value v;
    if (!from_particle(b.type, reinterpret_cast<const uint8_t*>(b.value.data()), b.value.size(), v)) return "bad";
    return text(v);
}

// One op on one bin, and the real server's answer: its result code, the op's answer and the
// bin afterwards (compared only on success: a failed op leaves the record as it was).
struct WireCase {
    const char* what;
    uint8_t bin_type;  // 0: no such bin
    std::string_view bin;
    bool modify;
    std::string_view payload;
    int rc;
    const char* result;
    const char* after;
};

inline void check(const WireCase& c) {
    SCOPED_TRACE(c.what);
    Bin b{"l", c.bin_type, std::string(c.bin)};
    OpResult out;
    uint8_t op_type = c.modify ? proto::kOpCdtModify : proto::kOpCdtRead;
    int rc = apply(op_type, proto::kParticleBlob, b, reinterpret_cast<const uint8_t*>(c.payload.data()), c.payload.size(), out);
    EXPECT_EQ(rc, c.rc);
    if (rc != 0 || c.rc != 0) return;
    EXPECT_EQ(text(out), c.result);
    EXPECT_EQ(text(b), c.after);
}

}  // namespace aero::server::cdt::test
