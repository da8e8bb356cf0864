// The 64-bit hash the real server turns string and blob index keys into (cf_wyhash64: the
// public-domain wyhash, final version 3, with the server's fixed seed), so that BVAL values
// are the ones a client sees from an Aerospike node.
#pragma once

#include <cstddef>
#include <cstdint>

namespace aero::server::index {

uint64_t wyhash64(const void* key, size_t len);

}  // namespace aero::server::index
