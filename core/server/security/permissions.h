// What each privilege permits (Aerospike's "Privileges, permissions, and scopes" in the access
// control documentation), as bits named after the real server's permissions
// (as/include/base/security.h), and the check of a needed permission against a user's
// privileges and their scopes.
#pragma once

#include <cstdint>
#include <string_view>
#include <vector>

#include "core/proto/admin_fields.h"

namespace aero::server::security {

using Perms = uint64_t;

enum Perm : Perms {
    // Data commands: scoped to a namespace and set.
    kPermRead = 1u << 0,
    kPermQuery = 1u << 1,      // a scan or query that only reads
    kPermWrite = 1u << 2,      // writes and deletes
    kPermUdfApply = 1u << 3,   // a record UDF
    kPermUdfQuery = 1u << 4,   // a background UDF job or an aggregation
    kPermOpsQuery = 1u << 5,   // a background job of write operations
    kPermTruncate = 1u << 6,
    // Administration: global only.
    kPermUdfAdmin = 1u << 16,
    kPermSindexAdmin = 1u << 17,
    kPermQueryAdmin = 1u << 18,  // aborting jobs
    kPermEvictAdmin = 1u << 19,
    kPermSetConfig = 1u << 20,
    kPermServiceCtrl = 1u << 21,  // logging, recluster and other service control
    kPermUserAdmin = 1u << 22,
};

// The permissions one privilege code grants (none for an unknown code).
Perms perms_of(uint8_t privilege_code);

// Whether privileges grant every bit of `needed` for a record of set `set` of namespace `ns`
// (empty set: records without a set). Each bit may come from a different privilege; a
// privilege applies when it is global, of namespace ns, or of ns and set.
bool allows(const std::vector<proto::PrivilegeSpec>& privileges, Perms needed, std::string_view ns,
            std::string_view set);

}  // namespace aero::server::security
