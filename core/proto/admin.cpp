#include "core/proto/admin.h"

#include <crypt.h>

#include <memory>

#include "core/proto/message.h"

namespace aero::proto {

namespace {
// Cost 10 and this salt are fixed in the Java, C and Go clients, so every client sends the
// same hash for a password and the server can compare hashes as strings.
constexpr const char* kBcryptSalt = "$2a$10$7EqJtq98hPqEX7fNZaFWoO";
}  // namespace

namespace {

void write_record(Buffer& out, uint8_t command, uint8_t result, const AdminFields& fields) {
    size_t start = out.size();
    out.resize(start + kAdminHeaderSize);
    uint8_t* h = out.data() + start;
    h[kAdminResultOffset] = result;
    h[kAdminCommandOffset] = command;
    h[kAdminFieldCountOffset] = uint8_t(fields.size());
    for (const auto& [id, data] : fields) {
        put_u32(out, uint32_t(data.size() + 1));
        put_u8(out, id);
        put_str(out, data);
    }
}

// Parses the record at body[pos] and moves pos past it.
Status parse_record(const uint8_t* body, size_t n, size_t& pos, AdminMessage& out) {
    if (n - pos < kAdminHeaderSize) return Status(4, "admin message shorter than its header");
    const uint8_t* h = body + pos;
    out.result = h[kAdminResultOffset];
    out.command = h[kAdminCommandOffset];
    out.fields.clear();
    pos += kAdminHeaderSize;
    for (uint8_t i = 0; i < h[kAdminFieldCountOffset]; i++) {
        if (n - pos < 5) return Status(4, "admin field header runs past the message");
        uint32_t size = load_u32(body + pos);
        if (size == 0 || size - 1 > n - pos - 5) return Status(4, "admin field runs past the message");
        out.fields.emplace_back(body[pos + 4], std::string_view(reinterpret_cast<const char*>(body + pos + 5), size - 1));
        pos += 4 + size_t(size);
    }
    return Status::ok();
}

}  // namespace

void write_admin_message(Buffer& out, uint8_t command, uint8_t result, const AdminFields& fields) {
    size_t start = out.size();
    out.resize(start + kProtoHeaderSize);
    write_record(out, command, result, fields);
    write_proto_header(out.data() + start, kProtoAdmin, out.size() - start - kProtoHeaderSize);
}

void write_admin_record(Buffer& out, uint8_t result, const AdminFields& fields) { write_record(out, 0, result, fields); }

std::optional<std::string_view> AdminMessage::field(uint8_t id) const {
    for (const auto& [fid, data] : fields)
        if (fid == id) return data;
    return std::nullopt;
}

Status parse_admin_message(const uint8_t* body, size_t n, AdminMessage& out) {
    size_t pos = 0;
    return parse_record(body, n, pos, out);
}

Status parse_admin_records(const uint8_t* body, size_t n, std::vector<AdminMessage>& out) {
    out.clear();
    size_t pos = 0;
    while (pos < n) {
        Status s = parse_record(body, n, pos, out.emplace_back());
        if (!s.is_ok()) return s;
    }
    return Status::ok();
}

std::string hash_password(std::string_view password) {
    // crypt_data is large (~32 KiB): on the heap, not on a caller's stack.
    auto data = std::make_unique<crypt_data>();
    std::string clear(password);
    const char* h = crypt_rn(clear.c_str(), kBcryptSalt, data.get(), int(sizeof *data));
    // Neither the copy nor libcrypt's scratch should keep the password around.
    explicit_bzero(clear.data(), clear.size());
    std::string out = h ? h : "";
    explicit_bzero(data.get(), sizeof *data);
    return out;
}

}  // namespace aero::proto
