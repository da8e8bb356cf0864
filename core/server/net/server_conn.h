// One client connection of aero-server's event loop. The loop thread owns it; while a request
// runs on a worker (`busy`), the worker uses the request and reply buffers and the loop only
// writes what the worker hands it.
#pragma once

#include <uv.h>

#include <condition_variable>
#include <cstdint>
#include <list>
#include <memory>
#include <mutex>
#include <vector>

#include "core/net/tls_session.h"
#include "core/proto/bytes.h"
#include "core/proto/message.h"
#include "core/server/security/conn_auth.h"

namespace aero::server {

class ServeLoop;

struct ServerConn {
    uv_tcp_t tcp{};
    ServeLoop* loop = nullptr;
    std::list<ServerConn*>::iterator where;  // in the server's list of connections

    // TLS: the session, whose handshake runs on the loop, and the cipher bytes read.
    std::unique_ptr<net::TlsSession> tls;
    bool handshaking = false;
    bool pumping = false;
    std::vector<uint8_t> cipher_in;

    // The request being read, and its proto type once its header is whole.
    proto::IncomingMessage in;
    uint8_t type = 0;
    // Loop time of the last bytes read, and of a request's (or handshake's) first bytes; 0
    // between requests. The reaper closes stalled and idle connections by them.
    uint64_t last_active_ms = 0;
    uint64_t request_since_ms = 0;

    // A request runs on a worker; reading waits until its reply is handed back.
    bool busy = false;
    // Who logged in on it, and from where (security mode).
    security::ConnAuth auth;
    proto::Buffer out;

    // Replies being written, and since when the oldest has waited.
    unsigned writes_pending = 0;
    uint64_t write_since_ms = 0;
    bool closing = false;
    bool handle_closed = false;

    // A worker streaming a long reply sends one block at a time: it waits here until the
    // previous block is written, or the connection is gone.
    std::mutex mu;
    std::condition_variable block_written;
    bool block_in_flight = false;
    bool gone = false;
};

}  // namespace aero::server
