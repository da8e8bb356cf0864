// Where async commands leave their results for the host to collect. The loop thread pushes
// and, once per loop iteration, wakes the host through an fd that turns readable when
// completions wait (one wake-up per drain period, not per completion); the host drains many
// completions in one call.
#pragma once

#include <cstdint>
#include <mutex>
#include <vector>

#include "core/net/wakeup.h"
#include "core/proto/bytes.h"

namespace aero {

class CompletionQueue {
public:
    Status open() { return wakeup_.open(); }
    int fd() const { return wakeup_.fd(); }

    // Queues one completion; `payload` is one msgpack value (copied). True when the host has
    // not been woken for it yet and no wake() is due: the caller then calls wake() once its
    // pushes of the moment are done. Any thread.
    bool push(uint64_t token, int status, const uint8_t* payload, size_t len);
    // Makes the fd readable if completions wait and it is not already. Any thread.
    void wake();
    // Moves up to `max` completions into `out` as a msgpack array of [token, status, payload]
    // and returns how many. Any thread; one drainer at a time.
    size_t drain(proto::Buffer& out, size_t max);

private:
    // Drops the drained entries and their payload bytes. mu_ held; some entry waits.
    void compact();

    struct Entry {
        uint64_t token;
        int status;
        size_t offset;  // of the payload in bytes_
        size_t len;
    };
    std::mutex mu_;
    std::vector<Entry> entries_;
    proto::Buffer bytes_;
    size_t head_ = 0;  // first entry not yet drained
    bool signalled_ = false;  // the fd is readable
    bool wake_due_ = false;   // a push returned true and its wake() has not run
    net::Wakeup wakeup_;
};

}  // namespace aero
