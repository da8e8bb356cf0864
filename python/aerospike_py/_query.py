"""Scans and queries: aerospike-py's ``Query`` and ``AsyncQuery`` over libaero's ``aero_query``.

libaero runs a query on its own threads, one stream per node, and keeps at most
``record_queue_size`` decoded records waiting; Python takes them a page at a time, one call and
one ``msgpack.unpackb`` per page. ``results()`` collects every page; ``foreach()`` and
``async for`` hand records over as they arrive, so memory stays bounded whatever the result
size. The async query watches the query's fd with ``add_reader`` and never blocks the loop.

Beyond aerospike-py: geo predicates, a ``ctx`` on predicates, pagination that resumes
(``paginate()``, ``is_done()``, ``get_partitions_status()``), and partition filters that start
after a digest.
"""

from __future__ import annotations

import asyncio
import weakref
from typing import Any, AsyncGenerator, AsyncIterator, Callable, Generator, Iterator, Optional

import msgpack

from . import _cdt, _commands, _ops, _policy, _tracing
from . import _constants as C
from ._commands import unpack
from ._ffi import WatchedBuffer, error_from, ffi, lib
from ._values import check_bin_name, check_no_nul
from .exception import invalid_argument, make_error
from .types import AerospikeKey, GeoJSON, Record, RecordMetadata

_PARTITIONS = 4096
_ERR_CLIENT_ABORT = -5
_ERR_CLIENT_CLOSED = -30
_EXT_GEOJSON = 2
# How long a blocking wait for a page lasts before Python gets control back: signals
# (Ctrl-C) are handled between waits, so a slow or stalled query stays interruptible.
_WAIT_MS = 200

# What a QueryPolicy holds besides the read settings: the query's own settings, which go into
# the query spec (aero.h "Scans and queries").
_SPEC_FIELDS: dict[str, Callable[[str, Any], Any]] = {
    "max_records": _policy._int,
    "records_per_second": _policy._u32,
    "max_concurrent_nodes": _policy._u32,
    "record_queue_size": _policy._u32,
    "expected_duration": _policy._enum(3, C.QUERY_DURATION_LONG),
}


class PartitionFilter:
    """A range of partitions for a query or scan: pass it as ``policy["partition_filter"]``.

    Make one with :func:`partition_filter_all`, :func:`partition_filter_by_id` or
    :func:`partition_filter_by_range`. As in aerospike-py, a filter is not changed by the
    queries that use it; to continue a query where it stopped, use ``Query.paginate()``.
    """

    __slots__ = ("begin", "count", "digest")

    def __init__(self, begin: int, count: int, digest: Optional[bytes] = None) -> None:
        self.begin = begin
        self.count = count
        self.digest = digest

    def __repr__(self) -> str:
        return f"PartitionFilter(begin={self.begin}, count={self.count})"


def _partition_int(name: str, value: Any) -> int:
    if isinstance(value, bool) or not isinstance(value, int):
        raise TypeError(f"{name} must be an int, got {type(value).__name__}")
    return value


def partition_filter_all() -> PartitionFilter:
    """Every partition (as leaving ``partition_filter`` out).

    Returns:
        A :class:`PartitionFilter` of partitions 0..4095.
    """
    return PartitionFilter(0, _PARTITIONS)


def partition_filter_by_id(partition_id: int) -> PartitionFilter:
    """One partition.

    Args:
        partition_id: 0..4095.

    Returns:
        A :class:`PartitionFilter`.

    Raises:
        ValueError: ``partition_id`` out of range.
    """
    if not 0 <= _partition_int("partition_id", partition_id) < _PARTITIONS:
        raise ValueError(f"partition_id must be in 0..4095, got {partition_id}")
    return PartitionFilter(partition_id, 1)


def partition_filter_by_range(begin: int, count: int) -> PartitionFilter:
    """``count`` partitions from ``begin`` (``count`` 0 is an empty filter).

    Args:
        begin: the first partition, 0..4095.
        count: how many; ``begin + count`` at most 4096.

    Returns:
        A :class:`PartitionFilter`.

    Raises:
        ValueError: the range is not within 0..4096.
    """
    begin = _partition_int("begin", begin)
    count = _partition_int("count", count)
    if not 0 <= begin < _PARTITIONS or count < 0 or begin + count > _PARTITIONS:
        raise ValueError(f"partition range ({begin}, {count}) is not within 0..4096")
    return PartitionFilter(begin, count)


def partition_filter_after(digest: bytes, count: int = 1) -> PartitionFilter:
    """The partitions from the one holding ``digest``, starting just after that record (the
    official client's ``PartitionFilter.after``).

    Args:
        digest: a record's 20-byte digest (``record.key[3]``).
        count: how many partitions, the digest's first.

    Returns:
        A :class:`PartitionFilter`.

    Raises:
        ValueError: not a 20-byte digest, or the range passes partition 4095.
    """
    if not isinstance(digest, (bytes, bytearray)) or len(digest) != 20:
        raise ValueError("digest must be 20 bytes")
    begin = (digest[0] | digest[1] << 8) & (_PARTITIONS - 1)
    partition_filter_by_range(begin, count)
    return PartitionFilter(begin, count, bytes(digest))


def _index_value(what: str, value: Any) -> Any:
    if isinstance(value, bool) or not isinstance(value, (int, str, bytes, bytearray)):
        raise invalid_argument(f"{what}: an index value is an int, a str or bytes, got {type(value).__name__}")
    return bytes(value) if isinstance(value, bytearray) else value


def _geo_text(what: str, value: Any) -> msgpack.ExtType:
    if isinstance(value, GeoJSON):
        value = value.text
    if not isinstance(value, str):
        raise invalid_argument(f"{what}: GeoJSON must be a str, got {type(value).__name__}")
    return msgpack.ExtType(_EXT_GEOJSON, value.encode())


def _number(what: str, value: Any) -> float:
    if isinstance(value, bool) or not isinstance(value, (int, float)):
        raise invalid_argument(f"{what} must be a number, got {type(value).__name__}")
    return float(value)


def _collection(value: Any) -> int:
    if isinstance(value, bool) or value not in (C.INDEX_TYPE_DEFAULT, C.INDEX_TYPE_LIST, C.INDEX_TYPE_MAPKEYS,
                                                C.INDEX_TYPE_MAPVALUES):
        raise invalid_argument(f"contains: index_type must be an INDEX_TYPE_* constant, got {value!r}")
    return value


def _where(predicate: Any) -> dict:
    """The spec's "where" map for a predicate tuple of :mod:`aerospike_py.predicates`."""
    if not isinstance(predicate, tuple) or len(predicate) < 3 or not isinstance(predicate[0], str):
        raise invalid_argument(f"where() takes a predicate from aerospike_py.predicates, got {predicate!r}")
    kind, bin_name, args = predicate[0], predicate[1], list(predicate[2:])
    options = args.pop() if args and isinstance(args[-1], dict) else {}
    unknown = set(options) - {"ctx", "index_type"}
    if unknown:
        raise invalid_argument(f"unknown predicate options {sorted(unknown)}")
    check_bin_name(bin_name)
    spec: dict[str, Any] = {"bin": bin_name}
    if kind == "equals" and len(args) == 1:
        spec["begin"] = _index_value("equals", args[0])
    elif kind == "between" and len(args) == 2:
        for what, value in zip(("between min", "between max"), args):
            if isinstance(value, bool) or not isinstance(value, int):
                raise invalid_argument(f"{what} must be an int, got {type(value).__name__}")
        if args[0] > args[1]:
            raise invalid_argument(f"between: min {args[0]} is above max {args[1]}")
        spec["begin"], spec["end"] = args
    elif kind == "contains" and len(args) == 2:
        spec["collection"] = _collection(args[0])
        spec["begin"] = _index_value("contains", args[1])
    elif kind in ("geo_within_geojson_region", "geo_contains_geojson_point") and len(args) == 1:
        spec["begin"] = _geo_text(kind, args[0])
    elif kind == "geo_within_radius" and len(args) == 3:
        lat, lng, radius = (_number(f"geo_within_radius {n}", v) for n, v in zip(("lat", "lng", "radius"), args))
        circle = '{"type":"AeroCircle","coordinates":[[%r,%r],%r]}' % (lng, lat, radius)
        spec["begin"] = msgpack.ExtType(_EXT_GEOJSON, circle.encode())
    else:
        raise invalid_argument(f"unknown predicate {predicate!r}")
    if options.get("index_type") is not None:
        spec["collection"] = _collection(options["index_type"])
    ctx = _cdt._context(options, kind)
    if ctx is not None:
        spec["ctx"] = ctx
    return spec


def _wake(ready: "asyncio.Future[None]") -> None:
    """The reader callback of an async query's fd: wakes the task waiting for a page."""
    if not ready.done():
        ready.set_result(None)


def _records_of(namespace: str, page: list, new: Any = tuple.__new__) -> Iterator[Record]:
    """The records of a page: 6 values each, flat (aero.h), so no list per record is made.

    tuple.__new__ skips the NamedTuples' Python-level constructors, and records with the same
    generation and TTL (most of a scan) share one immutable ``RecordMetadata``: fewer objects
    for the garbage collector to walk while ``results()`` grows.
    """
    values = iter(page)
    metas: dict = {}
    for digest, set_name, user_key, generation, ttl, bins in zip(values, values, values, values, values, values):
        meta = metas.get((generation, ttl))
        if meta is None:
            meta = metas[generation, ttl] = new(RecordMetadata, (generation, ttl))
        yield new(Record, (new(AerospikeKey, (namespace, set_name or "", user_key, digest)), meta, bins))


class _Run:
    """One running native query and the buffers it is drained with (one consumer at a time)."""

    def __init__(self, handle: Any, spec: bytes, policy: Optional[bytes]) -> None:
        self._err = ffi.gc(lib.aero_error_new(), lib.aero_error_destroy)
        self._buf = WatchedBuffer()
        self._done = ffi.new("int *")
        out = ffi.new("aero_query **")
        rc = lib.aero_query_new(out, handle, spec, len(spec), policy or ffi.NULL, len(policy or b""), self._err)
        if rc:
            raise error_from(self._err)
        self._query = ffi.gc(out[0], lib.aero_query_destroy)
        self.finished = False
        self.stopped = False  # cancelled by its consumer: the end is not an error
        self.closed = False   # cancelled because the client closed

    def fd(self) -> int:
        return lib.aero_query_fd(self._query)

    def page(self, wait_ms: int) -> list:
        """The values of the records that have arrived (flat, see :func:`_records_of`); sets
        ``finished`` at the end."""
        rc = lib.aero_query_next(self._buf.ptr, self._done, self._query, wait_ms, self._err)
        if rc:
            self.finished = True
            if self.stopped and rc == _ERR_CLIENT_ABORT:
                return []
            if self.closed and rc == _ERR_CLIENT_ABORT:
                raise make_error(_ERR_CLIENT_CLOSED, "the client was closed while the query ran")
            raise error_from(self._err)
        self.finished = bool(self._done[0])
        return unpack(self._buf.view())

    def cancel(self, closed: bool = False) -> None:
        if closed:
            self.closed = True
        else:
            self.stopped = True
        lib.aero_query_cancel(self._query)

    def status(self) -> tuple[list, bool]:
        complete = ffi.new("int *")
        if lib.aero_query_status(self._buf.ptr, complete, self._query, self._err):
            raise error_from(self._err)
        return unpack(self._buf.view()), bool(complete[0])


class _Statement:
    """What ``Query`` and ``AsyncQuery`` share: the statement, the policy packing, and the
    progress kept for pagination."""

    def __init__(self, client: Any, namespace: str, set_name: Optional[str]) -> None:
        if not isinstance(namespace, str) or not namespace:
            raise TypeError(f"namespace must be a non-empty str, got {namespace!r}")
        check_no_nul("namespace", namespace)
        if set_name is not None:
            if not isinstance(set_name, str):
                raise TypeError(f"set_name must be a str or None, got {type(set_name).__name__}")
            check_no_nul("set_name", set_name)
        self._client = client
        self._namespace = namespace
        self._set = set_name or ""
        self._bins: Optional[list[str]] = None
        self._where: Optional[dict] = None
        self._paginate = False
        self._status: Optional[list] = None
        self._done = False
        self._ops: Optional[bytes] = None
        self._udf: Optional[bytes] = None

    def select(self, *bins: str) -> None:
        """Reads only these bins (no names: every bin).

        Args:
            *bins: bin names.

        Raises:
            TypeError, ValueError: a bad bin name.
        """
        for name in bins:
            check_bin_name(name)
        self._bins = list(bins) if bins else None

    def paginate(self) -> None:
        """Makes each later ``results()`` / ``foreach()`` continue where the previous one stopped
        (with ``max_records``, page after page), until :meth:`is_done`."""
        self._paginate = True

    def is_done(self) -> bool:
        """Whether the last run finished every partition (no more pages).

        Returns:
            ``True`` once a run has covered every record.
        """
        return self._done

    def get_partitions_status(self) -> dict[int, tuple[int, bool, Optional[bytes], int]]:
        """The partitions' progress after the last run: ``{id: (id, done, last_digest, bval)}``.

        Returns:
            An empty dict before the first run.
        """
        return {row[0]: tuple(row) for row in self._status or ()}

    def add_ops(self, ops: list) -> None:
        """Sets the write operations :meth:`execute_background` applies to every record found
        (the official client's call; the operation dicts of ``aerospike_py`` and its helper
        modules).

        Raises:
            TypeError, ValueError: a malformed operation.
        """
        self._ops = _ops.pack_ops(ops)

    def apply(self, module: str, function: str, arguments: Optional[list] = None) -> None:
        """Sets a UDF (the official client's call): with :meth:`execute_background` a record
        UDF run on every record found; with :meth:`results` / :meth:`foreach` a stream UDF
        (an aggregation) whose results are the reduced values. The nodes run the stream over
        their own records and the client runs the final reduce with an embedded Lua, so any
        cluster gives the result one node would.

        Args:
            module: the registered module (without ``.lua``).
            function: the function's name.
            arguments: the arguments after the record (or the stream).

        Raises:
            TypeError, ValueError: a bad name or argument.
        """
        self._udf = _commands.udf_call(module, function, arguments)

    def _background(self, policy: Any) -> int:
        """Starts the background job on every node and returns its id."""
        if self._ops is None and self._udf is None:
            raise invalid_argument("execute_background() needs write operations or a UDF: call add_ops() or apply() first")
        if self._ops is not None and self._udf is not None:
            raise invalid_argument("a background job runs operations or a UDF, not both")
        if self._bins is not None:
            raise invalid_argument("a background job reads no bins: drop select()")
        spec, packed = self._spec(policy, background=True)
        run = _Run(self._client._native(), spec, packed)
        while not run.finished:
            run.page(_WAIT_MS)
        return int(lib.aero_query_task_id(run._query))

    def _spec(self, policy: Any, background: bool = False) -> tuple[bytes, Optional[bytes]]:
        spec: dict[str, Any] = {"ns": self._namespace}
        if self._set:
            spec["set"] = self._set
        if self._bins is not None:
            spec["bins"] = self._bins
        if self._where is not None:
            spec["where"] = self._where
        abi_policy: dict[str, Any] = {}
        pfilter = None
        if policy is not None:
            _policy.translate(_policy.WRITE_FIELDS if background else _policy.READ_FIELDS, policy, abi_policy)
            for name, convert in _SPEC_FIELDS.items():
                if name in policy:
                    spec[name] = convert(name, policy[name])
            if spec.get("max_records", 0) < 0:
                raise invalid_argument(f"max_records must not be negative, got {spec['max_records']}")
            if spec.get("record_queue_size") == 0:
                raise invalid_argument("record_queue_size must be at least 1")
            if "include_bin_data" in policy:
                spec["no_bins"] = not _policy._bool("include_bin_data", policy["include_bin_data"])
            pfilter = policy.get("partition_filter")
            if pfilter is not None and not isinstance(pfilter, PartitionFilter):
                raise TypeError(f"partition_filter must be a PartitionFilter, got {type(pfilter).__name__}")
        if self._paginate and self._status is not None:
            spec["status"] = self._status
        elif pfilter is not None:
            spec["partitions"] = [pfilter.begin, pfilter.count]
            if pfilter.digest is not None:
                spec["after"] = pfilter.digest
        raw = msgpack.packb(spec, use_bin_type=True)
        # Operations and UDF calls are packed already: the spec map gets one more entry (a
        # fixmap: few keys).
        extra: Optional[tuple[str, bytes]] = None
        if background:
            if self._ops is not None:
                extra = ("ops", self._ops)
            elif self._udf is not None:
                extra = ("udf", self._udf)
        elif self._udf is not None:
            extra = ("aggregate", self._udf)
        if extra is not None:
            raw = bytes([raw[0] + 1]) + raw[1:] + msgpack.packb(extra[0]) + extra[1]
        return raw, _policy.pack_map(abi_policy)

    def _items(self, page: list) -> Iterator[Any]:
        """A page's results: records, or an aggregation's values (one per page item)."""
        return iter(page) if self._udf is not None else _records_of(self._namespace, page)

    def _span(self) -> Any:
        """The run's span while tracing is on (a query is one command), else ``None``."""
        if not _tracing._active:
            return None
        return _tracing.start("query", self._namespace, self._set, self._client._span_target())

    def _start(self, policy: Any) -> _Run:
        spec, packed = self._spec(policy)
        run = _Run(self._client._native(), spec, packed)
        self._client._queries.add(run)
        return run

    def _finish(self, run: _Run) -> None:
        """Keeps the progress of a run that ended (for pagination and is_done)."""
        self._client._queries.discard(run)
        if run.closed:
            return
        self._status, self._done = run.status()


class Query(_Statement):
    """A scan or secondary-index query, as ``Client.query(namespace, set_name)`` makes it.

    Set it up with :meth:`where` and :meth:`select`, then run it with :meth:`results` or
    :meth:`foreach` (or iterate it). Without a predicate it is a scan of the set (or of the
    namespace when ``set_name`` is ``None``).

    Example:
        ```python
        from aerospike_py import predicates as p

        query = client.query("test", "demo")
        query.where(p.between("age", 20, 30))
        for record in query.results():
            print(record.bins)
        ```
    """

    def where(self, predicate: tuple) -> None:
        """Sets the secondary-index predicate (one per query; a second call replaces it).

        Args:
            predicate: a tuple from :mod:`aerospike_py.predicates`.

        Raises:
            InvalidArgError: an unknown predicate, a value an index cannot hold, or an
                unknown index type.
        """
        self._where = _where(predicate)

    def _records(self, policy: Any) -> Generator[Record, None, None]:
        span = self._span()
        try:
            run = self._start(policy)
            try:
                while not run.finished:
                    yield from self._items(run.page(_WAIT_MS))
            finally:
                if not run.finished:
                    run.cancel()
                self._finish(run)
        except Exception as e:
            _tracing.end(span, e)
            span = None
            raise
        finally:
            _tracing.end(span)

    def results(self, policy: Optional[dict[str, Any]] = None) -> list[Record]:
        """Runs the query and returns every record it finds.

        Args:
            policy: a ``QueryPolicy`` dict (``max_records``, ``records_per_second``,
                ``filter_expression``, ``partition_filter``, ``include_bin_data``, timeouts...).

        Returns:
            ``Record`` NamedTuples, in no particular order.

        Raises:
            IndexNotFound: no index on the predicate's bin.
            AerospikeTimeoutError: ``total_timeout`` ran out.
            ClientError: not connected, or the client was closed while the query ran.
            InvalidArgError, TypeError: a bad policy.
        """
        return list(self._records(policy))

    def foreach(self, callback: Callable[[Record], Optional[bool]], policy: Optional[dict[str, Any]] = None) -> None:
        """Runs the query and calls ``callback`` with each record as it arrives.

        Returning ``False`` from the callback stops the query; an exception in the callback
        stops it too and propagates. Memory stays bounded by ``record_queue_size``.

        Args:
            callback: called with each ``Record``.
            policy: a ``QueryPolicy`` dict, as for :meth:`results`.

        Raises:
            The errors of :meth:`results`, after the records delivered so far.
        """
        records = self._records(policy)
        try:
            for record in records:
                if callback(record) is False:
                    break
        finally:
            records.close()

    def execute_background(self, policy: Optional[dict[str, Any]] = None) -> int:
        """Applies the :meth:`add_ops` operations to every record the query finds, on the
        server, in the background (the official client's call). The job never creates records.

        Args:
            policy: a write policy dict (``ttl``, ``durable_delete``, ``filter_expression``,
                ``records_per_second``, timeouts).

        Returns:
            The job id, for ``Client.job_info(job_id, JOB_QUERY)``.

        Raises:
            InvalidArgError: no operations, operations that read, or ``max_records`` /
                ``partition_filter`` (a background job covers every partition).
        """
        return self._background(policy)

    def __iter__(self) -> Iterator[Record]:
        """Iterates the records as they arrive (the query runs with the default policy)."""
        return self._records(None)


class AsyncQuery(_Statement):
    """The asyncio twin of :class:`Query` (``AsyncClient.query(namespace, set_name)``).

    ``results`` and ``foreach`` are coroutines, and ``async for record in query`` streams the
    records. Records are taken from libaero when its fd turns readable: the event loop never
    waits on a query.
    """

    where = Query.where

    async def _records(self, policy: Any) -> AsyncGenerator[Record, None]:
        span = self._span()
        try:
            run = self._start(policy)
            loop = asyncio.get_running_loop()
            fd = run.fd()
            try:
                while not run.finished:
                    rows = run.page(0)
                    if not rows and not run.finished:
                        ready = loop.create_future()
                        loop.add_reader(fd, _wake, ready)
                        try:
                            await ready
                        finally:
                            loop.remove_reader(fd)
                        continue
                    for record in self._items(rows):
                        yield record
            finally:
                if not run.finished:
                    run.cancel()
                await asyncio.to_thread(self._finish, run)
        except Exception as e:
            _tracing.end(span, e)
            span = None
            raise
        finally:
            _tracing.end(span)

    async def results(self, policy: Optional[dict[str, Any]] = None) -> list[Record]:
        """Runs the query and returns every record (see :meth:`Query.results`)."""
        return [record async for record in self._records(policy)]

    async def foreach(self, callback: Callable[[Record], Optional[bool]],
                      policy: Optional[dict[str, Any]] = None) -> None:
        """Calls ``callback`` with each record as it arrives; ``False`` stops (see
        :meth:`Query.foreach`)."""
        records = self._records(policy)
        try:
            async for record in records:
                if callback(record) is False:
                    break
        finally:
            await records.aclose()

    async def execute_background(self, policy: Optional[dict[str, Any]] = None) -> int:
        """Starts a background job (see :meth:`Query.execute_background`)."""
        return await asyncio.to_thread(self._background, policy)

    def __aiter__(self) -> AsyncIterator[Record]:
        """``async for record in query``: the records as they arrive (default policy)."""
        return self._records(None)


class Scan(Query):
    """A scan of a set or namespace (``Client.scan(namespace, set_name)``): a :class:`Query`
    without a predicate."""

    def where(self, predicate: tuple) -> None:
        """A scan takes no predicate; use ``Client.query`` for an index query.

        Raises:
            InvalidArgError: always.
        """
        raise invalid_argument("a scan takes no predicate; use Client.query() and where()")


class AsyncScan(AsyncQuery):
    """The asyncio twin of :class:`Scan`."""

    where = Scan.where


def job_info(client: Any, job_id: Any, module: Any, policy: Optional[dict]) -> dict:
    """A background job's progress over every node (query-show): ``{"status": JOB_STATUS_*,
    "progress_pct": int, "records_read": int}``; a node that no longer knows the job has
    finished it."""
    if isinstance(job_id, bool) or not isinstance(job_id, int) or not 0 < job_id < 1 << 64:
        raise TypeError(f"job_id must be a positive int, got {job_id!r}")
    if module not in (C.JOB_QUERY, C.JOB_SCAN):
        raise invalid_argument(f"module must be JOB_QUERY or JOB_SCAN, got {module!r}")
    status, progress, records = C.JOB_STATUS_COMPLETED, 100, 0
    for node in client.info_all(f"query-show:id={job_id}", policy):
        if node.error_code or node.response.startswith("ERROR"):
            continue  # ERROR:2: the node has forgotten the job, which ended
        fields = dict(kv.split("=", 1) for kv in node.response.strip().rstrip(";").split(":") if "=" in kv)
        if fields.get("status", "").startswith("active"):
            status = C.JOB_STATUS_INPROGRESS
        progress = min(progress, int(float(fields.get("job-progress", "100"))))
        records += int(fields.get("recs-succeeded", 0))
    return {"status": status, "progress_pct": progress, "records_read": records}


def cancel_all(runs: "weakref.WeakSet[_Run]") -> None:
    """Stops every query still running on a client that is closing."""
    for run in list(runs):
        run.cancel(closed=True)
