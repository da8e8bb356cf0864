"""Single-record commands as plans shared by ``Client`` and ``AsyncClient``.

A plan holds everything a command needs once its arguments are checked and packed: the libaero
function pair (sync and async twin), the packed arguments, and how to turn the reply into
aerospike-py's result shape. The sync client calls the sync function on the caller's thread;
the async client submits the async twin and finishes the plan on the event-loop thread. Both
therefore validate, pack and decode identically.
"""

from typing import Any, Callable, NamedTuple, Optional

import msgpack

from . import _constants as C
from . import _metrics, _policy
from ._ffi import check, error_from, ffi, lib, thread_io, thread_result, thread_state
from ._ops import bin_tuples, bins_dict, pack_ops
from ._values import DIGEST_BYTES, check_bin_name, check_value, pack_bin_names, pack_bins, pack_key, pack_key_rows, packb
from .exception import AerospikeError, make_error
from ._batch_result import LazyBatchRecords
from .numpy_batch import BatchTargetArrays
from .types import (
    AerospikeKey,
    BatchRecord,
    BatchRetryInfo,
    BatchWriteResult,
    ExistsResult,
    GeoJSON,
    OperateOrderedResult,
    Record,
    RecordMetadata,
)

_NULL = ffi.NULL


_ERR_CLIENT = -1
_EXT_GEOJSON = 2  # AERO_EXT_GEOJSON


def _ext_hook(code: int, data: bytes) -> Any:
    """A GeoJSON value (AERO_EXT_GEOJSON) reads back as ``GeoJSON``."""
    if code == _EXT_GEOJSON:
        return GeoJSON(data.decode("utf-8", "surrogateescape"))
    return msgpack.ExtType(code, data)


def unpack(data: Any) -> Any:
    """Decodes one msgpack reply.

    Maps may have non-string keys. A string that is not valid UTF-8 (legal on the server, and
    written by other clients) decodes with ``surrogateescape``: the ``str`` keeps the very
    bytes, and writing it back stores them unchanged (see ``_values.packb``).

    Raises:
        ClientError: the reply cannot be decoded into Python values.
    """
    try:
        return msgpack.unpackb(data, strict_map_key=False, unicode_errors="surrogateescape", ext_hook=_ext_hook)
    except Exception as e:  # any value the decoder refuses fails this reply only
        raise make_error(_ERR_CLIENT, f"cannot decode the server's reply: {e}") from e


class Plan(NamedTuple):
    """A checked, packed command, ready for either client."""

    sync_fn: Any
    """The libaero sync function."""
    async_fn: Any
    """Its async twin."""
    has_out: bool
    """Whether the sync function writes a result buffer (its first argument)."""
    args: tuple
    """The packed arguments between the handle (or queue and token) and the error."""
    parts: Any
    """The key's parts: (namespace, set, user_key, digest); a batch's, a list of them."""
    finish: Callable[[Any, Any], Any]
    """Builds the result from the key parts and the decoded reply (None for writes)."""
    missing: Optional[Callable[[tuple, bytes], Any]] = None
    """For commands where "not found" is a result (exists): builds it from parts and digest."""
    decode: Callable[[Any], Any] = unpack
    """Decodes the reply's msgpack bytes (batches decode row by row when a row fails)."""
    name: str = ""
    """aerospike-py's name of the operation, for metrics and spans."""


def _items(data: Any) -> tuple[msgpack.Unpacker, int]:
    """An unpacker over a msgpack array, and the array's length (read without decoding)."""
    unpacker = msgpack.Unpacker(max_buffer_size=max(len(data), 1), strict_map_key=False, ext_hook=_ext_hook,
                                unicode_errors="surrogateescape")
    unpacker.feed(data)
    return unpacker, unpacker.read_array_header()


def _next_raw(unpacker: msgpack.Unpacker, data: Any) -> Any:
    """The next item's bytes, found by skipping it (skipping never decodes strings or keys)."""
    start = unpacker.tell()
    unpacker.skip()
    return data[start:unpacker.tell()]


class Undecoded(bytes):
    """A completion payload whose decoding is left to its plan (``Plan.decode``)."""

    __slots__ = ()


def split_completions(data: Any) -> list[tuple[int, int, Any]]:
    """Splits a drained completions array into ``(token, status, payload)`` without decoding
    the payloads (each an :class:`Undecoded`), so one payload that cannot be decoded fails
    its own command and no other."""
    unpacker, n = _items(data)
    out = []
    for _ in range(n):
        unpacker.read_array_header()
        token = unpacker.unpack()
        status = unpacker.unpack()
        out.append((token, status, Undecoded(_next_raw(unpacker, data))))
    return out


def unpack_rows(data: Any) -> list:
    """Decodes a batch reply; a row that cannot be decoded becomes a failed row of its own
    (code -1, no bins) rather than failing the whole batch."""
    try:
        return unpack(data)
    except AerospikeError:
        pass
    unpacker, n = _items(data)
    rows = []
    for _ in range(n):
        raw = _next_raw(unpacker, data)
        try:
            rows.append(unpack(raw))
        except AerospikeError:
            # [code, generation, ttl, bins, in_doubt, digest]: everything but the bins.
            row, _ = _items(raw)
            _code, generation, ttl = row.unpack(), row.unpack(), row.unpack()
            row.skip()
            in_doubt, digest = row.unpack(), row.unpack()
            rows.append([_ERR_CLIENT, generation, ttl, None, in_doubt, digest])
    return rows


def plan_labels(plan: Plan) -> tuple[str, str]:
    """The namespace and set a plan's span is labelled with (a batch's first key's)."""
    parts = plan.parts
    if isinstance(parts, list):
        parts = parts[0] if parts else ("", "")
    return parts[0], parts[1]


# The (pointer, length) pair of an absent argument: no bin names, or the client's default policy.
_ABSENT = (_NULL, 0)


def policy_args(packed: Optional[bytes]) -> tuple[Any, int]:
    """A packed policy as the (pointer, length) pair of the C call; NULL means defaults."""
    return (packed, len(packed)) if packed else _ABSENT


def _policy_args(packed: Optional[bytes], op: str) -> tuple[Any, int]:
    """:func:`policy_args` of a command metrics know under aerospike-py's name ``op`` (libaero
    knows ``get``, ``put``, ``operate``, ``batch``... but not ``select`` or ``increment``)."""
    return policy_args(_metrics.labelled(packed, op) if op else packed)


def key_digest(key_bytes: bytes) -> bytes:
    """The digest of a packed key, computed by libaero (for results without a record)."""
    err, _ = thread_state()
    out = ffi.new("uint8_t[]", DIGEST_BYTES)
    check(lib.aero_key_digest(out, key_bytes, len(key_bytes), err), err)
    return bytes(ffi.buffer(out, DIGEST_BYTES))


# Result tuples made without their NamedTuple's Python-level __new__ (0.13 against 0.4 µs
# each): a batch of 100 rows makes 400 of them.
_new = tuple.__new__


def result_key(parts: tuple, digest: bytes) -> AerospikeKey:
    """The ``AerospikeKey`` of a result: the caller's key with the record's digest."""
    namespace, set_name, user_key, _ = parts
    return _new(AerospikeKey, (namespace, set_name, user_key, digest))


def _no_result(parts: tuple, reply: Any) -> None:
    return None


def _record(parts: tuple, reply: Any) -> Record:
    digest, generation, ttl, bins = reply
    namespace, set_name, user_key, _ = parts
    return _new(Record, (_new(AerospikeKey, (namespace, set_name, user_key, digest)),
                         _new(RecordMetadata, (generation, ttl)), bins))


def _exists(parts: tuple, reply: Any) -> ExistsResult:
    digest, generation, ttl = reply
    return _new(ExistsResult, (result_key(parts, digest), _new(RecordMetadata, (generation, ttl))))


def _exists_missing(parts: tuple, digest: bytes) -> ExistsResult:
    return _new(ExistsResult, (result_key(parts, digest), None))


def _operate_record(ops: list) -> Callable[[tuple, Any], Record]:
    def finish(parts: tuple, reply: Any) -> Record:
        digest, generation, ttl, pairs = reply
        return _new(Record, (result_key(parts, digest), _new(RecordMetadata, (generation, ttl)),
                             bins_dict(pairs or [], ops)))
    return finish


def _operate_ordered(ops: list) -> Callable[[tuple, Any], OperateOrderedResult]:
    def finish(parts: tuple, reply: Any) -> OperateOrderedResult:
        digest, generation, ttl, pairs = reply
        return _new(OperateOrderedResult, (result_key(parts, digest), _new(RecordMetadata, (generation, ttl)),
                                           bin_tuples(pairs or [], ops)))
    return finish


def _keyed(key: Any) -> tuple[tuple, tuple]:
    key_bytes, parts = pack_key(key)
    return (key_bytes, len(key_bytes)), parts


_PUT, _PUT_ASYNC = lib.aero_client_put, lib.aero_client_put_async
_GET, _GET_ASYNC = lib.aero_client_get, lib.aero_client_get_async
# The calls without policy (or bin names) take fewer arguments, each of which costs cffi ~45 ns.
_GET_DEFAULT, _GET_DEFAULT_ASYNC = lib.aero_client_get_default, lib.aero_client_get_default_async
_PUT_DEFAULT, _PUT_DEFAULT_ASYNC = lib.aero_client_put_default, lib.aero_client_put_default_async


#: The plans that finish every async get without policy and put without meta or policy: such
#: a command passes its key's parts on its own and carries no plan (see ``AsyncClient.get``).
GET_DEFAULT = Plan(_GET_DEFAULT, _GET_DEFAULT_ASYNC, True, (), None, _record, None, unpack, "get")
PUT_DEFAULT = Plan(_PUT_DEFAULT, _PUT_DEFAULT_ASYNC, False, (), None, _no_result, None, unpack, "put")


def put(key: Any, bins: Any, meta: Any = None, policy: Optional[dict] = None, _op: str = "") -> Plan:
    """Plan of ``put`` (``_op``: the metrics name of a command built on it)."""
    key_bytes, parts = pack_key(key)
    bins_bytes = pack_bins(bins)
    args: tuple = (key_bytes, len(key_bytes), bins_bytes, len(bins_bytes))
    # The common call (no meta, policy or metrics name) takes the defaults without packing.
    if meta is None and policy is None and not _op:
        return _new(Plan, (_PUT_DEFAULT, _PUT_DEFAULT_ASYNC, False, args, parts, _no_result, None, unpack, "put"))
    args += _policy_args(_policy.write_policy(meta, policy), _op)
    return _new(Plan, (_PUT, _PUT_ASYNC, False, args, parts, _no_result, None, unpack, _op or "put"))


def put_now(client: Any, key: Any, bins: Any) -> None:
    """``put`` with no meta or policy, run at once on this thread: the sync client's common
    call takes the shortest path (no plan), with the plan's checks, call and errors.

    Args:
        client: the ``Client``; its native handle is taken after the arguments are checked,
            as the plan's run does (``Client._native`` inlined: with threads, every
            microsecond that holds the GIL here is paid again in waits for it).
    """
    key_bytes, _ = pack_key(key)
    bins_bytes = pack_bins(bins)
    handle = client._handle
    if handle is None:
        handle = client._native()  # raises: not connected
    err = thread_io()[0]
    if _PUT_DEFAULT(handle, key_bytes, len(key_bytes), bins_bytes, len(bins_bytes), err):
        raise error_from(err)


def get_now(client: Any, key: Any) -> Record:
    """``get`` with no policy, run at once on this thread (see :func:`put_now`)."""
    key_bytes, parts = pack_key(key)
    handle = client._handle
    if handle is None:
        handle = client._native()  # raises: not connected
    err, buf, view = thread_io()
    if _GET_DEFAULT(buf, handle, key_bytes, len(key_bytes), err):
        raise error_from(err)
    return _record(parts, unpack(view()))


def _read(key: Any, names: Optional[bytes], policy: Optional[dict], op: str = "") -> Plan:
    key_bytes, parts = pack_key(key)
    names_pair = (names, len(names)) if names is not None else _ABSENT
    policy_pair = _ABSENT if policy is None and not op else _policy_args(_policy.read_policy(policy), op)
    args = (key_bytes, len(key_bytes), *names_pair, *policy_pair)
    return _new(Plan, (_GET, _GET_ASYNC, True, args, parts, _record, None, unpack, op or "get"))


def get(key: Any, policy: Optional[dict] = None) -> Plan:
    """Plan of ``get``."""
    if policy is None:  # the common call, built here: one frame fewer per command
        key_bytes, parts = pack_key(key)
        return _new(Plan, (_GET_DEFAULT, _GET_DEFAULT_ASYNC, True, (key_bytes, len(key_bytes)), parts, _record,
                           None, unpack, "get"))
    return _read(key, None, policy)


def select(key: Any, bins: Any, policy: Optional[dict] = None) -> Plan:
    """Plan of ``select``."""
    return _read(key, pack_bin_names(bins), policy, "select")


def exists(key: Any, policy: Optional[dict] = None) -> Plan:
    """Plan of ``exists``; "not found" is a result, not an error."""
    key_args, parts = _keyed(key)
    args = (*key_args, *policy_args(_policy.read_policy(policy)))
    return Plan(lib.aero_client_exists, lib.aero_client_exists_async, True, args, parts, _exists, _exists_missing,
                name="exists")


def remove(key: Any, meta: Any = None, policy: Optional[dict] = None) -> Plan:
    """Plan of ``remove``."""
    key_args, parts = _keyed(key)
    args = (*key_args, *policy_args(_policy.write_policy(meta, policy)))
    return Plan(lib.aero_client_remove, lib.aero_client_remove_async, False, args, parts, _no_result, name="delete")


def touch(key: Any, val: Any = 0, meta: Any = None, policy: Optional[dict] = None) -> Plan:
    """Plan of ``touch``; ``val`` > 0 sets the TTL."""
    if isinstance(val, bool) or not isinstance(val, int):
        raise TypeError(f"val must be an int (TTL seconds), got {type(val).__name__}")
    key_args, parts = _keyed(key)
    args = (*key_args, *policy_args(_policy.write_policy(meta, policy, val if val > 0 else None)))
    return Plan(lib.aero_client_touch, lib.aero_client_touch_async, False, args, parts, _no_result, name="touch")


def _operate(key: Any, ops_bytes: bytes, meta: Any, policy: Optional[dict],
             finish: Callable[[tuple, Any], Any], op: str = "") -> Plan:
    key_args, parts = _keyed(key)
    args = (*key_args, ops_bytes, len(ops_bytes), *_policy_args(_policy.write_policy(meta, policy), op))
    return Plan(lib.aero_client_operate, lib.aero_client_operate_async, True, args, parts, finish,
                name=op or "operate")


def operate(key: Any, ops: Any, meta: Any = None, policy: Optional[dict] = None) -> Plan:
    """Plan of ``operate``: bins as a dict (a bin read several times maps to a list)."""
    return _operate(key, pack_ops(ops), meta, policy, _operate_record(ops))


def operate_ordered(key: Any, ops: Any, meta: Any = None, policy: Optional[dict] = None) -> Plan:
    """Plan of ``operate_ordered``: results as ``BinTuple`` in operation order."""
    return _operate(key, pack_ops(ops), meta, policy, _operate_ordered(ops), "operate_ordered")


def _one_op(key: Any, op: int, bin_name: Any, value: Any, meta: Any, policy: Optional[dict],
            name: str) -> Plan:
    check_bin_name(bin_name)
    check_value(value)
    return _operate(key, packb([[op, bin_name, value]]), meta, policy, _no_result, name)


def append(key: Any, bin: Any, val: Any, meta: Any = None, policy: Optional[dict] = None) -> Plan:
    """Plan of ``append``."""
    return _one_op(key, C.OPERATOR_APPEND, bin, val, meta, policy, "append")


def prepend(key: Any, bin: Any, val: Any, meta: Any = None, policy: Optional[dict] = None) -> Plan:
    """Plan of ``prepend``."""
    return _one_op(key, C.OPERATOR_PREPEND, bin, val, meta, policy, "prepend")


def increment(key: Any, bin: Any, offset: Any, meta: Any = None, policy: Optional[dict] = None) -> Plan:
    """Plan of ``increment``."""
    if isinstance(offset, bool) or not isinstance(offset, (int, float)):
        raise TypeError(f"offset must be an int or float, got {type(offset).__name__}")
    return _one_op(key, C.OPERATOR_INCR, bin, offset, meta, policy, "increment")


def udf_call(module: Any, function: Any, args: Any = None) -> bytes:
    """Checks and packs a UDF call as the ABI takes it: ``[module, function, args]``.

    Raises:
        TypeError: a module or function that is not a str, or args that are not a list.
        ValueError: an empty module or function name.
    """
    for what, name in (("module", module), ("function", function)):
        if not isinstance(name, str):
            raise TypeError(f"{what} must be a str, got {type(name).__name__}")
        if not name:
            raise ValueError(f"{what} must not be empty")
    if args is None:
        args = []
    elif not isinstance(args, (list, tuple)):
        raise TypeError(f"args must be a list, got {type(args).__name__}")
    check_value(list(args))
    return packb([module, function, list(args)])


def _udf_result(parts: tuple, reply: Any) -> Any:
    return reply[3].get("SUCCESS")


def apply(key: Any, module: Any, function: Any, args: Any = None, policy: Optional[dict] = None) -> Plan:
    """Plan of ``apply``: the UDF's return value."""
    key_args, parts = _keyed(key)
    call = udf_call(module, function, args)
    call_args = (*key_args, call, len(call), *policy_args(_policy.write_policy(None, policy)))
    return Plan(lib.aero_client_apply, lib.aero_client_apply_async, True, call_args, parts, _udf_result, name="apply")


def remove_bin(key: Any, bin_names: Any, meta: Any = None, policy: Optional[dict] = None) -> Plan:
    """Plan of ``remove_bin``: the bins are written as ``None``."""
    if not isinstance(bin_names, (list, tuple)):
        raise TypeError(f"bin_names must be a list of str, got {type(bin_names).__name__}")
    return put(key, {name: None for name in bin_names}, meta, policy, "remove_bin")


# -- Batches -----------------------------------------------------------------

_BATCH_READ = b"\x00"
_BATCH_WRITE = b"\x01"
_BATCH_OPERATE = b"\x02"
_BATCH_DELETE = b"\x03"
_BATCH_UDF = b"\x04"
_NIL = b"\xc0"


def _array_header(n: int) -> bytes:
    if n < 16:
        return bytes((0x90 | n,))
    if n <= 0xFFFF:
        return b"\xdc" + n.to_bytes(2, "big")
    return b"\xdd" + n.to_bytes(4, "big")


def _check_keys(keys: Any) -> None:
    if not isinstance(keys, (list, tuple)):
        raise TypeError(f"keys must be a list of key tuples, got {type(keys).__name__}")


def _batch_plan(rows: list[bytes], parts: list, policy: Optional[bytes], finish: Callable[[Any, Any], Any],
                op: str) -> Plan:
    packed = _array_header(len(rows)) + b"".join(rows)
    args = (packed, len(packed), *_policy_args(policy, op))
    return Plan(lib.aero_client_batch, lib.aero_client_batch_async, True, args, parts, finish, None, unpack_rows, op)


# A record a filter expression rejected is left out as a missing one is (aerospike-py gives it
# result 27 and no record).
_FOUND_OR_MISSING = (0, C.AEROSPIKE_ERR_RECORD_NOT_FOUND, C.AEROSPIKE_ERR_FILTERED_OUT)


def _batch_read_dict(parts: list, reply: Any) -> LazyBatchRecords:
    # Only rows that were found, keyed by user key (equal user keys collapse, as in aerospike-py).
    # A dict cannot tell "missing" from "failed", so a row that failed (a node that timed out
    # or broke its connection, say) fails the call rather than vanish from the result.
    failed = [row for row in reply if row[0] not in _FOUND_OR_MISSING]
    if failed:
        code = failed[0][0]
        raise make_error(code, f"batch_read: {len(failed)} of {len(reply)} records could not be read "
                               f"(first failure: code {code})")
    started = _metrics.stage_started()
    result = LazyBatchRecords(reply, parts)
    _metrics.stage_done("to_dict", "batch_read", started)
    return result


def _batch_rows(parts: list, reply: Any, fold: Optional[Callable[[Any], dict]] = None) -> BatchWriteResult:
    """The batch result of rows that write or operate: ``fold`` turns a row's bins into a dict
    (operate rows answer ``[name, value]`` pairs), or they are one already. A failed UDF row
    keeps its ``FAILURE`` bin, as in aerospike-py."""
    out = []
    for (code, generation, ttl, bins, in_doubt, digest), (namespace, set_name, user_key, _) in zip(reply, parts):
        key = _new(AerospikeKey, (namespace, set_name, user_key, digest))
        if code == 0 or bins:
            meta = _new(RecordMetadata, (generation, ttl))
            record = _new(Record, (key, meta, bins if fold is None else fold(bins or [])))
        else:
            record = None
        out.append(_new(BatchRecord, (key, code, record, in_doubt)))
    return BatchWriteResult(out)


def _batch_records(parts: list, reply: Any) -> BatchWriteResult:
    return _batch_rows(parts, reply)


def _batch_write_records(parts: list, reply: Any) -> BatchWriteResult:
    """batch_write's rows, then libaero's retry report (policy ``report_retries``)."""
    rows = _batch_rows(parts, reply[:-1]).batch_records
    return BatchWriteResult(rows, BatchRetryInfo(*reply[-1]))


def _batch_operate_records(ops: list) -> Callable[[list, Any], BatchWriteResult]:
    """Batch operate rows answer as operate does: [name, value] pairs folded by bins_dict."""
    return lambda parts, reply: _batch_rows(parts, reply, lambda pairs: bins_dict(pairs, ops))


def _empty_batch(parts: list, reply: Any) -> Any:
    return reply


def batch_read(keys: Any, bins: Any = None, policy: Optional[dict] = None, _dtype: Any = None) -> Plan:
    """Plan of ``batch_read``: ``{user_key: bins}`` for the records found.

    ``bins=None`` reads every bin, ``bins=[]`` only tells which records exist.
    """
    started = _metrics.stage_started()
    _check_keys(keys)
    rows, parts = pack_key_rows(keys, _BATCH_READ + (_NIL if bins is None else pack_bin_names(bins)))
    _metrics.stage_done("key_parse", "batch_read", started)
    if _dtype is None:
        return _batch_plan(rows, parts, _policy.batch_policy(policy), _batch_read_dict, "batch_read")
    # libaero decodes each record straight into the arrays' memory; the plan's arguments keep
    # the arrays alive until the (possibly async) call completes.
    target = BatchTargetArrays(_dtype, len(parts))
    packed = _array_header(len(rows)) + b"".join(rows)
    args = (packed, len(packed), target.layout, len(target.layout), ffi.from_buffer("uint8_t[]", target.rows),
            ffi.from_buffer("uint8_t[]", target.meta), ffi.from_buffer("int32_t[]", target.codes), len(parts),
            *_policy_args(_policy.batch_policy(policy), "batch_read"))
    return Plan(lib.aero_client_batch_into, lib.aero_client_batch_into_async, True, args, parts,
                lambda key_parts, reply: target.result(key_parts), name="batch_read")


def batch_write_numpy(data: Any, namespace: str, set_name: str, _dtype: Any, key_field: str = "_key",
                      policy: Optional[dict] = None, retry: int = 0) -> Plan:
    """Plan of ``batch_write_numpy``: one record per row of a structured array (see
    ``numpy_batch.records_from_array``)."""
    from .numpy_batch import records_from_array

    return batch_write(records_from_array(data, namespace, set_name, _dtype, key_field), policy, retry,
                       "batch_write_numpy")


def batch_write(records: Any, policy: Optional[dict] = None, retry: int = 0, _op: str = "batch_write") -> Plan:
    """Plan of ``batch_write``: each record is ``(key, bins)`` or ``(key, bins, meta)``."""
    # aerospike-py's classes and messages for malformed records; a fourth element, which
    # aerospike-py ignores, is refused.
    if not isinstance(records, (list, tuple)):
        raise TypeError(f"'{type(records).__name__}' object is not an instance of 'list'")
    rows, parts = [], []
    for item in records:
        if not isinstance(item, tuple):
            raise TypeError("Each record must be a tuple of (key, bins)")
        if len(item) < 2:
            raise ValueError("Each record tuple must have at least 2 elements: (key, bins)")
        if len(item) > 3:
            raise ValueError("Each record tuple must have at most 3 elements: (key, bins, meta)")
        if not isinstance(item[1], dict):
            raise TypeError("bins element must be a dict")
        if len(item) == 3 and item[2] is not None and not isinstance(item[2], dict):
            raise TypeError("meta element must be a dict")
        key_bytes, key_parts = pack_key(item[0])
        bins_bytes = pack_bins(item[1])
        meta = _policy.row_meta(item[2]) if len(item) == 3 else None
        rows.append(_row(key_bytes, _BATCH_WRITE, bins_bytes, meta))
        parts.append(key_parts)
    return _batch_plan(rows, parts, _with_retry(_policy.batch_policy(policy), retry), _batch_write_records, _op)


def _with_retry(packed: Optional[bytes], retry: Any) -> bytes:
    """Adds aerospike-py's ``retry`` (row retries of transient failures) and the request for
    libaero's retry report to a packed policy."""
    if isinstance(retry, bool) or not isinstance(retry, int):
        raise TypeError(f"retry must be an int, got {type(retry).__name__}")
    if retry < 0:
        raise ValueError(f"retry must be >= 0, got {retry}")
    if packed is None and retry == 0:
        return _REPORT_RETRIES
    policy = msgpack.unpackb(packed) if packed else {}
    policy["report_retries"] = True
    if retry:
        policy["row_retries"] = retry
    return msgpack.packb(policy)


_REPORT_RETRIES = msgpack.packb({"report_retries": True})


def batch_operate(keys: Any, ops: Any, policy: Optional[dict] = None) -> Plan:
    """Plan of ``batch_operate``: the same operations on every key."""
    _check_keys(keys)
    rows, parts = pack_key_rows(keys, _BATCH_OPERATE + pack_ops(ops))
    return _batch_plan(rows, parts, _policy.batch_policy(policy), _batch_operate_records(ops), "batch_operate")


def batch_remove(keys: Any, policy: Optional[dict] = None) -> Plan:
    """Plan of ``batch_remove``: each item is a key or ``(key, meta)``."""
    _check_keys(keys)
    rows, parts = [], []
    for item in keys:
        item, meta = _key_and_meta(item)
        key_bytes, key_parts = pack_key(item)
        rows.append(_row(key_bytes, _BATCH_DELETE, _NIL, None if meta is None else _policy.row_meta(meta)))
        parts.append(key_parts)
    return _batch_plan(rows, parts, _policy.batch_policy(policy), _batch_records, "batch_remove")


def _key_and_meta(item: Any) -> tuple[Any, Any]:
    """A batch item's key and meta: ``(key, meta)`` pairs carry one, bare keys none."""
    if isinstance(item, tuple) and len(item) == 2 and isinstance(item[0], tuple):
        return item
    return item, None


def _row(key_bytes: bytes, kind: bytes, arg: bytes, meta: Optional[bytes]) -> bytes:
    """One batch row, ``[key, kind, arg]`` or ``[key, kind, arg, meta]``."""
    if meta is None:
        return b"\x93" + key_bytes + kind + arg
    return b"\x94" + key_bytes + kind + arg + meta


_UDF_META_CALL = ("module", "function", "args")


def batch_apply(keys: Any, module: Any, function: Any, args: Any = None, policy: Optional[dict] = None) -> Plan:
    """Plan of ``batch_apply``: each item is a key or ``(key, BatchUDFMeta)``, whose meta may
    name another module, function or args and override ``ttl``, ``key``, ``commit_level`` and
    ``durable_delete`` for that record."""
    _check_keys(keys)
    default_call = udf_call(module, function, args)
    rows, parts = [], []
    for item in keys:
        item, meta = _key_and_meta(item)
        if meta is not None and not isinstance(meta, dict):
            raise TypeError(f"batch_apply meta must be a dict, got {type(meta).__name__}")
        key_bytes, key_parts = pack_key(item)
        call = default_call
        if meta is not None and any(name in meta for name in _UDF_META_CALL):
            call = udf_call(meta.get("module", module), meta.get("function", function), meta.get("args", args))
        row_meta = None if meta is None else _policy.row_meta({k: v for k, v in meta.items() if k not in _UDF_META_CALL})
        rows.append(_row(key_bytes, _BATCH_UDF, call, row_meta))
        parts.append(key_parts)
    return _batch_plan(rows, parts, _policy.batch_policy(policy), _batch_records, "batch_apply")
