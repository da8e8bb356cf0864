// msgpack in both dialects and bin particles, from arbitrary bytes.
#include "core/proto/msgpack.h"
#include "core/proto/particle.h"

namespace mp = aero::proto::msgpack;

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
    aero::proto::Buffer out;
    aero::proto::Reader r1(data, size);
    mp::as_to_std(r1, out).ignore();
    aero::proto::Reader r2(data, size);
    mp::std_to_as(r2, out).ignore();
    aero::proto::Reader r3(data, size);
    uint8_t type = 0;
    mp::particle_from_std(r3, type, out).ignore();
    if (size > 0) mp::particle_to_std(data[0], data + 1, size - 1, out).ignore();
    aero::proto::Reader r4(data, size);
    mp::skip_value(r4);
    return 0;
}
