// The server's part of the UDF environment: the `record` table and Record class over a
// UdfRecord, and aerospike:create / update / exists / remove (mod-lua's mod_lua_record.c and
// mod_lua_aerospike.c over the server's hooks).
#pragma once

#include <lua.hpp>

#include "core/server/udf/udf_record.h"

namespace aero::server::udf {

// Adds the record library and the aerospike record functions to a new state.
void open_server_libs(lua_State* L);

// A Record userdata for one call. The userdata is anchored in the registry while the handle
// lives, and detached from `rec` when the handle goes, so a UDF that kept it (in a global)
// finds a closed record later instead of a dangling one. `read_only` is for the records an
// aggregation sees, which cannot be changed.
class RecordHandle {
public:
    RecordHandle(lua_State* L, UdfRecord* rec, bool read_only);
    ~RecordHandle();
    RecordHandle(const RecordHandle&) = delete;
    RecordHandle& operator=(const RecordHandle&) = delete;
    // Pushes the userdata.
    void push() const;

private:
    lua_State* L_;
    int ref_;
    void* box_;
};

}  // namespace aero::server::udf
