"""What every worker shares: reading the spec, building the data, choosing sync / async /
executor, running the measurement loop, printing the figures. A client's worker module only
subclasses :class:`Adapter` and calls :func:`main`."""

from __future__ import annotations

import asyncio
import json
import os
import sys
import traceback
from typing import Any, Optional

from .. import measure, workloads
from ..workloads import Workload


class Absent(Exception):
    """The client lacks what a workload needs; the workload is reported absent, never faked."""


class Data:
    """The keys, records and batches of one record size, identical for every client."""

    def __init__(self, size: str, nkeys: int, batch: int) -> None:
        self.size = size
        self.nkeys = nkeys
        self.keys = workloads.keys(size, nkeys)
        self.records = [workloads.record(i, size) for i in range(nkeys)]
        self.batch = batch
        nbatches = max(1, nkeys // batch)
        self.batches = [self.keys[b * batch:(b + 1) * batch] for b in range(nbatches)]
        self.batch_records = [list(zip(keys, self.records[b * batch:(b + 1) * batch]))
                              for b, keys in enumerate(self.batches)]
        self.numpy_bins = [name for name, _ in workloads.NUMPY_FIELDS]


def keyed_call(op: str, put: Any, get: Any, keys: list, records: list) -> Optional[Any]:
    """The call of a put or get workload: call i writes (``put(key, bins)``) or reads
    (``get(key)``) record i modulo the number of keys; None for any other op."""
    n = len(keys)
    if op == "put":
        return lambda i: put(keys[i % n], records[i % n])
    if op == "get":
        return lambda i: get(keys[i % n])
    return None


class Adapter:
    """A client's API, as the workloads use it. Subclasses override what their client has.

    Calls built by :meth:`sync_call` and :meth:`async_call` take a running index and map it onto
    the data modulo its length.
    """

    #: the name the harness knows this client by
    name = "?"

    def version(self) -> str:
        """The client's version string."""
        return "?"

    def connect(self, config: dict[str, Any]) -> None:
        """Connects the blocking client."""
        raise NotImplementedError

    def close(self) -> None:
        """Closes the blocking client."""

    async def connect_async(self, config: dict[str, Any]) -> bool:
        """Connects the asyncio client; False when the client has none (then the harness runs
        the blocking client through loop.run_in_executor)."""
        return False

    async def close_async(self) -> None:
        """Closes the asyncio client."""

    def sync_call(self, op: str, data: Data) -> measure.SyncCall:
        """The blocking call for ``op``; raises :class:`Absent` when the client lacks it."""
        raise Absent(f"{self.name} has no {op}")

    def async_call(self, op: str, data: Data) -> measure.AsyncCall:
        """The asyncio call for ``op`` (put or get); raises :class:`Absent` when it lacks it."""
        raise Absent(f"{self.name} has no async {op}")

    def batch_ok(self, op: str, result: Any) -> int:
        """How many records of a batch call's ``result`` succeeded (batch workloads only)."""
        raise NotImplementedError

    def statement(self, set_name: str, between: Optional[tuple[str, int, int]] = None) -> Any:
        """A new query of ``set_name`` in the client's own API, with the numeric-index predicate
        ``between(bin, low, high)`` when given, else a scan of the set; it has ``results()`` (a
        list of every record) and ``foreach(callback)``. Raises :class:`Absent` when the client
        has no queries."""
        raise Absent(f"queries are not adapted for {self.name}")

    def write_set(self, set_name: str, count: int, index: Optional[tuple[str, str]] = None) -> None:
        """Writes ``count`` small records into ``set_name`` with batch writes, then creates the
        numeric index ``index`` = ``(bin, name)`` on them when given (an index already there from
        an earlier run is kept)."""
        raise Absent(f"{self.name} does not load sets")


class BatchIncomplete(Exception):
    """A batch call did not return every record: the figures would not be comparable."""


def query_call(adapter: Adapter, w: Workload) -> measure.SyncCall:
    """The call of a scan or query workload: a new statement's ``results()`` on the scan set,
    checked to hold exactly ``w.records`` records (a wrong count raises, never makes a figure)."""
    between = workloads.QUERY_RANGE if w.op == "query" else None
    statement, expected = adapter.statement, w.records

    def call(i: int) -> list:
        records = statement(workloads.SCAN_SET, between).results()
        if len(records) != expected:
            raise BatchIncomplete(f"{w.op} returned {len(records)} records, not {expected}")
        return records

    return call


def _config(spec: dict[str, Any]) -> dict[str, Any]:
    config = dict(spec["config"])
    config["hosts"] = [tuple(h) for h in config["hosts"]]
    return config


def _preload(adapter: Adapter, data: Data) -> dict[str, Any]:
    put = adapter.sync_call("put", data)
    for i in range(data.nkeys):
        put(i)
    return {"status": "ok", "ops": data.nkeys}


async def _run_async(adapter: Adapter, spec: dict[str, Any], w: Workload, data: Data) -> dict[str, Any]:
    if await adapter.connect_async(_config(spec)):
        try:
            call = adapter.async_call(w.op, data)
            figures = await measure.run_tasks(call, w.parallel, data.nkeys, w.batch, spec["warmup"], spec["duration"])
            figures["runs_as"] = "asyncio"
            return figures
        finally:
            await adapter.close_async()
    adapter.connect(_config(spec))
    try:
        acall, pool = measure.executor_call(adapter.sync_call(w.op, data), w.parallel)
        try:
            figures = await measure.run_tasks(acall, w.parallel, data.nkeys, w.batch, spec["warmup"], spec["duration"])
        finally:
            pool.shutdown(wait=True)
        figures["runs_as"] = f"run_in_executor({w.parallel} threads)"
        return figures
    finally:
        adapter.close()


def run(adapter: Adapter, spec: dict[str, Any]) -> dict[str, Any]:
    """Runs the workload of ``spec`` with ``adapter`` and returns its figures."""
    w = Workload(**spec["workload"])
    data = Data(spec["size"], spec["nkeys"], w.batch)
    if w.mode == "async":
        return asyncio.run(_run_async(adapter, spec, w, data))
    adapter.connect(_config(spec))
    try:
        if w.op == "preload":
            return _preload(adapter, data)
        if w.op == "preload_scan":
            index = (workloads.QUERY_RANGE[0], workloads.SCAN_INDEX)
            adapter.write_set(workloads.SCAN_SET, workloads.SCAN_RECORDS, index)
            return {"status": "ok", "ops": workloads.SCAN_RECORDS}
        if w.records:
            call = query_call(adapter, w)
            call(0)  # fails fast (and outside the window) on a wrong count
            return measure.run_calls(call, w.records_per_call, spec["warmup"], spec["duration"])
        call = adapter.sync_call(w.op, data)
        first = call(0)  # fails fast (and outside the window) when the call is broken
        if w.batch > 1:
            ok = adapter.batch_ok(w.op, first)
            if ok != w.batch:
                raise BatchIncomplete(f"{w.op} of {w.batch} keys succeeded for {ok} only")
        return measure.run_threads(call, w.parallel, data.nkeys, w.batch, spec["warmup"], spec["duration"])
    finally:
        adapter.close()


def main(adapter: Adapter, argv: Optional[list[str]] = None) -> None:
    """The worker's entry point: spec from argv[1] or stdin, one JSON line of figures to stdout."""
    argv = sys.argv if argv is None else argv
    spec = json.loads(argv[1] if len(argv) > 1 else sys.stdin.read())
    try:
        result = run(adapter, spec)
        if result.get("ops") == 0:
            result = {"status": "error", "error": "no call completed within the measured window"}
    except Absent as e:
        result = {"status": "absent", "reason": str(e)}
    except Exception as e:  # reported, not hidden: the harness shows it in the table
        result = {"status": "error", "error": f"{type(e).__name__}: {e}",
                  "traceback": traceback.format_exc(limit=5)}
    result["client"] = adapter.name
    result["client_version"] = adapter.version()
    sys.stdout.write(json.dumps(result) + "\n")
    sys.stdout.flush()
    os._exit(0)  # a peer's background threads must not delay the next worker
