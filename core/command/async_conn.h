// The async engine's connection: its socket, the message being read into it, and TLS state.
// Shared by the engine's command logic (async_engine.cpp) and its socket I/O (async_io.cpp).
#pragma once

#include <uv.h>

#include <memory>
#include <vector>

#include "core/command/async_engine.h"
#include "core/net/tls_session.h"
#include "core/proto/message.h"

namespace aero {

// A pooled non-blocking connection. Owned by its AsyncNodePool while idle and by one command while
// in use; freed in its close callback.
struct AsyncConn {
    uv_tcp_t tcp{};
    uv_connect_t connect_req{};
    uv_write_t write_req{};
    AsyncEngine* engine = nullptr;
    AsyncNodePool* pool = nullptr;
    AsyncCommand* cmd = nullptr;  // null while idle or once abandoned
    proto::IncomingMessage in;  // the reply being read
    // libuv may deliver the reply before the write callback; the write request (and so the
    // connection) is not reusable until that callback ran, so a reply waits for it.
    bool write_pending = false;
    bool reply_complete = false;
    uint64_t idle_since_ms = 0;
    // Waiting for the reply to AUTHENTICATE (admin proto), sent from `auth_request`.
    bool authenticating = false;
    proto::Buffer auth_request;
    uint64_t auth_epoch = 0;  // NodeAuth::epoch() when it authenticated
    bool reading = false;  // a message is awaited
    bool unusable = false;  // something no reply accounts for came (see AsyncEngine::unexpected)
    uint32_t writes = 0;  // requests written so far (AsyncEngine::received_ahead)
    // Draining (timeout_delay): no command owns the connection, whose reply timed out; the
    // rest of it is read, and the connection pooled again, unless `drain_deadline` comes
    // first (then it is closed). A batch node's reply (`drain_stream`) ends with a flagged
    // message.
    bool draining = false;
    bool drain_stream = false;
    net::TimerLanes::Entry drain_deadline;
    // TLS: the session, cipher bytes in from the socket and out to it, and the pump's state.
    std::unique_ptr<net::TlsSession> tls;
    std::vector<uint8_t> cipher_in;
    std::vector<uint8_t> cipher_out;
    bool handshaking = false;
    bool pumping = false;
    bool pump_again = false;
};

}  // namespace aero
