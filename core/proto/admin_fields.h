// The structured fields of the admin protocol (fact sheet §13.2): role lists, privileges,
// u32 quotas and the READ_INFO/WRITE_INFO lists. Shared by the client's admin commands and
// aero-server's admin handler, so both read and write one byte layout.
#pragma once

#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

namespace aero::proto {

// Privilege codes (§13.2): 0-4 global only, 10-14 scoped to a namespace and set.
enum PrivilegeCode : uint8_t {
    kPrivUserAdmin = 0,
    kPrivSysAdmin = 1,
    kPrivDataAdmin = 2,
    kPrivUdfAdmin = 3,
    kPrivSindexAdmin = 4,
    kPrivRead = 10,
    kPrivReadWrite = 11,
    kPrivReadWriteUdf = 12,
    kPrivWrite = 13,
    kPrivTruncate = 14,
};

// One privilege: empty ns means every namespace, empty set every set of ns.
struct PrivilegeSpec {
    uint8_t code = 0;
    std::string ns;
    std::string set;
    bool operator==(const PrivilegeSpec&) const = default;
};

bool is_known_privilege(uint8_t code);
// Codes 10 and up carry a namespace and set on the wire.
inline bool is_scoped_privilege(uint8_t code) { return code >= kPrivRead; }
// The predefined role named after the privilege ("read-write", ...); nullptr for an unknown code.
const char* privilege_name(uint8_t code);

// ROLES: u8 count, then count x (u8 len, name). False when a name is longer than 255 bytes
// or there are more than 255.
bool encode_roles(const std::vector<std::string>& roles, std::string& out);
bool decode_roles(std::string_view field, std::vector<std::string>& out);

// PRIVILEGES: u8 count, then u8 code, and for scoped codes (u8 len, ns) (u8 len, set).
bool encode_privileges(const std::vector<PrivilegeSpec>& privileges, std::string& out);
bool decode_privileges(std::string_view field, std::vector<PrivilegeSpec>& out);

std::string encode_u32(uint32_t v);
bool decode_u32(std::string_view field, uint32_t& out);

// READ_INFO / WRITE_INFO: u8 n, then n x u32 (quota, tps, rps, rps-zero count).
std::string encode_u32_list(const std::vector<uint32_t>& values);
bool decode_u32_list(std::string_view field, std::vector<uint32_t>& out);

// WHITELIST: comma-separated addresses or CIDRs.
std::string join_whitelist(const std::vector<std::string>& entries);
std::vector<std::string> split_whitelist(std::string_view field);

}  // namespace aero::proto
