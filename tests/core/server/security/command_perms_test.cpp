// What each command needs in security mode: record commands by their info bits and UDF
// field, scans/queries by their kind, info commands by name (thr_info.c's table).
#include <gtest/gtest.h>

#include "core/proto/message.h"
#include "core/server/query/query_request.h"
#include "core/server/security/command_perms.h"

namespace aero::server::security {
namespace {

using namespace aero::proto;

Request request(uint8_t info1, uint8_t info2, bool udf = false) {
    Request r;
    r.header.info1 = info1;
    r.header.info2 = info2;
    r.udf.has_module = udf;
    return r;
}

TEST(CommandPerms, RecordCommands) {
    EXPECT_EQ(record_perms(request(kInfo1Read, 0)), kPermRead);
    EXPECT_EQ(record_perms(request(0, kInfo2Write)), kPermWrite);
    EXPECT_EQ(record_perms(request(0, kInfo2Write | kInfo2Delete)), kPermWrite);
    EXPECT_EQ(record_perms(request(kInfo1Read, kInfo2Write)), kPermWrite | kPermRead);  // operate with reads
    EXPECT_EQ(record_perms(request(0, kInfo2Write, true)), kPermUdfApply);  // fields 30/31/32: apply
}

TEST(CommandPerms, Queries) {
    query::QueryRequest q;
    EXPECT_EQ(query_perms(q), kPermQuery);
    q.header.info2 = kInfo2Write;
    EXPECT_EQ(query_perms(q), kPermOpsQuery);
    q.udf.has_module = true;
    EXPECT_EQ(query_perms(q), kPermUdfQuery);
}

TEST(CommandPerms, InfoCommandsThatChangeTheServer) {
    EXPECT_EQ(info_needs("build").perms, 0u);
    EXPECT_EQ(info_needs("namespaces").perms, 0u);
    EXPECT_EQ(info_needs("sindex-create:ns=test;indexname=i;bin=b;type=numeric").perms, kPermSindexAdmin);
    EXPECT_EQ(info_needs("udf-put:filename=a.lua;content=x").perms, kPermUdfAdmin);
    EXPECT_EQ(info_needs("set-config:context=service;x=1").perms, kPermSetConfig);
    InfoNeeds t = info_needs("truncate:namespace=test;set=s1;lut=0");
    EXPECT_EQ(t.perms, kPermTruncate);
    EXPECT_EQ(t.ns, "test");
    EXPECT_EQ(t.set, "s1");
    EXPECT_EQ(info_needs("truncate-namespace:namespace=bar").ns, "bar");
}

}  // namespace
}  // namespace aero::server::security
