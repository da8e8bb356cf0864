"""Type stubs for aerospike_py: the public names, re-exported from the modules that define them.

Signatures and docstrings live with the code (``_client.py``, ``types.py``, ``exception.py``),
which is fully annotated; this stub only states what the package exports.
"""

import logging

from aerospike_py import bit_operations as bit_operations
from aerospike_py import cdt_ctx as cdt_ctx
from aerospike_py import exception as exception
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
    CDTInfinite as CDTInfinite,
)

__version__: str
__libaero_version__: str
logger: logging.Logger
