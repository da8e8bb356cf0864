// The record one record UDF works on, as the real server's udf_record.c and
// udf_aerospike.c keep it: bin writes are cached until aerospike:create or aerospike:update
// executes them on a working copy of the record, and nothing reaches storage until the UDF
// has returned without error (apply_handler.cpp commits the copy). Lives for one call, on
// the thread running it, under the record's lock.
#pragma once

#include <optional>
#include <string>
#include <vector>

#include "core/lua/value.h"
#include "core/server/record.h"
#include "core/server/rw_utils.h"

namespace aero::server::udf {

class UdfRecord {
public:
    // `existing` is the stored record (null when there is none); `record_ttl` the request's.
    UdfRecord(const RwContext& ctx, const Record* existing, uint32_t record_ttl);

    // rec[name]: a pending value first, else the stored bin; nil when neither.
    lua::Value get(const std::string& name);
    // rec[name] = v (nil deletes at the next update); names over 15 bytes are ignored.
    void set(const std::string& name, lua::Value v);

    // aerospike:create / update / exists / remove, with mod-lua's return codes.
    int create();
    int update();
    bool exists() const { return open_; }
    int remove();

    // record.set_ttl and record.drop_key.
    void set_ttl(uint32_t ttl) { record_ttl_ = ttl; }
    void drop_key();
    bool key_dropped() const { return key_dropped_; }

    // Whether a record is there for the metadata functions (record.ttl ...), which give 0 or
    // nil without one.
    bool is_open() const { return open_; }
    const Record& record() const { return rec_; }
    const RwContext& context() const { return ctx_; }

    // After the call: whether an update or create ran, the code an update failed with (0
    // when none did), the bins the record had before the first update, and the TTL to write.
    bool has_updates() const { return has_updates_; }
    uint8_t result_code() const { return result_code_; }
    size_t old_bin_count() const { return old_bins_.size(); }
    uint32_t record_ttl() const { return record_ttl_; }
    // The record to store, and whether it is new.
    Record& working() { return rec_; }
    bool created() const { return created_; }

private:
    struct Pending {
        std::string name;
        lua::Value value;  // nil: delete the bin
        bool dirty;        // set by the UDF (not just read)
    };

    Pending* find(const std::string& name);
    void cache(const std::string& name, lua::Value v, bool dirty);
    // execute_updates(): applies the dirty bins to the working copy; -1 (and result_code set,
    // the copy restored) when one cannot be stored.
    int execute();
    void fail(uint8_t rc);

    const RwContext& ctx_;
    Record rec_;
    bool open_;
    bool created_ = false;
    bool has_updates_ = false;
    bool too_many_bins_ = false;
    bool key_dropped_ = false;
    uint8_t result_code_ = 0;
    uint32_t record_ttl_;
    std::vector<Bin> old_bins_;
    std::vector<Pending> pending_;
};

}  // namespace aero::server::udf
