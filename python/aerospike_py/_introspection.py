"""Client introspection beyond aerospike-py: counters (``get_stats``), the cluster view the
client routes by (``get_cluster_view``) and topology events (``on_topology_change``).

The counters and the view are libaero's (no I/O). Topology events come from a package thread
that compares the view each time libaero's epoch moves, and reports the nodes added and
removed; a sync client's callbacks run on that thread, an ``AsyncClient``'s on its event loop.
"""

import logging
import threading
from typing import Any, Callable, Optional

from ._commands import unpack
from ._ffi import check, lib, thread_result, thread_state
from .types import TopologyEvent

logger = logging.getLogger("aerospike_py")

#: How often the watcher looks at the view (seconds); a tend takes 1 s by default.
_POLL_S = 0.1


def _call(fn: Any, handle: Any) -> Any:
    err, buf = thread_state()
    check(fn(buf, handle, err), err)
    return unpack(thread_result())


class TopologyWatcher:
    """One client's subscribers and the thread that tells them of node changes."""

    def __init__(self, view: Callable[[], dict]) -> None:
        self._view = view
        self._lock = threading.Lock()
        self._callbacks: dict[int, Callable[[TopologyEvent], Any]] = {}
        self._next_id = 0
        self._stop = threading.Event()
        self._thread: "threading.Thread | None" = None

    def subscribe(self, callback: Callable[[TopologyEvent], Any]) -> Callable[[], None]:
        """Adds a callback; returns the function that removes it."""
        if not callable(callback):
            raise TypeError(f"callback must be callable, got {type(callback).__name__}")
        first = self._view()  # the state changes are measured from (raises when not connected)
        with self._lock:
            token = self._next_id
            self._next_id += 1
            self._callbacks[token] = callback
            if self._thread is None or not self._thread.is_alive():
                self._stop.clear()
                self._thread = threading.Thread(target=self._watch, args=(first,), name="aerospike-py-topology",
                                                daemon=True)
                self._thread.start()

        def unsubscribe() -> None:
            with self._lock:
                self._callbacks.pop(token, None)

        return unsubscribe

    def stop(self) -> None:
        """Stops the thread (the client closed); subscribers get nothing more."""
        self._stop.set()
        thread = self._thread
        if thread is not None and thread is not threading.current_thread():
            thread.join(timeout=5)

    def _watch(self, view: dict) -> None:
        epoch = view["epoch"]
        nodes = {n["name"] for n in view["nodes"]}
        while not self._stop.wait(_POLL_S):
            try:
                view = self._view()
            except Exception:  # the client closed under the watcher
                return
            if view["epoch"] == epoch:
                continue
            now = {n["name"] for n in view["nodes"]}
            if now != nodes:
                event = TopologyEvent(epoch, view["epoch"], sorted(now - nodes), sorted(nodes - now))
                with self._lock:
                    callbacks = list(self._callbacks.values())
                for callback in callbacks:
                    try:
                        callback(event)
                    except Exception:  # one subscriber's failure must not silence the others
                        logger.exception("a topology callback failed")
                nodes = now
            epoch = view["epoch"]


class IntrospectionMethods:
    """The introspection methods of ``Client`` (a mixin over its ``_native()``)."""

    _native: Callable[[], Any]  # Client's
    _watcher: Optional[TopologyWatcher]  # made by the first on_topology_change

    def get_stats(self) -> dict[str, Any]:
        """The client's counters (no I/O).

        Returns:
            ``{"cluster": {"nodes", "epoch", "tends"}, "nodes": [{"name", "address",
            "connections": {"open", "in_use", "idle", "async_open", "recovered", "aborted"},
            "in_flight", "commands", "errors", "timeouts", "retries"}, ...]}``: attempts sent,
            failed (connection, timeout, transient server codes), timed out and retried, per
            node; ``recovered``/``aborted`` count connections whose reply timed out and that
            were drained and pooled again, or closed, under the ``timeout_delay`` policy.

        Raises:
            ClientError: not connected or closed.
        """
        return _call(lib.aero_client_stats, self._native())

    def get_cluster_view(self) -> dict[str, Any]:
        """The cluster as the client routes by it (no I/O).

        Returns:
            ``{"epoch": int, "nodes": [{"name", "address", "partitions": {namespace: [masters,
            replicas]}}, ...]}``; ``epoch`` grows each time the view changes.

        Raises:
            ClientError: not connected or closed.
        """
        return _call(lib.aero_client_cluster_view, self._native())

    def on_topology_change(self, callback: Callable[[TopologyEvent], Any]) -> Callable[[], None]:
        """Calls ``callback(TopologyEvent(previous_epoch, epoch, added, removed))`` whenever
        nodes join or leave the cluster, on a package thread, until the returned function is
        called or the client closes.

        Raises:
            TypeError: ``callback`` is not callable.
            ClientError: not connected or closed.
        """
        return self._topology().subscribe(callback)

    def _topology(self) -> TopologyWatcher:
        watcher = getattr(self, "_watcher", None)
        if watcher is None:
            watcher = self._watcher = TopologyWatcher(self.get_cluster_view)
        return watcher
