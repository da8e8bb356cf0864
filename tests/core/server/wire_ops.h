// Ops and values as the server tests write them into requests and read them from replies.
#pragma once

#include <cstdint>
#include <string>

#include "core/proto/bytes.h"
#include "core/proto/particle.h"

namespace aero::server::wire {

struct Op {
    Op(uint8_t o, std::string n, uint8_t p = proto::kParticleNull, std::string v = {})
        : op(o), name(std::move(n)), particle(p), value(std::move(v)) {}
    uint8_t op;
    std::string name;
    uint8_t particle;
    std::string value;
};

// An integer's wire value: 8 bytes big-endian.
inline std::string be64(int64_t v) {
    uint8_t b[8];
    proto::store_u64(b, uint64_t(v));
    return std::string(reinterpret_cast<char*>(b), 8);
}

}  // namespace aero::server::wire
