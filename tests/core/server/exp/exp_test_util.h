// Expressions packed by hand, as a client puts them on the wire, and a record to run them on.
#pragma once

#include <gtest/gtest.h>

#include <initializer_list>
#include <string>
#include <string_view>

#include "core/proto/msgpack.h"
#include "core/proto/particle.h"
#include "core/server/exp/exp.h"
#include "core/server/storage.h"

namespace aero::server::exp::test {

namespace mp = aero::proto::msgpack;

// One packed msgpack value.
struct E {
    std::string bytes;
};

inline E pack(void (*f)(proto::Buffer&, int64_t), int64_t v) {
    proto::Buffer b;
    f(b, v);
    return E{std::string(b.begin(), b.end())};
}
inline E I(int64_t v) { return pack(mp::pack_int, v); }
inline E D(double v) {
    proto::Buffer b;
    mp::pack_double(b, v);
    return E{std::string(b.begin(), b.end())};
}
inline E B(bool v) { return E{std::string(1, char(v ? 0xc3 : 0xc2))}; }
inline E Nil() { return E{std::string(1, char(0xc0))}; }
// A str-family value with a leading particle byte (a string, blob, HLL or GeoJSON literal).
inline E Typed(uint8_t particle, std::string_view s) {
    proto::Buffer b;
    mp::pack_raw_header(b, uint32_t(s.size() + 1));
    b.push_back(particle);
    b.insert(b.end(), s.begin(), s.end());
    return E{std::string(b.begin(), b.end())};
}
inline E Str(std::string_view s) { return Typed(proto::kParticleString, s); }
// A plain str: bin and variable names, regex patterns.
inline E Name(std::string_view s) {
    proto::Buffer b;
    mp::pack_str(b, s);
    return E{std::string(b.begin(), b.end())};
}
inline E A(std::initializer_list<E> items) {
    proto::Buffer b;
    mp::pack_array_header(b, uint32_t(items.size()));
    std::string out(b.begin(), b.end());
    for (const E& e : items) out += e.bytes;
    return E{out};
}
inline E Raw(std::string_view bytes) { return E{std::string(bytes)}; }

// Shorthands for the common instructions.
inline E Bin(int type, std::string_view name) { return A({I(81), I(type), Name(name)}); }
inline E IntBin(std::string_view name) { return Bin(2, name); }
inline E Eq(E a, E b) { return A({I(1), a, b}); }
inline E Not(E a) { return A({I(18), a}); }

// A namespace with one record (set "demo", integer key 1) and the helpers that run
// expressions on it.
class ExpTest : public ::testing::Test {
protected:
    Storage storage{{"test"}, 0, 1};
    Namespace& ns = *storage.find("test");
    proto::Digest digest{};
    Record rec;

    void SetUp() override {
        rec.set_id = *ns.set_id("demo", true);
        rec.key = std::string(1, char(proto::kParticleInteger)) + be64(1);
        rec.generation = 1;
        rec.last_update_ms = 1700000000000;
        put("i", proto::kParticleInteger, be64(7));
        put("neg", proto::kParticleInteger, be64(-3));
        put("f", proto::kParticleFloat, be64(0x4004000000000000));  // 2.5
        put("s", proto::kParticleString, "hello");
        put("b", proto::kParticleBlob, std::string("\x01\x02", 2));
        put("t", proto::kParticleBool, std::string(1, '\x01'));
        put("l", proto::kParticleList, std::string("\x94\x01\x02\x03\xa2\x03\x61", 7));  // [1, 2, 3, "a"]
        put("m", proto::kParticleMap, std::string("\x82\xa2\x03x\x01\xa2\x03y\x02", 9));  // {"x": 1, "y": 2}
        put("om", proto::kParticleMap, std::string("\x82\xc7\x00\x01\xc0\xa2\x03x\x01", 9));  // k-ordered {"x": 1}
    }

    static std::string be64(uint64_t v) {
        uint8_t b[8];
        proto::store_u64(b, v);
        return std::string(reinterpret_cast<char*>(b), 8);
    }
    void put(const std::string& name, uint8_t type, std::string value) {
        rec.bins.push_back(aero::server::Bin{name, type, std::move(value)});
    }
    RecordView view() { return RecordView{ns, digest, rec}; }

    static int compile_rc(const E& e) {
        Program p;
        return compile(reinterpret_cast<const uint8_t*>(e.bytes.data()), e.bytes.size(), p);
    }
    // A filter's answer: "T", "F", "U" (unknown: neither it nor its negation passes) or the
    // build error ("4").
    std::string filter(const E& e) {
        Program p, n;
        E neg = Not(e);
        if (int rc = compile_filter(reinterpret_cast<const uint8_t*>(e.bytes.data()), e.bytes.size(), p))
            return std::to_string(rc);
        EXPECT_EQ(compile_filter(reinterpret_cast<const uint8_t*>(neg.bytes.data()), neg.bytes.size(), n), 0);
        bool yes = matches(p, view()), no = matches(n, view());
        return yes ? (no ? "?" : "T") : (no ? "F" : "U");
    }
    // The value an expression evaluates to; `ok` false when it is unknown or not storable.
    aero::server::Bin value(const E& e, bool* ok = nullptr) {
        Program p;
        aero::server::Bin out;
        EXPECT_EQ(compile(reinterpret_cast<const uint8_t*>(e.bytes.data()), e.bytes.size(), p), 0);
        bool good = eval_to_bin(p, view(), out);
        if (ok) *ok = good;
        else EXPECT_TRUE(good);
        return out;
    }
    int64_t int_value(const E& e) {
        aero::server::Bin b = value(e);
        EXPECT_EQ(b.type, proto::kParticleInteger);
        return b.value.size() == 8 ? int64_t(proto::load_u64(reinterpret_cast<const uint8_t*>(b.value.data()))) : 0;
    }
    double float_value(const E& e) {
        aero::server::Bin b = value(e);
        EXPECT_EQ(b.type, proto::kParticleFloat);
        return b.value.size() == 8 ? proto::bits_double(proto::load_u64(reinterpret_cast<const uint8_t*>(b.value.data()))) : 0;
    }
    bool unknown(const E& e) {
        bool ok = true;
        value(e, &ok);
        return !ok;
    }
};

}  // namespace aero::server::exp::test
