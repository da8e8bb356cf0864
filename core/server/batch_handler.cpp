#include "core/server/batch_handler.h"

#include "core/server/batch_request.h"
#include "core/server/batch_stream.h"
#include "core/server/exp/exp.h"

namespace aero::server {

void handle_batch(Storage& storage, uint8_t* body, size_t n, proto::Buffer& out, const ReplyFlush& flush,
                  const RecordRunner& run) {
    BatchRequest batch;
    Status s = parse_batch_request(body, n, batch);
    if (!s.is_ok()) return append_batch_last(out, uint8_t(s.code()));
    // as_batch_queue_task(): a parent filter that does not build fails the whole batch.
    exp::Program parent_filter;
    if (batch.has_filter && exp::compile_filter(batch.filter, batch.filter_size, parent_filter))
        return append_batch_last(out, kResultParameter);

    BatchStream stream(out, flush, batch.flags);
    BatchRowReader rows(storage, batch);
    proto::Buffer reply;  // one row's single-record reply, reused
    uint32_t done = 0;
    for (; done < batch.n_rows; done++) {
        const BatchRow* row = rows.next();
        if (!row) break;
        reply.clear();
        Response resp(reply);
        run(RwContext{row->req, *row->ns, row->digest, Origin::batch_sub, batch.has_filter ? &parent_filter : nullptr},
            resp);
        stream.add_row(row->index, reply);
    }
    // Fewer readable rows than announced: the server logs "keys mismatch" and ends the batch.
    if (done < batch.n_rows) stream.terminate(kResultParameter);
    stream.finish();
}

}  // namespace aero::server
