"""The harness: installs the venvs, starts a server, preloads the data, runs every client on every
workload in interleaved rounds (one worker process each), and writes the report."""

from __future__ import annotations

import argparse
import datetime
import importlib.util
import json
import os
import platform
import subprocess
import sys
import time
from pathlib import Path
from typing import Any, Iterator, Optional

from . import clients as C
from . import envs, report, workloads
from .envs import REPO

DEFAULT_OUT = REPO / "benchmarks" / "results"


def parse_args(argv: Optional[list[str]]) -> argparse.Namespace:
    """The command line of ``python -m benchmarks``."""
    p = argparse.ArgumentParser(prog="python -m benchmarks", description=__doc__)
    p.add_argument("--smoke", action="store_true",
                   help="a few seconds: our client and the peers already installed, no installs")
    p.add_argument("--rounds", type=int, help="rounds per workload (full: 5, smoke: 1)")
    p.add_argument("--duration", type=float, help="measured seconds per round (full: 3, smoke: 0.3)")
    p.add_argument("--warmup", type=float, help="warm-up seconds before each measurement (full: 0.5)")
    p.add_argument("--workloads", nargs="+", metavar="GLOB", help="workload names to run, e.g. 'get/*'")
    p.add_argument("--sizes", nargs="+", choices=workloads.SIZES, help="record sizes (full: both)")
    p.add_argument("--clients", nargs="+", choices=list(C.CLIENTS), help="clients to run (default: all)")
    p.add_argument("--nkeys", type=int, help="records per size, preloaded once (full: 10000)")
    p.add_argument("--out", type=Path, help="output directory (default: benchmarks/results/<date>)")
    p.add_argument("--no-install", action="store_true", help="use only the venvs already installed")
    args = p.parse_args(argv)
    full = not args.smoke
    defaults = dict(rounds=5 if full else 1, duration=3.0 if full else 0.3, warmup=0.5 if full else 0.1,
                    nkeys=10000 if full else 1000, sizes=list(workloads.SIZES) if full else ["small"],
                    workloads=["*"] if full else list(workloads.SMOKE_WORKLOADS))
    for name, value in defaults.items():
        if getattr(args, name) is None:
            setattr(args, name, value)
    if args.out is None:
        stamp = datetime.date.today().isoformat()
        args.out = DEFAULT_OUT / (stamp + ("-smoke" if args.smoke else ""))
    return args


def log(msg: str) -> None:
    """Progress on stderr."""
    print(msg, file=sys.stderr, flush=True)


def prepare_clients(args: argparse.Namespace) -> tuple[dict[str, str], dict[str, str]]:
    """Installs (full mode) and finds each client's interpreter.

    Returns:
        ``(ready, absent)``: client name to interpreter ("" for the C load generator), and client
        name to the reason it is absent.
    """
    ready: dict[str, str] = {}
    absent: dict[str, str] = {}
    install_log = envs.VENVS / "install.log"
    for name in args.clients or list(C.CLIENTS):
        spec = C.CLIENTS[name]
        if spec.loadgen:
            binary = C.loadgen_binary()
            (ready if binary else absent)[name] = str(binary) if binary else \
                "aero-loadgen is not built (cmake target aero-loadgen; or set AERO_LOADGEN)"
            continue
        if not (args.smoke or args.no_install) and spec.env:
            log(f"venv {spec.env}: installing if needed ...")
            ok, detail = envs.ensure(spec.env, install_log)
            if not ok:
                absent[name] = detail
                continue
        if spec.module is None:
            absent[name] = ("installed, but no worker adapts its API yet" if spec.env and envs.is_ready(spec.env)
                            else "not installed")
            continue
        python = C.worker_python(spec, args.smoke)
        if python is None:
            absent[name] = "not installed (run without --smoke / --no-install to install it)"
        else:
            ready[name] = python
    return ready, absent


def _load_testing_module() -> Any:
    """``python/aerospike_py/testing.py`` loaded alone (stdlib only), so that the harness needs no
    cffi: its EmbeddedServer starts and stops aero-server."""
    path = REPO / "python" / "aerospike_py" / "testing.py"
    spec = importlib.util.spec_from_file_location("_aero_testing", path)
    module = importlib.util.module_from_spec(spec)  # type: ignore[arg-type]
    spec.loader.exec_module(module)  # type: ignore[union-attr]
    return module


def server_config() -> tuple[dict[str, Any], Optional[Any], str]:
    """The server to use: ``AEROSPIKE_HOST``/``AEROSPIKE_PORT`` when set, else an embedded
    aero-server. Returns ``(client config, server to stop or None, description)``."""
    host = os.environ.get("AEROSPIKE_HOST")
    if host:
        config: dict[str, Any] = {"hosts": [[host, int(os.environ.get("AEROSPIKE_PORT", "3000"))]]}
        if os.environ.get("AEROSPIKE_CLUSTER_NAME"):
            config["cluster_name"] = os.environ["AEROSPIKE_CLUSTER_NAME"]
        return config, None, f"external server {host}:{config['hosts'][0][1]}"
    testing = _load_testing_module()
    binary = os.environ.get("AERO_SERVER") or str(REPO / "build" / "aero-server")
    server = testing.EmbeddedServer(binary=binary).start()
    return {"hosts": [[server.host, server.port]]}, server, f"embedded aero-server ({binary})"


def _jobs(args: argparse.Namespace, chosen: list[workloads.Workload]) -> Iterator[tuple[int, str, workloads.Workload]]:
    for rnd in range(args.rounds):
        for size in args.sizes:
            for w in chosen:
                if w.applies_to(size):
                    yield rnd, size, w


def run(args: argparse.Namespace) -> dict[str, Any]:
    """Runs the benchmark described by ``args`` and returns the results document."""
    chosen = workloads.select(args.workloads)
    if not chosen:
        raise SystemExit(f"no workload matches {args.workloads}")
    ready, absent = prepare_clients(args)
    if "ours" not in ready and not args.clients:
        raise SystemExit(f"our client cannot run: {absent.get('ours')}")
    config, server, server_desc = server_config()
    started = time.time()
    rows: list[dict[str, Any]] = []
    try:
        base = {"config": config, "nkeys": args.nkeys, "warmup": args.warmup, "duration": args.duration}
        preloader = "ours" if "ours" in ready else next(iter(n for n in ready if n != "libaero-c"))
        for size in args.sizes:
            log(f"preloading {args.nkeys} {size} records with {preloader} ...")
            job = dict(base, size=size, workload={"op": "preload", "mode": "sync", "parallel": 1, "batch": 1})
            result = C.run_worker(C.CLIENTS[preloader], ready[preloader], job, timeout=300)
            if result.get("status") != "ok":
                raise SystemExit(f"preload failed: {result}")
        if any(w.records for w in chosen):
            log(f"preloading {workloads.SCAN_RECORDS} records into {workloads.SCAN_SET} (and its index) "
                f"with {preloader} ...")
            job = dict(base, size=workloads.SCAN_SIZE, workload={"op": "preload_scan", "mode": "sync"})
            result = C.run_worker(C.CLIENTS[preloader], ready[preloader], job, timeout=300)
            if result.get("status") != "ok":
                raise SystemExit(f"preload of {workloads.SCAN_SET} failed: {result}")
        skip: dict[tuple[str, str, str], dict[str, Any]] = {}
        timeout = args.warmup + args.duration + 60
        for rnd, size, w in _jobs(args, chosen):
            for name in ready:  # A B C A B C ...: drift hits every client alike
                if (size, w.name, name) in skip:
                    continue
                job = dict(base, size=size, workload=w.to_json())
                result = C.run_worker(C.CLIENTS[name], ready[name], job, timeout)
                row = {"round": rnd, "size": size, "workload": w.name, "client": name, **result}
                rows.append(row)
                if result.get("status") != "ok":
                    skip[(size, w.name, name)] = row
                log(f"r{rnd} {size:6} {w.name:22} {name:16} " + _brief(result))
    finally:
        if server is not None:
            server.stop()
    return {
        "meta": {
            "started": datetime.datetime.fromtimestamp(started).isoformat(timespec="seconds"),
            "wall_s": round(time.time() - started, 1),
            "mode": "smoke" if args.smoke else "full",
            "rounds": args.rounds, "duration_s": args.duration, "warmup_s": args.warmup,
            "nkeys": args.nkeys, "sizes": args.sizes, "workloads": [w.name for w in chosen],
            "server": server_desc,
            "machine": f"{platform.machine()}, {os.cpu_count()} cores, {platform.platform()}",
            "python": platform.python_version(),
            "clients": {n: C.CLIENTS[n].label for n in ready},
            "absent_clients": absent,
        },
        "rows": rows,
    }


def _brief(result: dict[str, Any]) -> str:
    if result.get("status") == "ok":
        p = result.get("percentiles_us", {})
        return f"{result['ops_per_s']:>10.0f} ops/s  p50 {p.get('p50', 0):.0f} µs  p99 {p.get('p99', 0):.0f} µs"
    return f"{result.get('status')}: {result.get('reason') or result.get('error')}"


def main(argv: Optional[list[str]] = None) -> int:
    """Entry point of ``python -m benchmarks``; returns the exit status."""
    args = parse_args(argv)
    doc = run(args)
    out = report.write(doc, args.out)
    charts = envs.python_of("harness")
    if envs.is_ready("harness"):
        proc = subprocess.run([str(charts), "-m", "benchmarks.charts", str(out / "results.json"), str(out)],
                              cwd=REPO, env=dict(os.environ, PYTHONPATH=str(REPO)), capture_output=True, text=True)
        if proc.returncode != 0:
            log(f"charts failed: {proc.stderr.strip()[-500:]}")
    else:
        log("no charts: the harness venv (matplotlib) is not installed; run without --smoke once")
    log(f"results in {out}")
    print((out / "results.md").read_text())
    return 0
