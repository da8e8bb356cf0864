#include "core/command/metrics.h"

#include <gtest/gtest.h>

#include <string>

#include "core/proto/msgpack.h"

namespace aero {
namespace {

namespace mp = proto::msgpack;
using std::chrono::milliseconds;

TEST(Metrics, RecordsHistogramsPerSeries) {
    metrics::reset();
    metrics::record("get", "test", "s", 0, milliseconds(2));
    metrics::record("get", "test", "s", 0, milliseconds(20));
    metrics::record("get", "test", "s", 2, milliseconds(20));
    metrics::record("op-" + std::string(40, 'x'), "test", "s", 0, std::chrono::seconds(11));
    proto::Buffer out;
    metrics::snapshot(out);
    proto::Reader r(out.data(), out.size());
    mp::Item arr;
    ASSERT_TRUE(mp::read_item(r, arr));
    ASSERT_EQ(arr.len, 3u);
    bool saw_ok_get = false, saw_long = false;
    for (uint32_t i = 0; i < arr.len; i++) {
        mp::Item row, op, ns, set, code, count, sum, buckets;
        mp::read_item(r, row);
        mp::read_item(r, op);
        mp::read_item(r, ns);
        mp::read_item(r, set);
        mp::read_item(r, code);
        mp::read_item(r, count);
        mp::read_item(r, sum);
        mp::read_item(r, buckets);
        ASSERT_EQ(buckets.len, metrics::kBuckets + 1);
        std::vector<int64_t> b(buckets.len);
        for (auto& v : b) {
            mp::Item it;
            mp::read_item(r, it);
            v = it.i;
        }
        std::string name(reinterpret_cast<const char*>(op.data), op.len);
        if (name == "get" && code.i == 0) {
            saw_ok_get = true;
            EXPECT_EQ(count.i, 2);
            EXPECT_NEAR(sum.d, 0.022, 1e-9);
            EXPECT_EQ(b[1], 1);  // 2 ms: up to 5 ms
            EXPECT_EQ(b[3], 1);  // 20 ms: up to 50 ms
        } else if (name.rfind("op-", 0) == 0) {
            saw_long = true;
            EXPECT_EQ(name.size(), metrics::kMaxOpName);  // cut to the label limit
            EXPECT_EQ(b[metrics::kBuckets], 1);           // above the last bound
        }
    }
    EXPECT_TRUE(saw_ok_get && saw_long);
    metrics::reset();
    metrics::snapshot(out);
    EXPECT_EQ(out.size(), 1u);  // an empty array
}

}  // namespace
}  // namespace aero
