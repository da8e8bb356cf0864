"""Type stubs for aerospike_py: the public names, re-exported from the modules that define them.

Signatures and docstrings live with the code (``_client.py``, ``types.py``, ``exception.py``),
which is fully annotated; this stub only states what the package exports. ``mypy.stubtest``
checks it against the package (``tests/python/unit/test_stubs.py``).
"""

import logging

from aerospike_py import bit_operations as bit_operations
from aerospike_py import cdt_ctx as cdt_ctx
from aerospike_py import exception as exception
from aerospike_py import exp as exp
from aerospike_py import exp_operations as exp_operations
from aerospike_py import hll_operations as hll_operations
from aerospike_py import list_operations as list_operations
from aerospike_py import map_operations as map_operations
from aerospike_py import predicates as predicates
from aerospike_py import types as types
from aerospike_py._async_client import AsyncClient as AsyncClient
from aerospike_py._async_client import async_client as async_client
from aerospike_py._client import Client as Client
from aerospike_py._client import client as client
from aerospike_py._batch_result import LazyBatchRecords as LazyBatchRecords
from aerospike_py._log import dropped_log_count as dropped_log_count
from aerospike_py._log import set_log_level as set_log_level
from aerospike_py._tracing import init_tracing as init_tracing
from aerospike_py._tracing import shutdown_tracing as shutdown_tracing
from aerospike_py._metrics import (
    get_metrics as get_metrics,
    internal_stage_profiling as internal_stage_profiling,
    is_internal_stage_metrics_enabled as is_internal_stage_metrics_enabled,
    is_metrics_enabled as is_metrics_enabled,
    set_internal_stage_metrics_enabled as set_internal_stage_metrics_enabled,
    set_metrics_enabled as set_metrics_enabled,
    start_metrics_server as start_metrics_server,
    stop_metrics_server as stop_metrics_server,
)
from aerospike_py._constants import *
from aerospike_py.numpy_batch import NumpyBatchRecords as NumpyBatchRecords
from aerospike_py._query import (
    AsyncQuery as AsyncQuery,
    AsyncScan as AsyncScan,
    PartitionFilter as PartitionFilter,
    Query as Query,
    Scan as Scan,
    partition_filter_after as partition_filter_after,
    partition_filter_all as partition_filter_all,
    partition_filter_by_id as partition_filter_by_id,
    partition_filter_by_range as partition_filter_by_range,
)
from aerospike_py.exception import (
    AerospikeError as AerospikeError,
    ClientError as ClientError,
    BackpressureError as BackpressureError,
    RustPanicError as RustPanicError,
    ClusterError as ClusterError,
    InvalidArgError as InvalidArgError,
    AerospikeTimeoutError as AerospikeTimeoutError,
    RecordError as RecordError,
    RecordNotFound as RecordNotFound,
    RecordExistsError as RecordExistsError,
    RecordGenerationError as RecordGenerationError,
    RecordTooBig as RecordTooBig,
    BinNameError as BinNameError,
    BinExistsError as BinExistsError,
    BinNotFound as BinNotFound,
    BinTypeError as BinTypeError,
    FilteredOut as FilteredOut,
    ServerError as ServerError,
    AerospikeIndexError as AerospikeIndexError,
    IndexNotFound as IndexNotFound,
    IndexFoundError as IndexFoundError,
    QueryError as QueryError,
    QueryAbortedError as QueryAbortedError,
    AdminError as AdminError,
    UDFError as UDFError,
)
from aerospike_py.exception import AerospikeIndexError as IndexError
from aerospike_py.exception import AerospikeTimeoutError as TimeoutError
from aerospike_py.types import (
    AerospikeKey as AerospikeKey,
    RecordMetadata as RecordMetadata,
    Record as Record,
    ExistsResult as ExistsResult,
    InfoNodeResult as InfoNodeResult,
    BinTuple as BinTuple,
    OperateOrderedResult as OperateOrderedResult,
    BatchRecord as BatchRecord,
    BatchWriteResult as BatchWriteResult,
    BatchRetryInfo as BatchRetryInfo,
    TopologyEvent as TopologyEvent,
    BatchRecords as BatchRecords,
    UserKey as UserKey,
    AerospikeRecord as AerospikeRecord,
    Bins as Bins,
    ReadPolicy as ReadPolicy,
    WritePolicy as WritePolicy,
    BatchPolicy as BatchPolicy,
    AdminPolicy as AdminPolicy,
    QueryPolicy as QueryPolicy,
    ScanPolicy as ScanPolicy,
    BatchReadPolicy as BatchReadPolicy,
    BatchDeletePolicy as BatchDeletePolicy,
    BatchUDFPolicy as BatchUDFPolicy,
    BatchUDFMeta as BatchUDFMeta,
    WriteMeta as WriteMeta,
    BatchDeleteMeta as BatchDeleteMeta,
    ClientConfig as ClientConfig,
    Privilege as Privilege,
    UserInfo as UserInfo,
    RoleInfo as RoleInfo,
    Operation as Operation,
    ListPolicy as ListPolicy,
    MapPolicy as MapPolicy,
    HLLPolicy as HLLPolicy,
    CDTWildcard as CDTWildcard,
    GeoJSON as GeoJSON,
    CDTInfinite as CDTInfinite,
    Key as Key,
    PolicyKey as PolicyKey,
    PolicyExists as PolicyExists,
    PolicyGen as PolicyGen,
    PolicyReplica as PolicyReplica,
    PolicyCommitLevel as PolicyCommitLevel,
    PolicyReadModeAP as PolicyReadModeAP,
    TTL as TTL,
    AuthMode as AuthMode,
    IndexType as IndexType,
    IndexCollectionType as IndexCollectionType,
    LogLevel as LogLevel,
    Serializer as Serializer,
    ListReturnType as ListReturnType,
    ListOrder as ListOrder,
    MapReturnType as MapReturnType,
    MapOrder as MapOrder,
    PrivilegeCode as PrivilegeCode,
    PrivilegeName as PrivilegeName,
)

__version__: str
__libaero_version__: str
logger: logging.Logger

# The package's __all__, in its order.
__all__ = [
    "AsyncClient", "Client", "async_client", "client", "set_log_level", "dropped_log_count",
    "init_tracing", "shutdown_tracing", "get_metrics", "set_metrics_enabled", "is_metrics_enabled",
    "set_internal_stage_metrics_enabled", "is_internal_stage_metrics_enabled",
    "internal_stage_profiling", "start_metrics_server", "stop_metrics_server", "__version__",
    "__libaero_version__", "exception", "types", "list_operations", "map_operations",
    "bit_operations", "hll_operations", "cdt_ctx", "exp", "exp_operations", "predicates", "Query",
    "AsyncQuery", "Scan", "AsyncScan", "PartitionFilter", "partition_filter_all",
    "partition_filter_by_id", "partition_filter_by_range", "partition_filter_after",
    "AerospikeError", "ClientError", "BackpressureError", "RustPanicError", "ClusterError",
    "InvalidArgError", "AerospikeTimeoutError", "RecordError", "RecordNotFound",
    "RecordExistsError", "RecordGenerationError", "RecordTooBig", "BinNameError", "BinExistsError",
    "BinNotFound", "BinTypeError", "FilteredOut", "ServerError", "AerospikeIndexError",
    "IndexNotFound", "IndexFoundError", "QueryError", "QueryAbortedError", "AdminError", "UDFError",
    "TimeoutError", "IndexError", "AerospikeKey", "RecordMetadata", "Record", "ExistsResult",
    "InfoNodeResult", "BinTuple", "OperateOrderedResult", "BatchRecord", "BatchWriteResult",
    "BatchRetryInfo", "TopologyEvent", "BatchRecords", "UserKey", "AerospikeRecord",
    "NumpyBatchRecords", "LazyBatchRecords", "Bins", "ReadPolicy", "WritePolicy", "BatchPolicy",
    "AdminPolicy", "QueryPolicy", "ScanPolicy", "BatchReadPolicy", "BatchDeletePolicy",
    "BatchUDFPolicy", "BatchUDFMeta", "WriteMeta", "BatchDeleteMeta", "ClientConfig", "Privilege",
    "UserInfo", "RoleInfo", "Operation", "ListPolicy", "MapPolicy", "HLLPolicy", "CDTWildcard",
    "GeoJSON", "CDTInfinite", "Key", "PolicyKey", "PolicyExists", "PolicyGen", "PolicyReplica",
    "PolicyCommitLevel", "PolicyReadModeAP", "TTL", "AuthMode", "IndexType", "IndexCollectionType",
    "LogLevel", "Serializer", "ListReturnType", "ListOrder", "MapReturnType", "MapOrder",
    "PrivilegeCode", "PrivilegeName", "REGEX_NONE", "REGEX_EXTENDED", "REGEX_ICASE", "REGEX_NOSUB",
    "REGEX_NEWLINE", "OP_EXPR_READ", "OP_EXPR_WRITE", "EXP_READ_DEFAULT", "EXP_READ_EVAL_NO_FAIL",
    "EXP_WRITE_DEFAULT", "EXP_WRITE_CREATE_ONLY", "EXP_WRITE_UPDATE_ONLY", "EXP_WRITE_ALLOW_DELETE",
    "EXP_WRITE_POLICY_NO_FAIL", "EXP_WRITE_EVAL_NO_FAIL", "POLICY_KEY_DIGEST", "POLICY_KEY_SEND",
    "POLICY_EXISTS_IGNORE", "POLICY_EXISTS_UPDATE", "POLICY_EXISTS_UPDATE_ONLY",
    "POLICY_EXISTS_REPLACE", "POLICY_EXISTS_REPLACE_ONLY", "POLICY_EXISTS_CREATE_ONLY",
    "POLICY_GEN_IGNORE", "POLICY_GEN_EQ", "POLICY_GEN_GT", "POLICY_REPLICA_MASTER",
    "POLICY_REPLICA_SEQUENCE", "POLICY_REPLICA_PREFER_RACK", "POLICY_COMMIT_LEVEL_ALL",
    "POLICY_COMMIT_LEVEL_MASTER", "POLICY_READ_MODE_AP_ONE", "POLICY_READ_MODE_AP_ALL",
    "POLICY_READ_MODE_SC_SESSION", "POLICY_READ_MODE_SC_LINEARIZE",
    "POLICY_READ_MODE_SC_ALLOW_REPLICA", "POLICY_READ_MODE_SC_ALLOW_UNAVAILABLE",
    "READ_TOUCH_TTL_PERCENT_SERVER_DEFAULT", "READ_TOUCH_TTL_PERCENT_DONT_RESET",
    "JOB_STATUS_UNDEF", "JOB_STATUS_INPROGRESS", "JOB_STATUS_COMPLETED", "JOB_QUERY", "JOB_SCAN",
    "UDF_TYPE_LUA", "BATCH_CONCURRENCY_SEQUENTIAL", "BATCH_CONCURRENCY_PARALLEL",
    "QUERY_DURATION_LONG", "QUERY_DURATION_SHORT", "QUERY_DURATION_LONG_RELAX_AP",
    "TTL_NAMESPACE_DEFAULT", "TTL_NEVER_EXPIRE", "TTL_DONT_UPDATE", "TTL_CLIENT_DEFAULT",
    "AUTH_INTERNAL", "AUTH_EXTERNAL", "AUTH_PKI", "OPERATOR_READ", "OPERATOR_WRITE",
    "OPERATOR_INCR", "OPERATOR_APPEND", "OPERATOR_PREPEND", "OPERATOR_TOUCH", "OPERATOR_DELETE",
    "INDEX_NUMERIC", "INDEX_STRING", "INDEX_BLOB", "INDEX_GEO2DSPHERE", "INDEX_TYPE_DEFAULT",
    "INDEX_TYPE_LIST", "INDEX_TYPE_MAPKEYS", "INDEX_TYPE_MAPVALUES", "LOG_LEVEL_OFF",
    "LOG_LEVEL_ERROR", "LOG_LEVEL_WARN", "LOG_LEVEL_INFO", "LOG_LEVEL_DEBUG", "LOG_LEVEL_TRACE",
    "SERIALIZER_NONE", "SERIALIZER_PYTHON", "SERIALIZER_USER", "LIST_RETURN_NONE",
    "LIST_RETURN_INDEX", "LIST_RETURN_REVERSE_INDEX", "LIST_RETURN_RANK",
    "LIST_RETURN_REVERSE_RANK", "LIST_RETURN_COUNT", "LIST_RETURN_VALUE", "LIST_RETURN_EXISTS",
    "LIST_UNORDERED", "LIST_ORDERED", "LIST_SORT_DEFAULT", "LIST_SORT_DROP_DUPLICATES",
    "LIST_WRITE_DEFAULT", "LIST_WRITE_ADD_UNIQUE", "LIST_WRITE_INSERT_BOUNDED",
    "LIST_WRITE_NO_FAIL", "LIST_WRITE_PARTIAL", "MAP_RETURN_NONE", "MAP_RETURN_INDEX",
    "MAP_RETURN_REVERSE_INDEX", "MAP_RETURN_RANK", "MAP_RETURN_REVERSE_RANK", "MAP_RETURN_COUNT",
    "MAP_RETURN_KEY", "MAP_RETURN_VALUE", "MAP_RETURN_KEY_VALUE", "MAP_RETURN_EXISTS",
    "MAP_RETURN_UNORDERED_MAP", "MAP_RETURN_ORDERED_MAP", "MAP_UNORDERED", "MAP_KEY_ORDERED",
    "MAP_KEY_VALUE_ORDERED", "MAP_WRITE_FLAGS_DEFAULT", "MAP_WRITE_FLAGS_CREATE_ONLY",
    "MAP_WRITE_FLAGS_UPDATE_ONLY", "MAP_WRITE_FLAGS_NO_FAIL", "MAP_WRITE_FLAGS_PARTIAL",
    "MAP_WRITE_NO_FAIL", "MAP_WRITE_PARTIAL", "MAP_UPDATE", "MAP_UPDATE_ONLY", "MAP_CREATE_ONLY",
    "BIT_WRITE_DEFAULT", "BIT_WRITE_CREATE_ONLY", "BIT_WRITE_UPDATE_ONLY", "BIT_WRITE_NO_FAIL",
    "BIT_WRITE_PARTIAL", "BIT_RESIZE_DEFAULT", "BIT_RESIZE_FROM_FRONT", "BIT_RESIZE_GROW_ONLY",
    "BIT_RESIZE_SHRINK_ONLY", "BIT_OVERFLOW_FAIL", "BIT_OVERFLOW_SATURATE", "BIT_OVERFLOW_WRAP",
    "HLL_WRITE_DEFAULT", "HLL_WRITE_CREATE_ONLY", "HLL_WRITE_UPDATE_ONLY", "HLL_WRITE_NO_FAIL",
    "HLL_WRITE_ALLOW_FOLD", "PRIV_USER_ADMIN", "PRIV_SYS_ADMIN", "PRIV_DATA_ADMIN",
    "PRIV_UDF_ADMIN", "PRIV_SINDEX_ADMIN", "PRIV_READ", "PRIV_READ_WRITE", "PRIV_READ_WRITE_UDF",
    "PRIV_WRITE", "PRIV_TRUNCATE", "AEROSPIKE_OK", "AEROSPIKE_ERR_SERVER",
    "AEROSPIKE_ERR_RECORD_NOT_FOUND", "AEROSPIKE_ERR_RECORD_GENERATION", "AEROSPIKE_ERR_PARAM",
    "AEROSPIKE_ERR_RECORD_EXISTS", "AEROSPIKE_ERR_BIN_EXISTS", "AEROSPIKE_ERR_CLUSTER_KEY_MISMATCH",
    "AEROSPIKE_ERR_SERVER_MEM", "AEROSPIKE_ERR_TIMEOUT", "AEROSPIKE_ERR_ALWAYS_FORBIDDEN",
    "AEROSPIKE_ERR_PARTITION_UNAVAILABLE", "AEROSPIKE_ERR_BIN_TYPE", "AEROSPIKE_ERR_RECORD_TOO_BIG",
    "AEROSPIKE_ERR_KEY_BUSY", "AEROSPIKE_ERR_SCAN_ABORT", "AEROSPIKE_ERR_UNSUPPORTED_FEATURE",
    "AEROSPIKE_ERR_BIN_NOT_FOUND", "AEROSPIKE_ERR_DEVICE_OVERLOAD", "AEROSPIKE_ERR_KEY_MISMATCH",
    "AEROSPIKE_ERR_INVALID_NAMESPACE", "AEROSPIKE_ERR_BIN_NAME", "AEROSPIKE_ERR_FAIL_FORBIDDEN",
    "AEROSPIKE_ERR_ELEMENT_NOT_FOUND", "AEROSPIKE_ERR_ELEMENT_EXISTS",
    "AEROSPIKE_ERR_ENTERPRISE_ONLY", "AEROSPIKE_ERR_OP_NOT_APPLICABLE",
    "AEROSPIKE_ERR_FILTERED_OUT", "AEROSPIKE_ERR_LOST_CONFLICT", "AEROSPIKE_QUERY_END",
    "AEROSPIKE_SECURITY_NOT_SUPPORTED", "AEROSPIKE_SECURITY_NOT_ENABLED",
    "AEROSPIKE_ERR_INVALID_USER", "AEROSPIKE_ERR_NOT_AUTHENTICATED", "AEROSPIKE_ERR_ROLE_VIOLATION",
    "AEROSPIKE_ERR_UDF", "AEROSPIKE_ERR_BATCH_DISABLED", "AEROSPIKE_ERR_INDEX_FOUND",
    "AEROSPIKE_ERR_INDEX_NOT_FOUND", "AEROSPIKE_ERR_QUERY_ABORTED", "AEROSPIKE_ERR_CLIENT",
    "AEROSPIKE_ERR_CONNECTION", "AEROSPIKE_ERR_CLUSTER", "AEROSPIKE_ERR_INVALID_HOST",
    "AEROSPIKE_ERR_NO_MORE_CONNECTIONS",
]
