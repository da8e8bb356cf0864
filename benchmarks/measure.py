"""The measurement loop every Python worker shares: warm-up, then a fixed window in which each
completed call's latency goes into a :class:`~benchmarks.histogram.Histogram`, with the CPU time
(resource.getrusage) of the whole worker process taken at both ends of the window."""

from __future__ import annotations

import asyncio
import resource
import threading
import time
from concurrent.futures import ThreadPoolExecutor
from typing import Any, Awaitable, Callable

from .histogram import Histogram

_FOREVER = 1 << 62
SyncCall = Callable[[int], Any]
AsyncCall = Callable[[int], Awaitable[Any]]


class _Window:
    """The measured window in perf_counter_ns time, set by the driver while callers run."""

    def __init__(self) -> None:
        self.start = _FOREVER
        self.end = _FOREVER
        self.stop = False
        self.cpu0 = 0.0
        self.cpu1 = 0.0

    def open(self) -> None:
        self.cpu0 = _cpu_seconds()
        self.start = time.perf_counter_ns()

    def close(self) -> None:
        self.end = time.perf_counter_ns()
        self.cpu1 = _cpu_seconds()
        self.stop = True


def _cpu_seconds() -> float:
    usage = resource.getrusage(resource.RUSAGE_SELF)
    return usage.ru_utime + usage.ru_stime


def _caller_start(worker: int, workers: int, nkeys: int, batch: int) -> int:
    """Where caller ``worker`` starts in the key space, so callers touch different keys."""
    return (worker * nkeys // max(workers, 1)) // batch


def _figures(window: _Window, hists: list[Histogram], calls: list[int], records_per_call: int) -> dict[str, Any]:
    total = Histogram()
    for h in hists:
        total.merge(h)
    n = sum(calls)
    seconds = (window.end - window.start) / 1e9
    cpu = window.cpu1 - window.cpu0
    return {
        "status": "ok",
        "ops": n,
        "seconds": round(seconds, 4),
        "ops_per_s": round(n / seconds, 1) if seconds > 0 else 0.0,
        "records_per_call": records_per_call,
        "records_per_s": round(n * records_per_call / seconds, 1) if seconds > 0 else 0.0,
        "percentiles_us": total.percentiles_us(),
        "cpu_s": round(cpu, 4),
        "cpu_s_per_1k_ops": round(cpu * 1000.0 / n, 5) if n else None,
        "peak_rss_mb": round(resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024.0, 1),
        "hist": total.to_sparse(),
    }


def run_threads(call: SyncCall, threads: int, nkeys: int, batch: int, warmup: float,
                duration: float) -> dict[str, Any]:
    """Runs ``call(index)`` in a loop on ``threads`` threads; figures of the measured window.

    ``index`` counts up from a per-thread start; the adapter maps it onto its keys (modulo).
    """
    window = _Window()
    hists = [Histogram() for _ in range(threads)]
    calls = [0] * threads
    errors: list[BaseException] = []

    def loop(worker: int) -> None:
        hist, clock, index, n = hists[worker], time.perf_counter_ns, _caller_start(worker, threads, nkeys, batch), 0
        try:
            while not window.stop:
                t0 = clock()
                call(index)
                t1 = clock()
                if t0 >= window.start and t1 <= window.end:
                    hist.record(t1 - t0)
                    n += 1
                index += 1
        except BaseException as e:  # reported by the driver
            errors.append(e)
            window.stop = True
        calls[worker] = n

    pool = [threading.Thread(target=loop, args=(w,), daemon=True) for w in range(threads)]
    for t in pool:
        t.start()
    time.sleep(warmup)
    window.open()
    time.sleep(duration)
    window.close()
    for t in pool:
        t.join()
    if errors:
        raise errors[0]
    return _figures(window, hists, calls, batch)


def run_calls(call: SyncCall, records_per_call: int, warmup: float, duration: float) -> dict[str, Any]:
    """Runs ``call(index)`` back to back on this thread, for calls that take long against the
    window (a scan of a whole set): the window opens at the start of the first call after the
    warm-up and closes at the end of the first call to end after ``duration``, so it holds whole
    calls only, and the CPU time taken at both ends is theirs."""
    window, hist, clock, index, n = _Window(), Histogram(), time.perf_counter_ns, 0, 0
    warm_until = clock() + int(warmup * 1e9)
    while clock() < warm_until:
        call(index)
        index += 1
    window.open()
    close_at = window.start + int(duration * 1e9)
    t1 = window.start
    while t1 < close_at:
        t0 = clock()
        call(index + n)
        t1 = clock()
        hist.record(t1 - t0)
        n += 1
    window.close()
    return _figures(window, [hist], [n], records_per_call)


async def run_tasks(call: AsyncCall, concurrency: int, nkeys: int, batch: int, warmup: float,
                    duration: float) -> dict[str, Any]:
    """Runs ``await call(index)`` in a loop on ``concurrency`` tasks of the running event loop."""
    window = _Window()
    hists = [Histogram() for _ in range(concurrency)]
    calls = [0] * concurrency

    async def loop(worker: int) -> None:
        hist, clock, index, n = hists[worker], time.perf_counter_ns, _caller_start(worker, concurrency, nkeys, batch), 0
        while not window.stop:
            t0 = clock()
            await call(index)
            t1 = clock()
            if t0 >= window.start and t1 <= window.end:
                hist.record(t1 - t0)
                n += 1
            index += 1
        calls[worker] = n

    tasks = [asyncio.ensure_future(loop(w)) for w in range(concurrency)]
    try:
        await _drive(window, warmup, duration, tasks)
    finally:
        window.stop = True
    await asyncio.gather(*tasks)
    return _figures(window, hists, calls, batch)


async def _drive(window: _Window, warmup: float, duration: float, tasks: list) -> None:
    """Opens and closes the window, failing early when a caller task dies."""
    for seconds, action in ((warmup, window.open), (duration, window.close)):
        done, _ = await asyncio.wait(tasks, timeout=seconds, return_when=asyncio.FIRST_EXCEPTION)
        for t in done:
            t.result()  # raises the caller's error
        action()


def executor_call(call: SyncCall, threads: int) -> tuple[AsyncCall, ThreadPoolExecutor]:
    """Wraps a blocking call the way users of a client without asyncio do: each await runs
    ``call`` on a pool of ``threads`` threads through ``loop.run_in_executor``."""
    pool = ThreadPoolExecutor(max_workers=threads)

    def acall(index: int) -> Awaitable[Any]:
        return asyncio.get_running_loop().run_in_executor(pool, call, index)

    return acall, pool
