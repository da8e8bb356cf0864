#include "core/server/server.h"

#include <sys/socket.h>
#include <unistd.h>

#include "core/server/connection.h"

namespace aero::server {

Status Server::start() {
    if (config_.tls_port) {
        auto tls = ServerTls::create(config_.tls_cert, config_.tls_key, config_.tls_client_ca);
        if (!tls.is_ok()) return tls.status();
        tls_ = std::move(tls.value());
    }
    Status s = listen(config_.port, config_.tls_port);
    if (!s.is_ok()) return s;
    ServerConfig bound = config_;
    if (tls_listener_) bound.tls_port = tls_listener_->port();
    context_ = std::make_unique<ServerContext>(bound, listener_->port(), cluster_);
    nsup_ = std::make_unique<Nsup>(context_->storage);
    nsup_->start(config_.nsup_period);
    start_accepting();
    return Status::ok();
}

Status Server::open_service() {
    Status s = listen(context_->config.port, context_->config.tls_port);
    if (s.is_ok()) start_accepting();
    return s;
}

void Server::start_accepting() {
    accept_thread_ = std::thread([this] { accept_loop(*listener_, nullptr); });
    if (tls_listener_) tls_accept_thread_ = std::thread([this] { accept_loop(*tls_listener_, tls_.get()); });
}

Status Server::listen(uint16_t port, std::optional<uint16_t> tls_port) {
    listener_.emplace();
    Status s = listener_->open(config_.bind, port);
    if (s.is_ok() && tls_port) {
        tls_listener_.emplace();
        s = tls_listener_->open(config_.bind, *tls_port);
    }
    if (s.is_ok()) {
        std::lock_guard lk(mutex_);
        stopping_ = false;
    }
    return s;
}

void Server::accept_loop(Listener& listener, const ServerTls* tls) {
    for (int fd; (fd = listener.accept()) >= 0;) {
        std::lock_guard lk(mutex_);
        if (stopping_) {
            ::close(fd);
            break;
        }
        clients_.insert(fd);
        // Detached: a connection lives as long as its client; stop() waits via clients_.
        std::thread([this, fd, tls] { serve(fd, tls); }).detach();
    }
}

void Server::serve(int fd, const ServerTls* tls) {
    ServerStats& stats = context_->stats;
    stats.client_connections++;
    stats.client_connections_opened++;
    // The handshake runs on the connection's thread, so a slow client holds up no one else.
    std::unique_ptr<Stream> stream = tls ? tls->accept(fd) : std::make_unique<SocketStream>(fd);
    if (stream) serve_connection(*stream, *context_);
    stream.reset();
    stats.client_connections--;
    stats.client_connections_closed++;
    std::lock_guard lk(mutex_);
    clients_.erase(fd);
    ::close(fd);
    idle_.notify_all();
}

void Server::close_service() {
    {
        std::lock_guard lk(mutex_);
        if (stopping_) return;
        stopping_ = true;
    }
    for (auto* l : {&listener_, &tls_listener_})
        if (*l) (*l)->close();
    for (auto* t : {&accept_thread_, &tls_accept_thread_})
        if (t->joinable()) t->join();
    std::unique_lock lk(mutex_);
    for (int fd : clients_) ::shutdown(fd, SHUT_RDWR);  // ends each connection's blocking read
    idle_.wait(lk, [this] { return clients_.empty(); });
}

void Server::stop() {
    close_service();
    if (nsup_) nsup_->stop();
}

}  // namespace aero::server
