#include "core/server/server.h"

#include <sys/socket.h>
#include <unistd.h>

#include "core/server/connection.h"

namespace aero::server {

Status Server::start() {
    Status s = listen(config_.port);
    if (!s.is_ok()) return s;
    context_ = std::make_unique<ServerContext>(config_, listener_->port(), cluster_);
    nsup_ = std::make_unique<Nsup>(context_->storage);
    nsup_->start(config_.nsup_period);
    accept_thread_ = std::thread([this] { accept_loop(); });
    return Status::ok();
}

Status Server::open_service() {
    Status s = listen(context_->config.port);
    if (s.is_ok()) accept_thread_ = std::thread([this] { accept_loop(); });
    return s;
}

Status Server::listen(uint16_t port) {
    listener_.emplace();
    Status s = listener_->open(config_.bind, port);
    if (s.is_ok()) {
        std::lock_guard lk(mutex_);
        stopping_ = false;
    }
    return s;
}

void Server::accept_loop() {
    for (int fd; (fd = listener_->accept()) >= 0;) {
        std::lock_guard lk(mutex_);
        if (stopping_) {
            ::close(fd);
            break;
        }
        clients_.insert(fd);
        // Detached: a connection lives as long as its client; stop() waits via clients_.
        std::thread([this, fd] { serve(fd); }).detach();
    }
}

void Server::serve(int fd) {
    ServerStats& stats = context_->stats;
    stats.client_connections++;
    stats.client_connections_opened++;
    serve_connection(fd, *context_);
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
    if (listener_) listener_->close();
    if (accept_thread_.joinable()) accept_thread_.join();
    std::unique_lock lk(mutex_);
    for (int fd : clients_) ::shutdown(fd, SHUT_RDWR);  // ends each connection's blocking read
    idle_.wait(lk, [this] { return clients_.empty(); });
}

void Server::stop() {
    close_service();
    if (nsup_) nsup_->stop();
}

}  // namespace aero::server
