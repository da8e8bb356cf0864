"""Result types (NamedTuples) and input types (TypedDicts), as in aerospike-py.

Results are NamedTuples, so both ``record.bins`` and ``_, meta, bins = record`` work. Inputs are
plain dicts; the TypedDicts only describe them for type checkers (all keys optional).
"""

from typing import Any, Literal, NamedTuple, Optional, TypedDict, Union

UserKey = Union[str, int]
"""A user key as it appears in batch results."""

Key = tuple[str, str, Union[str, int, bytes]]
"""The input key ``(namespace, set, user_key)``; a fourth element may carry a 20-byte digest."""

Bins = dict[str, Any]
"""Bin names to values."""

AerospikeRecord = dict[str, Any]
"""One record's bins, as in ``batch_read`` results."""

BatchRecords = dict[UserKey, AerospikeRecord]
"""The return of ``batch_read``: user key to bins, found records only."""


class AerospikeKey(NamedTuple):
    """A record's key as returned by the client."""

    namespace: str
    set_name: str
    user_key: Optional[Union[str, int, bytes]]
    digest: bytes


class RecordMetadata(NamedTuple):
    """A record's generation and seconds to live (4294967295: never expires)."""

    gen: int
    ttl: int


class Record(NamedTuple):
    """A whole record: ``(key, meta, bins)``."""

    key: Optional[AerospikeKey]
    meta: Optional[RecordMetadata]
    bins: Optional[Bins]


class ExistsResult(NamedTuple):
    """The result of ``exists``: ``meta`` is ``None`` when the record does not exist."""

    key: Optional[AerospikeKey]
    meta: Optional[RecordMetadata]


class InfoNodeResult(NamedTuple):
    """One node's answer to an info command (``error_code`` 0 on success)."""

    node_name: str
    error_code: int
    response: str


class BinTuple(NamedTuple):
    """One bin name and value, as in ``operate_ordered`` results."""

    name: str
    value: Any


class OperateOrderedResult(NamedTuple):
    """The result of ``operate_ordered``: bins in operation order."""

    key: Optional[AerospikeKey]
    meta: Optional[RecordMetadata]
    ordered_bins: list[BinTuple]


class BatchRecord(NamedTuple):
    """One key's outcome in a batch write, operate or remove."""

    key: Optional[AerospikeKey]
    result: int
    record: Optional[Record]
    in_doubt: bool = False


class TopologyEvent(NamedTuple):
    """Nodes joined or left the cluster (``Client.on_topology_change``)."""

    previous_epoch: int
    """The cluster view's epoch before the change."""
    epoch: int
    """Its epoch with the change."""
    added: list[str]
    """Names of the nodes that joined."""
    removed: list[str]
    """Names of the nodes that left."""


class BatchRetryInfo(NamedTuple):
    """What ``batch_write``'s retries of transient row failures (``retry=N``) did.

    The defaults describe one round and no retry, which every other batch method reports.
    """

    attempts: int = 1
    """Rounds sent, the first included."""
    max_attempts: int = 1
    """Rounds asked for: ``1 + retry``."""
    truncated_by_timeout: bool = False
    """``total_timeout`` ran out before ``max_attempts`` (with rows still to retry)."""
    unresolved: int = 0
    """Records still failed with a transient code (and not in doubt) at the end."""


class BatchWriteResult(NamedTuple):
    """The outcome of a batch write, operate or remove: one entry per input key."""

    batch_records: list[BatchRecord]
    retry: BatchRetryInfo = BatchRetryInfo()
    """How ``batch_write``'s retries went (the defaults for other batch methods)."""


class ReadPolicy(TypedDict, total=False):
    """Policy for single-record reads (timeouts in milliseconds)."""

    socket_timeout: int
    total_timeout: int
    max_retries: int
    sleep_between_retries: int
    timeout_delay: int
    filter_expression: Any
    replica: int
    read_mode_ap: int
    read_mode_sc: int
    read_touch_ttl_percent: int


class WritePolicy(TypedDict, total=False):
    """Policy for single-record writes and operate (timeouts in milliseconds)."""

    socket_timeout: int
    total_timeout: int
    max_retries: int
    sleep_between_retries: int
    timeout_delay: int
    durable_delete: bool
    key: int
    exists: int
    gen: int
    commit_level: int
    ttl: int
    filter_expression: Any
    replica: int
    read_mode_ap: int
    read_mode_sc: int
    read_touch_ttl_percent: int


class BatchPolicy(TypedDict, total=False):
    """Policy for batch commands, with the per-record write defaults."""

    socket_timeout: int
    total_timeout: int
    max_retries: int
    sleep_between_retries: int
    timeout_delay: int
    filter_expression: Any
    allow_inline: bool
    allow_inline_ssd: bool
    respond_all_keys: bool
    replica: int
    read_mode_ap: int
    read_mode_sc: int
    read_touch_ttl_percent: int
    key: int
    exists: int
    gen: int
    commit_level: int
    durable_delete: bool
    ttl: int
    concurrency: int  # BATCH_CONCURRENCY_SEQUENTIAL or _PARALLEL (the default)


class AdminPolicy(TypedDict, total=False):
    """Policy for info, truncate, index, UDF and admin commands."""

    timeout: int


class QueryPolicy(TypedDict, total=False):
    """Policy for queries."""

    socket_timeout: int
    total_timeout: int
    max_retries: int
    sleep_between_retries: int
    timeout_delay: int
    max_records: int
    records_per_second: int
    filter_expression: Any
    replica: int
    read_mode_ap: int
    read_mode_sc: int
    read_touch_ttl_percent: int
    max_concurrent_nodes: int
    record_queue_size: int
    expected_duration: int
    include_bin_data: bool
    partition_filter: Any


class ScanPolicy(TypedDict, total=False):
    """Policy for scans (``Client.scan()``, or ``query()`` without a predicate): the
    ``QueryPolicy`` keys, and ``durable_delete`` and ``ttl`` for ``execute_background``."""

    socket_timeout: int
    total_timeout: int
    max_retries: int
    sleep_between_retries: int
    timeout_delay: int
    filter_expression: Any
    replica: int
    read_mode_ap: int
    records_per_second: int
    max_records: int
    durable_delete: bool
    ttl: int
    partition_filter: Any


class BatchReadPolicy(TypedDict, total=False):
    """The per-record read settings of ``batch_read`` (given in its ``BatchPolicy`` dict)."""

    read_touch_ttl_percent: int
    filter_expression: Any


class BatchDeletePolicy(TypedDict, total=False):
    """The per-record defaults of ``batch_remove`` (given in its ``BatchPolicy`` dict)."""

    gen: int
    key: int
    commit_level: int
    durable_delete: bool
    filter_expression: Any


class BatchUDFPolicy(TypedDict, total=False):
    """The per-record defaults of ``batch_apply`` (given in its ``BatchPolicy`` dict)."""

    commit_level: int
    ttl: int
    key: int
    durable_delete: bool
    filter_expression: Any


class BatchUDFMeta(TypedDict, total=False):
    """One ``batch_apply`` record's overrides: the call (``module``, ``function``, ``args``)
    and the policy fields ``ttl``, ``commit_level``, ``key`` and ``durable_delete``."""

    module: str
    function: str
    args: list[Any]
    ttl: int
    commit_level: int
    key: int
    durable_delete: bool


class WriteMeta(TypedDict, total=False):
    """Write metadata: ``gen`` (expected generation; implies ``POLICY_GEN_EQ``) and ``ttl``."""

    gen: int
    ttl: int
    key: int
    exists: int
    commit_level: int
    durable_delete: bool


class BatchDeleteMeta(TypedDict, total=False):
    """Per-key metadata for ``batch_remove``."""

    gen: int
    key: int
    commit_level: int
    durable_delete: bool


class ClientConfig(TypedDict, total=False):
    """Client configuration (see ``Client``)."""

    hosts: list[Union[tuple[str, int], str]]
    cluster_name: str
    auth_mode: int
    user: str
    password: str
    timeout: int
    idle_timeout: int
    max_conns_per_node: int
    min_conns_per_node: int
    conn_pools_per_node: int
    tend_interval: int
    use_services_alternate: bool
    max_concurrent_operations: int
    operation_queue_timeout_ms: int
    policies: dict[str, dict[str, Any]]
    tls: dict[str, Any]
    rack_aware: bool
    rack_id: int
    rack_ids: list[int]


class Privilege(TypedDict, total=False):
    """A privilege: code (``PRIV_*``, or its name such as ``"read-write"``), optionally scoped
    to a namespace and set."""

    code: Union[int, str]
    ns: str
    set: str


class UserInfo(TypedDict):
    """A user as returned by ``admin_query_user_info``."""

    user: str
    roles: list[str]
    conns_in_use: int


class RoleInfo(TypedDict):
    """A role as returned by ``admin_query_role``."""

    name: str
    privileges: list[Privilege]
    allowlist: list[str]
    read_quota: int
    write_quota: int


Operation = dict[str, Any]
"""One operation for ``operate``/``operate_ordered``: ``{"op": code, "bin": name, ...}``.

Build basic ones by hand (``OPERATOR_*`` codes) and collection ones with
``aerospike_py.list_operations``, ``map_operations``, ``bit_operations`` and ``hll_operations``.
"""


class ListPolicy(TypedDict, total=False):
    """Policy of list writes: aerospike-py's keys, or the official client's in brackets.

    Keys:
        order (list_order): ``LIST_UNORDERED`` or ``LIST_ORDERED``, used when the write
            creates the list.
        flags (write_flags): ``LIST_WRITE_*`` flags, OR-ed.
    """

    order: int
    flags: int
    list_order: int
    write_flags: int


class MapPolicy(TypedDict, total=False):
    """Policy of map writes: aerospike-py's keys, or the official client's in brackets.

    Keys:
        order (map_order): ``MAP_UNORDERED``, ``MAP_KEY_ORDERED`` or ``MAP_KEY_VALUE_ORDERED``,
            used when the write creates the map.
        write_mode (map_write_mode): ``MAP_UPDATE``, ``MAP_UPDATE_ONLY`` or
            ``MAP_CREATE_ONLY`` (the legacy way to restrict a put).
        map_write_flags: ``MAP_WRITE_FLAGS_*`` flags, OR-ed (not together with a write mode).
        persist_index: keep an index of a top-level ordered map on the server.
    """

    order: int
    write_mode: int
    map_order: int
    map_write_mode: int
    map_write_flags: int
    persist_index: bool


class HLLPolicy(TypedDict, total=False):
    """Policy of HyperLogLog writes.

    Keys:
        flags: ``HLL_WRITE_*`` flags, OR-ed.
    """

    flags: int


class _CDTMarker:
    """A comparison marker for collection selections; every instance of a class is equal."""

    __slots__ = ()

    def __eq__(self, other: object) -> bool:
        return type(other) is type(self)

    def __hash__(self) -> int:
        return hash(type(self).__name__)

    def __repr__(self) -> str:
        return f"{type(self).__name__}()"


class CDTWildcard(_CDTMarker):
    """Matches any value, in a value or a range bound of a list or map selection.

    Example: ``list_get_by_value("l", ["a", CDTWildcard()], LIST_RETURN_VALUE)`` selects every
    element that is a list starting with ``"a"``.
    """

    __slots__ = ()


class CDTInfinite(_CDTMarker):
    """Greater than any value: an open end of a range in a list or map selection.

    Example: ``map_get_by_key_range("m", ["a", 1], ["a", CDTInfinite()], MAP_RETURN_KEY)``.
    """

    __slots__ = ()


class GeoJSON(str):
    """A GeoJSON value, as the official client's ``aerospike.GeoJSON``: written as a GeoJSON
    bin (which the server indexes and compares as geometry) and read back as ``GeoJSON``.

    It is a ``str`` of the GeoJSON text, so code that treats a geo bin as text (aerospike-py
    reads it as a ``str``; ``json.loads(record.bins["loc"])``) keeps working, and it compares
    equal to that text.

    Args:
        value: the GeoJSON as text, or as a dict that ``json.dumps`` turns into text.

    Example: ``client.put(key, {"loc": GeoJSON({"type": "Point", "coordinates": [2.35, 48.85]})})``.
    """

    __slots__ = ()

    def __new__(cls, value: "str | dict") -> "GeoJSON":
        if isinstance(value, dict):
            import json

            value = json.dumps(value, separators=(",", ":"))
        if not isinstance(value, str):
            raise TypeError(f"GeoJSON takes a str or a dict, got {type(value).__name__}")
        return super().__new__(cls, value)

    @property
    def text(self) -> str:
        """The GeoJSON text."""
        return str(self)

    def dumps(self) -> str:
        """The GeoJSON text (the official client's name for it)."""
        return str(self)

    def __repr__(self) -> str:
        return f"GeoJSON({str.__repr__(self)})"


# ---------------------------------------------------------------------------------------------
# Value sets of the constants, as aerospike-py's stubs name them (there only for type checkers;
# here they also exist at run time, so that the stubs match the package). The constants are
# Final, so ``aerospike_py.POLICY_KEY_SEND`` is a ``PolicyKey``. Written as unions of one-value
# Literals, which mean the same as ``Literal[0, 1]`` to a type checker and are a ``Union`` at run
# time as well (stubtest checks a Literal alias of several values against a run-time Union).

PolicyKey = Literal[0] | Literal[1]
"""``policy={"key": ...}``: ``POLICY_KEY_DIGEST``, ``POLICY_KEY_SEND``."""

PolicyExists = Literal[0] | Literal[1] | Literal[2] | Literal[3] | Literal[4]
"""``policy={"exists": ...}``: ``POLICY_EXISTS_*``."""

PolicyGen = Literal[0] | Literal[1] | Literal[2]
"""``policy={"gen": ...}``: ``POLICY_GEN_IGNORE``, ``_EQ``, ``_GT``."""

PolicyReplica = Literal[0] | Literal[1] | Literal[2]
"""``policy={"replica": ...}``: ``POLICY_REPLICA_MASTER``, ``_SEQUENCE``, ``_PREFER_RACK``."""

PolicyCommitLevel = Literal[0] | Literal[1]
"""``policy={"commit_level": ...}``: ``POLICY_COMMIT_LEVEL_ALL``, ``_MASTER``."""

PolicyReadModeAP = Literal[0] | Literal[1]
"""``policy={"read_mode_ap": ...}``: ``POLICY_READ_MODE_AP_ONE``, ``_ALL``."""

TTL = Literal[0] | Literal[-1] | Literal[-2] | Literal[-3]
"""The TTL sentinels ``TTL_NAMESPACE_DEFAULT``, ``TTL_NEVER_EXPIRE``, ``TTL_DONT_UPDATE``,
``TTL_CLIENT_DEFAULT`` (a TTL is otherwise any number of seconds)."""

AuthMode = Literal[0] | Literal[1] | Literal[2]
"""``auth_mode``: ``AUTH_INTERNAL``, ``AUTH_EXTERNAL``, ``AUTH_PKI``."""

IndexType = Literal[0] | Literal[1] | Literal[2] | Literal[3]
"""An index's data type: ``INDEX_NUMERIC``, ``INDEX_STRING``, ``INDEX_BLOB``, ``INDEX_GEO2DSPHERE``."""

IndexCollectionType = Literal[0] | Literal[1] | Literal[2] | Literal[3]
"""An index's collection type: ``INDEX_TYPE_DEFAULT``, ``_LIST``, ``_MAPKEYS``, ``_MAPVALUES``."""

LogLevel = Literal[-1] | Literal[0] | Literal[1] | Literal[2] | Literal[3] | Literal[4]
"""``set_log_level``: ``LOG_LEVEL_OFF`` ... ``LOG_LEVEL_TRACE``."""

Serializer = Literal[0] | Literal[1] | Literal[2]
"""``SERIALIZER_NONE``, ``SERIALIZER_PYTHON``, ``SERIALIZER_USER``."""

ListReturnType = (
    Literal[0] | Literal[1] | Literal[2] | Literal[3] | Literal[4] | Literal[5] | Literal[7]
    | Literal[13]
)
"""A list operation's ``return_type``: ``LIST_RETURN_*``."""

ListOrder = Literal[0] | Literal[1]
"""``LIST_UNORDERED``, ``LIST_ORDERED``."""

MapReturnType = (
    Literal[0] | Literal[1] | Literal[2] | Literal[3] | Literal[4] | Literal[5] | Literal[6]
    | Literal[7] | Literal[8] | Literal[13]
)
"""A map operation's ``return_type``: ``MAP_RETURN_*`` but ``MAP_RETURN_UNORDERED_MAP`` and
``MAP_RETURN_ORDERED_MAP`` (as aerospike-py has it)."""

MapOrder = Literal[0] | Literal[1] | Literal[3]
"""``MAP_UNORDERED``, ``MAP_KEY_ORDERED``, ``MAP_KEY_VALUE_ORDERED``."""

PrivilegeCode = (
    Literal[0] | Literal[1] | Literal[2] | Literal[3] | Literal[4] | Literal[10] | Literal[11]
    | Literal[12] | Literal[13] | Literal[14]
)
"""A privilege's code: ``PRIV_*``."""

PrivilegeName = (
    Literal["read"] | Literal["read-write"] | Literal["read-write-udf"] | Literal["write"]
    | Literal["truncate"] | Literal["user-admin"] | Literal["sys-admin"] | Literal["data-admin"]
    | Literal["udf-admin"] | Literal["sindex-admin"]
)
"""A privilege's name, accepted in place of its code."""
