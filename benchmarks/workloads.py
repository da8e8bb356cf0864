"""Workload definitions and the data every client uses: the same namespace, sets, user keys and
records, generated deterministically (``benchmarks/c/loadgen.c`` builds the same keys and bins)."""

from __future__ import annotations

import fnmatch
from dataclasses import asdict, dataclass
from typing import Any, Iterable, Iterator

NAMESPACE = "test"
SIZES = ("small", "medium")
#: Fields of the numpy batch_read dtype: (bin name, numpy type).
NUMPY_FIELDS = (("i", "i8"), ("f", "f8"))

#: The set that scans and queries read: ``SCAN_RECORDS`` records of ``SCAN_SIZE``, preloaded once
#: with batch writes, with the numeric index ``SCAN_INDEX`` on bin ``i``.
SCAN_SET, SCAN_SIZE, SCAN_RECORDS, SCAN_INDEX = "bench_scan", "small", 100_000, "bench_scan_i"
#: The query workload's predicate, ``between(bin, low, high)``: the first ``QUERY_RECORDS``
#: records of ``SCAN_SET``.
QUERY_RECORDS = 10_000
QUERY_RANGE = ("i", 0, QUERY_RECORDS - 1)


@dataclass(frozen=True)
class Workload:
    """One measured workload.

    Attributes:
        op: put, get, operate (incr and two reads), operate_cdt (list append, map put and
            list size in one operate), get_filtered / put_filtered (a get or put with the
            filter expression ``FILTER``, which every record passes), batch_read, batch_write,
            numpy_batch_read, scan (``results()`` of the whole set ``SCAN_SET``, every bin) or
            query (``results()`` of the numeric-index query ``QUERY_RANGE`` on ``SCAN_SET``).
        mode: ``sync`` (``parallel`` threads share one client) or ``async`` (``parallel``
            coroutines on one event loop; clients without asyncio use loop.run_in_executor with a
            pool of ``parallel`` threads).
        parallel: threads or concurrency.
        batch: keys per call (1 for single-record commands).
        records: records a scan or query call must return (0 for the other workloads).
    """

    op: str
    mode: str
    parallel: int = 1
    batch: int = 1
    records: int = 0

    @property
    def name(self) -> str:
        """A stable name, e.g. ``get/sync/t8``, ``put/async/c64``, ``batch_read/1000`` or
        ``scan/100000``."""
        if self.records:
            return f"{self.op}/{self.records}"
        if self.batch > 1:
            return f"{self.op}/{self.batch}"
        if self.op == "operate":
            return "operate/3ops"
        if self.op == "operate_cdt":
            return "operate/cdt"
        return f"{self.op}/{self.mode}/{'t' if self.mode == 'sync' else 'c'}{self.parallel}"

    @property
    def records_per_call(self) -> int:
        """Records one call reads or writes: what records/s counts."""
        return self.records or self.batch

    def applies_to(self, size: str) -> bool:
        """True when the workload runs on records of ``size`` (scans and queries read the small
        records of ``SCAN_SET`` only)."""
        return not self.records or size == SCAN_SIZE

    def to_json(self) -> dict[str, Any]:
        """The workload as a JSON-able dict (what a worker receives)."""
        return asdict(self)


ALL_WORKLOADS: tuple[Workload, ...] = (
    *(Workload(op, "sync", threads) for threads in (1, 8) for op in ("put", "get")),
    *(Workload(op, "async", conc) for conc in (1, 16, 64, 256, 1024, 4096) for op in ("put", "get")),
    Workload("batch_read", "sync", 1, 100),
    Workload("batch_read", "sync", 1, 1000),
    Workload("batch_write", "sync", 1, 100),
    Workload("operate", "sync"),
    Workload("operate_cdt", "sync"),
    Workload("get_filtered", "sync"),
    Workload("put_filtered", "sync"),
    Workload("numpy_batch_read", "sync", 1, 1000),
    Workload("scan", "sync", records=SCAN_RECORDS),
    Workload("query", "sync", records=QUERY_RECORDS),
)

#: The filter of get_filtered and put_filtered, as each client builds it: bin ``i`` >= 0
#: (true for every record, so the filtered command does the same work as the plain one).
FILTER_BIN, FILTER_MIN = "i", 0

#: The few workloads of ``--smoke``.
SMOKE_WORKLOADS: tuple[str, ...] = ("put/sync/t1", "get/sync/t1", "get/async/c16", "operate/3ops",
                                    "operate/cdt", "batch_read/100")


def select(patterns: Iterable[str]) -> list[Workload]:
    """The workloads whose names match any of the shell-style ``patterns``, in canonical order."""
    pats = list(patterns)
    return [w for w in ALL_WORKLOADS if any(fnmatch.fnmatchcase(w.name, p) for p in pats)]


def set_name(size: str) -> str:
    """The set holding the records of ``size``."""
    return f"bench_{size}"


def user_key(index: int) -> str:
    """The user key of record ``index``."""
    return f"k{index:07d}"


def record(index: int, size: str) -> dict[str, Any]:
    """The bins of record ``index``: 3 bins (small) or 30 bins, about 2 KB (medium)."""
    bins: dict[str, Any] = {"i": index, "s": f"user-{index:08d}", "f": index * 0.5}
    if size == "medium":
        for j in range(9):
            bins[f"n{j}"] = index + j
            bins[f"g{j}"] = (index + j) * 0.25
            bins[f"t{j}"] = (f"{j}:{index:08d}-" * 20)[:200]
    return bins


def keys(size: str, count: int) -> list[tuple[str, str, str]]:
    """The ``count`` key tuples of ``size`` (the same for every client)."""
    s = set_name(size)
    return [(NAMESPACE, s, user_key(i)) for i in range(count)]


def set_records(set_name: str, count: int,
                size: str = "small") -> Iterator[tuple[tuple[str, str, str], dict[str, Any]]]:
    """``(key, bins)`` of records 0 .. ``count`` - 1 of ``size`` in ``set_name`` (the scan set,
    or the streaming measurement's)."""
    return (((NAMESPACE, set_name, user_key(i)), record(i, size)) for i in range(count))
