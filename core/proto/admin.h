// The admin/security protocol (proto type 2, fact sheet §13): a 16-byte header after the
// proto header, then fields of `u32 size, u8 id, data`; plus the bcrypt password hash that
// LOGIN carries. Shared by the client (login, authenticate) and aero-server (security.h).
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "core/proto/bytes.h"
#include "core/status.h"

namespace aero::proto {

constexpr size_t kAdminHeaderSize = 16;
// Byte offsets in the 16-byte admin header.
constexpr size_t kAdminResultOffset = 1;
constexpr size_t kAdminCommandOffset = 2;
constexpr size_t kAdminFieldCountOffset = 3;

enum AdminCommand : uint8_t {
    kAdminAuthenticate = 0,
    kAdminCreateUser = 1,
    kAdminDropUser = 2,
    kAdminSetPassword = 3,
    kAdminChangePassword = 4,
    kAdminGrantRoles = 5,
    kAdminRevokeRoles = 6,
    kAdminQueryUsers = 9,
    kAdminCreateRole = 10,
    kAdminDropRole = 11,
    kAdminGrantPrivileges = 12,
    kAdminRevokePrivileges = 13,
    kAdminSetWhitelist = 14,
    kAdminSetQuotas = 15,
    kAdminQueryRoles = 16,
    kAdminLogin = 20,
};

enum AdminField : uint8_t {
    kFieldUser = 0,
    kFieldPassword = 1,
    kFieldOldPassword = 2,
    kFieldCredential = 3,
    kFieldSessionToken = 5,
    kFieldSessionTtl = 6,
    kFieldRoles = 10,
    kFieldRole = 11,
    kFieldPrivileges = 12,
    kFieldWhitelist = 13,
    kFieldReadQuota = 14,
    kFieldWriteQuota = 15,
    kFieldReadInfo = 16,
    kFieldWriteInfo = 17,
    kFieldConnections = 18,
};

// Result codes of the security protocol (§7.1).
enum SecurityResult : uint8_t {
    kResultQueryEnd = 50,
    kResultSecurityNotSupported = 51,
    kResultSecurityNotEnabled = 52,
    kResultInvalidCommand = 54,
    kResultInvalidField = 55,
    kResultInvalidUser = 60,
    kResultUserAlreadyExists = 61,
    kResultInvalidPassword = 62,
    kResultInvalidCredential = 65,
    kResultExpiredSession = 66,
    kResultInvalidRole = 70,
    kResultRoleAlreadyExists = 71,
    kResultInvalidPrivilege = 72,
    kResultInvalidWhitelist = 73,
    kResultInvalidQuota = 75,
    kResultNotAuthenticated = 80,
    kResultRoleViolation = 81,
    kResultNotWhitelisted = 82,
    kResultQuotaExceeded = 83,
};

using AdminFields = std::vector<std::pair<uint8_t, std::string_view>>;

// Appends a whole admin message (proto header included) to out. `result` is 0 in requests.
void write_admin_message(Buffer& out, uint8_t command, uint8_t result, const AdminFields& fields);

// An admin message body (after the proto header), parsed into views of its bytes.
struct AdminMessage {
    uint8_t result = 0;
    uint8_t command = 0;
    AdminFields fields;

    // The data of field `id`, if present.
    std::optional<std::string_view> field(uint8_t id) const;
};

// Fails with 4 (PARAMETER) when the header or a field runs past the body.
Status parse_admin_message(const uint8_t* body, size_t n, AdminMessage& out);
// The records of one proto body of a QUERY_USERS/QUERY_ROLES reply stream (§13.3): each is
// a 16-byte header and its fields, one after the other. Fails as parse_admin_message().
Status parse_admin_records(const uint8_t* body, size_t n, std::vector<AdminMessage>& out);
// Appends one record (no proto header) to out, as the server streams them.
void write_admin_record(Buffer& out, uint8_t result, const AdminFields& fields);

// bcrypt(password) with the fixed salt every official client uses (§13.4): what LOGIN sends
// and what the server stores. Empty when libcrypt refuses (it never should for this salt).
std::string hash_password(std::string_view password);

}  // namespace aero::proto
