#include "core/proto/result_code.h"

#include <algorithm>
#include <iterator>

namespace aero::proto {

namespace {

struct ResultCode {
    int code;
    const char* name;     // as the official C client names it (as_status.h)
    const char* meaning;  // ours: short, lower case, to follow the name in a message
};

// Every code a server sends in a reply header (a u8), in ascending order. The client-side
// codes (negative) have their own names in aero.h; 1301 and 1302 of as_status.h are
// client-side too and never come on the wire.
constexpr ResultCode kResultCodes[] = {
    {1, "AEROSPIKE_ERR_SERVER", "generic server error"},
    {2, "AEROSPIKE_ERR_RECORD_NOT_FOUND", "record not found"},
    {3, "AEROSPIKE_ERR_RECORD_GENERATION", "record generation does not match the expected one"},
    {4, "AEROSPIKE_ERR_REQUEST_INVALID", "invalid request or parameter"},
    {5, "AEROSPIKE_ERR_RECORD_EXISTS", "record already exists"},
    {6, "AEROSPIKE_ERR_BIN_EXISTS", "bin already exists"},
    {7, "AEROSPIKE_ERR_CLUSTER_CHANGE", "the cluster changed while the command ran"},
    {8, "AEROSPIKE_ERR_SERVER_FULL", "the namespace is out of memory or storage space"},
    {9, "AEROSPIKE_ERR_TIMEOUT", "the command timed out on the server"},
    {10, "AEROSPIKE_ERR_ALWAYS_FORBIDDEN", "not allowed by the server's configuration"},
    {11, "AEROSPIKE_ERR_CLUSTER", "partition unavailable"},
    {12, "AEROSPIKE_ERR_BIN_INCOMPATIBLE_TYPE", "the operation does not apply to the bin's value type"},
    {13, "AEROSPIKE_ERR_RECORD_TOO_BIG", "record too big for a storage write block"},
    {14, "AEROSPIKE_ERR_RECORD_BUSY", "too many concurrent commands on one record (hot key)"},
    {15, "AEROSPIKE_ERR_SCAN_ABORTED", "scan aborted"},
    {16, "AEROSPIKE_ERR_UNSUPPORTED_FEATURE", "feature not supported by this server"},
    {17, "AEROSPIKE_ERR_BIN_NOT_FOUND", "bin not found"},
    {18, "AEROSPIKE_ERR_DEVICE_OVERLOAD", "storage device overloaded"},
    {19, "AEROSPIKE_ERR_RECORD_KEY_MISMATCH", "the key sent differs from the key stored"},
    {20, "AEROSPIKE_ERR_NAMESPACE_NOT_FOUND", "namespace not found"},
    {21, "AEROSPIKE_ERR_BIN_NAME", "bin name too long, or too many bin names in the namespace"},
    {22, "AEROSPIKE_ERR_FAIL_FORBIDDEN", "operation not allowed at this time"},
    {23, "AEROSPIKE_ERR_FAIL_ELEMENT_NOT_FOUND", "collection element not found"},
    {24, "AEROSPIKE_ERR_FAIL_ELEMENT_EXISTS", "collection element already exists"},
    {25, "AEROSPIKE_ERR_ENTERPRISE_ONLY", "needs Enterprise Edition or a feature key"},
    {26, "AEROSPIKE_ERR_OP_NOT_APPLICABLE", "operation not applicable to the bin's current value"},
    {27, "AEROSPIKE_FILTERED_OUT", "the filter expression was false, the command was not applied"},
    {28, "AEROSPIKE_LOST_CONFLICT", "the write lost a conflict to XDR"},
    {29, "AEROSPIKE_INVALID_ENCODING", "a string is not valid UTF-8"},
    {32, "AEROSPIKE_XDR_KEY_BUSY", "the write waits for XDR to ship the record"},
    {50, "AEROSPIKE_QUERY_END", "no more records for the query"},
    {51, "AEROSPIKE_SECURITY_NOT_SUPPORTED", "security not supported by this server"},
    {52, "AEROSPIKE_SECURITY_NOT_ENABLED", "security not enabled on this server"},
    {53, "AEROSPIKE_SECURITY_SCHEME_NOT_SUPPORTED", "security scheme not supported"},
    {54, "AEROSPIKE_INVALID_COMMAND", "invalid administration command"},
    {55, "AEROSPIKE_INVALID_FIELD", "invalid administration field"},
    {56, "AEROSPIKE_ILLEGAL_STATE", "security protocol not followed"},
    {60, "AEROSPIKE_INVALID_USER", "invalid user name"},
    {61, "AEROSPIKE_USER_ALREADY_EXISTS", "user already exists"},
    {62, "AEROSPIKE_INVALID_PASSWORD", "invalid password"},
    {63, "AEROSPIKE_EXPIRED_PASSWORD", "password expired"},
    {64, "AEROSPIKE_FORBIDDEN_PASSWORD", "password not allowed (for example recently used)"},
    {65, "AEROSPIKE_INVALID_CREDENTIAL", "invalid credential"},
    {66, "AEROSPIKE_EXPIRED_SESSION", "login session expired"},
    {70, "AEROSPIKE_INVALID_ROLE", "invalid role name"},
    {71, "AEROSPIKE_ROLE_ALREADY_EXISTS", "role already exists"},
    {72, "AEROSPIKE_INVALID_PRIVILEGE", "invalid privilege"},
    {73, "AEROSPIKE_INVALID_WHITELIST", "invalid IP allow-list"},
    {74, "AEROSPIKE_QUOTAS_NOT_ENABLED", "quotas not enabled on this server"},
    {75, "AEROSPIKE_INVALID_QUOTA", "invalid quota"},
    {80, "AEROSPIKE_NOT_AUTHENTICATED", "not authenticated"},
    {81, "AEROSPIKE_ROLE_VIOLATION", "the user's roles do not allow this command"},
    {82, "AEROSPIKE_NOT_WHITELISTED", "the client's address is not in the allow-list"},
    {83, "AEROSPIKE_QUOTA_EXCEEDED", "quota exceeded"},
    {100, "AEROSPIKE_ERR_UDF", "UDF error"},
    {120, "AEROSPIKE_MRT_BLOCKED", "record blocked by another transaction"},
    {121, "AEROSPIKE_MRT_VERSION_MISMATCH", "record changed outside the transaction"},
    {122, "AEROSPIKE_MRT_EXPIRED", "transaction deadline passed before commit or abort"},
    {123, "AEROSPIKE_MRT_TOO_MANY_WRITES", "too many writes in one transaction"},
    {124, "AEROSPIKE_MRT_COMMITTED", "transaction already committed"},
    {125, "AEROSPIKE_MRT_ABORTED", "transaction already aborted"},
    {126, "AEROSPIKE_MRT_ALREADY_LOCKED", "record already locked by this transaction"},
    {127, "AEROSPIKE_MRT_MONITOR_EXISTS", "transaction already started"},
    {150, "AEROSPIKE_ERR_BATCH_DISABLED", "batch commands disabled"},
    {151, "AEROSPIKE_ERR_BATCH_MAX_REQUESTS_EXCEEDED", "too many batch requests at once"},
    {152, "AEROSPIKE_ERR_BATCH_QUEUES_FULL", "batch queues full"},
    {160, "AEROSPIKE_ERR_GEO_INVALID_GEOJSON", "invalid or unsupported GeoJSON"},
    {200, "AEROSPIKE_ERR_INDEX_FOUND", "index already exists"},
    {201, "AEROSPIKE_ERR_INDEX_NOT_FOUND", "index not found"},
    {202, "AEROSPIKE_ERR_INDEX_OOM", "index out of memory"},
    {203, "AEROSPIKE_ERR_INDEX_NOT_READABLE", "index not readable"},
    {204, "AEROSPIKE_ERR_INDEX", "secondary index error"},
    {205, "AEROSPIKE_ERR_INDEX_NAME_MAXLEN", "index name too long"},
    {206, "AEROSPIKE_ERR_INDEX_MAXCOUNT", "too many indexes"},
    {210, "AEROSPIKE_ERR_QUERY_ABORTED", "query aborted"},
    {211, "AEROSPIKE_ERR_QUERY_QUEUE_FULL", "query queue full"},
    {212, "AEROSPIKE_ERR_QUERY_TIMEOUT", "query timed out on the server"},
    {213, "AEROSPIKE_ERR_QUERY", "query error"},
};

const ResultCode* find(int code) {
    auto it = std::lower_bound(std::begin(kResultCodes), std::end(kResultCodes), code,
                               [](const ResultCode& entry, int c) { return entry.code < c; });
    return it != std::end(kResultCodes) && it->code == code ? &*it : nullptr;
}

}  // namespace

const char* result_code_name(int code) {
    const ResultCode* entry = find(code);
    return entry ? entry->name : nullptr;
}

const char* result_code_meaning(int code) {
    const ResultCode* entry = find(code);
    return entry ? entry->meaning : nullptr;
}

std::string result_code_message(int code) {
    std::string text = "server result code " + std::to_string(code);
    const ResultCode* entry = find(code);
    if (entry == nullptr) return text + " (unknown)";
    return text + " (" + entry->name + "): " + entry->meaning;
}

}  // namespace aero::proto
