#include "core/proto/admin_fields.h"

#include "core/proto/bytes.h"

namespace aero::proto {

namespace {

bool put_short_string(std::string& out, std::string_view s) {
    if (s.size() > 255) return false;
    out.push_back(char(s.size()));
    out.append(s);
    return true;
}

bool read_short_string(Reader& r, std::string& out) {
    uint8_t len = 0;
    const uint8_t* p = nullptr;
    if (!r.u8(len) || !r.bytes(len, p)) return false;
    out.assign(reinterpret_cast<const char*>(p), len);
    return true;
}

Reader reader_of(std::string_view field) { return Reader(reinterpret_cast<const uint8_t*>(field.data()), field.size()); }

}  // namespace

bool is_known_privilege(uint8_t code) { return privilege_name(code) != nullptr; }

const char* privilege_name(uint8_t code) {
    switch (code) {
    case kPrivUserAdmin: return "user-admin";
    case kPrivSysAdmin: return "sys-admin";
    case kPrivDataAdmin: return "data-admin";
    case kPrivUdfAdmin: return "udf-admin";
    case kPrivSindexAdmin: return "sindex-admin";
    case kPrivRead: return "read";
    case kPrivReadWrite: return "read-write";
    case kPrivReadWriteUdf: return "read-write-udf";
    case kPrivWrite: return "write";
    case kPrivTruncate: return "truncate";
    default: return nullptr;
    }
}

bool encode_roles(const std::vector<std::string>& roles, std::string& out) {
    if (roles.size() > 255) return false;
    out.assign(1, char(roles.size()));
    for (const auto& role : roles)
        if (!put_short_string(out, role)) return false;
    return true;
}

bool decode_roles(std::string_view field, std::vector<std::string>& out) {
    Reader r = reader_of(field);
    uint8_t count = 0;
    if (!r.u8(count)) return false;
    out.resize(count);
    for (auto& role : out)
        if (!read_short_string(r, role)) return false;
    return r.left() == 0;
}

bool encode_privileges(const std::vector<PrivilegeSpec>& privileges, std::string& out) {
    if (privileges.size() > 255) return false;
    out.assign(1, char(privileges.size()));
    for (const auto& p : privileges) {
        out.push_back(char(p.code));
        if (is_scoped_privilege(p.code) && !(put_short_string(out, p.ns) && put_short_string(out, p.set))) return false;
    }
    return true;
}

bool decode_privileges(std::string_view field, std::vector<PrivilegeSpec>& out) {
    Reader r = reader_of(field);
    uint8_t count = 0;
    if (!r.u8(count)) return false;
    out.resize(count);
    for (auto& p : out) {
        if (!r.u8(p.code)) return false;
        if (is_scoped_privilege(p.code) && !(read_short_string(r, p.ns) && read_short_string(r, p.set))) return false;
    }
    return r.left() == 0;
}

std::string encode_u32(uint32_t v) {
    std::string out(4, '\0');
    store_u32(reinterpret_cast<uint8_t*>(out.data()), v);
    return out;
}

bool decode_u32(std::string_view field, uint32_t& out) {
    if (field.size() != 4) return false;
    out = load_u32(reinterpret_cast<const uint8_t*>(field.data()));
    return true;
}

std::string encode_u32_list(const std::vector<uint32_t>& values) {
    std::string out(1, char(values.size()));
    for (uint32_t v : values) out += encode_u32(v);
    return out;
}

bool decode_u32_list(std::string_view field, std::vector<uint32_t>& out) {
    Reader r = reader_of(field);
    uint8_t count = 0;
    if (!r.u8(count)) return false;
    out.resize(count);
    for (auto& v : out)
        if (!r.u32(v)) return false;
    return r.left() == 0;
}

std::string join_whitelist(const std::vector<std::string>& entries) {
    std::string out;
    for (const auto& e : entries) {
        if (!out.empty()) out.push_back(',');
        out += e;
    }
    return out;
}

std::vector<std::string> split_whitelist(std::string_view field) {
    std::vector<std::string> out;
    while (!field.empty()) {
        size_t comma = field.find(',');
        std::string_view entry = field.substr(0, comma);
        if (!entry.empty()) out.emplace_back(entry);
        if (comma == std::string_view::npos) break;
        field.remove_prefix(comma + 1);
    }
    return out;
}

}  // namespace aero::proto
