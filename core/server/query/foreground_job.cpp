#include "core/server/query/foreground_job.h"

namespace aero::server::query {

std::shared_ptr<Job> foreground_job(const Namespace& ns, const QueryRequest& q, const std::string& index_name,
                                    std::string type) {
    auto job = std::make_shared<Job>();
    job->trid = q.trid;
    job->ns = ns.name();
    job->set = q.set;
    job->index_name = index_name;
    job->type = std::move(type);
    job->rps = q.rps;
    job->n_pids_requested = q.n_pids_requested;
    job->n_keyds_requested = q.n_keyds_requested;
    job->socket_timeout_ms = q.socket_timeout_ms;
    return job;
}

void finish_foreground_job(QueryStream& stream, Job& job) {
    job.net_io_bytes.store(stream.bytes_sent());
    int abandoned = job.abandoned.load();
    stream.finish(abandoned > 0 ? uint8_t(abandoned) : 0);
    job.complete();
}

}  // namespace aero::server::query
