// Bit ops against the real server's answers: every table row is an op the official client sent
// to an Aerospike 8.1.2 server, with the blob before, the result code and the blob after (or
// the op's answer) that server gave. The payloads here are packed the way that client packs them.
#include <gtest/gtest.h>

#include <string>
#include <vector>

#include "core/proto/particle.h"
#include "core/server/cdt/ops.h"
#include "tests/core/server/cdt/bit_hll_test_util.h"

namespace aero::server::cdt {
namespace {

using namespace std::string_literals;

using optest::from_hex;
using optest::make_bin;
using optest::P;
using optest::shown;
using optest::to_hex;

enum : uint64_t {
    kResize = 0,
    kInsert = 1,
    kRemove = 2,
    kSet = 3,
    kOr = 4,
    kXor = 5,
    kAnd = 6,
    kNot = 7,
    kLshift = 8,
    kRshift = 9,
    kAdd = 10,
    kSubtract = 11,
    kSetInt = 12,
    kGet = 50,
    kCount = 51,
    kLscan = 52,
    kRscan = 53,
    kGetInt = 54,
};

// A blob bin, or a missing one for nullptr.
Bin blob(const char* hex) { return hex ? make_bin(proto::kParticleBlob, from_hex(hex)) : make_bin(0, ""); }

int run(Bin& b, bool modify, const std::string& payload, OpResult& out) {
    return run_bit_op(b, modify, reinterpret_cast<const uint8_t*>(payload.data()), payload.size(), out);
}

struct ModifyCase {
    const char* before;  // nullptr: no such bin
    P op;
    int rc;
    const char* after;  // nullptr: no bin left
};

void check_modify(const std::vector<ModifyCase>& cases) {
    for (const ModifyCase& c : cases) {
        std::string payload = c.op.bytes();
        SCOPED_TRACE(std::string(c.before ? c.before : "(missing)") + " op " + to_hex(payload));
        Bin b = blob(c.before);
        OpResult out;
        EXPECT_EQ(run(b, true, payload, out), c.rc);
        EXPECT_FALSE(out.has_value);  // bit modify ops answer nothing
        if (c.rc != 0) continue;
        if (c.after == nullptr) {
            EXPECT_EQ(b.type, proto::kParticleNull);
        } else {
            EXPECT_EQ(b.type, proto::kParticleBlob);
            EXPECT_EQ(to_hex(b.value), c.after);
        }
    }
}

struct ReadCase {
    const char* before;
    P op;
    int rc;
    const char* result;  // as optest::shown() prints it
};

void check_read(const std::vector<ReadCase>& cases) {
    for (const ReadCase& c : cases) {
        std::string payload = c.op.bytes();
        SCOPED_TRACE(std::string(c.before) + " op " + to_hex(payload));
        Bin b = blob(c.before);
        OpResult out;
        EXPECT_EQ(run(b, false, payload, out), c.rc);
        if (c.rc == 0) {
            EXPECT_EQ(shown(out), c.result);
        }
        EXPECT_EQ(to_hex(b.value), c.before);
    }
}

// resize grows or shrinks at the back or, FROM_FRONT, at the front; GROW_ONLY and SHRINK_ONLY
// refuse the other way (4) unless NO_FAIL; a missing bin is created; resizing a missing bin to
// 0 leaves none.
TEST(BitOps, Resize) {
    check_modify({
        {"0142030405", P(kResize).i(8).i(0).i(0), 0, "0142030405000000"},
        {"0142030405", P(kResize).i(8).i(0).i(1), 0, "0000000142030405"},
        {"0142030405", P(kResize).i(3).i(0).i(0), 0, "014203"},
        {"0142030405", P(kResize).i(3).i(0).i(1), 0, "030405"},
        {"0142030405", P(kResize).i(3).i(0).i(2), 4, "0142030405"},
        {"0142030405", P(kResize).i(3).i(4).i(2), 0, "0142030405"},
        {"0142030405", P(kResize).i(8).i(0).i(4), 4, "0142030405"},
        {"0142030405", P(kResize).i(8).i(4).i(4), 0, "0142030405"},
        {"0142030405", P(kResize).i(5).i(0).i(0), 0, "0142030405"},
        {"0142030405", P(kResize).i(0).i(0).i(0), 0, ""},
        {"0142030405", P(kResize).i(3).i(1).i(0), 6, "0142030405"},
        {"0142030405", P(kResize).i(3).i(5).i(0), 0, "0142030405"},
        {"0142030405", P(kResize).i(3).i(2).i(0), 0, "014203"},
        {nullptr, P(kResize).i(3).i(0).i(0), 0, "000000"},
        {nullptr, P(kResize).i(3).i(0).i(1), 0, "000000"},
        {nullptr, P(kResize).i(0).i(0).i(0), 0, nullptr},
        {nullptr, P(kResize).i(3).i(2).i(0), 17, nullptr},
        {nullptr, P(kResize).i(3).i(6).i(0), 0, nullptr},
        {nullptr, P(kResize).i(3).i(1).i(0), 0, "000000"},
    });
}

// insert works in bytes, pads with zeros past the end, counts negative offsets from the end and
// creates a missing bin (not with a negative offset: 4).
TEST(BitOps, Insert) {
    check_modify({
        {"0142030405", P(kInsert).i(0).raw("aabb").i(0), 0, "aabb0142030405"},
        {"0142030405", P(kInsert).i(2).raw("aabb").i(0), 0, "0142aabb030405"},
        {"0142030405", P(kInsert).i(5).raw("aabb").i(0), 0, "0142030405aabb"},
        {"0142030405", P(kInsert).i(7).raw("aabb").i(0), 0, "01420304050000aabb"},
        {"0142030405", P(kInsert).i(-1).raw("aabb").i(0), 0, "01420304aabb05"},
        {"0142030405", P(kInsert).i(-5).raw("aabb").i(0), 0, "aabb0142030405"},
        {"0142030405", P(kInsert).i(-6).raw("aabb").i(0), 4, "0142030405"},
        {"0142030405", P(kInsert).i(2).raw("aabb").i(1), 6, "0142030405"},
        {"0142030405", P(kInsert).i(2).raw("aabb").i(2), 0, "0142aabb030405"},
        {"0142030405", P(kInsert).i(2).raw("aabb").i(5), 0, "0142030405"},
        {nullptr, P(kInsert).i(2).raw("aabb").i(0), 0, "0000aabb"},
        {nullptr, P(kInsert).i(0).raw("aabb").i(0), 0, "aabb"},
        {nullptr, P(kInsert).i(-1).raw("aabb").i(0), 4, nullptr},
        {nullptr, P(kInsert).i(2).raw("aabb").i(2), 17, nullptr},
        {nullptr, P(kInsert).i(2).raw("aabb").i(6), 0, nullptr},
        {nullptr, P(kInsert).i(2).raw("aabb").i(1), 0, "0000aabb"},
    });
}

// remove past the end is a parameter error (4) unless PARTIAL cuts it at the end or NO_FAIL
// ignores it; it never creates a bin (17).
TEST(BitOps, Remove) {
    check_modify({
        {"0142030405", P(kRemove).i(0).i(1).i(0), 0, "42030405"},
        {"0142030405", P(kRemove).i(2).i(2).i(0), 0, "014205"},
        {"0142030405", P(kRemove).i(4).i(2).i(0), 4, "0142030405"},
        {"0142030405", P(kRemove).i(4).i(2).i(8), 0, "01420304"},
        {"0142030405", P(kRemove).i(5).i(1).i(0), 4, "0142030405"},
        {"0142030405", P(kRemove).i(5).i(1).i(4), 0, "0142030405"},
        {"0142030405", P(kRemove).i(-2).i(1).i(0), 0, "01420305"},
        {"0142030405", P(kRemove).i(-2).i(5).i(8), 0, "014203"},
        {"0142030405", P(kRemove).i(-6).i(1).i(0), 4, "0142030405"},
        {"0142030405", P(kRemove).i(0).i(5).i(0), 0, ""},
        {"0142030405", P(kRemove).i(4).i(2).i(4), 0, "0142030405"},
        {"0142030405", P(kRemove).i(2).i(2).i(2), 0, "014205"},
        {nullptr, P(kRemove).i(0).i(1).i(0), 17, nullptr},
        {nullptr, P(kRemove).i(0).i(1).i(4), 0, nullptr},
    });
}

// set, or, xor and and write the first bits of their operand; a range past the end is 26 unless
// PARTIAL cuts it (NO_FAIL ignores it); CREATE_ONLY is not one of their flags (4).
TEST(BitOps, SetOrXorAnd) {
    check_modify({
        {"0142030405", P(kSet).i(13).i(11).raw("a53c").i(0), 0, "0145290405"},
        {"0142030405", P(kSet).i(36).i(8).raw("a53c").i(8), 0, "014203040a"},
        {"0142030405", P(kSet).i(40).i(1).raw("a53c").i(0), 26, "0142030405"},
        {"0142030405", P(kSet).i(40).i(1).raw("a53c").i(4), 0, "0142030405"},
        {"0142030405", P(kSet).i(39).i(8).raw("a53c").i(0), 26, "0142030405"},
        {"0142030405", P(kSet).i(39).i(8).raw("a53c").i(8), 0, "0142030405"},
        {"0142030405", P(kSet).i(0).i(16).raw("a53c").i(0), 0, "a53c030405"},
        {"0142030405", P(kSet).i(7).i(11).raw("a53c").i(0), 0, "014a430405"},
        {"0142030405", P(kSet).i(-4).i(4).raw("a53c").i(0), 0, "014203040a"},
        {"0142030405", P(kSet).i(-9).i(11).raw("a53c").i(0), 26, "0142030405"},
        {"0142030405", P(kSet).i(-40).i(16).raw("a53c").i(0), 0, "a53c030405"},
        {"0142030405", P(kSet).i(-41).i(1).raw("a53c").i(0), 4, "0142030405"},
        {"0142030405", P(kSet).i(30).i(16).raw("a53c").i(8), 0, "0142030694"},
        {"0142030405", P(kSet).i(36).i(16).raw("a53c").i(12), 0, "014203040a"},
        {"0142030405", P(kOr).i(3).i(8).raw("a53c").i(0), 0, "15e2030405"},
        {"0142030405", P(kOr).i(13).i(11).raw("a53c").i(0), 0, "01472b0405"},
        {"0142030405", P(kOr).i(0).i(16).raw("a53c").i(8), 0, "a57e030405"},
        {"0142030405", P(kOr).i(36).i(8).raw("a53c").i(0), 26, "0142030405"},
        {nullptr, P(kOr).i(0).i(8).raw("0f").i(0), 17, nullptr},
        {nullptr, P(kOr).i(0).i(8).raw("0f").i(4), 0, nullptr},
        {"0142030405", P(kOr).i(0).i(8).raw("0f").i(1), 4, "0142030405"},
        {"0142030405", P(kXor).i(1).i(16).raw("a53c").i(0), 0, "53dc030405"},
        {"0142030405", P(kXor).i(-9).i(8).raw("a53c").i(0), 0, "014203054f"},
        {"0142030405", P(kXor).i(7).i(11).raw("a53c").i(0), 0, "0008430405"},
        {"0142030405", P(kAnd).i(3).i(8).raw("a53c").i(0), 0, "0002030405"},
        {"0142030405", P(kAnd).i(7).i(11).raw("a53c").i(0), 0, "0142030405"},
        {"0142030405", P(kAnd).i(36).i(4).raw("a53c").i(0), 0, "0142030400"},
        {"0142030405", P(kAnd).i(-40).i(16).raw("a53c").i(0), 0, "0100030405"},
        {"0142030405", P(kAnd).i(39).i(4).raw("a53c").i(4), 0, "0142030405"},
    });
}

// not and the shifts change only their range; shifted-in bits are zero and a shift as long as
// the range clears it.
TEST(BitOps, NotAndShifts) {
    check_modify({
        {"0142030405", P(kNot).i(3).i(28).i(0), 0, "1ebdfcfa05"},
        {"0142030405", P(kNot).i(0).i(40).i(0), 0, "febdfcfbfa"},
        {"0142030405", P(kNot).i(39).i(1).i(0), 0, "0142030404"},
        {"0142030405", P(kNot).i(12).i(40).i(0), 26, "0142030405"},
        {"0142030405", P(kNot).i(12).i(40).i(8), 0, "014dfcfbfa"},
        {"0142030405", P(kNot).i(12).i(40).i(4), 0, "0142030405"},
        {"0142030405", P(kNot).i(-3).i(5).i(0), 26, "0142030405"},
        {"0142030405", P(kNot).i(-17).i(13).i(0), 0, "014202fbf5"},
        {"0142030405", P(kNot).i(0).i(5).i(0), 0, "f942030405"},
        {"0142030405", P(kLshift).i(3).i(28).i(9).i(0), 0, "0406080005"},
        {"0142030405", P(kLshift).i(0).i(40).i(1).i(0), 0, "028406080a"},
        {"0142030405", P(kLshift).i(0).i(40).i(40).i(0), 0, "0000000000"},
        {"0142030405", P(kLshift).i(12).i(40).i(13).i(8), 0, "014080a000"},
        {"0142030405", P(kLshift).i(3).i(13).i(3).i(0), 0, "0a10030405"},
        {"0142030405", P(kLshift).i(0).i(40).i(13).i(0), 0, "406080a000"},
        {"0142030405", P(kLshift).i(3).i(28).i(0).i(0), 0, "0142030405"},
        {"0142030405", P(kLshift).i(-17).i(13).i(8).i(0), 0, "0142020005"},
        {"0142030405", P(kLshift).i(-3).i(5).i(1).i(8), 0, "0142030402"},
        {"0142030405", P(kRshift).i(12).i(28).i(3).i(8), 0, "0140406080"},
        {"0142030405", P(kRshift).i(0).i(40).i(9).i(0), 0, "0000a10182"},
        {"0142030405", P(kRshift).i(3).i(13).i(40).i(0), 0, "0000030405"},
        {"0142030405", P(kRshift).i(-17).i(13).i(1).i(0), 0, "0142028205"},
        {"0142030405", P(kRshift).i(3).i(28).i(13).i(0), 0, "00000a1005"},
        {"0142030405", P(kRshift).i(0).i(5).i(3).i(0), 0, "0142030405"},
        {"0142030405", P(kRshift).i(12).i(40).i(8).i(0), 26, "0142030405"},
    });
}

// add and subtract: unsigned overflow fails (26) unless SATURATE or WRAP; signed overflow is
// the server's test, which misses a sum that wraps to exactly zero and flags subtracting the
// most negative value; NO_FAIL keeps the bin as it was.
TEST(BitOps, AddSubtract) {
    check_modify({
        {"7fff800001fe00ff12", P(kAdd).i(0).i(8).i(1).i(0).i(0), 0, "80ff800001fe00ff12"},
        {"7fff800001fe00ff12", P(kAdd).i(0).i(8).i(1).i(0).i(1), 26, "7fff800001fe00ff12"},
        {"7fff800001fe00ff12", P(kAdd).i(0).i(8).i(1).i(0).i(3), 0, "7fff800001fe00ff12"},
        {"7fff800001fe00ff12", P(kAdd).i(0).i(8).i(1).i(0).i(5), 0, "80ff800001fe00ff12"},
        {"7fff800001fe00ff12", P(kAdd).i(8).i(8).i(1).i(0).i(0), 26, "7fff800001fe00ff12"},
        {"7fff800001fe00ff12", P(kAdd).i(8).i(8).i(1).i(0).i(2), 0, "7fff800001fe00ff12"},
        {"7fff800001fe00ff12", P(kAdd).i(8).i(8).i(1).i(0).i(4), 0, "7f00800001fe00ff12"},
        {"7fff800001fe00ff12", P(kAdd).i(8).i(8).i(1).i(4).i(0), 0, "7fff800001fe00ff12"},
        {"7fff800001fe00ff12", P(kAdd).i(16).i(8).i(128).i(0).i(1), 0, "7fff000001fe00ff12"},
        {"7fff800001fe00ff12", P(kAdd).i(16).i(8).i(255).i(0).i(1), 26, "7fff800001fe00ff12"},
        {"7fff800001fe00ff12", P(kAdd).i(3).i(7).i(127).i(0).i(1), 0, "7fbf800001fe00ff12"},
        {"7fff800001fe00ff12", P(kAdd).i(33).i(15).i(255).i(0).i(0), 0, "7fff800002fd00ff12"},
        {"7fff800001fe00ff12", P(kAdd).i(0).i(64).i(1).i(0).i(0), 0, "7fff800001fe010012"},
        {"7fff800001fe00ff12", P(kAdd).i(0).i(64).i(1).i(0).i(1), 0, "7fff800001fe010012"},
        {"7fff800001fe00ff12", P(kAdd).i(0).i(64).i(1).i(0).i(3), 0, "7fff800001fe010012"},
        {"7fff800001fe00ff12", P(kAdd).i(64).i(8).i(5).i(0).i(0), 0, "7fff800001fe00ff17"},
        {"7fff800001fe00ff12", P(kAdd).i(70).i(8).i(1).i(0).i(0), 26, "7fff800001fe00ff12"},
        {"7fff800001fe00ff12", P(kAdd).i(70).i(8).i(1).i(4).i(0), 0, "7fff800001fe00ff12"},
        {"7fff800001fe00ff12", P(kAdd).i(-8).i(8).i(1).i(0).i(0), 0, "7fff800001fe00ff13"},
        {"7fff800001fe00ff12", P(kAdd).i(0).i(1).i(1).i(0).i(0), 0, "ffff800001fe00ff12"},
        {"7fff800001fe00ff12", P(kAdd).i(0).i(1).i(1).i(0).i(4), 0, "ffff800001fe00ff12"},
        {"7fff800001fe00ff12", P(kAdd).i(0).i(4).i(128).i(0).i(0), 0, "7fff800001fe00ff12"},
        {"7fff800001fe00ff12", P(kSubtract).i(24).i(8).i(1).i(0).i(0), 26, "7fff800001fe00ff12"},
        {"7fff800001fe00ff12", P(kSubtract).i(24).i(8).i(1).i(0).i(2), 0, "7fff800001fe00ff12"},
        {"7fff800001fe00ff12", P(kSubtract).i(24).i(8).i(1).i(0).i(4), 0, "7fff80ff01fe00ff12"},
        {"7fff800001fe00ff12", P(kSubtract).i(16).i(8).i(1).i(0).i(1), 26, "7fff800001fe00ff12"},
        {"7fff800001fe00ff12", P(kSubtract).i(16).i(8).i(1).i(0).i(3), 0, "7fff800001fe00ff12"},
        {"7fff800001fe00ff12", P(kSubtract).i(16).i(8).i(1).i(0).i(5), 0, "7fff7f0001fe00ff12"},
        {"7fff800001fe00ff12", P(kSubtract).i(8).i(8).i(128).i(0).i(1), 26, "7fff800001fe00ff12"},
        {"7fff800001fe00ff12", P(kSubtract).i(8).i(8).i(127).i(0).i(1), 0, "7f80800001fe00ff12"},
        {"7fff800001fe00ff12", P(kSubtract).i(20).i(15).i(5).i(0).i(0), 26, "7fff800001fe00ff12"},
        {"7fff800001fe00ff12", P(kSubtract).i(33).i(15).i(2147483648).i(0).i(3), 0, "7fff800001fe00ff12"},
        {"7fff800001fe00ff12", P(kSubtract).i(0).i(64).i(9223372036854775807).i(0).i(1), 0, "ffff800001fe010012"},
    });
}

// set_int stores the low bits of its value; the range must lie inside the blob (26).
TEST(BitOps, SetInt) {
    check_modify({
        {"7fff800001fe00ff12", P(kSetInt).i(0).i(8).i(255).i(0), 0, "ffff800001fe00ff12"},
        {"7fff800001fe00ff12", P(kSetInt).i(3).i(7).i(127).i(0), 0, "7fff800001fe00ff12"},
        {"7fff800001fe00ff12", P(kSetInt).i(20).i(15).i(-1).i(0), 0, "7fff8fffe1fe00ff12"},
        {"7fff800001fe00ff12", P(kSetInt).i(64).i(8).i(1).i(0), 0, "7fff800001fe00ff01"},
        {"7fff800001fe00ff12", P(kSetInt).i(70).i(8).i(0).i(0), 26, "7fff800001fe00ff12"},
        {"7fff800001fe00ff12", P(kSetInt).i(0).i(64).i(-128).i(0), 0, "ffffffffffffff8012"},
        {"7fff800001fe00ff12", P(kSetInt).i(-13).i(64).i(-128).i(0), 26, "7fff800001fe00ff12"},
        {"7fff800001fe00ff12", P(kSetInt).i(33).i(32).i(2147483648).i(0), 0, "7fff80004000000012"},
        {"7fff800001fe00ff12", P(kSetInt).i(0).i(4).i(255).i(0), 0, "ffff800001fe00ff12"},
    });
}

// get_int reads 1..64 bits as unsigned, or sign-extended with the signed flag.
TEST(BitOps, GetInt) {
    check_read({
        {"7fff800001fe00ff12", P(kGetInt).i(0).i(8), 0, "127"},
        {"7fff800001fe00ff12", P(kGetInt).i(0).i(8).i(1), 0, "127"},
        {"7fff800001fe00ff12", P(kGetInt).i(3).i(7), 0, "127"},
        {"7fff800001fe00ff12", P(kGetInt).i(3).i(7).i(1), 0, "-1"},
        {"7fff800001fe00ff12", P(kGetInt).i(20).i(15), 0, "0"},
        {"7fff800001fe00ff12", P(kGetInt).i(20).i(15).i(1), 0, "0"},
        {"7fff800001fe00ff12", P(kGetInt).i(0).i(64), 0, "9223231299399844095"},
        {"7fff800001fe00ff12", P(kGetInt).i(0).i(64).i(1), 0, "9223231299399844095"},
        {"7fff800001fe00ff12", P(kGetInt).i(33).i(15), 0, "510"},
        {"7fff800001fe00ff12", P(kGetInt).i(33).i(15).i(1), 0, "510"},
        {"7fff800001fe00ff12", P(kGetInt).i(70).i(8), 26, "none"},
        {"7fff800001fe00ff12", P(kGetInt).i(70).i(8).i(1), 26, "none"},
        {"7fff800001fe00ff12", P(kGetInt).i(-8).i(8), 0, "18"},
        {"7fff800001fe00ff12", P(kGetInt).i(-8).i(8).i(1), 0, "18"},
        {"7fff800001fe00ff12", P(kGetInt).i(-13).i(64), 26, "none"},
        {"7fff800001fe00ff12", P(kGetInt).i(-13).i(64).i(1), 26, "none"},
        {"7fff800001fe00ff12", P(kGetInt).i(8).i(63), 0, "9205357642623516553"},
        {"7fff800001fe00ff12", P(kGetInt).i(8).i(63).i(1), 0, "-18014394231259255"},
        {"7fff800001fe00ff12", P(kGetInt).i(64).i(8), 0, "18"},
        {"7fff800001fe00ff12", P(kGetInt).i(64).i(8).i(1), 0, "18"},
    });
}

// get answers the bits left-aligned with a zeroed tail; a range past the end is 26 and a
// negative offset before the start 4.
TEST(BitOps, GetAndCount) {
    check_read({
        {"008001f00fff00003c81", P(kGet).i(0).i(8), 0, "0x00"},
        {"008001f00fff00003c81", P(kCount).i(0).i(8), 0, "0"},
        {"008001f00fff00003c81", P(kGet).i(9).i(17), 0, "0x000380"},
        {"008001f00fff00003c81", P(kCount).i(9).i(17), 0, "3"},
        {"008001f00fff00003c81", P(kGet).i(3).i(5), 0, "0x00"},
        {"008001f00fff00003c81", P(kCount).i(3).i(5), 0, "0"},
        {"008001f00fff00003c81", P(kGet).i(71).i(9), 0, "0x4080"},
        {"008001f00fff00003c81", P(kCount).i(71).i(9), 0, "2"},
        {"008001f00fff00003c81", P(kGet).i(79).i(1), 0, "0x80"},
        {"008001f00fff00003c81", P(kCount).i(79).i(1), 0, "1"},
        {"008001f00fff00003c81", P(kGet).i(80).i(1), 26, "none"},
        {"008001f00fff00003c81", P(kCount).i(80).i(1), 26, "none"},
        {"008001f00fff00003c81", P(kGet).i(-1).i(1), 0, "0x80"},
        {"008001f00fff00003c81", P(kCount).i(-1).i(1), 0, "1"},
        {"008001f00fff00003c81", P(kGet).i(-7).i(5), 0, "0x00"},
        {"008001f00fff00003c81", P(kCount).i(-7).i(5), 0, "0"},
        {"008001f00fff00003c81", P(kGet).i(-80).i(80), 0, "0x008001f00fff00003c81"},
        {"008001f00fff00003c81", P(kCount).i(-80).i(80), 0, "24"},
        {"008001f00fff00003c81", P(kGet).i(-81).i(1), 4, "none"},
        {"008001f00fff00003c81", P(kCount).i(-81).i(1), 4, "none"},
        {"008001f00fff00003c81", P(kGet).i(60).i(17), 0, "0x03c800"},
        {"008001f00fff00003c81", P(kCount).i(60).i(17), 0, "5"},
        {"008001f00fff00003c81", P(kGet).i(23).i(64), 26, "none"},
        {"008001f00fff00003c81", P(kCount).i(23).i(64), 26, "none"},
        {"008001f00fff00003c81", P(kGet).i(1).i(80), 26, "none"},
        {"008001f00fff00003c81", P(kCount).i(1).i(80), 26, "none"},
        {"008001f00fff00003c81", P(kGet).i(15).i(2), 0, "0x00"},
        {"008001f00fff00003c81", P(kCount).i(15).i(2), 0, "0"},
    });
}

// lscan and rscan answer the index of the first / last bit equal to the value, or -1; rscan
// also looks at the bits before the offset in its first byte and then answers a negative index.
TEST(BitOps, Scans) {
    check_read({
        {"008001f00fff00003c81", P(kLscan).i(0).i(8).b(true), 0, "-1"},
        {"008001f00fff00003c81", P(kLscan).i(0).i(8).b(false), 0, "0"},
        {"008001f00fff00003c81", P(kRscan).i(0).i(8).b(true), 0, "-1"},
        {"008001f00fff00003c81", P(kRscan).i(0).i(8).b(false), 0, "7"},
        {"008001f00fff00003c81", P(kLscan).i(9).i(17).b(true), 0, "14"},
        {"008001f00fff00003c81", P(kLscan).i(9).i(17).b(false), 0, "0"},
        {"008001f00fff00003c81", P(kRscan).i(9).i(17).b(true), 0, "16"},
        {"008001f00fff00003c81", P(kRscan).i(9).i(17).b(false), 0, "13"},
        {"008001f00fff00003c81", P(kLscan).i(3).i(5).b(true), 0, "-1"},
        {"008001f00fff00003c81", P(kLscan).i(3).i(5).b(false), 0, "0"},
        {"008001f00fff00003c81", P(kRscan).i(3).i(5).b(true), 0, "-1"},
        {"008001f00fff00003c81", P(kRscan).i(3).i(5).b(false), 0, "4"},
        {"008001f00fff00003c81", P(kLscan).i(15).i(9).b(true), 0, "8"},
        {"008001f00fff00003c81", P(kLscan).i(15).i(9).b(false), 0, "0"},
        {"008001f00fff00003c81", P(kRscan).i(15).i(9).b(true), 0, "8"},
        {"008001f00fff00003c81", P(kRscan).i(15).i(9).b(false), 0, "7"},
        {"008001f00fff00003c81", P(kLscan).i(40).i(31).b(true), 0, "0"},
        {"008001f00fff00003c81", P(kLscan).i(40).i(31).b(false), 0, "8"},
        {"008001f00fff00003c81", P(kRscan).i(40).i(31).b(true), 0, "29"},
        {"008001f00fff00003c81", P(kRscan).i(40).i(31).b(false), 0, "30"},
        {"008001f00fff00003c81", P(kLscan).i(-7).i(5).b(true), 0, "-1"},
        {"008001f00fff00003c81", P(kLscan).i(-7).i(5).b(false), 0, "0"},
        {"008001f00fff00003c81", P(kRscan).i(-7).i(5).b(true), 0, "-1"},
        {"008001f00fff00003c81", P(kRscan).i(-7).i(5).b(false), 0, "4"},
        {"008001f00fff00003c81", P(kLscan).i(-30).i(16).b(true), 0, "-1"},
        {"008001f00fff00003c81", P(kLscan).i(-30).i(16).b(false), 0, "0"},
        {"008001f00fff00003c81", P(kRscan).i(-30).i(16).b(true), 0, "-1"},
        {"008001f00fff00003c81", P(kRscan).i(-30).i(16).b(false), 0, "15"},
        {"008001f00fff00003c81", P(kLscan).i(0).i(80).b(true), 0, "8"},
        {"008001f00fff00003c81", P(kLscan).i(0).i(80).b(false), 0, "0"},
        {"008001f00fff00003c81", P(kRscan).i(0).i(80).b(true), 0, "79"},
        {"008001f00fff00003c81", P(kRscan).i(0).i(80).b(false), 0, "78"},
        {"008001f00fff00003c81", P(kLscan).i(71).i(9).b(true), 0, "1"},
        {"008001f00fff00003c81", P(kLscan).i(71).i(9).b(false), 0, "0"},
        {"008001f00fff00003c81", P(kRscan).i(71).i(9).b(true), 0, "8"},
        {"008001f00fff00003c81", P(kRscan).i(71).i(9).b(false), 0, "7"},
        {"008001f00fff00003c81", P(kLscan).i(1).i(64).b(true), 0, "7"},
        {"008001f00fff00003c81", P(kLscan).i(1).i(64).b(false), 0, "0"},
        {"008001f00fff00003c81", P(kRscan).i(1).i(64).b(true), 0, "46"},
        {"008001f00fff00003c81", P(kRscan).i(1).i(64).b(false), 0, "63"},
        {"008001f00fff00003c81", P(kLscan).i(60).i(5).b(true), 0, "-1"},
        {"008001f00fff00003c81", P(kLscan).i(60).i(5).b(false), 0, "0"},
        {"008001f00fff00003c81", P(kRscan).i(60).i(5).b(true), 0, "-1"},
        {"008001f00fff00003c81", P(kRscan).i(60).i(5).b(false), 0, "4"},
        {"008001f00fff00003c81", P(kLscan).i(23).i(17).b(true), 0, "0"},
        {"008001f00fff00003c81", P(kLscan).i(23).i(17).b(false), 0, "5"},
        {"008001f00fff00003c81", P(kRscan).i(23).i(17).b(true), 0, "16"},
        {"008001f00fff00003c81", P(kRscan).i(23).i(17).b(false), 0, "12"},
        {"80", P(kRscan).i(2).i(1).b(true), 0, "-2"},
        {"80", P(kRscan).i(2).i(1).b(false), 0, "0"},
        {"80", P(kLscan).i(2).i(1).b(true), 0, "-1"},
        {"80", P(kLscan).i(2).i(1).b(false), 0, "0"},
        {"80", P(kRscan).i(5).i(1).b(true), 0, "-5"},
        {"80", P(kRscan).i(5).i(1).b(false), 0, "0"},
        {"80", P(kLscan).i(5).i(1).b(true), 0, "-1"},
        {"80", P(kLscan).i(5).i(1).b(false), 0, "0"},
        {"80", P(kRscan).i(1).i(6).b(true), 0, "-1"},
        {"80", P(kRscan).i(1).i(6).b(false), 0, "5"},
        {"80", P(kLscan).i(1).i(6).b(true), 0, "-1"},
        {"80", P(kLscan).i(1).i(6).b(false), 0, "0"},
        {"c000", P(kRscan).i(1).i(3).b(true), 0, "0"},
        {"c000", P(kRscan).i(1).i(3).b(false), 0, "2"},
        {"c000", P(kLscan).i(1).i(3).b(true), 0, "0"},
        {"c000", P(kLscan).i(1).i(3).b(false), 0, "1"},
        {"0001", P(kRscan).i(5).i(6).b(true), 0, "-1"},
        {"0001", P(kRscan).i(5).i(6).b(false), 0, "5"},
        {"0001", P(kLscan).i(5).i(6).b(true), 0, "-1"},
        {"0001", P(kLscan).i(5).i(6).b(false), 0, "0"},
        {"7f", P(kRscan).i(1).i(2).b(true), 0, "1"},
        {"7f", P(kRscan).i(1).i(2).b(false), 0, "-1"},
        {"7f", P(kLscan).i(1).i(2).b(true), 0, "0"},
        {"7f", P(kLscan).i(1).i(2).b(false), 0, "-1"},
        {"3fff", P(kRscan).i(2).i(6).b(true), 0, "5"},
        {"3fff", P(kRscan).i(2).i(6).b(false), 0, "-1"},
        {"3fff", P(kLscan).i(2).i(6).b(true), 0, "0"},
        {"3fff", P(kLscan).i(2).i(6).b(false), 0, "-1"},
        {"3fff", P(kRscan).i(5).i(3).b(true), 0, "2"},
        {"3fff", P(kRscan).i(5).i(3).b(false), 0, "-4"},
        {"3fff", P(kLscan).i(5).i(3).b(true), 0, "0"},
        {"3fff", P(kLscan).i(5).i(3).b(false), 0, "-1"},
    });
}

// A read on a missing bin answers nothing and never looks at its payload; a bin that is not a
// blob is 12 (a string or integer bin as much as a blob-like language bin).
TEST(BitOps, BinKinds) {
    Bin missing = blob(nullptr);
    OpResult out;
    EXPECT_EQ(run(missing, false, P(kGet).i(0).i(8).bytes(), out), 0);
    EXPECT_FALSE(out.has_value);
    EXPECT_EQ(run(missing, false, "\x91\x33", out), 0);
    EXPECT_FALSE(out.has_value);
    for (uint8_t type : {proto::kParticleString, proto::kParticleInteger, proto::kParticlePythonBlob,
                         proto::kParticleHll}) {
        Bin b = make_bin(type, "abc");
        EXPECT_EQ(run(b, false, P(kGet).i(0).i(8).bytes(), out), 12);
        EXPECT_EQ(run(b, true, P(kResize).i(4).i(0).i(0).bytes(), out), 12);
        // CREATE_ONLY is checked before the bin's type, malformed arguments before either.
        EXPECT_EQ(run(b, true, P(kResize).i(4).i(1).i(0).bytes(), out), 6);
        EXPECT_EQ(run(b, false, P(kGet).i(0).i(0).bytes(), out), 4);
    }
    // Every read of an empty blob is out of range.
    Bin empty = make_bin(proto::kParticleBlob, "");
    EXPECT_EQ(run(empty, false, P(kGet).i(0).i(8).bytes(), out), 26);
    EXPECT_EQ(run(empty, false, P(kCount).i(0).i(1).bytes(), out), 26);
}

// Payloads no client sends, with the real server's answers.
TEST(BitOps, MalformedPayloads) {
    const char* b = "0142030405";
    auto rc = [&](bool modify, const std::string& payload) {
        Bin bin = blob(b);
        OpResult out;
        return run(bin, modify, payload, out);
    };
    EXPECT_EQ(rc(false, "\x90"), 4);                           // no op code
    EXPECT_EQ(rc(false, "\x05"), 4);                           // not a list
    EXPECT_EQ(rc(false, "\x93\xa1\x32\x00\x08"s), 4);           // op code not an integer
    EXPECT_EQ(rc(false, P(kNot).i(0).i(8).bytes()), 4);        // modify code in a read op
    EXPECT_EQ(rc(true, P(kGet).i(0).i(8).bytes()), 4);         // read code in a modify op
    EXPECT_EQ(rc(false, P(kGet).i(0).bytes()), 4);             // too few arguments
    EXPECT_EQ(rc(false, P(kGet).i(0).i(8).i(0).bytes()), 4);   // too many
    EXPECT_EQ(rc(false, P(kGet).i(0).i(0).bytes()), 4);        // size 0
    EXPECT_EQ(rc(false, P(kGetInt).i(0).i(65).bytes()), 4);    // integers are at most 64 bits
    EXPECT_EQ(rc(false, P(kGetInt).i(0).i(8).i(2).bytes()), 4);  // only the signed subflag
    EXPECT_EQ(rc(false, P(kLscan).i(0).i(8).i(1).bytes()), 4);   // the scanned bit must be a bool
    EXPECT_EQ(rc(false, P(kGet).i(-(int64_t(1) << 30)).i(8).bytes()), 4);  // before the start
    EXPECT_EQ(rc(false, P(kGet).i(-(int64_t(1) << 30) - 1).i(8).bytes()), 4);  // past the limit
    EXPECT_EQ(rc(true, P(kNot).i(0).i(8).i(-1).bytes()), 4);   // unknown flags
    EXPECT_EQ(rc(true, P(kNot).i(0).i(8).i(0x10).bytes()), 4);
    EXPECT_EQ(rc(true, P(kNot).i(0).i(8).i(3).bytes()), 4);    // CREATE_ONLY with UPDATE_ONLY
    EXPECT_EQ(rc(true, P(kResize).i(1).i(0).i(8).bytes()), 4);   // unknown resize subflag
    EXPECT_EQ(rc(true, P(kResize).i(1).i(0).i(6).bytes()), 4);   // GROW_ONLY with SHRINK_ONLY
    EXPECT_EQ(rc(true, P(kResize).i(128 << 20).i(0).i(0).bytes()), 4);  // result of 128 MiB
    EXPECT_EQ(rc(true, P(kLshift).i(0).i(8).i((int64_t(1) << 30) + 1).bytes()), 4);
    EXPECT_EQ(rc(true, P(kAdd).i(0).i(8).i(1).i(0).i(6).bytes()), 4);  // SATURATE with WRAP
    EXPECT_EQ(rc(true, "\x94\x03\x00\x08\xc4\x01\x04"s), 4);    // operand of no bytes
    EXPECT_EQ(rc(true, "\x94\x03\x00\x10\xc4\x02\x04\xff"s), 4);  // operand shorter than the size
    EXPECT_EQ(rc(true, "\x93\x01\x00\xc4\x00"s), 4);            // insert of nothing
    // A missing bin takes no negative offset.
    Bin missing = blob(nullptr);
    OpResult out;
    EXPECT_EQ(run(missing, true, P(kInsert).i(-1).raw("aa").bytes(), out), 4);
}

// What the server accepts although no client sends it.
TEST(BitOps, LenientPayloads) {
    auto read = [](const std::string& payload) {
        Bin b = blob("0142030405");
        OpResult out;
        EXPECT_EQ(run(b, false, payload, out), 0);
        return shown(out);
    };
    // INT64_MIN passes the server's range check and truncates to offset 0; a uint64 offset
    // past INT64_MAX is a negative one.
    EXPECT_EQ(read("\x93\x32\xd3\x80\x00\x00\x00\x00\x00\x00\x00\x08"s), "0x01");
    EXPECT_EQ(read(P(kGet).i(-8).i(8).bytes()), "0x05");
    Bin b = blob("0142030405");
    OpResult out;
    EXPECT_EQ(run(b, false, "\x93\x32\xcf\xff\xff\xff\xff\xff\xff\xff\xff\x08", out), 26);
    // Arguments after the counted ones are ignored; the operand's particle byte and its str or
    // bin header do not matter.
    EXPECT_EQ(read("\x93\x32\x00\x08\xc0\xc0"s), "0x01");
    EXPECT_EQ(run(b, true, "\x94\x03\x00\x08\xa2\x09\xf0"s, out), 0);
    EXPECT_EQ(to_hex(b.value), "f042030405");
    // An add value past the operand's size is cut to it (0xff..ff + 0xf0 wraps to 0xef).
    EXPECT_EQ(run(b, true, "\x96\x0a\x00\x08\xff\x00\x04"s, out), 0);
    EXPECT_EQ(to_hex(b.value), "ef42030405");
}

}  // namespace
}  // namespace aero::server::cdt
