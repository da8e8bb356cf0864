// A client's async engines: one event-loop thread, and a second one for when the first has
// many commands in flight.
//
// Against a server on the same machine, the kernel wakes the server's thread on the CPU of the
// loop thread that sent the request, and it preempts that loop thread at each send: one loop
// and the server then take turns on one CPU while the other idles (benchmarks/profiles.md,
// "Async: a second loop thread"). A second loop keeps the other CPU busy. Few commands in
// flight stay on the first loop, where a second thread would only cost wake-ups.
#pragma once

#include <array>
#include <memory>

#include "core/cluster/cluster.h"
#include "core/command/async_engine.h"
#include "core/status.h"

namespace aero {

class AsyncEngines {
public:
    // Commands in flight on the first loop beyond which the next ones may go to the second.
    static constexpr int32_t kSpreadAbove = 64;

    AsyncEngines(std::shared_ptr<Cluster> cluster, const ClientConfig& config);

    // The engine for the next command: the first while it has at most kSpreadAbove commands
    // in flight, else the less busy one. Each starts on first use. Callers serialise.
    Result<AsyncEngine*> pick();
    // Closes every started engine (see AsyncEngine::close). Any thread but a loop's.
    void close();

    // How many loops a client with `config` on a machine with `cpus` CPUs may run: two, unless
    // one CPU, too few connections to share, or max_concurrent_operations (whose limit and
    // wait queue belong to one loop) leave one.
    static size_t loops_for(const ClientConfig& config, unsigned cpus);
    // Loop `i`'s share of `max_conns_per_node` among `loops`: the first takes what does not divide.
    static uint32_t conns_for(uint32_t max_conns_per_node, size_t loops, size_t i);
    // Which loop takes the next command (see pick) when they have these commands in flight;
    // `second` is 0 while that loop has not started.
    static size_t choose(int32_t first, int32_t second, size_t loops);

private:
    Result<AsyncEngine*> started(size_t i);

    std::shared_ptr<Cluster> cluster_;
    ClientConfig config_;
    size_t count_;
    std::array<std::unique_ptr<AsyncEngine>, 2> engines_;
};

}  // namespace aero
