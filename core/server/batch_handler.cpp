#include "core/server/batch_handler.h"

#include "core/server/batch_request.h"
#include "core/server/batch_stream.h"

namespace aero::server {

void handle_batch(Storage& storage, uint8_t* body, size_t n, proto::Buffer& out, const ReplyFlush& flush,
                  const RecordRunner& run) {
    BatchRequest batch;
    Status s = parse_batch_request(body, n, batch);
    if (!s.is_ok()) return append_batch_last(out, uint8_t(s.code()));

    BatchStream stream(out, flush, batch.flags);
    BatchRowReader rows(storage, batch);
    proto::Buffer reply;  // one row's single-record reply, reused
    uint32_t done = 0;
    for (; done < batch.n_rows; done++) {
        const BatchRow* row = rows.next();
        if (!row) break;
        reply.clear();
        Response resp(reply);
        run(RwContext{row->req, *row->ns, row->digest, Origin::batch_sub}, resp);
        stream.add_row(row->index, reply);
    }
    // Fewer readable rows than announced: the server logs "keys mismatch" and ends the batch.
    if (done < batch.n_rows) stream.terminate(kResultParameter);
    stream.finish();
}

}  // namespace aero::server
