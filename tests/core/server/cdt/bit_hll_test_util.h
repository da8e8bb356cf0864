// Helpers shared by the bit and HLL op tests: op payloads packed the way the official clients
// pack them, hex conversion, and a printable form of an op's result.
#pragma once

#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

#include "core/proto/bytes.h"
#include "core/proto/msgpack.h"
#include "core/proto/particle.h"
#include "core/server/cdt/cdt.h"
#include "core/server/record.h"

namespace aero::server::cdt::optest {

// The bytes a hex string spells.
inline std::string from_hex(std::string_view hex) {
    std::string out;
    for (size_t i = 0; i + 1 < hex.size(); i += 2) out += char(std::stoi(std::string(hex.substr(i, 2)), nullptr, 16));
    return out;
}

// Lower-case hex of bytes.
inline std::string to_hex(std::string_view bytes) {
    static const char* digits = "0123456789abcdef";
    std::string out;
    for (char c : bytes) {
        out += digits[uint8_t(c) >> 4];
        out += digits[uint8_t(c) & 15];
    }
    return out;
}

// One msgpack value in the dialect the clients send: integers in their smallest form, byte
// strings as str-family raws behind a particle-type byte.
struct Val {
    std::string bytes;

    static Val integer(int64_t v) {
        proto::Buffer b;
        proto::msgpack::pack_int(b, v);
        return {std::string(b.begin(), b.end())};
    }
    static Val raw(std::string_view data, uint8_t particle) {
        proto::Buffer b;
        proto::msgpack::pack_raw_header(b, uint32_t(data.size() + 1));
        b.push_back(particle);
        proto::put_str(b, data);
        return {std::string(b.begin(), b.end())};
    }
    static Val str(std::string_view s) { return raw(s, proto::kParticleString); }
    static Val list(const std::vector<Val>& items) {
        proto::Buffer b;
        proto::msgpack::pack_array_header(b, uint32_t(items.size()));
        std::string out(b.begin(), b.end());
        for (const Val& v : items) out += v.bytes;
        return {out};
    }
};

// An op payload [code, args...].
class P {
public:
    explicit P(uint64_t code) { args_.push_back(Val::integer(int64_t(code))); }
    P& i(int64_t v) { return add(Val::integer(v)); }
    P& b(bool v) { return add({v ? "\xc3" : "\xc2"}); }
    // A blob operand given in hex.
    P& raw(std::string_view hex) { return add(Val::raw(from_hex(hex), proto::kParticleBlob)); }
    P& add(const Val& v) {
        args_.push_back(v);
        return *this;
    }
    std::string bytes() const { return Val::list(args_).bytes; }

private:
    std::vector<Val> args_;
};

// A bin holding `value` with particle type `type`, or a missing bin (type 0).
inline Bin make_bin(uint8_t type, std::string value) {
    Bin b;
    b.name = "b";
    b.type = type;
    b.value = std::move(value);
    return b;
}

// An op's answer as the tests write it: "none", a decimal integer, "0x" and the hex of a blob,
// "hll:" and the hex of a sketch, "list:" and the hex of a list, "float:" and the hex of the
// double's bits.
inline std::string shown(const OpResult& r) {
    if (!r.has_value) return "none";
    auto* p = reinterpret_cast<const uint8_t*>(r.bytes.data());
    switch (r.particle) {
    case proto::kParticleInteger: return r.bytes.size() == 8 ? std::to_string(int64_t(proto::load_u64(p))) : "bad int";
    case proto::kParticleBlob: return "0x" + to_hex(r.bytes);
    case proto::kParticleHll: return "hll:" + to_hex(r.bytes);
    case proto::kParticleList: return "list:" + to_hex(r.bytes);
    case proto::kParticleFloat: return "float:" + to_hex(r.bytes);
    default: return "particle " + std::to_string(r.particle);
    }
}

}  // namespace aero::server::cdt::optest
