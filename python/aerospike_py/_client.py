"""The synchronous client: aerospike-py's ``Client`` over libaero.

Each command validates its arguments in Python first (so bad arguments raise ``TypeError`` or
``ValueError`` whether or not the client is connected, as in aerospike-py), packs the key, the
bins and the policy with one ``msgpack.packb`` each, makes one libaero call (cffi releases the
GIL for it, so threads run in parallel), and decodes the result with one ``msgpack.unpackb``.
Each thread reuses its own error object and result buffer.

Lifetime: ``close()`` closes the native client (stops its tend thread and its sockets) but keeps
the handle, so commands racing on other threads fail cleanly with ``ClientError`` instead of
touching freed memory; the handle is destroyed when the last reference to it goes (``ffi.gc``).
``connect()`` after ``close()`` makes a new native client.
"""

import logging
import sys
import threading
import weakref
from typing import Any, Literal, Optional, Sequence, Union

from . import _commands, _log, _policy, _query, _tracing
from ._admin import AdminMethods
from ._index import IndexMethods
from ._introspection import IntrospectionMethods
from ._udf import UdfMethods
from ._commands import key_digest, plan_labels, policy_args, unpack
from ._config import config_items
from ._ffi import check, error_from, ffi, lib, thread_result, thread_state
from ._values import check_no_nul
from .exception import make_error
from .types import (BatchDeleteMeta, BatchWriteResult, Bins, ExistsResult, InfoNodeResult, Key, OperateOrderedResult, Record,
                    WriteMeta)

logger = logging.getLogger("aerospike_py")

_NULL = ffi.NULL
# Threads take turns under the GIL, which libaero is told ("host_lock"); a free-threaded
# build without one runs them side by side.
_GIL_ENABLED = getattr(sys, "_is_gil_enabled", lambda: True)()
_ERR_CLIENT = -1
_ERR_RECORD_NOT_FOUND = 2
_ERR_NOT_CONNECTED = -31
_U64_MAX = (1 << 64) - 1


def _check_str(name: str, value: Any) -> None:
    if not isinstance(value, str):
        raise TypeError(f"{name} must be a str, got {type(value).__name__}")
    # The text crosses as a C string, which a NUL would cut short.
    check_no_nul(name, value)


def _new_native_client(items: list[tuple[str, str]]) -> Any:
    """Makes a native client from config settings (not connected yet)."""
    err, _ = thread_state()
    config_out = ffi.new("aero_config **")
    check(lib.aero_config_new(config_out, err), err)
    config = ffi.gc(config_out[0], lib.aero_config_destroy)
    for key, value in items:
        check(lib.aero_config_set(config, key.encode(), value.encode(), err), err)
    if _GIL_ENABLED:
        check(lib.aero_config_set(config, b"host_lock", b"true", err), err)
    client_out = ffi.new("aero_client **")
    check(lib.aero_client_new(client_out, config, err), err)
    return ffi.gc(client_out[0], lib.aero_client_destroy)


class Client(IndexMethods, UdfMethods, AdminMethods, IntrospectionMethods):
    """Aerospike client for synchronous operations, compatible with aerospike-py.

    Making a client does not connect; call :meth:`connect` (it returns the client, so
    ``aerospike_py.client(config).connect()`` works). One client may be used from any number of
    threads.

    Args:
        config: the client configuration; see ``ClientConfig`` and ``aerospike_py._config``
            for the keys used. It is read at :meth:`connect`.

    Example:
        ```python
        import aerospike_py

        with aerospike_py.client({"hosts": [("127.0.0.1", 3000)]}).connect() as client:
            client.put(("test", "demo", "user1"), {"name": "Alice"})
            print(client.get(("test", "demo", "user1")).bins)
        ```
    """

    def __init__(self, config: dict[str, Any]) -> None:
        self._config = config
        self._handle: Any = None
        self._lifecycle = threading.Lock()
        self._connecting = False  # set while connect() holds _lifecycle
        self._queries: "weakref.WeakSet[_query._Run]" = weakref.WeakSet()  # running queries

    def __enter__(self) -> "Client":
        """Returns the client itself (it does not connect).

        Returns:
            ``self``.
        """
        return self

    def __exit__(self, exc_type: Any, exc_val: Any, exc_tb: Any) -> Literal[False]:
        """Closes the client; exceptions propagate.

        Returns:
            ``False``.
        """
        self.close()
        return False

    # -- Lifecycle -------------------------------------------------------

    def connect(self, username: Optional[str] = None, password: Optional[str] = None) -> "Client":
        """Connects to the cluster: finds the nodes from the seed hosts and starts tending.

        Args:
            username: user name for a security-enabled cluster (overrides ``config["user"]``).
            password: the user's password; required when ``username`` is given.

        Returns:
            ``self``, for chaining.

        Raises:
            ClientError: already connected, or ``username`` without ``password``.
            ValueError: no or empty ``hosts``, or a bad port.
            TypeError: a config value of the wrong type.
            InvalidArgError: a config value libaero rejects (out of range, such as
                ``max_conns_per_node`` = 0), or settings that contradict each other
                (``min_conns_per_node`` above ``max_conns_per_node``).
            ClusterError: no seed host gives a usable node.
            AerospikeTimeoutError: the seeds did not answer in time.
        """
        if username is not None and password is None:
            raise make_error(_ERR_CLIENT, "password is required when username is given")
        with self._lifecycle:
            if self.is_connected():
                raise make_error(_ERR_CLIENT, "Cannot connect: client is already connected. Call close() first.")
            self._connecting = True
            try:
                _log.start_draining()
                handle = _new_native_client(config_items(self._config, username, password))
                err, _ = thread_state()
                check(lib.aero_client_connect(handle, err), err)
                self._handle = handle
            finally:
                self._connecting = False
        logger.info("connected to %s", self._config.get("hosts"))
        return self

    def is_connected(self) -> bool:
        """Tells whether the client is connected (and not closed).

        Returns:
            ``True`` when connected.
        """
        handle = self._handle
        return handle is not None and bool(lib.aero_client_is_connected(handle))

    def close(self) -> None:
        """Closes the client: stops tending and closes every connection. Idempotent.

        Commands running on other threads finish or fail with ``ClientError``; later commands
        raise ``ClientError``. :meth:`connect` may be called again.

        Raises:
            ClientError: a :meth:`connect` is in flight on another thread (as in
                aerospike-py; the client is left as that connect leaves it), or the native
                close failed.
        """
        if not self._lifecycle.acquire(blocking=False):
            if self._connecting:
                raise make_error(_ERR_CLIENT, "Cannot close: client is currently connecting.")
            self._lifecycle.acquire()
        try:
            handle = self._handle
            if handle is None:
                return
            watcher = getattr(self, "_watcher", None)
            if watcher is not None:
                watcher.stop()
                self._watcher = None
            _query.cancel_all(self._queries)
            err, _ = thread_state()
            check(lib.aero_client_close(handle, err), err)
        finally:
            self._lifecycle.release()
        logger.debug("client closed")

    def _native(self) -> Any:
        """The native handle; raises ClientError before the first connect."""
        handle = self._handle
        if handle is None:
            raise make_error(_ERR_NOT_CONNECTED, "Client is not connected. Call connect() first.")
        return handle

    def ping(self) -> bool:
        """Checks that a node answers: sends info ``"build"`` to a random node. Never raises.

        Returns:
            ``True`` when a node answered; ``False`` when not connected, closed or failing.
        """
        if not self.is_connected():
            return False
        try:
            self.info_random_node("build")
        except Exception:  # a health check reports, it does not raise
            return False
        return True

    # -- Cluster and info --------------------------------------------------

    def get_node_names(self) -> list[str]:
        """Returns the names of the live nodes.

        Returns:
            The node names.

        Raises:
            ClientError: not connected or closed.
        """
        handle = self._native()
        err, buf = thread_state()
        check(lib.aero_client_node_names(buf, handle, err), err)
        return unpack(thread_result())

    def info_all(self, command: str, policy: Optional[dict[str, Any]] = None) -> list[InfoNodeResult]:
        """Sends an info command to every node.

        Args:
            command: the info command (for example ``"namespaces"``).
            policy: an ``AdminPolicy`` dict (``timeout`` in ms).

        Returns:
            One ``InfoNodeResult(node_name, error_code, response)`` per node; a node that could
            not be asked is reported in its entry, and one that answered ``ERROR:...`` gives
            that text with ``error_code`` 0, as in aerospike-py.

        Raises:
            TypeError: ``command`` is not a ``str``, or a bad policy value type.
            ValueError: ``command`` contains a NUL character.
            ClientError: not connected or closed.
            AerospikeError: the command could not be sent at all.
        """
        _check_str("command", command)
        packed = _policy.info_policy(policy)
        handle = self._native()
        err, buf = thread_state()
        check(lib.aero_client_info_all(buf, handle, command.encode(), *policy_args(packed), err), err)
        return [InfoNodeResult(name, code, value) for name, code, value in unpack(thread_result())]

    def info_random_node(self, command: str, policy: Optional[dict[str, Any]] = None) -> str:
        """Sends an info command to a random node.

        Args:
            command: the info command (for example ``"build"``).
            policy: an ``AdminPolicy`` dict (``timeout`` in ms).

        Returns:
            The node's answer, without the echoed command; an ``ERROR:...`` answer is
            returned as that text, as in aerospike-py.

        Raises:
            TypeError: ``command`` is not a ``str``, or a bad policy value type.
            ValueError: ``command`` contains a NUL character.
            ClientError: not connected or closed.
            AerospikeError: the command could not be sent or answered.
        """
        _check_str("command", command)
        packed = _policy.info_policy(policy)
        handle = self._native()
        err, buf = thread_state()
        check(lib.aero_client_info(buf, handle, _NULL, command.encode(), *policy_args(packed), err), err)
        return bytes(thread_result()).decode("utf-8", "replace")

    def truncate(self, namespace: str, set_name: Optional[str], nanos: int = 0,
                 policy: Optional[dict[str, Any]] = None) -> None:
        """Removes the records of a namespace or set last updated before a time.

        Args:
            namespace: the namespace.
            set_name: the set, or ``None``/``""`` for the whole namespace.
            nanos: nanoseconds since the Unix epoch; 0 means now.
            policy: an ``AdminPolicy`` dict (``timeout`` in ms).

        Raises:
            TypeError: a bad argument type.
            ValueError: ``nanos`` negative or beyond 64 bits, or a NUL character in
                ``namespace`` or ``set_name``.
            ClientError: not connected or closed.
            AerospikeError: the server refused (for example an unknown namespace).
        """
        _check_str("namespace", namespace)
        if set_name is not None:
            _check_str("set_name", set_name)
        if isinstance(nanos, bool) or not isinstance(nanos, int):
            raise TypeError(f"nanos must be an int, got {type(nanos).__name__}")
        if not 0 <= nanos <= _U64_MAX:
            raise ValueError(f"nanos must be between 0 and {_U64_MAX}, got {nanos}")
        packed = _policy.admin_policy(policy)
        handle = self._native()
        err, _ = thread_state()
        set_arg = set_name.encode() if set_name else _NULL
        check(lib.aero_client_truncate(handle, namespace.encode(), set_arg, nanos, *policy_args(packed), err), err)

    # -- Scans and queries -------------------------------------------------

    def query(self, namespace: str, set_name: Optional[str]) -> "_query.Query":
        """Makes a query (or, without a predicate, a scan) of a set or namespace.

        Args:
            namespace: the namespace.
            set_name: the set, or ``None`` for the whole namespace.

        Returns:
            A :class:`Query`; nothing is sent until it runs.
        """
        return _query.Query(self, namespace, set_name)

    def job_info(self, job_id: int, module: str, policy: Optional[dict[str, Any]] = None) -> dict:
        """The progress of a background job (``Query.execute_background``) over every node, as
        the official client reports it.

        Args:
            job_id: the id ``execute_background`` returned.
            module: ``JOB_QUERY`` or ``JOB_SCAN``.
            policy: an ``AdminPolicy`` dict.

        Returns:
            ``{"status": JOB_STATUS_INPROGRESS | JOB_STATUS_COMPLETED, "progress_pct": int,
            "records_read": int}`` (records the job has written so far).
        """
        return _query.job_info(self, job_id, module, policy)

    def scan(self, namespace: str, set_name: Optional[str]) -> "_query.Scan":
        """Makes a scan of a set or namespace (a query without a predicate).

        Returns:
            A :class:`Scan`.
        """
        return _query.Scan(self, namespace, set_name)

    # -- Single-record commands ------------------------------------------

    def _run(self, plan: _commands.Plan) -> Any:
        """Runs a command plan on this thread (cffi releases the GIL during the call), in a
        span of its own while tracing is on."""
        if _tracing._active:
            span = _tracing.start(plan.name, *plan_labels(plan), self._span_target())
            try:
                result = self._call(plan)
            except BaseException as e:
                _tracing.end(span, e)
                raise
            _tracing.end(span)
            return result
        return self._call(plan)

    def _span_target(self) -> tuple[str, int, str]:
        """The server attributes of this client's spans, read off its config once."""
        target = getattr(self, "_target", None)
        if target is None:
            target = self._target = _tracing.connection_info(self._config)
        return target

    def _call(self, plan: _commands.Plan) -> Any:
        handle = self._native()
        err, buf = thread_state()
        sync_fn, _, has_out, args, parts, finish, missing, decode, _ = plan
        if has_out:
            rc = sync_fn(buf, handle, *args, err)
        else:
            rc = sync_fn(handle, *args, err)
        if rc:
            if rc == _ERR_RECORD_NOT_FOUND and missing is not None:
                return missing(parts, key_digest(args[0]))
            raise error_from(err)
        return finish(parts, decode(thread_result()) if has_out else None)

    def put(self, key: tuple, bins: Bins, meta: Optional[WriteMeta] = None,
            policy: Optional[dict[str, Any]] = None) -> None:
        """Writes bins to a record (a ``None`` value deletes the bin).

        Args:
            key: ``(namespace, set, user_key)`` (a 20-byte digest may follow).
            bins: ``{name: value}``.
            meta: a ``WriteMeta`` dict: ``gen`` (expected generation), ``ttl`` (seconds).
            policy: a ``WritePolicy`` dict.

        Raises:
            TypeError: ``bins`` not a dict, or a key, value or policy of the wrong type.
            ValueError: a bad key, bin name (empty, over 15 bytes, with a NUL) or value.
            InvalidArgError: a policy value out of range (for example ``ttl``).
            ClientError: not connected or closed.
            RecordExistsError: the record exists and ``exists`` is ``POLICY_EXISTS_CREATE_ONLY``.
            RecordNotFound: the record is missing and ``exists`` requires it.
            RecordGenerationError: the generation check failed.
            RecordTooBig: the record exceeds the namespace's limit.
            AerospikeTimeoutError: the command timed out.
        """
        if meta is None and policy is None and not _tracing._active:
            return _commands.put_now(self, key, bins)
        return self._run(_commands.put(key, bins, meta, policy))

    def get(self, key: tuple, policy: Optional[dict[str, Any]] = None) -> Record:
        """Reads a whole record.

        Args:
            key: ``(namespace, set, user_key)`` (a 20-byte digest may follow).
            policy: a ``ReadPolicy`` dict.

        Returns:
            ``Record(key, meta, bins)``.

        Raises:
            TypeError, ValueError: a bad key or policy.
            ClientError: not connected or closed.
            RecordNotFound: no such record.
            AerospikeTimeoutError: the command timed out.
        """
        if policy is None and not _tracing._active:
            return _commands.get_now(self, key)
        return self._run(_commands.get(key, policy))

    def select(self, key: tuple, bins: list[str], policy: Optional[dict[str, Any]] = None) -> Record:
        """Reads some bins of a record.

        Args:
            key: ``(namespace, set, user_key)`` (a 20-byte digest may follow).
            bins: the bin names to read.
            policy: a ``ReadPolicy`` dict.

        Returns:
            ``Record(key, meta, bins)`` with the selected bins that exist.

        Raises:
            TypeError, ValueError: a bad key, bin name list or policy.
            ClientError: not connected or closed.
            RecordNotFound: no such record.
        """
        return self._run(_commands.select(key, bins, policy))

    def exists(self, key: tuple, policy: Optional[dict[str, Any]] = None) -> ExistsResult:
        """Reads a record's metadata.

        Args:
            key: ``(namespace, set, user_key)`` (a 20-byte digest may follow).
            policy: a ``ReadPolicy`` dict.

        Returns:
            ``ExistsResult(key, meta)``; ``meta`` is ``None`` when the record does not exist
            (no exception).

        Raises:
            TypeError, ValueError: a bad key or policy.
            ClientError: not connected or closed.
            AerospikeTimeoutError: the command timed out.
        """
        return self._run(_commands.exists(key, policy))

    def remove(self, key: tuple, meta: Optional[WriteMeta] = None,
               policy: Optional[dict[str, Any]] = None) -> None:
        """Deletes a record.

        Args:
            key: ``(namespace, set, user_key)`` (a 20-byte digest may follow).
            meta: a ``WriteMeta`` dict (``gen`` for a generation check).
            policy: a ``WritePolicy`` dict.

        Raises:
            TypeError, ValueError: a bad key, meta or policy.
            ClientError: not connected or closed.
            RecordNotFound: no such record.
            RecordGenerationError: the generation check failed.
        """
        return self._run(_commands.remove(key, meta, policy))

    def touch(self, key: tuple, val: int = 0, meta: Optional[WriteMeta] = None,
              policy: Optional[dict[str, Any]] = None) -> None:
        """Resets a record's TTL and bumps its generation.

        Args:
            key: ``(namespace, set, user_key)`` (a 20-byte digest may follow).
            val: the new TTL in seconds when greater than 0 (overrides ``meta`` and ``policy``).
            meta: a ``WriteMeta`` dict.
            policy: a ``WritePolicy`` dict.

        Raises:
            TypeError, ValueError: a bad key, ``val``, meta or policy.
            InvalidArgError: a TTL out of range.
            ClientError: not connected or closed.
            RecordNotFound: no such record.
        """
        return self._run(_commands.touch(key, val, meta, policy))

    def append(self, key: tuple, bin: str, val: Any, meta: Optional[WriteMeta] = None,
               policy: Optional[dict[str, Any]] = None) -> None:
        """Appends to a string (or bytes) bin.

        Args:
            key: ``(namespace, set, user_key)`` (a 20-byte digest may follow).
            bin: the bin name.
            val: the string to append.
            meta: a ``WriteMeta`` dict.
            policy: a ``WritePolicy`` dict.

        Raises:
            TypeError, ValueError: a bad key, bin name, value, meta or policy.
            ClientError: not connected or closed.
            BinTypeError: the bin holds another type.
        """
        return self._run(_commands.append(key, bin, val, meta, policy))

    def prepend(self, key: tuple, bin: str, val: Any, meta: Optional[WriteMeta] = None,
                policy: Optional[dict[str, Any]] = None) -> None:
        """Prepends to a string (or bytes) bin.

        Args:
            key: ``(namespace, set, user_key)`` (a 20-byte digest may follow).
            bin: the bin name.
            val: the string to prepend.
            meta: a ``WriteMeta`` dict.
            policy: a ``WritePolicy`` dict.

        Raises:
            TypeError, ValueError: a bad key, bin name, value, meta or policy.
            ClientError: not connected or closed.
            BinTypeError: the bin holds another type.
        """
        return self._run(_commands.prepend(key, bin, val, meta, policy))

    def increment(self, key: tuple, bin: str, offset: Union[int, float], meta: Optional[WriteMeta] = None,
                  policy: Optional[dict[str, Any]] = None) -> None:
        """Adds to a numeric bin (creating the record and bin when missing).

        Args:
            key: ``(namespace, set, user_key)`` (a 20-byte digest may follow).
            bin: the bin name.
            offset: the amount (negative to decrement); ``int`` or ``float``.
            meta: a ``WriteMeta`` dict.
            policy: a ``WritePolicy`` dict.

        Raises:
            TypeError: ``offset`` is not a number, or a bad key, meta or policy.
            ValueError: a bad key or bin name.
            ClientError: not connected or closed.
            BinTypeError: the bin holds a non-numeric value.
        """
        return self._run(_commands.increment(key, bin, offset, meta, policy))

    def remove_bin(self, key: tuple, bin_names: list[str], meta: Optional[WriteMeta] = None,
                   policy: Optional[dict[str, Any]] = None) -> None:
        """Removes bins from a record (writes them as ``None``).

        Args:
            key: ``(namespace, set, user_key)`` (a 20-byte digest may follow).
            bin_names: the bins to remove.
            meta: a ``WriteMeta`` dict.
            policy: a ``WritePolicy`` dict.

        Raises:
            TypeError, ValueError: a bad key, bin name list, meta or policy.
            ClientError: not connected or closed.
            RecordNotFound: the record is missing and the policy requires it.
        """
        return self._run(_commands.remove_bin(key, bin_names, meta, policy))

    def operate(self, key: tuple, ops: list[dict[str, Any]], meta: Optional[WriteMeta] = None,
                policy: Optional[dict[str, Any]] = None) -> Record:
        """Runs several operations on one record atomically.

        Args:
            key: ``(namespace, set, user_key)`` (a 20-byte digest may follow).
            ops: operation dicts ``{"op": OPERATOR_*, "bin": name, "val": value}``.
            meta: a ``WriteMeta`` dict.
            policy: a ``WritePolicy`` dict.

        Returns:
            ``Record(key, meta, bins)``; a bin read several times maps to the list of its
            values in operation order.

        Raises:
            TypeError, ValueError: a bad key, operation, meta or policy.
            ClientError: not connected or closed.
            RecordError: a record-level failure (for example ``BinTypeError``).
        """
        return self._run(_commands.operate(key, ops, meta, policy))

    def operate_ordered(self, key: tuple, ops: list[dict[str, Any]], meta: Optional[WriteMeta] = None,
                        policy: Optional[dict[str, Any]] = None) -> OperateOrderedResult:
        """Runs several operations on one record atomically; results keep operation order.

        Args:
            key: ``(namespace, set, user_key)`` (a 20-byte digest may follow).
            ops: operation dicts ``{"op": OPERATOR_*, "bin": name, "val": value}``.
            meta: a ``WriteMeta`` dict.
            policy: a ``WritePolicy`` dict.

        Returns:
            ``OperateOrderedResult(key, meta, ordered_bins)`` with one ``BinTuple`` per result.

        Raises:
            TypeError, ValueError: a bad key, operation, meta or policy.
            ClientError: not connected or closed.
            RecordError: a record-level failure.
        """
        return self._run(_commands.operate_ordered(key, ops, meta, policy))


    # -- Batches ---------------------------------------------------------

    def batch_read(self, keys: list, bins: Optional[list[str]] = None, policy: Optional[dict[str, Any]] = None,
                   _dtype: Any = None) -> Any:
        """Reads many records in one call: one request per node, in parallel.

        Args:
            keys: key tuples (they may span namespaces and sets).
            bins: bin names to read; ``None`` reads every bin, ``[]`` only tells which
                records exist.
            policy: a ``BatchPolicy`` dict.
            _dtype: a NumPy structured dtype; when given, the result is a
                ``NumpyBatchRecords`` with one row per key.

        Returns:
            ``{user_key: bins}`` for the records found (missing keys are absent; equal user
            keys in different sets collapse into one entry): a ``LazyBatchRecords``, which is
            that dict and has aerospike-py's ``to_list``, ``to_numpy``, ``batch_records``,
            ``iter_records``, ``all_user_keys``, ``found_count`` ...; or, with ``_dtype``,
            ``NumpyBatchRecords``.

        Raises:
            TypeError, ValueError: a bad key, bin name list, policy or dtype.
            ClientError: not connected or closed.
            AerospikeError: the batch itself could not run (per-key failures are not raised).
        """
        return self._run(_commands.batch_read(keys, bins, policy, _dtype))

    def batch_write(self, records: list, policy: Optional[dict[str, Any]] = None, retry: int = 0) -> BatchWriteResult:
        """Writes many records in one call.

        Args:
            records: ``(key, bins)`` or ``(key, bins, meta)`` tuples; a record's meta
                (``ttl``, ``gen``, ``key``, ``exists``, ``commit_level``, ``durable_delete``)
                overrides ``policy`` for that record.
            policy: a ``BatchPolicy`` dict.
            retry: how many times records that failed with a transient code (timeout, device
                overload, key busy, server memory, partition unavailable) are sent again;
                records whose write may already have been applied (``in_doubt``) never are.

        Returns:
            ``BatchWriteResult`` with one ``BatchRecord(key, result, record, in_doubt)`` per
            record, in input order; per-record failures are reported there, not raised.

        Raises:
            TypeError, ValueError: a bad record, key, bins, meta or policy.
            ClientError: not connected or closed.
            AerospikeError: the batch itself could not run.
        """
        return self._run(_commands.batch_write(records, policy, retry))

    def batch_write_numpy(self, data: Any, namespace: str, set_name: str, _dtype: Any, key_field: str = "_key",
                          policy: Optional[dict[str, Any]] = None, retry: int = 0) -> BatchWriteResult:
        """Writes one record per row of a NumPy structured array (aerospike-py's call).

        Args:
            data: the structured array.
            namespace: the namespace.
            set_name: the set.
            _dtype: the array's dtype.
            key_field: the field that holds each row's user key (not written as a bin).
            policy: a ``BatchPolicy`` dict.
            retry: row retries of transient failures, as for :meth:`batch_write`.

        Returns:
            ``BatchWriteResult``, one ``BatchRecord`` per row. Fields whose names start with
            ``_`` are not written; ints and floats become numbers, fixed bytes and sub-arrays
            bytes.

        Raises:
            ValueError: no ``key_field`` in the dtype.
            TypeError: a field of a kind other than int, float or fixed bytes.
            ClientError: not connected or closed.
        """
        return self._run(_commands.batch_write_numpy(data, namespace, set_name, _dtype, key_field, policy, retry))

    def batch_operate(self, keys: list, ops: list[dict[str, Any]],
                      policy: Optional[dict[str, Any]] = None) -> BatchWriteResult:
        """Runs the same operations on many records in one call.

        Args:
            keys: key tuples.
            ops: operation dicts, as for :meth:`operate`.
            policy: a ``BatchPolicy`` dict.

        Returns:
            ``BatchWriteResult``; each ``BatchRecord.record`` holds the bins the operations
            read.

        Raises:
            TypeError, ValueError: a bad key, operation or policy.
            ClientError: not connected or closed.
        """
        return self._run(_commands.batch_operate(keys, ops, policy))

    def batch_remove(self, keys: Sequence[Union[Key, tuple[Key, BatchDeleteMeta]]],
                     policy: Optional[dict[str, Any]] = None) -> BatchWriteResult:
        """Deletes many records in one call.

        Args:
            keys: key tuples, or ``(key, meta)`` pairs with a ``BatchDeleteMeta`` dict.
            policy: a ``BatchPolicy`` dict.

        Returns:
            ``BatchWriteResult``; a missing record has result ``AEROSPIKE_ERR_RECORD_NOT_FOUND``.

        Raises:
            TypeError, ValueError: a bad key, meta or policy.
            ClientError: not connected or closed.
        """
        return self._run(_commands.batch_remove(keys, policy))


def client(config: dict[str, Any]) -> Client:
    """Makes a client (not connected yet).

    Args:
        config: the client configuration, for example ``{"hosts": [("127.0.0.1", 3000)]}``.

    Returns:
        A new :class:`Client`; call ``connect()`` on it.
    """
    return Client(config)

