#include <gtest/gtest.h>

#include "core/proto/info.h"
#include "core/server/clock.h"
#include "core/server/info_handler.h"

namespace aero::server {
namespace {

class InfoTest : public ::testing::Test {
protected:
    static ServerConfig config() {
        ServerConfig cfg;
        cfg.namespaces.push_back("bar");
        cfg.node_id = 0xABC;
        return cfg;
    }
    std::string ask(const std::string& command) {
        auto pairs = proto::parse_info_response(handle_info(ctx, command + "\n"));
        EXPECT_EQ(pairs.size(), 1u);
        EXPECT_EQ(pairs[0].first, command);  // the command comes back exactly as sent
        return pairs[0].second;
    }
    ServerContext ctx{config(), 4000};
};

TEST_F(InfoTest, ClusterCommands) {
    EXPECT_EQ(ask("node"), "ABC");
    EXPECT_EQ(ask("build"), "8.1.2.0");
    EXPECT_EQ(ask("namespaces"), "test;bar");
    EXPECT_EQ(ask("peers-clear-std"), "1,4000,[]");
    EXPECT_EQ(ask("service-clear-std"), "127.0.0.1:4000");
    EXPECT_EQ(ask("bogus"), "ERROR:4:unrecognized command");
    EXPECT_EQ(ask("namespace/nope"), "type=unknown");
    EXPECT_NE(ask("features").find("pscans"), std::string::npos);
    EXPECT_NE(ask("features").find(";udf"), std::string::npos);
    EXPECT_EQ(ask("features").find("replicas-max"), std::string::npos);
    EXPECT_EQ(ask("status"), "ok");
    std::string replicas = ask("replicas");
    std::string column(682, '/');
    EXPECT_EQ(replicas, "test:0,1," + column + "8=;bar:0,1," + column + "8=");
}

TEST_F(InfoTest, TruncateValidatesLut) {
    EXPECT_EQ(ask("truncate:namespace=test;set=demo"), "ok");
    EXPECT_EQ(ask("truncate:namespace=test"), "ERROR:4:missing 'set'");
    EXPECT_EQ(ask("truncate-namespace:namespace=test;set=x"), "ERROR:4:unexpected set name");
    std::string future = std::to_string((now_unix_ms() + 60000) * 1000000);
    EXPECT_EQ(ask("truncate-namespace:namespace=test;lut=" + future), "ERROR:4:would truncate in the future");
}

}  // namespace
}  // namespace aero::server
