// Particle types: how a bin value is typed on the wire (fact sheet §5.3).
#pragma once

#include <cstdint>

namespace aero::proto {

enum ParticleType : uint8_t {
    kParticleNull = 0,
    kParticleInteger = 1,
    kParticleFloat = 2,
    kParticleString = 3,
    kParticleBlob = 4,
    kParticleJavaBlob = 7,
    kParticleCsharpBlob = 8,
    kParticlePythonBlob = 9,
    kParticleRubyBlob = 10,
    kParticlePhpBlob = 11,
    kParticleErlangBlob = 12,
    kParticleBool = 17,
    kParticleHll = 18,
    kParticleMap = 19,
    kParticleList = 20,
    kParticleGeoJson = 23,
};

}  // namespace aero::proto
