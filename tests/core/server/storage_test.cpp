#include <gtest/gtest.h>

#include "core/server/clock.h"
#include "core/server/nsup.h"
#include "core/server/storage.h"

namespace aero::server {
namespace {

proto::Digest digest(uint8_t b) {
    proto::Digest d;
    d.fill(b);
    return d;
}

TEST(Record, GenerationWrapsToOne) {
    Record r;
    r.generation = 65535;
    r.bump_generation();
    EXPECT_EQ(r.generation, 1);
    r.bump_generation();
    EXPECT_EQ(r.generation, 2);
}

TEST(Record, BinsKeepInsertionOrder) {
    Record r;
    r.bin_for_write("z").type = 1;
    r.bin_for_write("a").type = 3;
    r.bin_for_write("z").type = 4;
    ASSERT_EQ(r.bins.size(), 2u);
    EXPECT_EQ(r.bins[0].name, "z");
    EXPECT_EQ(r.bins[0].type, 4);
    r.remove_bin("z");
    EXPECT_EQ(r.bins[0].name, "a");
}

TEST(Record, NextVoidTime) {
    EXPECT_EQ(next_void_time(50, 0, 0, 1000), 0u);
    EXPECT_EQ(next_void_time(50, 0, 30, 1000), 1030u);
    EXPECT_EQ(next_void_time(50, proto::kTtlNeverExpire, 30, 1000), 0u);
    EXPECT_EQ(next_void_time(50, proto::kTtlDontUpdate, 30, 1000), 50u);
    EXPECT_EQ(next_void_time(50, 7, 30, 1000), 1007u);
}

TEST(Namespace, ExpiredRecordsAreAbsentAndSwept) {
    Storage storage({"test"}, 0, 1);
    Namespace& ns = *storage.find("test");
    auto d1 = digest(1), d2 = digest(2);
    Record expired;
    expired.void_time = now_void_time_base() - 1;
    expired.bins.push_back(Bin{"a", 1, std::string(8, '\0')});
    Record live = expired;
    live.void_time = 0;
    ns.lock(d1).put(Record(expired));
    ns.lock(d2).put(std::move(live));
    EXPECT_EQ(ns.objects(), 2u);
    EXPECT_EQ(ns.lock(d1).find(), nullptr);
    EXPECT_EQ(ns.objects(), 1u);

    ns.lock(d1).put(std::move(expired));
    Nsup nsup(storage);
    EXPECT_EQ(nsup.sweep(), 1u);
    EXPECT_NE(ns.lock(d2).find(), nullptr);
}

TEST(Namespace, SetCountsAndTruncate) {
    Namespace ns("test", 0, 1);
    auto set = ns.set_id("demo", true);
    ASSERT_TRUE(set);
    EXPECT_EQ(ns.set_id("demo", false), set);
    EXPECT_FALSE(ns.set_id("other", false));
    Record r;
    r.set_id = *set;
    r.last_update_ms = 1000;
    ns.lock(digest(1)).put(Record(r));
    r.last_update_ms = 3000;
    ns.lock(digest(2)).put(Record(r));
    r.set_id = 0;
    r.last_update_ms = 1000;
    ns.lock(digest(3)).put(Record(r));
    ASSERT_EQ(ns.sets().size(), 1u);
    EXPECT_EQ(ns.sets()[0]->objects.load(), 2u);

    EXPECT_EQ(ns.truncate(*set, 2000), 1u);  // only the set's record updated before the lut
    EXPECT_EQ(ns.sets()[0]->objects.load(), 1u);
    EXPECT_EQ(ns.truncate(std::nullopt, 5000), 2u);
    EXPECT_EQ(ns.objects(), 0u);
}

}  // namespace
}  // namespace aero::server
