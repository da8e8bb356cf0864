// What the bit and HLL ops share: their extra result codes, integer answers, and reading their
// arguments ([code, arg, ...]) the way the server's msgpack_get_* helpers read them: any
// integer form is accepted where an integer is expected (signed forms sign-extended, then
// taken as 64 raw bits), a string or bin header where bytes are expected, and nothing else.
// Every read says whether it succeeded; the ops turn a failure into a parameter error.
#pragma once

#include <cstddef>
#include <cstdint>
#include <string>

#include "core/proto/bytes.h"
#include "core/proto/msgpack.h"
#include "core/proto/particle.h"
#include "core/server/cdt/cdt.h"
#include "core/server/cdt/codes.h"

namespace aero::server::cdt {

// The result codes only bit and HLL ops answer with (the others are in codes.h).
constexpr int kBitHllUnknown = 1;
constexpr int kBitHllBinExists = 6;
constexpr int kBitHllBinNotFound = 17;

// 8 bytes big-endian: how an op result carries an integer or a double's bits.
inline std::string be64_bytes(uint64_t v) {
    std::string s(8, '\0');
    proto::store_u64(reinterpret_cast<uint8_t*>(s.data()), v);
    return s;
}

// Makes `out` an integer answer.
inline void int_result(OpResult& out, uint64_t v) {
    out.has_value = true;
    out.particle = proto::kParticleInteger;
    out.bytes = be64_bytes(v);
}

// A cursor over an op's payload.
class OpArgs {
public:
    OpArgs(const uint8_t* p, size_t n) : r_(p, n) {}

    // The array header that opens the payload, or a nested list of elements: its count.
    bool list(uint32_t& count) {
        proto::msgpack::Item it;
        if (!proto::msgpack::read_item(r_, it) || it.kind != proto::msgpack::Item::kArray) return false;
        count = it.len;
        return true;
    }

    // Any msgpack integer as 64 raw bits (msgpack_get_uint64).
    bool u64(uint64_t& v) {
        proto::msgpack::Item it;
        if (!proto::msgpack::read_item(r_, it)) return false;
        if (it.kind == proto::msgpack::Item::kInt) v = uint64_t(it.i);
        else if (it.kind == proto::msgpack::Item::kUint) v = it.u;
        else return false;
        return true;
    }

    // The same bits read as a signed value (msgpack_get_int64).
    bool i64(int64_t& v) {
        uint64_t u;
        if (!u64(u)) return false;
        v = int64_t(u);
        return true;
    }

    // A msgpack boolean; nothing else counts as one.
    bool boolean(bool& v) {
        proto::msgpack::Item it;
        if (!proto::msgpack::read_item(r_, it) || it.kind != proto::msgpack::Item::kBool) return false;
        v = it.b;
        return true;
    }

    // The payload of a str or bin value (its first byte is the dialect's particle type).
    bool bytes(const uint8_t*& data, uint32_t& len) {
        proto::msgpack::Item it;
        if (!proto::msgpack::read_item(r_, it)) return false;
        if (it.kind != proto::msgpack::Item::kStr && it.kind != proto::msgpack::Item::kBin) return false;
        data = it.data;
        len = it.len;
        return true;
    }

    // Whether the next value is an array header (peeks without consuming).
    bool next_is_list() const {
        if (r_.left() == 0) return false;
        uint8_t t = *r_.pos();
        return (t & 0xf0) == 0x90 || t == 0xdc || t == 0xdd;
    }

    // Whether the next value is a map header (peeks without consuming).
    bool next_is_map() const {
        if (r_.left() == 0) return false;
        uint8_t t = *r_.pos();
        return (t & 0xf0) == 0x80 || t == 0xde || t == 0xdf;
    }

    // The raw bytes of the next whole value.
    bool value(const uint8_t*& data, size_t& len) {
        data = r_.pos();
        if (!proto::msgpack::skip_value(r_)) return false;
        len = size_t(r_.pos() - data);
        return true;
    }

private:
    proto::Reader r_;
};

// The head of a call [code, arg, ...]: the code, and how many arguments follow it.
inline bool read_call_head(OpArgs& args, uint64_t& code, uint32_t& n_args) {
    uint32_t count;
    if (!args.list(count) || count == 0 || !args.u64(code)) return false;
    n_args = count - 1;
    return true;
}

// The definition of `code` in a family's tables: modify codes count from 0, read codes from
// 50 (AS_BITS_READ_OP_START, AS_HLL_READ_OP_START). Null for a code the op type does not run.
template <typename Def, size_t kModifies, size_t kReads>
const Def* find_def(bool modify, uint64_t code, const Def (&modifies)[kModifies], const Def (&reads)[kReads]) {
    constexpr uint64_t kReadStart = 50;
    if (modify) return code < kModifies ? &modifies[code] : nullptr;
    return code >= kReadStart && code - kReadStart < kReads ? &reads[code - kReadStart] : nullptr;
}

// Reads a call's arguments into `op` as its definition says; false when their count or one
// of them is not what the definition takes.
template <typename Def, typename Op, typename Parse>
bool read_call_args(OpArgs& args, uint32_t n_args, const Def& def, Op& op, Parse parse) {
    if (n_args < def.min_args || n_args > def.max_args) return false;
    for (uint32_t i = 0; i < n_args; i++)
        if (!parse(args, def.args[i], def, op)) return false;
    return true;
}

}  // namespace aero::server::cdt
