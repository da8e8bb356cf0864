// aero-server: an embedded, Aerospike-wire-compatible server for development and tests.
#include <pthread.h>
#include <signal.h>
#include <sys/resource.h>

#include <cstdio>
#include <cstring>
#include <memory>

#include "core/server/cluster.h"

namespace {

using namespace aero::server;

// Connections are file descriptors: take all the hard limit allows, as the real server
// raises its own to proto-fd-max.
void raise_fd_limit() {
    rlimit lim{};
    if (getrlimit(RLIMIT_NOFILE, &lim) == 0 && lim.rlim_cur < lim.rlim_max) {
        lim.rlim_cur = lim.rlim_max;
        setrlimit(RLIMIT_NOFILE, &lim);
    }
}

// Tests and tools wait for exactly this line, one per node, then the TLS line with --tls-port.
void print_listening(const ServerConfig& cfg, Server& node) {
    printf("aero-server listening on %s:%u\n", cfg.bind.c_str(), unsigned(node.port()));
    if (auto tls = node.tls_port()) printf("aero-server tls listening on %s:%u\n", cfg.bind.c_str(), unsigned(*tls));
}

}  // namespace

int main(int argc, char** argv) {
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
    raise_fd_limit();

    std::unique_ptr<Server> server;
    std::unique_ptr<Cluster> cluster;
    if (cfg.nodes) {
        cluster = std::make_unique<Cluster>(cfg);
        s = cluster->start();
    } else {
        server = std::make_unique<Server>(cfg);
        s = server->start();
    }
    if (!s.is_ok()) {
        fprintf(stderr, "aero-server: %s\n", s.message().c_str());
        return 1;
    }
    if (cluster) {
        for (size_t i = 0; i < cluster->size(); i++) print_listening(cfg, cluster->node(i));
    } else {
        print_listening(cfg, *server);
    }
    fflush(stdout);

    int sig;
    sigwait(&stop_signals, &sig);
    if (cluster) cluster->stop();
    if (server) server->stop();
    return 0;
}
