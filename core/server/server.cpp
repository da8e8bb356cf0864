#include "core/server/server.h"

namespace aero::server {

Status Server::bind(uint16_t port, std::optional<uint16_t> tls_port) {
    NetLimits limits{config_.idle_timeout_s, config_.request_timeout_s, config_.max_connections};
    net_ = std::make_unique<EventServer>(*workers_, tls_.get(), limits);
    return net_->bind(config_.bind, port, tls_port);
}

Status Server::start() {
    if (config_.tls_port) {
        auto tls = ServerTls::create(config_.tls_cert, config_.tls_key, config_.tls_client_ca);
        if (!tls.is_ok()) return tls.status();
        tls_ = std::move(tls.value());
    }
    workers_ = std::make_unique<WorkerPool>(config_.workers ? config_.workers : default_workers());
    Status s = bind(config_.port, config_.tls_port);
    if (!s.is_ok()) return s;
    // The context knows the ports actually bound (--port 0 picks one).
    ServerConfig bound = config_;
    bound.port = net_->port();
    bound.tls_port = net_->tls_port();
    context_ = std::make_unique<ServerContext>(bound, net_->port(), cluster_);
    nsup_ = std::make_unique<Nsup>(context_->storage);
    nsup_->start(config_.nsup_period);
    return net_->serve(*context_);
}

Status Server::open_service() {
    if (net_) return Status(kErrParam, "the node is serving");
    Status s = bind(context_->config.port, context_->config.tls_port);
    if (s.is_ok()) s = net_->serve(*context_);
    if (!s.is_ok()) net_.reset();
    return s;
}

void Server::close_service() {
    if (net_) net_->stop();
    net_.reset();
}

void Server::stop() {
    close_service();
    if (nsup_) nsup_->stop();
}

}  // namespace aero::server
