// The library's own log lines (connects, nodes added and removed, partition map changes,
// retries, errors), kept process-wide in a bounded queue that the host drains: libaero never
// calls into the host from its threads. When the queue is full a line is dropped and counted.
#pragma once

#include <cstdint>
#include <string_view>

#include "core/proto/bytes.h"
#include "core/status.h"

namespace aero::log {

// Levels as aero.h numbers them: lower is more severe.
enum Level : int { kOff = -1, kError = 0, kWarn = 1, kInfo = 2, kDebug = 3, kTrace = 4 };

// Lines the queue holds before it drops new ones.
constexpr size_t kCapacity = 4096;

// The most detailed level kept (kWarn unless set).
int level();
void set_level(int level);
// Whether a line at `l` would be kept: callers test it before building a message.
inline bool enabled(int l) { return l <= level(); }

// Queues one line (when its level is kept).
void write(int level, std::string_view message);

// Moves up to `max` queued lines into out as msgpack [[level, unix_millis, message], ...].
size_t drain(proto::Buffer& out, size_t max);
// Lines dropped because the queue was full, since the process started.
uint64_t dropped();
// An fd readable while lines wait (opened on first use), for a host thread or loop to watch.
Result<int> fd();

}  // namespace aero::log
