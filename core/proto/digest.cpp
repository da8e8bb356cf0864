#include "core/proto/digest.h"

#include "core/proto/ripemd160.h"

namespace aero::proto {

static_assert(kDigestSize == Ripemd160::kSize);

void compute_digest(std::string_view set, uint8_t key_type, const uint8_t* key, size_t key_len, Digest& out) {
    Ripemd160 h;
    h.update(reinterpret_cast<const uint8_t*>(set.data()), set.size());
    h.update(&key_type, 1);
    h.update(key, key_len);
    h.finish(out.data());
}

}  // namespace aero::proto
