"""Peak memory of a scan that streams its records (``foreach``) against one that collects them
(``results()``): ``python -m benchmarks.streaming``.

Writes ``STREAM_RECORDS`` small records into the set ``STREAM_SET`` (our client, batch writes),
then scans the set once per client and mode, each run in a fresh process of that client's venv,
counting the records (a wrong count is an error, never a figure). Each run reports the
process's peak RSS (``ru_maxrss``), the RSS sampled from ``/proc/self/statm`` every 0.1 s while
the scan runs, and how far that RSS grew from its value just before the scan. The table goes to
``streaming.md`` (and every figure to ``streaming.json``) in ``benchmarks/results/<date>-queries/``.
Our ``foreach`` keeps at most ``record_queue_size`` (default 1024) records waiting in memory, so
its RSS stays flat however large the result.
"""

from __future__ import annotations

import argparse
import datetime
import importlib
import itertools
import json
import os
import platform
import resource
import sys
import threading
import time
from pathlib import Path
from typing import Any, Callable, Optional

from . import clients as C
from . import runner
from .workers.base import Absent

_MODULE = "benchmarks.streaming"
STREAM_SET = "bench_stream"
STREAM_RECORDS = 1_000_000
#: (client, mode) of every measured run, in order.
RUNS = tuple((client, mode) for client in ("ours", "official", "aerospike-py") for mode in ("foreach", "results"))
_MIB = 1024.0 * 1024.0
_PAGE = os.sysconf("SC_PAGE_SIZE")


def parse_args(argv: Optional[list[str]]) -> argparse.Namespace:
    """The command line of ``python -m benchmarks.streaming``."""
    p = argparse.ArgumentParser(prog="python -m benchmarks.streaming", description=__doc__,
                                formatter_class=argparse.RawDescriptionHelpFormatter)
    p.add_argument("--records", type=int, default=STREAM_RECORDS, help="records in the scanned set")
    p.add_argument("--clients", nargs="+", choices=sorted({c for c, _ in RUNS}),
                   help="clients to run (default: all)")
    p.add_argument("--out", type=Path, help="output directory (default: benchmarks/results/<date>-queries)")
    p.add_argument("--no-install", action="store_true", help="use only the venvs already installed")
    p.add_argument("--worker", action="store_true", help=argparse.SUPPRESS)  # one run: job on stdin
    args = p.parse_args(argv)
    if args.out is None:
        args.out = runner.DEFAULT_OUT / f"{datetime.date.today().isoformat()}-queries"
    return args


def _rss() -> int:
    """The resident set size of this process now, in bytes."""
    with open("/proc/self/statm") as f:
        return int(f.read().split()[1]) * _PAGE


class _Sampler:
    """Samples this process's RSS every ``interval`` seconds on a thread, keeping the peak."""

    def __init__(self, interval: float = 0.1) -> None:
        self.start = self.peak = _rss()
        self.samples = 0
        self._interval = interval
        self._stop = threading.Event()
        self._thread = threading.Thread(target=self._loop, daemon=True)

    def _loop(self) -> None:
        while not self._stop.wait(self._interval):
            self.sample()

    def sample(self) -> None:
        """Takes one sample now."""
        self.peak = max(self.peak, _rss())
        self.samples += 1

    def __enter__(self) -> "_Sampler":
        self._thread.start()
        return self

    def __exit__(self, *exc: Any) -> None:
        self.sample()
        self._stop.set()
        self._thread.join()


def _scan(statement: Any, mode: str, rss: _Sampler) -> int:
    """Runs ``statement`` in ``mode`` (foreach or results) and returns the records it gave; a
    collected result is sampled in ``rss`` before it is freed."""
    if mode == "results":
        records = statement.results()
        rss.sample()
        return len(records)
    seen = itertools.count()  # next() is atomic, should a client call back from several threads

    def count(_record: Any) -> None:
        next(seen)

    statement.foreach(count)
    return next(seen)


def worker(job: dict[str, Any]) -> dict[str, Any]:
    """One run in this process: loads the set (mode ``load``) or scans it in ``job["mode"]``."""
    adapter = importlib.import_module(C.CLIENTS[job["client"]].module or "").adapter()
    adapter.connect(dict(job["config"], hosts=[tuple(h) for h in job["config"]["hosts"]]))
    try:
        if job["mode"] == "load":
            adapter.write_set(STREAM_SET, job["records"])
            return {"status": "ok", "records": job["records"]}
        statement = adapter.statement(STREAM_SET)
        with _Sampler() as rss:
            t0 = time.perf_counter()
            records = _scan(statement, job["mode"], rss)
            seconds = time.perf_counter() - t0
    finally:
        adapter.close()
    if records != job["records"]:
        return {"status": "error", "error": f"{job['mode']} gave {records} records, not {job['records']}"}
    return {"status": "ok", "client_version": adapter.version(), "records": records,
            "seconds": round(seconds, 3), "records_per_s": round(records / seconds, 1),
            "peak_rss_mib": round(resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024.0, 1),
            "start_rss_mib": round(rss.start / _MIB, 1), "sampled_peak_rss_mib": round(rss.peak / _MIB, 1),
            "rss_growth_mib": round((rss.peak - rss.start) / _MIB, 1), "samples": rss.samples}


def _worker_main() -> None:
    job = json.loads(sys.stdin.read())
    try:
        result = worker(job)
    except Absent as e:
        result = {"status": "absent", "error": str(e)}
    except Exception as e:  # reported in the table, not hidden
        result = {"status": "error", "error": f"{type(e).__name__}: {e}"}
    sys.stdout.write(json.dumps(result) + "\n")
    sys.stdout.flush()
    os._exit(0)  # a peer's background threads must not delay the next run


def markdown(doc: dict[str, Any]) -> str:
    """The table of the runs, after the conditions."""
    meta = doc["meta"]
    lines = [
        f"# Streaming memory {meta['started']}",
        "",
        f"- Machine: {meta['machine']}; Python {meta['python']}; server: {meta['server']} on the same machine.",
        f"- One scan (no predicate, every bin) of {meta['records']:,} small records (3 bins) in set "
        f"`{STREAM_SET}`, one fresh process per client and mode, counting the records. `foreach`: a "
        "callback per record (ours with the default `record_queue_size`, 1024); `results`: the list of "
        "every record.",
        "- peak RSS: `ru_maxrss` of the process; start RSS: just before the scan (connected); growth: the "
        "peak of the RSS sampled from /proc/self/statm every 0.1 s during the scan, minus the start.",
        "",
        "| client | version | mode | records | seconds | records/s | peak RSS MiB | start RSS MiB | RSS growth MiB |",
        "|---|---|---|---:|---:|---:|---:|---:|---:|",
    ]
    for r in doc["runs"]:
        if r["status"] != "ok":
            lines.append(f"| {r['client']} | | {r['mode']} | {r['status']}: {r.get('error', '')} | | | | | |")
            continue
        lines.append(f"| {r['client']} | {r['client_version']} | {r['mode']} | {r['records']:,} "
                     f"| {r['seconds']:.2f} | {r['records_per_s']:,.0f} | {r['peak_rss_mib']:.0f} "
                     f"| {r['start_rss_mib']:.0f} | {r['rss_growth_mib']:.1f} |")
    return "\n".join(lines) + "\n"


def _brief(result: dict[str, Any]) -> str:
    if result["status"] != "ok":
        return f"{result['status']}: {result.get('error')}"
    return (f"{result['records_per_s']:>10.0f} rec/s  peak {result['peak_rss_mib']} MiB  "
            f"growth {result['rss_growth_mib']} MiB")


def run(args: argparse.Namespace, progress: Callable[[str], None] = runner.log) -> dict[str, Any]:
    """Loads the set and measures every run of ``RUNS`` for the chosen clients."""
    chosen = [(c, m) for c, m in RUNS if not args.clients or c in args.clients]
    names = list(dict.fromkeys(["ours", *(c for c, _ in chosen)]))
    wanted = argparse.Namespace(clients=names, smoke=False, no_install=args.no_install)
    ready, absent = runner.prepare_clients(wanted)
    if "ours" not in ready:
        raise SystemExit(f"our client cannot load the set: {absent.get('ours')}")
    config, server, server_desc = runner.server_config()
    started = time.time()
    runs: list[dict[str, Any]] = []
    try:
        def one(client: str, mode: str) -> dict[str, Any]:
            job = {"client": client, "mode": mode, "config": config, "records": args.records}
            return C.run_module(C.CLIENTS[client], ready[client], [_MODULE, "--worker"], job, timeout=900)

        progress(f"writing {args.records} records into {STREAM_SET} with ours ...")
        loaded = one("ours", "load")
        if loaded.get("status") != "ok":
            raise SystemExit(f"load failed: {loaded}")
        for client, mode in chosen:
            result = one(client, mode) if client in ready else {"status": "absent", "error": absent.get(client, "")}
            runs.append({"client": client, "mode": mode, **result})
            progress(f"{client:14} {mode:8} " + _brief(result))
    finally:
        if server is not None:
            server.stop()
    return {"meta": {"started": datetime.datetime.fromtimestamp(started).isoformat(timespec="seconds"),
                     "records": args.records, "set": STREAM_SET, "server": server_desc,
                     "machine": f"{platform.machine()}, {os.cpu_count()} cores, {platform.platform()}",
                     "python": platform.python_version()},
            "runs": runs}


def main(argv: Optional[list[str]] = None) -> int:
    """Entry point of ``python -m benchmarks.streaming``; returns the exit status."""
    args = parse_args(argv)
    if args.worker:
        _worker_main()
    doc = run(args)
    args.out.mkdir(parents=True, exist_ok=True)
    (args.out / "streaming.json").write_text(json.dumps(doc, indent=1))
    (args.out / "streaming.md").write_text(markdown(doc))
    runner.log(f"results in {args.out}")
    print(markdown(doc))
    return 0


if __name__ == "__main__":
    sys.exit(main())
