#include "core/proto/digest.h"

#include <openssl/evp.h>

namespace aero::proto {

namespace {

// Fetching the algorithm once and keeping one context per thread keeps the hot path free of
// allocation; EVP_Digest() would build and free a context on every call.
const EVP_MD* ripemd160() {
    static const EVP_MD* md = EVP_MD_fetch(nullptr, "RIPEMD160", nullptr);
    return md;
}

struct ContextHolder {
    EVP_MD_CTX* ctx = EVP_MD_CTX_new();
    ~ContextHolder() { EVP_MD_CTX_free(ctx); }
};

}  // namespace

Status compute_digest(std::string_view set, uint8_t key_type, const uint8_t* key, size_t key_len,
                      Digest& out) {
    thread_local ContextHolder holder;
    const EVP_MD* md = ripemd160();
    if (md == nullptr || holder.ctx == nullptr) return Status(kErrClient, "RIPEMD-160 is not available from OpenSSL");
    unsigned int n = 0;
    bool ok = EVP_DigestInit_ex2(holder.ctx, md, nullptr) == 1 &&
              EVP_DigestUpdate(holder.ctx, set.data(), set.size()) == 1 &&
              EVP_DigestUpdate(holder.ctx, &key_type, 1) == 1 &&
              EVP_DigestUpdate(holder.ctx, key, key_len) == 1 &&
              EVP_DigestFinal_ex(holder.ctx, out.data(), &n) == 1;
    if (!ok || n != kDigestSize) return Status(kErrClient, "RIPEMD-160 digest failed");
    return Status::ok();
}

}  // namespace aero::proto
