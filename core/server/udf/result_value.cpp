#include "core/server/udf/result_value.h"

#include "core/proto/particle.h"
#include "core/server/bin_value.h"

namespace aero::server::udf {

void result_particle(const std::optional<lua::Value>& v, uint8_t& particle, std::string& bytes) {
    particle = proto::kParticleNull;
    bytes.clear();
    if (v) lua::to_particle(*v, particle, bytes);
    if (particle == proto::kParticleGeoJson) {
        Bin b;
        if (write_bin_value(b, particle, reinterpret_cast<const uint8_t*>(bytes.data()), bytes.size()) == 0)
            bytes = std::move(b.value);
    }
}

}  // namespace aero::server::udf
