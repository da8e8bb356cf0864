#include "core/command/completion_queue.h"

#include <gtest/gtest.h>
#include <poll.h>

namespace aero {
namespace {

bool readable(int fd) {
    pollfd p{fd, POLLIN, 0};
    return ::poll(&p, 1, 0) == 1 && (p.revents & POLLIN) != 0;
}

const uint8_t kNil[] = {0xc0};

// The host is woken once per wake(), for every completion pushed before it, and not before.
TEST(CompletionQueue, WakesOncePerWakeNotPerPush) {
    CompletionQueue q;
    ASSERT_TRUE(q.open().is_ok());
    EXPECT_TRUE(q.push(1, 0, kNil, 1));
    EXPECT_FALSE(q.push(2, 0, kNil, 1));  // a wake() is due already
    EXPECT_FALSE(readable(q.fd()));
    q.wake();
    EXPECT_TRUE(readable(q.fd()));
    EXPECT_FALSE(q.push(3, 0, kNil, 1));  // the host is woken already
    proto::Buffer out;
    EXPECT_EQ(q.drain(out, 100), 3u);
    EXPECT_FALSE(readable(q.fd()));
    EXPECT_TRUE(q.push(4, 0, kNil, 1));  // emptied: the next push needs a wake again
}

// A wake() after the host drained everything on its own does not wake it for nothing; a
// partial drain keeps the fd readable.
TEST(CompletionQueue, WakeAfterDrainAndPartialDrain) {
    CompletionQueue q;
    ASSERT_TRUE(q.open().is_ok());
    EXPECT_TRUE(q.push(1, 0, kNil, 1));
    proto::Buffer out;
    EXPECT_EQ(q.drain(out, 100), 1u);
    q.wake();
    EXPECT_FALSE(readable(q.fd()));
    EXPECT_TRUE(q.push(2, 0, kNil, 1));
    EXPECT_FALSE(q.push(3, 0, kNil, 1));
    q.wake();
    EXPECT_EQ(q.drain(out, 1), 1u);
    EXPECT_TRUE(readable(q.fd()));
    EXPECT_EQ(q.drain(out, 1), 1u);
    EXPECT_FALSE(readable(q.fd()));
}

}  // namespace
}  // namespace aero
