// aero-server's request path as its event loop runs it (net/event_server.cpp): the bytes of
// one connection cut into proto messages, each header checked by acceptable(), each whole
// message answered by serve_request() with a real ServerContext (info, admin, AS_MSG and
// compressed requests). The stream is served twice: by a standalone server, and by one in
// security mode, where a LOGIN (the corpus has one for admin/admin) opens the rest.
#include "core/server/dispatch.h"

namespace {

using namespace aero::server;

ServerConfig config(bool security) {
    ServerConfig cfg;
    cfg.security = security;
    return cfg;
}

// Serves one connection; stops where the server would close the socket, or where the client
// went away mid-request.
void serve(ServerContext& ctx, const uint8_t* data, size_t size) {
    security::ConnAuth conn;
    conn.authenticated = !ctx.security;
    aero::proto::Buffer body, out;
    ReplyFlush flush = [](aero::proto::Buffer& block) {
        block.clear();
        return true;
    };
    while (size >= aero::proto::kProtoHeaderSize) {
        uint8_t type = 0;
        uint64_t expected = 0;
        if (!acceptable(data, type, expected)) return;
        data += aero::proto::kProtoHeaderSize;
        size -= aero::proto::kProtoHeaderSize;
        if (expected > size) return;
        body.assign(data, data + expected);
        data += expected;
        size -= expected;
        is_long_request(type, body);  // the loop's choice of worker
        if (!serve_request(ctx, type, body, conn, out, flush)) return;
    }
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
    // Made once: a context costs a partition table, and security mode bcrypt-hashes its users
    // (tens of ms). Its storage (records, set tables, indexes, jobs) and sessions start afresh for each
    // input, so that an input replays alone as it ran, and sets that earlier inputs made do
    // not slow down every later one.
    static ServerContext plain(config(false), 3000), secured(config(true), 3000);
    for (ServerContext* ctx : {&plain, &secured}) {
        // Background jobs and indexes of the last input refer to the storage replaced here.
        ctx->jobs.stop_all();
        ctx->sindexes.clear();
        ctx->storage = Storage(ctx->config.namespaces, ctx->config.default_ttl, ctx->config.nsup_period);
        ctx->sindexes.attach(ctx->storage);
        serve(*ctx, data, size);
        if (ctx->security) ctx->security->forget_sessions();
    }
    return 0;
}
