// The permission check of security mode: what each privilege permits, scopes, and the
// users and roles store.
#include <gtest/gtest.h>

#include "core/proto/admin.h"
#include "core/server/security/permissions.h"
#include "core/server/security/store.h"
#include "core/server/security/whitelist.h"

namespace aero::server::security {
namespace {

using namespace aero::proto;

std::vector<PrivilegeSpec> one(uint8_t code, std::string ns = "", std::string set = "") {
    return {PrivilegeSpec{code, std::move(ns), std::move(set)}};
}

TEST(Permissions, EachPrivilegeGrantsItsCommands) {
    EXPECT_TRUE(allows(one(kPrivRead), kPermRead | kPermQuery, "test", ""));
    EXPECT_FALSE(allows(one(kPrivRead), kPermWrite, "test", ""));
    EXPECT_TRUE(allows(one(kPrivWrite), kPermWrite, "test", ""));
    EXPECT_FALSE(allows(one(kPrivWrite), kPermWrite | kPermRead, "test", ""));  // an operate that also reads
    EXPECT_TRUE(allows(one(kPrivReadWrite), kPermWrite | kPermRead | kPermOpsQuery, "test", "s"));
    EXPECT_FALSE(allows(one(kPrivReadWrite), kPermUdfApply, "test", ""));
    EXPECT_TRUE(allows(one(kPrivReadWriteUdf), kPermUdfApply | kPermUdfQuery, "test", ""));
    EXPECT_TRUE(allows(one(kPrivTruncate), kPermTruncate, "test", ""));
    EXPECT_FALSE(allows(one(kPrivTruncate), kPermRead, "test", ""));
    EXPECT_TRUE(allows(one(kPrivDataAdmin), kPermSindexAdmin | kPermUdfAdmin | kPermTruncate, "", ""));
    EXPECT_FALSE(allows(one(kPrivDataAdmin), kPermSetConfig, "", ""));
    EXPECT_TRUE(allows(one(kPrivSysAdmin), kPermSetConfig | kPermSindexAdmin, "", ""));
    EXPECT_FALSE(allows(one(kPrivSysAdmin), kPermUserAdmin | kPermRead, "", ""));
    EXPECT_TRUE(allows(one(kPrivUserAdmin), kPermUserAdmin, "", ""));
    EXPECT_FALSE(allows(one(kPrivUdfAdmin), kPermSindexAdmin, "", ""));
    EXPECT_FALSE(allows(one(kPrivSindexAdmin), kPermUdfAdmin, "", ""));
    EXPECT_FALSE(allows({}, kPermRead, "test", ""));
}

TEST(Permissions, ScopesNarrowToANamespaceAndSet) {
    auto ns_only = one(kPrivRead, "test");
    EXPECT_TRUE(allows(ns_only, kPermRead, "test", "any"));
    EXPECT_FALSE(allows(ns_only, kPermRead, "bar", ""));
    auto set_only = one(kPrivRead, "test", "s1");
    EXPECT_TRUE(allows(set_only, kPermRead, "test", "s1"));
    EXPECT_FALSE(allows(set_only, kPermRead, "test", "s2"));
    EXPECT_FALSE(allows(set_only, kPermRead, "test", ""));  // records without a set
}

TEST(Permissions, BitsMayComeFromDifferentPrivileges) {
    std::vector<PrivilegeSpec> both{{kPrivRead, "test", "s1"}, {kPrivWrite, "test", "s1"}};
    EXPECT_TRUE(allows(both, kPermRead | kPermWrite, "test", "s1"));
    EXPECT_FALSE(allows(both, kPermRead | kPermWrite, "test", "s2"));
}

TEST(Store, UsersAndRolesFollowTheServersCodes) {
    Store s;
    std::string hash = hash_password("pw");
    EXPECT_EQ(s.create_user("", hash, {}), kResultInvalidUser);
    EXPECT_EQ(s.create_user(std::string(64, 'u'), hash, {}), kResultInvalidUser);
    EXPECT_EQ(s.create_user("u", "not a hash", {}), kResultInvalidPassword);
    EXPECT_EQ(s.create_user("u", hash, {"no-such-role"}), kResultInvalidRole);
    EXPECT_EQ(s.create_user("u", hash, {"read"}), 0);
    EXPECT_EQ(s.create_user("u", hash, {"read"}), kResultUserAlreadyExists);
    EXPECT_EQ(s.change_password("u", hash_password("wrong"), hash_password("new")), kResultInvalidCredential);
    EXPECT_EQ(s.change_password("u", hash, hash_password("new")), 0);
    EXPECT_EQ(s.user("u")->password_epoch, 1u);

    EXPECT_EQ(s.create_role("read", {}), kResultRoleAlreadyExists);
    EXPECT_EQ(s.create_role("r", RoleDef{one(kPrivSysAdmin, "test"), {}, 0, 0, false}), kResultInvalidPrivilege);
    EXPECT_EQ(s.create_role("r", RoleDef{one(99), {}, 0, 0, false}), kResultInvalidPrivilege);
    EXPECT_EQ(s.create_role("r", RoleDef{{}, {"not-an-ip"}, 0, 0, false}), kResultInvalidWhitelist);
    EXPECT_EQ(s.create_role("r", RoleDef{one(kPrivWrite, "test", "s"), {"10.0.0.0/8"}, 5, 6, false}), 0);
    EXPECT_EQ(s.grant_privileges("read", one(kPrivWrite)), kResultInvalidRole);  // predefined roles are fixed
    EXPECT_EQ(s.drop_role("read"), kResultInvalidRole);
    EXPECT_EQ(s.grant_roles("u", {"r"}), 0);

    auto rights = s.rights("u", s.user("u")->id);
    ASSERT_TRUE(rights);
    EXPECT_EQ(rights->privileges.size(), 2u);
    EXPECT_EQ(rights->whitelist, std::vector<std::string>{"10.0.0.0/8"});
    EXPECT_EQ(rights->read_quota, 5u);
    EXPECT_FALSE(s.rights("u", s.user("u")->id + 1));  // another incarnation of the name

    EXPECT_EQ(s.drop_role("r"), 0);
    EXPECT_EQ(s.user("u")->roles, std::vector<std::string>{"read"});
    EXPECT_EQ(s.drop_user("u"), 0);
    EXPECT_EQ(s.drop_user("u"), kResultInvalidUser);
}

TEST(Whitelist, MatchesAddressesAndBlocks) {
    EXPECT_TRUE(valid_whitelist({"127.0.0.1", "10.0.0.0/8", "::1", "fe80::/10"}));
    EXPECT_FALSE(valid_whitelist({"10.0.0.0/33"}));
    EXPECT_FALSE(valid_whitelist({"host.example"}));
    EXPECT_TRUE(whitelisted({"10.0.0.0/8"}, "10.1.2.3"));
    EXPECT_FALSE(whitelisted({"10.0.0.0/8"}, "11.1.2.3"));
    EXPECT_TRUE(whitelisted({"127.0.0.2"}, "127.0.0.2"));
    EXPECT_FALSE(whitelisted({"127.0.0.2"}, "127.0.0.1"));
    EXPECT_TRUE(whitelisted({"::1"}, "::1"));
    EXPECT_FALSE(whitelisted({"10.0.0.0/8"}, ""));
}

}  // namespace
}  // namespace aero::server::security
