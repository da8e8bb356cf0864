// A batch-index response stream for a 4-row batch, as the async engine feeds it.
#include "core/command/batch.h"
#include "core/proto/msgpack.h"

namespace mp = aero::proto::msgpack;

namespace {

// The batch's input, made once.
const aero::proto::Buffer& rows_input() {
    static const aero::proto::Buffer rows = [] {
        aero::proto::Buffer rows;
        mp::pack_array_header(rows, 4);
        for (int i = 0; i < 4; i++) {
            mp::pack_array_header(rows, 3);
            mp::pack_array_header(rows, 3);
            mp::pack_str(rows, "test");
            mp::pack_str(rows, "s");
            mp::pack_int(rows, i);
            mp::pack_int(rows, i == 3 ? aero::kBatchWrite : aero::kBatchRead);
            if (i == 3) {
                mp::pack_map_header(rows, 1);
                mp::pack_str(rows, "a");
                mp::pack_int(rows, 1);
            } else {
                mp::pack_nil(rows);
            }
        }
        return rows;
    }();
    return rows;
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
    // A job per input: a job keeps the bins of every row it receives, so one shared by all
    // inputs would grow without end.
    aero::BatchJob job;
    job.parse(rows_input().data(), rows_input().size(), aero::Policy()).ignore();
    bool done = false;
    int code = 0;
    job.on_block(data, size, done, code).ignore();
    aero::proto::Buffer out;
    job.write_result(out);
    return 0;
}
