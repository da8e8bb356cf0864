#include "core/cluster/config.h"

#include <gtest/gtest.h>

namespace aero {
namespace {

TEST(Config, HostsParse) {
    auto r = parse_hosts("a, b:3100 ,[::1]:4000,[fe80::1]");
    ASSERT_TRUE(r.is_ok());
    ASSERT_EQ(r.value().size(), 4u);
    EXPECT_EQ(r.value()[0].port, 3000);
    EXPECT_EQ(r.value()[1].name, "b");
    EXPECT_EQ(r.value()[1].port, 3100);
    EXPECT_EQ(r.value()[2].name, "::1");
    EXPECT_EQ(r.value()[3].port, 3000);
    EXPECT_FALSE(parse_hosts("a:0").is_ok());
    EXPECT_FALSE(parse_hosts("a:x").is_ok());
    EXPECT_FALSE(parse_hosts("[::1").is_ok());
    EXPECT_FALSE(parse_hosts(":3000").is_ok());
}

TEST(Config, HostsWithTlsNames) {
    auto r = parse_hosts("a:aero-test:4333,[::1]:n1:4000,b:3000");
    ASSERT_TRUE(r.is_ok());
    ASSERT_EQ(r.value().size(), 3u);
    EXPECT_EQ(r.value()[0].name, "a");
    EXPECT_EQ(r.value()[0].tls_name, "aero-test");
    EXPECT_EQ(r.value()[0].port, 4333);
    EXPECT_EQ(r.value()[1].name, "::1");
    EXPECT_EQ(r.value()[1].tls_name, "n1");
    EXPECT_EQ(r.value()[1].port, 4000);
    EXPECT_EQ(r.value()[2].tls_name, "");
    EXPECT_FALSE(parse_hosts("a:name:").is_ok());
    EXPECT_FALSE(parse_hosts("a::3000").is_ok());
    EXPECT_FALSE(parse_hosts("a:name:x").is_ok());
    ClientConfig c;
    ASSERT_TRUE(config_set(c, "hosts", "a:aero-test:4333,[::1]:4000").is_ok());
    EXPECT_EQ(config_get(c, "hosts").value(), "a:aero-test:4333,[::1]:4000");
    ASSERT_TRUE(config_set(c, "tls.enable", "true").is_ok());
    EXPECT_TRUE(c.tls_enable);
    EXPECT_TRUE(config_set(c, "tls.name", "aero-test").is_ok());
    EXPECT_EQ(config_get(c, "tls.name").value(), "aero-test");
}

TEST(Config, SetGetAndErrors) {
    ClientConfig c;
    EXPECT_TRUE(config_set(c, "policies.read.total_timeout", "250").is_ok());
    EXPECT_EQ(c.read.total_timeout_ms, 250u);
    EXPECT_EQ(config_get(c, "policies.read.total_timeout").value(), "250");
    EXPECT_TRUE(config_set(c, "use_services_alternate", "true").is_ok());
    EXPECT_TRUE(c.use_services_alternate);
    Status s = config_set(c, "use_services_alternate", "maybe");
    EXPECT_EQ(s.code(), kErrParam);
    EXPECT_NE(s.message().find("use_services_alternate"), std::string::npos);
    EXPECT_EQ(config_set(c, "bogus", "1").code(), kErrParam);
    EXPECT_EQ(config_set(c, "timeout", "4294967296").code(), kErrParam);
    for (size_t i = 0; i < config_property_count(); i++)
        EXPECT_TRUE(config_get(c, config_property_name(i)).is_ok()) << config_property_name(i);
}

TEST(Config, RackIds) {
    ClientConfig c;
    ASSERT_TRUE(config_set(c, "rack_aware", "true").is_ok());
    EXPECT_TRUE(c.rack_aware);
    ASSERT_TRUE(config_set(c, "rack_ids", "3,1,2").is_ok());
    EXPECT_EQ(c.rack_ids, (std::vector<int32_t>{3, 1, 2}));
    EXPECT_EQ(config_get(c, "rack_ids").value(), "3,1,2");
    for (const char* bad : {"1,x", "-1", "1,,2", "99999999999"}) {
        Status s = config_set(c, "rack_ids", bad);
        EXPECT_EQ(s.code(), kErrParam) << bad;
        EXPECT_NE(s.message().find("rack_ids"), std::string::npos);
    }
    EXPECT_EQ(c.rack_ids, (std::vector<int32_t>{3, 1, 2}));
    ASSERT_TRUE(config_set(c, "rack_ids", "").is_ok());
    EXPECT_TRUE(c.rack_ids.empty());
}

TEST(Config, NumbersThatCannotWorkAreRefused) {
    ClientConfig c;
    struct Bad {
        const char* key;
        const char* value;
    };
    // A pool of no connections, a tend in a busy loop, connections never reused or kept a
    // day, and the negative values an unsigned key must refuse.
    for (Bad bad : {Bad{"max_conns_per_node", "0"}, Bad{"tend_interval", "0"}, Bad{"tend_interval", "9"},
                    Bad{"idle_timeout", "0"}, Bad{"idle_timeout", "86401"}, Bad{"min_conns_per_node", "-1"},
                    Bad{"timeout", "-1"}, Bad{"max_concurrent_operations", "-3"},
                    Bad{"policies.read.total_timeout", "-1"}}) {
        Status s = config_set(c, bad.key, bad.value);
        EXPECT_EQ(s.code(), kErrParam) << bad.key << "=" << bad.value;
        EXPECT_NE(s.message().find(bad.key), std::string::npos) << s.message();
    }
    EXPECT_EQ(c.max_conns_per_node, 256u);
    EXPECT_EQ(c.tend_interval_ms, 1000u);
    EXPECT_EQ(c.idle_timeout_s, 55u);
    for (Bad good : {Bad{"max_conns_per_node", "1"}, Bad{"tend_interval", "10"}, Bad{"idle_timeout", "1"},
                     Bad{"idle_timeout", "86400"}, Bad{"timeout", "0"}, Bad{"min_conns_per_node", "0"}})
        EXPECT_TRUE(config_set(c, good.key, good.value).is_ok()) << good.key << "=" << good.value;
    EXPECT_EQ(c.connect_timeout_ms, 0u);
}

TEST(Config, MinConnsMustNotExceedMaxConns) {
    ClientConfig c;
    EXPECT_TRUE(config_check(c).is_ok());
    // Keys come one at a time in any order, so the pair is checked on the whole config.
    ASSERT_TRUE(config_set(c, "min_conns_per_node", "300").is_ok());
    Status s = config_check(c);
    EXPECT_EQ(s.code(), kErrParam);
    EXPECT_NE(s.message().find("min_conns_per_node"), std::string::npos);
    EXPECT_NE(s.message().find("max_conns_per_node"), std::string::npos);
    ASSERT_TRUE(config_set(c, "max_conns_per_node", "300").is_ok());
    EXPECT_TRUE(config_check(c).is_ok());
}

}  // namespace
}  // namespace aero
