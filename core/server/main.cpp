// aero-server: an embedded, Aerospike-wire-compatible server for development and tests.
#include <pthread.h>
#include <signal.h>

#include <cstdio>
#include <cstring>

#include "core/server/server.h"

int main(int argc, char** argv) {
    using namespace aero::server;
    for (int i = 1; i < argc; i++) {
        if (!strcmp(argv[i], "--help") || !strcmp(argv[i], "-h")) {
            fputs(usage_text(), stdout);
            return 0;
        }
    }
    ServerConfig cfg;
    aero::Status s = parse_args(argc, argv, cfg);
    if (!s.is_ok()) {
        fprintf(stderr, "aero-server: %s\n%s", s.message().c_str(), usage_text());
        return 2;
    }

    // Block the stop signals before any thread starts, so every thread inherits the mask and
    // only sigwait() below receives them.
    sigset_t stop_signals;
    sigemptyset(&stop_signals);
    sigaddset(&stop_signals, SIGTERM);
    sigaddset(&stop_signals, SIGINT);
    pthread_sigmask(SIG_BLOCK, &stop_signals, nullptr);

    Server server(cfg);
    s = server.start();
    if (!s.is_ok()) {
        fprintf(stderr, "aero-server: %s\n", s.message().c_str());
        return 1;
    }
    // Tests and tools wait for exactly this line.
    printf("aero-server listening on %s:%u\n", cfg.bind.c_str(), unsigned(server.port()));
    fflush(stdout);

    int sig;
    sigwait(&stop_signals, &sig);
    server.stop();
    return 0;
}
