#include "core/server/security/permissions.h"

namespace aero::server::security {

using namespace aero::proto;

namespace {

constexpr Perms kDataAdmin = kPermUdfAdmin | kPermSindexAdmin | kPermQueryAdmin | kPermTruncate;
constexpr Perms kReadWrite = kPermRead | kPermQuery | kPermWrite | kPermOpsQuery;

bool covers(const PrivilegeSpec& p, std::string_view ns, std::string_view set) {
    return p.ns.empty() || (p.ns == ns && (p.set.empty() || p.set == set));
}

}  // namespace

Perms perms_of(uint8_t privilege_code) {
    switch (privilege_code) {
    case kPrivUserAdmin: return kPermUserAdmin;
    case kPrivSysAdmin: return kDataAdmin | kPermEvictAdmin | kPermSetConfig | kPermServiceCtrl;
    case kPrivDataAdmin: return kDataAdmin;
    case kPrivUdfAdmin: return kPermUdfAdmin;
    case kPrivSindexAdmin: return kPermSindexAdmin;
    case kPrivRead: return kPermRead | kPermQuery;
    case kPrivReadWrite: return kReadWrite;
    case kPrivReadWriteUdf: return kReadWrite | kPermUdfApply | kPermUdfQuery;
    case kPrivWrite: return kPermWrite;
    case kPrivTruncate: return kPermTruncate;
    default: return 0;
    }
}

bool allows(const std::vector<PrivilegeSpec>& privileges, Perms needed, std::string_view ns, std::string_view set) {
    Perms granted = 0;
    for (const auto& p : privileges)
        if (covers(p, ns, set)) granted |= perms_of(p.code);
    return (granted & needed) == needed;
}

}  // namespace aero::server::security
