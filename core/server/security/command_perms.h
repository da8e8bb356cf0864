// What each command needs (permissions.h), as the real server decides it: a record command
// by its info bits and UDF fields (thr_tsvc.c), a scan/query by its kind (query.c), an info
// command by its name (thr_info.c's table; commands that only read need nothing).
#pragma once

#include <string>
#include <string_view>

#include "core/server/request.h"
#include "core/server/security/permissions.h"

namespace aero::server::query {
struct QueryRequest;
}

namespace aero::server::security {

// Read, write (and read: an operate that does both), or UDF apply.
Perms record_perms(const Request& req);
// Basic scan/query, background operations, or a UDF (background job or aggregation).
Perms query_perms(const query::QueryRequest& q);

// An info command's needs and scope: a truncate names its namespace and set.
struct InfoNeeds {
    Perms perms = 0;
    std::string ns, set;
};
InfoNeeds info_needs(std::string_view command);

}  // namespace aero::server::security
