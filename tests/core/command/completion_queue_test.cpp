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

// A host that drains a few at a time while more keep coming gets every completion once, in
// order, with its own payload, however often the drained part is dropped.
TEST(CompletionQueue, PartialDrainsKeepOrderAndPayloads) {
    CompletionQueue q;
    ASSERT_TRUE(q.open().is_ok());
    uint64_t pushed = 0, taken = 0;
    proto::Buffer out;
    for (int round = 0; round < 24; round++) {  // the backlog grows by 2 a round
        for (int i = 0; i < 5; i++, pushed++) {
            uint8_t payload[] = {0xa1, uint8_t('a' + pushed % 26)};  // a 1-char string
            q.push(pushed, int(pushed % 3), payload, sizeof payload);
        }
        q.wake();
        size_t n = q.drain(out, 3);
        ASSERT_EQ(n, 3u);
        // [n] then n times [3-array, token, status, payload]; the tokens stay below 128.
        ASSERT_EQ(out[0], 0x93);
        for (size_t i = 0; i < n; i++, taken++) {
            const uint8_t* e = out.data() + 1 + i * 5;
            EXPECT_EQ(e[0], 0x93);
            EXPECT_EQ(e[1], uint8_t(taken)) << "entry " << taken;
            EXPECT_EQ(e[2], uint8_t(taken % 3));
            EXPECT_EQ(e[3], 0xa1);
            EXPECT_EQ(e[4], uint8_t('a' + taken % 26));
        }
        EXPECT_TRUE(readable(q.fd()));
    }
    while (size_t n = q.drain(out, 1000)) taken += n;
    EXPECT_EQ(taken, pushed);
    EXPECT_FALSE(readable(q.fd()));
}

}  // namespace
}  // namespace aero
