"""The asyncio client: aerospike-py's ``AsyncClient`` over libaero's event loop.

Each data command is checked and packed on the calling task (the same plans as ``Client``),
then submitted to libaero with one call that returns at once; libaero runs it on its own
event-loop thread. Completions come back through a per-loop completion queue whose fd the
asyncio loop watches with ``add_reader``: one wake-up drains up to 64 ready completions in one
call and one ``msgpack.unpackb``, and the futures are resolved right there on the loop thread.
No Python code ever runs on libaero's threads.

Rare commands that block (connect, close, info, truncate) run in a worker thread with
``asyncio.to_thread`` so the loop never stalls on them.
"""

from __future__ import annotations

import asyncio
import functools
import itertools
import os
from typing import Any, Callable, Optional

from . import _commands, _query, _tracing
from ._client import Client
from ._ffi import WatchedBuffer, check, error_from, ffi, lib, thread_state
from ._values import pack_bins, pack_key
from .exception import AerospikeError, make_error
from .types import InfoNodeResult

_ERR_RECORD_NOT_FOUND = 2
_ERR_CLIENT_CLOSED = -30
# Completions taken per drain. One drain per turn of the loop: while more wait, the queue's fd
# stays readable and the loop comes back after running the tasks this drain woke. Decoding a
# completion makes about six objects for the cyclic collector (lists, dicts, the record's
# tuples) that live until their task runs, so 64 keep a drain under the collector's first
# threshold (700 by default): the objects of one drain are gone before the next, and no
# collection moves thousands of commands in flight to an older generation (profiles.md).
_DRAIN_MAX = 64
_Undecoded = _commands.Undecoded


class _LoopBridge:
    """One completion queue watched by one asyncio loop, and the futures waiting on it.

    Loop thread only, except ``close`` (called from the loop too, after the native close).
    """

    def __init__(self, handle: Any, loop: asyncio.AbstractEventLoop) -> None:
        err, _ = thread_state()
        out = ffi.new("aero_queue **")
        check(lib.aero_queue_new(out, handle, err), err)
        self.queue = ffi.gc(out[0], lib.aero_queue_destroy)
        self.loop = loop
        # Per token: the future, the plan that finishes it, and the key's parts. Three dicts
        # rather than one of (future, plan, parts) tuples: every object a command holds while
        # in flight is one more for the cyclic collector to walk, again and again at thousands
        # of commands in flight, and the common get and put share one plan (profiles.md).
        self.futures: dict[int, asyncio.Future] = {}
        self.plans: dict[int, _commands.Plan] = {}
        self.parts: dict[int, Any] = {}
        self._buf = WatchedBuffer()
        # The loop thread's error for drains and submissions: one call at a time uses it.
        self.err = ffi.gc(lib.aero_error_new(), lib.aero_error_destroy)
        self._count = ffi.new("size_t *")
        self._fd = lib.aero_queue_fd(self.queue)
        try:
            loop.add_reader(self._fd, self.drain)
        except NotImplementedError as e:  # Windows' proactor loop has no add_reader
            raise make_error(-1, "AsyncClient needs an event loop with add_reader "
                                 "(on Windows use asyncio.WindowsSelectorEventLoopPolicy)") from e

    def drain(self) -> None:
        """Resolves the futures of up to ``_DRAIN_MAX`` ready completions.

        The completions are decoded in one call; when that fails (one payload the decoder
        refuses), they are split without decoding and each payload is decoded on its own, so
        a bad payload fails its own future and every other one still resolves.
        """
        rc = lib.aero_queue_drain(self._buf.ptr, self._count, self.queue, _DRAIN_MAX, self.err)
        if rc:
            raise error_from(self.err)
        n = self._count[0]
        if n == 0:
            return
        data = self._buf.view()
        try:
            completions = _commands.unpack(data)
        except AerospikeError:
            completions = _commands.split_completions(data)
        futures, plans, parts_of = self.futures, self.plans, self.parts
        for token, status, payload in completions:
            fut = futures.pop(token, None)
            if fut is None:
                continue
            plan, parts = plans.pop(token), parts_of.pop(token)
            if fut.cancelled():
                continue  # the caller gave up; the late result is dropped
            try:
                # A decoded success, the common case, skips _outcome's frame.
                if status or type(payload) is _Undecoded:
                    result = _outcome(plan, parts, status, payload)
                else:
                    result = plan.finish(parts, payload)
            except Exception as e:  # a malformed reply or a failure fails this command only
                fut.set_exception(e)
            else:
                fut.set_result(result)

    def close(self) -> None:
        """Delivers every pending completion, then stops watching the fd."""
        while self.futures:
            before = len(self.futures)
            self.drain()
            if len(self.futures) == before:
                break  # nothing more will come: the native client is closed
        self.loop.remove_reader(self._fd)


def _outcome(plan: _commands.Plan, parts: Any, status: int, payload: Any) -> Any:
    """The result of one completion (``parts``: its key's), or raises its error."""
    if status == 0:
        if isinstance(payload, _commands.Undecoded):
            payload = plan.decode(payload)
        return plan.finish(parts, payload)
    if status == _ERR_RECORD_NOT_FOUND and plan.missing is not None:
        return plan.missing(parts, _commands.key_digest(plan.args[0]))
    if isinstance(payload, _commands.Undecoded):
        payload = _commands.unpack(payload)
    raise make_error(status, payload["message"], payload["in_doubt"], payload["node"])


def _end_span(span: Any, fut: asyncio.Future) -> None:
    """Ends an async command's span when its future resolves (on the loop thread)."""
    if fut.cancelled():
        _tracing.end(span, asyncio.CancelledError("the caller cancelled the command"))
    else:
        _tracing.end(span, fut.exception())


class AsyncClient:
    """Aerospike client for asyncio, compatible with aerospike-py's ``AsyncClient``.

    Same methods, arguments and results as :class:`Client`, as coroutines; ``is_connected``
    and ``get_node_names`` stay plain methods. One client may serve several event loops (one
    per thread) at once.

    Args:
        config: the client configuration (see :class:`Client`); backpressure keys
            ``max_concurrent_operations`` and ``operation_queue_timeout_ms`` apply here.

    Example:
        ```python
        async with aerospike_py.AsyncClient({"hosts": [("127.0.0.1", 3000)]}) as client:
            await client.connect()
            await client.put(("test", "demo", "k"), {"a": 1})
            record = await client.get(("test", "demo", "k"))
        ```
    """

    def __init__(self, config: dict[str, Any]) -> None:
        self._sync = Client(config)
        self._bridges: dict[asyncio.AbstractEventLoop, _LoopBridge] = {}
        self._tokens = itertools.count(1)
        self._pid = os.getpid()

    async def __aenter__(self) -> "AsyncClient":
        """Returns the client itself (it does not connect, as in aerospike-py).

        Returns:
            ``self``.
        """
        return self

    async def __aexit__(self, exc_type: Any, exc_val: Any, exc_tb: Any) -> bool:
        """Closes the client, shielded so a cancellation cannot leave it half closed.

        Returns:
            ``False``: exceptions propagate (as in aerospike-py).
        """
        await asyncio.shield(self.close())
        return False

    # -- Lifecycle -------------------------------------------------------

    async def connect(self, username: Optional[str] = None, password: Optional[str] = None) -> "AsyncClient":
        """Connects to the cluster (see :meth:`Client.connect`).

        Returns:
            ``self``, so ``client = await AsyncClient(cfg).connect()`` works.

        Raises:
            ClientError, ClusterError, AerospikeTimeoutError, ValueError, TypeError: as
            :meth:`Client.connect`.
        """
        await asyncio.to_thread(self._sync.connect, username, password)
        return self

    def is_connected(self) -> bool:
        """Tells whether the client is connected (and not closed).

        Returns:
            ``True`` when connected.
        """
        return self._sync.is_connected()

    async def close(self) -> None:
        """Closes the client. Idempotent.

        Commands in flight complete with ``ClientError`` (code -30; their futures are
        resolved, none is left pending), with ``in_doubt`` true for every write that was
        already sent, which the server may have applied; later commands raise ``ClientError``.
        """
        await asyncio.to_thread(self._sync.close)
        bridges, self._bridges = self._bridges, {}
        for bridge in bridges.values():
            if bridge.loop.is_closed():
                continue
            if bridge.loop is asyncio.get_running_loop():
                bridge.close()
            else:
                bridge.loop.call_soon_threadsafe(bridge.close)

    async def ping(self) -> bool:
        """Checks that a node answers (info ``"build"``). Never raises.

        Returns:
            ``True`` when a node answered; ``False`` when not connected, closed or failing.
        """
        return await asyncio.to_thread(self._sync.ping)

    def get_stats(self) -> dict[str, Any]:
        """The client's counters (see :meth:`Client.get_stats`; no I/O, a plain method)."""
        return self._sync.get_stats()

    def get_cluster_view(self) -> dict[str, Any]:
        """The cluster view (see :meth:`Client.get_cluster_view`; no I/O, a plain method)."""
        return self._sync.get_cluster_view()

    def on_topology_change(self, callback: Callable[..., Any]) -> Callable[[], None]:
        """Calls ``callback(TopologyEvent)`` on the running event loop whenever nodes join or
        leave (see :meth:`Client.on_topology_change`); call from a coroutine.

        Returns:
            The function that stops the calls.
        """
        if not callable(callback):
            raise TypeError(f"callback must be callable, got {type(callback).__name__}")
        loop = asyncio.get_running_loop()
        return self._sync.on_topology_change(lambda event: loop.call_soon_threadsafe(callback, event))

    def get_node_names(self) -> list[str]:
        """Returns the names of the live nodes (no I/O).

        Returns:
            The node names.

        Raises:
            ClientError: not connected or closed.
        """
        return self._sync.get_node_names()

    async def info_all(self, command: str, policy: Optional[dict[str, Any]] = None) -> list[InfoNodeResult]:
        """Sends an info command to every node (see :meth:`Client.info_all`)."""
        return await asyncio.to_thread(self._sync.info_all, command, policy)

    async def info_random_node(self, command: str, policy: Optional[dict[str, Any]] = None) -> str:
        """Sends an info command to a random node (see :meth:`Client.info_random_node`)."""
        return await asyncio.to_thread(self._sync.info_random_node, command, policy)

    async def truncate(self, namespace: str, set_name: Optional[str], nanos: int = 0,
                       policy: Optional[dict[str, Any]] = None) -> None:
        """Removes records of a namespace or set (see :meth:`Client.truncate`)."""
        await asyncio.to_thread(self._sync.truncate, namespace, set_name, nanos, policy)

    # -- Scans, queries and indexes ---------------------------------------

    def query(self, namespace: str, set_name: Optional[str]) -> "_query.AsyncQuery":
        """Makes an async query or scan (see :meth:`Client.query`); a plain method, as in
        aerospike-py.

        Returns:
            An :class:`AsyncQuery`.
        """
        return _query.AsyncQuery(self._sync, namespace, set_name)

    def scan(self, namespace: str, set_name: Optional[str]) -> "_query.AsyncScan":
        """Makes an async scan (see :meth:`Client.scan`).

        Returns:
            An :class:`AsyncScan`.
        """
        return _query.AsyncScan(self._sync, namespace, set_name)

    # -- Single-record commands ------------------------------------------

    def _new_bridge(self, loop: asyncio.AbstractEventLoop) -> _LoopBridge:
        if os.getpid() != self._pid:
            raise make_error(-33, "client was created before fork(); create a new client in this process")
        bridge = self._bridges[loop] = _LoopBridge(self._sync._native(), loop)
        return bridge

    def _start(self, plan: _commands.Plan, parts: Any, *args: Any) -> asyncio.Future:
        """Calls ``plan.async_fn(handle, queue, token, *args, err)``; the returned future
        resolves on this loop with ``plan``'s result for ``parts``.

        The lookups of ``Client._native`` and of the loop's bridge are inlined: this runs
        once per command on the loop thread, which every command of the loop shares.
        """
        handle = self._sync._handle
        if handle is None:
            handle = self._sync._native()  # raises: not connected
        loop = asyncio.get_running_loop()
        bridge = self._bridges.get(loop)
        if bridge is None:
            bridge = self._new_bridge(loop)
        token = next(self._tokens)
        err = bridge.err
        if plan.async_fn(handle, bridge.queue, token, *args, err):
            raise error_from(err)
        fut = loop.create_future()
        bridge.futures[token] = fut
        bridge.plans[token] = plan
        bridge.parts[token] = parts
        return fut

    def _submit(self, plan: _commands.Plan) -> asyncio.Future:
        """Submits a plan; the returned future resolves on this loop."""
        fut = self._start(plan, plan.parts, *plan.args)
        if _tracing._active:
            span = _tracing.start(plan.name, *_commands.plan_labels(plan),
                                  self._sync._span_target(), _tracing.current_context())
            fut.add_done_callback(functools.partial(_end_span, span))
        return fut


# The commonest commands have methods of their own: the generic wrapper's ``*args, **kwargs``
# and its extra frame cost the loop thread about 0.2 µs per get (of about 7.5 µs in all).
# Without policy (or meta) and tracing they build no plan: the shared one finishes them.
@functools.wraps(Client.get)
async def _get(self: AsyncClient, key: Any, policy: Optional[dict[str, Any]] = None) -> Any:
    if policy is not None or _tracing._active:
        return await self._submit(_commands.get(key, policy))
    key_bytes, parts = pack_key(key)
    return await self._start(_commands.GET_DEFAULT, parts, key_bytes, len(key_bytes))


@functools.wraps(Client.put)
async def _put(self: AsyncClient, key: Any, bins: Any, meta: Any = None,
               policy: Optional[dict[str, Any]] = None) -> Any:
    if meta is not None or policy is not None or _tracing._active:
        return await self._submit(_commands.put(key, bins, meta, policy))
    key_bytes, parts = pack_key(key)
    bins_bytes = pack_bins(bins)
    return await self._start(_commands.PUT_DEFAULT, parts, key_bytes, len(key_bytes), bins_bytes, len(bins_bytes))


AsyncClient.get, AsyncClient.put = _get, _put


def _async_command(name: str) -> Callable[..., Any]:
    """The coroutine twin of ``Client.<name>``: same signature and documentation (the plan
    functions take the same parameters, with the same defaults, as the sync methods)."""
    plan_of = getattr(_commands, name)

    @functools.wraps(getattr(Client, name))
    async def command(self: AsyncClient, *args: Any, **kwargs: Any) -> Any:
        return await self._submit(plan_of(*args, **kwargs))

    return command


for _name in ("select", "exists", "remove", "touch", "append", "prepend", "increment",
              "remove_bin", "operate", "operate_ordered", "batch_read", "batch_write", "batch_operate", "batch_remove",
              "apply", "batch_apply", "batch_write_numpy"):
    setattr(AsyncClient, _name, _async_command(_name))


def _to_thread(name: str) -> Callable[..., Any]:
    """The coroutine twin of a blocking ``Client.<name>``, run in a worker thread."""

    @functools.wraps(getattr(Client, name))
    async def command(self: AsyncClient, *args: Any, **kwargs: Any) -> Any:
        return await asyncio.to_thread(getattr(self._sync, name), *args, **kwargs)

    return command


for _name in ("index_integer_create", "index_string_create", "index_blob_create", "index_geo2dsphere_create",
              "index_single_value_create",
              "index_list_create", "index_map_keys_create", "index_map_values_create", "index_cdt_create",
              "index_remove", "job_info", "udf_put", "udf_remove", "udf_list", "udf_get"):
    setattr(AsyncClient, _name, _to_thread(_name))

for _name in ("admin_create_user", "admin_drop_user", "admin_change_password", "admin_grant_roles",
              "admin_revoke_roles", "admin_query_user_info", "admin_query_users_info", "admin_create_role",
              "admin_drop_role", "admin_grant_privileges", "admin_revoke_privileges", "admin_query_role",
              "admin_query_roles", "admin_set_whitelist", "admin_set_quotas"):
    setattr(AsyncClient, _name, _to_thread(_name))


def async_client(config: dict[str, Any]) -> AsyncClient:
    """Makes an async client (not connected yet).

    Args:
        config: the client configuration.

    Returns:
        A new :class:`AsyncClient`; ``await`` its ``connect()``.
    """
    return AsyncClient(config)
