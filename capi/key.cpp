// aero_key_digest: the digest of a msgpack key, for bindings and tests.
#include <cstring>

#include "capi/internal.h"
#include "core/command/key.h"

extern "C" {

AERO_EXTERN aero_status aero_key_digest(uint8_t* digest_out, const uint8_t* key, size_t key_len, aero_error* err) {
    return aero::capi::guard(err, [&]() -> aero::Status {
        if (digest_out == nullptr) return aero::capi::null_arg("digest_out");
        if (key == nullptr || key_len == 0) return aero::capi::null_arg("key");
        aero::Key k;
        aero::Status s = aero::parse_key(key, key_len, k);
        if (s.is_ok()) std::memcpy(digest_out, k.digest.data(), k.digest.size());
        return s;
    });
}

}  // extern "C"
