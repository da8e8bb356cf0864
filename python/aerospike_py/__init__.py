"""aerospike_py: an Aerospike client over libaero, a drop-in for the aerospike-py API.

Code written for aerospike-py runs unchanged: the same import name, names, signatures, return
shapes (NamedTuples), exception classes and constant values. The engine is libaero, a C++
library behind a stable C ABI, loaded with cffi (see ``aerospike_py._ffi``).

Example:
    ```python
    import aerospike_py

    client = aerospike_py.client({"hosts": [("127.0.0.1", 3000)]}).connect()
    client.put(("test", "demo", "user1"), {"name": "Alice"})
    print(client.get(("test", "demo", "user1")).bins)
    client.close()
    ```
"""

import importlib.metadata as _metadata
import logging

from aerospike_py import exception, types
from aerospike_py._async_client import AsyncClient, async_client
from aerospike_py._client import Client, client
from aerospike_py._constants import *  # noqa: F403 (every name is listed in __all__ below)
from aerospike_py._ffi import libaero_version as __libaero_version__
from aerospike_py.exception import (
    AerospikeError,
    ClientError,
    BackpressureError,
    RustPanicError,
    ClusterError,
    InvalidArgError,
    AerospikeTimeoutError,
    RecordError,
    RecordNotFound,
    RecordExistsError,
    RecordGenerationError,
    RecordTooBig,
    BinNameError,
    BinExistsError,
    BinNotFound,
    BinTypeError,
    FilteredOut,
    ServerError,
    AerospikeIndexError,
    IndexNotFound,
    IndexFoundError,
    QueryError,
    QueryAbortedError,
    AdminError,
    UDFError,
)
from aerospike_py.types import (
    AerospikeKey,
    RecordMetadata,
    Record,
    ExistsResult,
    InfoNodeResult,
    BinTuple,
    OperateOrderedResult,
    BatchRecord,
    BatchWriteResult,
    BatchRecords,
    Bins,
    ReadPolicy,
    WritePolicy,
    BatchPolicy,
    AdminPolicy,
    QueryPolicy,
    WriteMeta,
    BatchDeleteMeta,
    ClientConfig,
    Privilege,
    UserInfo,
    RoleInfo,
)

# Deprecated aliases, silent at the top level as in aerospike-py (aerospike_py.exception warns).
TimeoutError = AerospikeTimeoutError  # noqa: A001
IndexError = AerospikeIndexError  # noqa: A001

try:
    __version__ = _metadata.version("aero-py")
except _metadata.PackageNotFoundError:  # running from a source tree
    __version__ = "0.0.0"

logger = logging.getLogger("aerospike_py")
logger.addHandler(logging.NullHandler())

_PYTHON_LEVELS = {
    LOG_LEVEL_OFF: logging.CRITICAL + 1,  # noqa: F405
    LOG_LEVEL_ERROR: logging.ERROR,  # noqa: F405
    LOG_LEVEL_WARN: logging.WARNING,  # noqa: F405
    LOG_LEVEL_INFO: logging.INFO,  # noqa: F405
    LOG_LEVEL_DEBUG: logging.DEBUG,  # noqa: F405
    LOG_LEVEL_TRACE: 5,  # noqa: F405
}


def set_log_level(level: int) -> None:
    """Sets the level of the ``aerospike_py`` logger.

    Args:
        level: a ``LOG_LEVEL_*`` constant, or a standard ``logging`` level.
    """
    logger.setLevel(_PYTHON_LEVELS.get(level, level))


__all__ = [
    "AsyncClient",
    "Client",
    "async_client",
    "client",
    "set_log_level",
    "__version__",
    "__libaero_version__",
    "exception",
    "types",
    *exception.__all__,
    "TimeoutError",
    "IndexError",
    "AerospikeKey",
    "RecordMetadata",
    "Record",
    "ExistsResult",
    "InfoNodeResult",
    "BinTuple",
    "OperateOrderedResult",
    "BatchRecord",
    "BatchWriteResult",
    "BatchRecords",
    "Bins",
    "ReadPolicy",
    "WritePolicy",
    "BatchPolicy",
    "AdminPolicy",
    "QueryPolicy",
    "WriteMeta",
    "BatchDeleteMeta",
    "ClientConfig",
    "Privilege",
    "UserInfo",
    "RoleInfo",
    "POLICY_KEY_DIGEST",
    "POLICY_KEY_SEND",
    "POLICY_EXISTS_IGNORE",
    "POLICY_EXISTS_UPDATE",
    "POLICY_EXISTS_UPDATE_ONLY",
    "POLICY_EXISTS_REPLACE",
    "POLICY_EXISTS_REPLACE_ONLY",
    "POLICY_EXISTS_CREATE_ONLY",
    "POLICY_GEN_IGNORE",
    "POLICY_GEN_EQ",
    "POLICY_GEN_GT",
    "POLICY_REPLICA_MASTER",
    "POLICY_REPLICA_SEQUENCE",
    "POLICY_REPLICA_PREFER_RACK",
    "POLICY_COMMIT_LEVEL_ALL",
    "POLICY_COMMIT_LEVEL_MASTER",
    "POLICY_READ_MODE_AP_ONE",
    "POLICY_READ_MODE_AP_ALL",
    "POLICY_READ_MODE_SC_SESSION",
    "POLICY_READ_MODE_SC_LINEARIZE",
    "POLICY_READ_MODE_SC_ALLOW_REPLICA",
    "POLICY_READ_MODE_SC_ALLOW_UNAVAILABLE",
    "READ_TOUCH_TTL_PERCENT_SERVER_DEFAULT",
    "READ_TOUCH_TTL_PERCENT_DONT_RESET",
    "QUERY_DURATION_LONG",
    "QUERY_DURATION_SHORT",
    "QUERY_DURATION_LONG_RELAX_AP",
    "TTL_NAMESPACE_DEFAULT",
    "TTL_NEVER_EXPIRE",
    "TTL_DONT_UPDATE",
    "TTL_CLIENT_DEFAULT",
    "AUTH_INTERNAL",
    "AUTH_EXTERNAL",
    "AUTH_PKI",
    "OPERATOR_READ",
    "OPERATOR_WRITE",
    "OPERATOR_INCR",
    "OPERATOR_APPEND",
    "OPERATOR_PREPEND",
    "OPERATOR_TOUCH",
    "OPERATOR_DELETE",
    "INDEX_NUMERIC",
    "INDEX_STRING",
    "INDEX_BLOB",
    "INDEX_GEO2DSPHERE",
    "INDEX_TYPE_DEFAULT",
    "INDEX_TYPE_LIST",
    "INDEX_TYPE_MAPKEYS",
    "INDEX_TYPE_MAPVALUES",
    "LOG_LEVEL_OFF",
    "LOG_LEVEL_ERROR",
    "LOG_LEVEL_WARN",
    "LOG_LEVEL_INFO",
    "LOG_LEVEL_DEBUG",
    "LOG_LEVEL_TRACE",
    "SERIALIZER_NONE",
    "SERIALIZER_PYTHON",
    "SERIALIZER_USER",
    "LIST_RETURN_NONE",
    "LIST_RETURN_INDEX",
    "LIST_RETURN_REVERSE_INDEX",
    "LIST_RETURN_RANK",
    "LIST_RETURN_REVERSE_RANK",
    "LIST_RETURN_COUNT",
    "LIST_RETURN_VALUE",
    "LIST_RETURN_EXISTS",
    "LIST_UNORDERED",
    "LIST_ORDERED",
    "LIST_SORT_DEFAULT",
    "LIST_SORT_DROP_DUPLICATES",
    "LIST_WRITE_DEFAULT",
    "LIST_WRITE_ADD_UNIQUE",
    "LIST_WRITE_INSERT_BOUNDED",
    "LIST_WRITE_NO_FAIL",
    "LIST_WRITE_PARTIAL",
    "MAP_RETURN_NONE",
    "MAP_RETURN_INDEX",
    "MAP_RETURN_REVERSE_INDEX",
    "MAP_RETURN_RANK",
    "MAP_RETURN_REVERSE_RANK",
    "MAP_RETURN_COUNT",
    "MAP_RETURN_KEY",
    "MAP_RETURN_VALUE",
    "MAP_RETURN_KEY_VALUE",
    "MAP_RETURN_EXISTS",
    "MAP_UNORDERED",
    "MAP_KEY_ORDERED",
    "MAP_KEY_VALUE_ORDERED",
    "MAP_WRITE_FLAGS_DEFAULT",
    "MAP_WRITE_FLAGS_CREATE_ONLY",
    "MAP_WRITE_FLAGS_UPDATE_ONLY",
    "MAP_WRITE_FLAGS_NO_FAIL",
    "MAP_WRITE_FLAGS_PARTIAL",
    "MAP_UPDATE",
    "MAP_UPDATE_ONLY",
    "MAP_CREATE_ONLY",
    "BIT_WRITE_DEFAULT",
    "BIT_WRITE_CREATE_ONLY",
    "BIT_WRITE_UPDATE_ONLY",
    "BIT_WRITE_NO_FAIL",
    "BIT_WRITE_PARTIAL",
    "BIT_RESIZE_DEFAULT",
    "BIT_RESIZE_FROM_FRONT",
    "BIT_RESIZE_GROW_ONLY",
    "BIT_RESIZE_SHRINK_ONLY",
    "BIT_OVERFLOW_FAIL",
    "BIT_OVERFLOW_SATURATE",
    "BIT_OVERFLOW_WRAP",
    "HLL_WRITE_DEFAULT",
    "HLL_WRITE_CREATE_ONLY",
    "HLL_WRITE_UPDATE_ONLY",
    "HLL_WRITE_NO_FAIL",
    "HLL_WRITE_ALLOW_FOLD",
    "PRIV_USER_ADMIN",
    "PRIV_SYS_ADMIN",
    "PRIV_DATA_ADMIN",
    "PRIV_UDF_ADMIN",
    "PRIV_SINDEX_ADMIN",
    "PRIV_READ",
    "PRIV_READ_WRITE",
    "PRIV_READ_WRITE_UDF",
    "PRIV_WRITE",
    "PRIV_TRUNCATE",
    "AEROSPIKE_OK",
    "AEROSPIKE_ERR_SERVER",
    "AEROSPIKE_ERR_RECORD_NOT_FOUND",
    "AEROSPIKE_ERR_RECORD_GENERATION",
    "AEROSPIKE_ERR_PARAM",
    "AEROSPIKE_ERR_RECORD_EXISTS",
    "AEROSPIKE_ERR_BIN_EXISTS",
    "AEROSPIKE_ERR_CLUSTER_KEY_MISMATCH",
    "AEROSPIKE_ERR_SERVER_MEM",
    "AEROSPIKE_ERR_TIMEOUT",
    "AEROSPIKE_ERR_ALWAYS_FORBIDDEN",
    "AEROSPIKE_ERR_PARTITION_UNAVAILABLE",
    "AEROSPIKE_ERR_BIN_TYPE",
    "AEROSPIKE_ERR_RECORD_TOO_BIG",
    "AEROSPIKE_ERR_KEY_BUSY",
    "AEROSPIKE_ERR_SCAN_ABORT",
    "AEROSPIKE_ERR_UNSUPPORTED_FEATURE",
    "AEROSPIKE_ERR_BIN_NOT_FOUND",
    "AEROSPIKE_ERR_DEVICE_OVERLOAD",
    "AEROSPIKE_ERR_KEY_MISMATCH",
    "AEROSPIKE_ERR_INVALID_NAMESPACE",
    "AEROSPIKE_ERR_BIN_NAME",
    "AEROSPIKE_ERR_FAIL_FORBIDDEN",
    "AEROSPIKE_ERR_ELEMENT_NOT_FOUND",
    "AEROSPIKE_ERR_ELEMENT_EXISTS",
    "AEROSPIKE_ERR_ENTERPRISE_ONLY",
    "AEROSPIKE_ERR_OP_NOT_APPLICABLE",
    "AEROSPIKE_ERR_FILTERED_OUT",
    "AEROSPIKE_ERR_LOST_CONFLICT",
    "AEROSPIKE_QUERY_END",
    "AEROSPIKE_SECURITY_NOT_SUPPORTED",
    "AEROSPIKE_SECURITY_NOT_ENABLED",
    "AEROSPIKE_ERR_INVALID_USER",
    "AEROSPIKE_ERR_NOT_AUTHENTICATED",
    "AEROSPIKE_ERR_ROLE_VIOLATION",
    "AEROSPIKE_ERR_UDF",
    "AEROSPIKE_ERR_BATCH_DISABLED",
    "AEROSPIKE_ERR_INDEX_FOUND",
    "AEROSPIKE_ERR_INDEX_NOT_FOUND",
    "AEROSPIKE_ERR_QUERY_ABORTED",
    "AEROSPIKE_ERR_CLIENT",
    "AEROSPIKE_ERR_CONNECTION",
    "AEROSPIKE_ERR_CLUSTER",
    "AEROSPIKE_ERR_INVALID_HOST",
    "AEROSPIKE_ERR_NO_MORE_CONNECTIONS",
]
