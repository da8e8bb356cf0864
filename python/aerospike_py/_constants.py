"""Public constants, with the values aerospike-py exports.

The values shared with the C ABI (``POLICY_*`` and ``OPERATOR_*``) are passed to libaero as they
are: the ABI adopted aerospike-py's numbering, including its ``POLICY_EXISTS_*`` values, which
differ from the official client's (here ``POLICY_EXISTS_UPDATE`` = ``UPDATE_ONLY`` = 1 means the
record must exist, and 4 means create-only). A unit test checks them against ``aero.h``.

Each is ``Final``, so a type checker sees its literal value (as aerospike-py's stubs declare
them) and accepts it where a value set of ``aerospike_py.types`` is expected.
"""

from typing import Final as _Final  # private: the package star-imports this module

# Policy key
POLICY_KEY_DIGEST: _Final = 0
POLICY_KEY_SEND: _Final = 1

# Policy exists (aerospike-py numbering)
POLICY_EXISTS_IGNORE: _Final = 0
POLICY_EXISTS_UPDATE: _Final = 1
POLICY_EXISTS_UPDATE_ONLY: _Final = 1
POLICY_EXISTS_REPLACE: _Final = 2
POLICY_EXISTS_REPLACE_ONLY: _Final = 3
POLICY_EXISTS_CREATE_ONLY: _Final = 4

# Policy generation
POLICY_GEN_IGNORE: _Final = 0
POLICY_GEN_EQ: _Final = 1
POLICY_GEN_GT: _Final = 2

# Policy replica
POLICY_REPLICA_MASTER: _Final = 0
POLICY_REPLICA_SEQUENCE: _Final = 1
POLICY_REPLICA_PREFER_RACK: _Final = 2

# Policy commit level
POLICY_COMMIT_LEVEL_ALL: _Final = 0
POLICY_COMMIT_LEVEL_MASTER: _Final = 1

# Policy read mode AP
POLICY_READ_MODE_AP_ONE: _Final = 0
POLICY_READ_MODE_AP_ALL: _Final = 1

# Policy read mode SC (strong-consistency namespaces; the official client's values)
POLICY_READ_MODE_SC_SESSION: _Final = 0
POLICY_READ_MODE_SC_LINEARIZE: _Final = 1
POLICY_READ_MODE_SC_ALLOW_REPLICA: _Final = 2
POLICY_READ_MODE_SC_ALLOW_UNAVAILABLE: _Final = 3

# Read-touch TTL percent
READ_TOUCH_TTL_PERCENT_SERVER_DEFAULT: _Final = 0
READ_TOUCH_TTL_PERCENT_DONT_RESET: _Final = -1

# Query duration
# Background job status (job_info), the official client's values.
JOB_STATUS_UNDEF: _Final = 0
JOB_STATUS_INPROGRESS: _Final = 1
JOB_STATUS_COMPLETED: _Final = 2
JOB_QUERY: _Final = "query"
JOB_SCAN: _Final = "scan"

# Batch concurrency (BatchPolicy "concurrency"): node requests one after another, or all at once.
BATCH_CONCURRENCY_SEQUENTIAL: _Final = 0
BATCH_CONCURRENCY_PARALLEL: _Final = 1

# UDF languages (the official client's constant; Lua is the only one).
UDF_TYPE_LUA: _Final = 0

QUERY_DURATION_LONG: _Final = 0
QUERY_DURATION_SHORT: _Final = 1
QUERY_DURATION_LONG_RELAX_AP: _Final = 2

# TTL
TTL_NAMESPACE_DEFAULT: _Final = 0
TTL_NEVER_EXPIRE: _Final = -1
TTL_DONT_UPDATE: _Final = -2
TTL_CLIENT_DEFAULT: _Final = -3

# Auth mode
AUTH_INTERNAL: _Final = 0
AUTH_EXTERNAL: _Final = 1
AUTH_PKI: _Final = 2

# Operators
OPERATOR_READ: _Final = 1
OPERATOR_WRITE: _Final = 2
OPERATOR_INCR: _Final = 5
OPERATOR_APPEND: _Final = 9
OPERATOR_PREPEND: _Final = 10
OPERATOR_TOUCH: _Final = 11
OPERATOR_DELETE: _Final = 12

# Index type
INDEX_NUMERIC: _Final = 0
INDEX_STRING: _Final = 1
INDEX_BLOB: _Final = 2
INDEX_GEO2DSPHERE: _Final = 3

# Index collection type
INDEX_TYPE_DEFAULT: _Final = 0
INDEX_TYPE_LIST: _Final = 1
INDEX_TYPE_MAPKEYS: _Final = 2
INDEX_TYPE_MAPVALUES: _Final = 3

# Log level
LOG_LEVEL_OFF: _Final = -1
LOG_LEVEL_ERROR: _Final = 0
LOG_LEVEL_WARN: _Final = 1
LOG_LEVEL_INFO: _Final = 2
LOG_LEVEL_DEBUG: _Final = 3
LOG_LEVEL_TRACE: _Final = 4

# Serializer (exported for compatibility; unused)
SERIALIZER_NONE: _Final = 0
SERIALIZER_PYTHON: _Final = 1
SERIALIZER_USER: _Final = 2

# List return type
LIST_RETURN_NONE: _Final = 0
LIST_RETURN_INDEX: _Final = 1
LIST_RETURN_REVERSE_INDEX: _Final = 2
LIST_RETURN_RANK: _Final = 3
LIST_RETURN_REVERSE_RANK: _Final = 4
LIST_RETURN_COUNT: _Final = 5
LIST_RETURN_VALUE: _Final = 7
LIST_RETURN_EXISTS: _Final = 13

# List order
LIST_UNORDERED: _Final = 0
LIST_ORDERED: _Final = 1

# List sort flags
LIST_SORT_DEFAULT: _Final = 0
LIST_SORT_DROP_DUPLICATES: _Final = 2

# List write flags
LIST_WRITE_DEFAULT: _Final = 0
LIST_WRITE_ADD_UNIQUE: _Final = 1
LIST_WRITE_INSERT_BOUNDED: _Final = 2
LIST_WRITE_NO_FAIL: _Final = 4
LIST_WRITE_PARTIAL: _Final = 8

# Map return type
MAP_RETURN_NONE: _Final = 0
MAP_RETURN_INDEX: _Final = 1
MAP_RETURN_REVERSE_INDEX: _Final = 2
MAP_RETURN_RANK: _Final = 3
MAP_RETURN_REVERSE_RANK: _Final = 4
MAP_RETURN_COUNT: _Final = 5
MAP_RETURN_KEY: _Final = 6
MAP_RETURN_VALUE: _Final = 7
MAP_RETURN_KEY_VALUE: _Final = 8
MAP_RETURN_EXISTS: _Final = 13
MAP_RETURN_UNORDERED_MAP: _Final = 16  # the official client's: key/value results as a dict
MAP_RETURN_ORDERED_MAP: _Final = 17

# Map order
MAP_UNORDERED: _Final = 0
MAP_KEY_ORDERED: _Final = 1
MAP_KEY_VALUE_ORDERED: _Final = 3

# Map write flags
MAP_WRITE_FLAGS_DEFAULT: _Final = 0
MAP_WRITE_FLAGS_CREATE_ONLY: _Final = 1
MAP_WRITE_FLAGS_UPDATE_ONLY: _Final = 2
MAP_WRITE_FLAGS_NO_FAIL: _Final = 4
MAP_WRITE_FLAGS_PARTIAL: _Final = 8
MAP_WRITE_NO_FAIL: _Final = 4  # the official client's names of the two flags above
MAP_WRITE_PARTIAL: _Final = 8
MAP_UPDATE: _Final = 0
MAP_UPDATE_ONLY: _Final = 2
MAP_CREATE_ONLY: _Final = 1

# Bit write flags
BIT_WRITE_DEFAULT: _Final = 0
BIT_WRITE_CREATE_ONLY: _Final = 1
BIT_WRITE_UPDATE_ONLY: _Final = 2
BIT_WRITE_NO_FAIL: _Final = 4
BIT_WRITE_PARTIAL: _Final = 8

# Bit resize flags
BIT_RESIZE_DEFAULT: _Final = 0
BIT_RESIZE_FROM_FRONT: _Final = 1
BIT_RESIZE_GROW_ONLY: _Final = 2
BIT_RESIZE_SHRINK_ONLY: _Final = 4

# Bit overflow action
BIT_OVERFLOW_FAIL: _Final = 0
BIT_OVERFLOW_SATURATE: _Final = 2
BIT_OVERFLOW_WRAP: _Final = 4

# HLL write flags
HLL_WRITE_DEFAULT: _Final = 0
HLL_WRITE_CREATE_ONLY: _Final = 1
HLL_WRITE_UPDATE_ONLY: _Final = 2
HLL_WRITE_NO_FAIL: _Final = 4
HLL_WRITE_ALLOW_FOLD: _Final = 8

# Privilege codes
PRIV_USER_ADMIN: _Final = 0
PRIV_SYS_ADMIN: _Final = 1
PRIV_DATA_ADMIN: _Final = 2
PRIV_UDF_ADMIN: _Final = 3
PRIV_SINDEX_ADMIN: _Final = 4
PRIV_READ: _Final = 10
PRIV_READ_WRITE: _Final = 11
PRIV_READ_WRITE_UDF: _Final = 12
PRIV_WRITE: _Final = 13
PRIV_TRUNCATE: _Final = 14

# Status codes: server result codes (positive) and client-side codes (negative)
AEROSPIKE_OK: _Final = 0
AEROSPIKE_ERR_SERVER: _Final = 1
AEROSPIKE_ERR_RECORD_NOT_FOUND: _Final = 2
AEROSPIKE_ERR_RECORD_GENERATION: _Final = 3
AEROSPIKE_ERR_PARAM: _Final = 4
AEROSPIKE_ERR_RECORD_EXISTS: _Final = 5
AEROSPIKE_ERR_BIN_EXISTS: _Final = 6
AEROSPIKE_ERR_CLUSTER_KEY_MISMATCH: _Final = 7
AEROSPIKE_ERR_SERVER_MEM: _Final = 8
AEROSPIKE_ERR_TIMEOUT: _Final = 9
AEROSPIKE_ERR_ALWAYS_FORBIDDEN: _Final = 10
AEROSPIKE_ERR_PARTITION_UNAVAILABLE: _Final = 11
AEROSPIKE_ERR_BIN_TYPE: _Final = 12
AEROSPIKE_ERR_RECORD_TOO_BIG: _Final = 13
AEROSPIKE_ERR_KEY_BUSY: _Final = 14
AEROSPIKE_ERR_SCAN_ABORT: _Final = 15
AEROSPIKE_ERR_UNSUPPORTED_FEATURE: _Final = 16
AEROSPIKE_ERR_BIN_NOT_FOUND: _Final = 17
AEROSPIKE_ERR_DEVICE_OVERLOAD: _Final = 18
AEROSPIKE_ERR_KEY_MISMATCH: _Final = 19
AEROSPIKE_ERR_INVALID_NAMESPACE: _Final = 20
AEROSPIKE_ERR_BIN_NAME: _Final = 21
AEROSPIKE_ERR_FAIL_FORBIDDEN: _Final = 22
AEROSPIKE_ERR_ELEMENT_NOT_FOUND: _Final = 23
AEROSPIKE_ERR_ELEMENT_EXISTS: _Final = 24
AEROSPIKE_ERR_ENTERPRISE_ONLY: _Final = 25
AEROSPIKE_ERR_OP_NOT_APPLICABLE: _Final = 26
AEROSPIKE_ERR_FILTERED_OUT: _Final = 27
AEROSPIKE_ERR_LOST_CONFLICT: _Final = 28
AEROSPIKE_QUERY_END: _Final = 50
AEROSPIKE_SECURITY_NOT_SUPPORTED: _Final = 51
AEROSPIKE_SECURITY_NOT_ENABLED: _Final = 52
AEROSPIKE_ERR_INVALID_USER: _Final = 60
AEROSPIKE_ERR_NOT_AUTHENTICATED: _Final = 80
AEROSPIKE_ERR_ROLE_VIOLATION: _Final = 81
AEROSPIKE_ERR_UDF: _Final = 100
AEROSPIKE_ERR_BATCH_DISABLED: _Final = 150
AEROSPIKE_ERR_INDEX_FOUND: _Final = 200
AEROSPIKE_ERR_INDEX_NOT_FOUND: _Final = 201
AEROSPIKE_ERR_QUERY_ABORTED: _Final = 210
AEROSPIKE_ERR_CLIENT: _Final = -1
AEROSPIKE_ERR_CONNECTION: _Final = -10
AEROSPIKE_ERR_CLUSTER: _Final = -11
AEROSPIKE_ERR_INVALID_HOST: _Final = -4
AEROSPIKE_ERR_NO_MORE_CONNECTIONS: _Final = -7

# Regular expression flags of exp.regex_compare (aerospike-py's values; the server maps them
# onto POSIX regcomp flags).
REGEX_NONE: _Final = 0
REGEX_EXTENDED: _Final = 1
REGEX_ICASE: _Final = 2
REGEX_NOSUB: _Final = 4
REGEX_NEWLINE: _Final = 8

# Expression operations (aerospike_py.exp_operations), with the official client's codes and flags.
OP_EXPR_READ: _Final = 2200
OP_EXPR_WRITE: _Final = 2201
EXP_READ_DEFAULT: _Final = 0
EXP_READ_EVAL_NO_FAIL: _Final = 16
EXP_WRITE_DEFAULT: _Final = 0
EXP_WRITE_CREATE_ONLY: _Final = 1
EXP_WRITE_UPDATE_ONLY: _Final = 2
EXP_WRITE_ALLOW_DELETE: _Final = 4
EXP_WRITE_POLICY_NO_FAIL: _Final = 8
EXP_WRITE_EVAL_NO_FAIL: _Final = 16
