#include "core/server/udf/base64.h"

#include <openssl/evp.h>

namespace aero::server::udf {

namespace {

bool in_alphabet(char c) {
    return (c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '+' || c == '/';
}

}  // namespace

std::string base64_encode(std::string_view data) {
    std::string out((data.size() + 2) / 3 * 4, '\0');
    EVP_EncodeBlock(reinterpret_cast<unsigned char*>(out.data()), reinterpret_cast<const unsigned char*>(data.data()),
                    int(data.size()));
    return out;
}

std::optional<std::string> base64_decode(std::string_view text) {
    if (text.empty() || text.size() % 4 != 0) return std::nullopt;
    size_t pad = text.size() - text.find_last_not_of('=') - 1;
    if (pad > 2) return std::nullopt;
    for (size_t i = 0; i + pad < text.size(); i++)
        if (!in_alphabet(text[i])) return std::nullopt;
    std::string out(text.size() / 4 * 3, '\0');
    int n = EVP_DecodeBlock(reinterpret_cast<unsigned char*>(out.data()), reinterpret_cast<const unsigned char*>(text.data()),
                            int(text.size()));
    if (n < 0) return std::nullopt;
    out.resize(size_t(n) - pad);
    return out;
}

}  // namespace aero::server::udf
