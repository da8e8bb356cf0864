// Drains connections whose reply timed out, when the policy's timeout_delay allows it: on a
// thread of its own it reads the rest of the reply the server is still sending, so that the
// connection goes back to its pool instead of being closed (a closed one costs a new socket,
// and a login with security, on both sides). It gives up at the delay's end. The official
// clients call this connection recovery.
#pragma once

#include <functional>
#include <mutex>
#include <thread>
#include <vector>

#include "core/net/connection.h"
#include "core/net/wakeup.h"

namespace aero::net {

class Drainer {
public:
    // Told, on the drainer's thread or in stop(), whether the connection was drained whole;
    // it hands the connection back to its pool or closes it.
    using Done = std::function<void(Connection*, bool drained)>;

    Drainer();
    ~Drainer();
    Drainer(const Drainer&) = delete;
    Drainer& operator=(const Drainer&) = delete;

    // Takes over `c`, whose read_message() timed out (after keep_partial_body() for a
    // `stream`), until `deadline`. Any thread; the first call starts the thread.
    void add(Connection* c, bool stream, Clock::time_point deadline, Done done);
    // Gives up every drain and stops the thread; later adds are given up at once. Idempotent.
    void stop();

private:
    struct Entry {
        Connection* conn;
        bool stream;
        Clock::time_point deadline;
        Done done;
    };
    void run();

    std::mutex mu_;
    std::vector<Entry> added_;  // not yet taken by the thread
    bool stopping_ = false;
    Wakeup wake_;  // add() and stop() cut the thread's poll short
    bool wake_open_ = false;
    std::thread thread_;
};

}  // namespace aero::net
