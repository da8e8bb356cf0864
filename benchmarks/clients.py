"""The clients the harness knows, and how to start a worker process for each."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from dataclasses import dataclass
from pathlib import Path
from typing import Any, Optional

from . import envs
from .envs import REPO


@dataclass(frozen=True)
class ClientSpec:
    """A client: its venv, its worker module (Python) or the C load generator."""

    name: str
    label: str
    env: Optional[str] = None
    module: Optional[str] = None
    #: a peer of ours (ratios are taken against the best peer)
    peer: bool = True
    #: runs the C load generator instead of a Python worker
    loadgen: bool = False


CLIENTS: dict[str, ClientSpec] = {c.name: c for c in (
    ClientSpec("ours", "aerospike_py (ours)", "ours", "benchmarks.workers.ours", peer=False),
    ClientSpec("official", "aerospike (official)", "official", "benchmarks.workers.official"),
    ClientSpec("aerospike-py", "aerospike-py", "aerospike-py", "benchmarks.workers.aerospike_py_peer"),
    ClientSpec("aerospike-native", "aerospike-native", "aerospike-native", "benchmarks.workers.native"),
    ClientSpec("aerospike-sdk", "aerospike-sdk", "aerospike-sdk", "benchmarks.workers.sdk"),
    ClientSpec("libaero-c", "libaero C loadgen", peer=False, loadgen=True),
)}


def loadgen_binary() -> Optional[Path]:
    """The ``aero-loadgen`` binary: ``$AERO_LOADGEN``, else ``build/aero-loadgen``; None if absent."""
    for candidate in (os.environ.get("AERO_LOADGEN"), str(REPO / "build" / "aero-loadgen")):
        if candidate and os.access(candidate, os.X_OK):
            return Path(candidate)
    return None


def worker_python(spec: ClientSpec, smoke: bool) -> Optional[str]:
    """The interpreter that runs ``spec``'s worker, or None when its venv is not installed.

    In smoke mode our client may run in the harness's own interpreter (it needs only cffi and
    msgpack, which the project's .venv has)."""
    if spec.env and envs.is_ready(spec.env):
        return str(envs.python_of(spec.env))
    if spec.name == "ours" and smoke:
        return sys.executable
    return None


def _worker_env(spec: ClientSpec) -> dict[str, str]:
    env = dict(os.environ)
    path = [str(REPO)]
    if spec.name == "ours":
        path.insert(0, str(REPO / "python"))
        env.setdefault("AERO_LIBRARY", str(REPO / "build" / "libaero.so"))
    env["PYTHONPATH"] = os.pathsep.join(path)  # never ours for a peer: both are `aerospike_py`
    return env


def run_worker(spec: ClientSpec, python: str, job: dict[str, Any], timeout: float) -> dict[str, Any]:
    """Runs one worker process for ``job`` and returns its JSON figures (or an error entry)."""
    if spec.loadgen:
        return run_loadgen(job, timeout)
    return run_module(spec, python, [spec.module or ""], job, timeout)


def run_module(spec: ClientSpec, python: str, args: list[str], job: dict[str, Any],
               timeout: float) -> dict[str, Any]:
    """Runs ``python -m *args`` (a module and its arguments) with ``spec``'s import path and
    ``job`` as JSON on its stdin; returns the last JSON line it prints (or an error entry)."""
    return _run([python, "-m", *args], json.dumps(job), _worker_env(spec), timeout)


def run_loadgen(job: dict[str, Any], timeout: float) -> dict[str, Any]:
    """Runs ``aero-loadgen`` for ``job``: put/get, sync (threads) or async (concurrency) only."""
    w = job["workload"]
    binary = loadgen_binary()
    if binary is None:
        return {"status": "absent", "reason": "aero-loadgen is not built"}
    if w["op"] not in ("put", "get") or w["batch"] != 1:
        return {"status": "absent", "reason": f"the C load generator has no {w['op']}"}
    host, port = job["config"]["hosts"][0]
    cmd = [str(binary), "--host", str(host), "--port", str(port), "--op", w["op"], "--mode", w["mode"],
           "--parallel", str(w["parallel"]), "--size", job["size"], "--nkeys", str(job["nkeys"]),
           "--warmup", str(job["warmup"]), "--duration", str(job["duration"])]
    if job["config"].get("cluster_name"):
        cmd += ["--cluster-name", job["config"]["cluster_name"]]
    result = _run(cmd, "", dict(os.environ), timeout)
    result.setdefault("client", "libaero-c")
    return result


def _run(cmd: list[str], stdin: str, env: dict[str, str], timeout: float) -> dict[str, Any]:
    try:
        proc = subprocess.run(cmd, input=stdin, capture_output=True, text=True, env=env, cwd=REPO,
                              timeout=timeout)
    except subprocess.TimeoutExpired:
        return {"status": "error", "error": f"timed out after {timeout:.0f} s"}
    lines = [line for line in proc.stdout.splitlines() if line.startswith("{")]
    if not lines:
        tail = (proc.stderr or proc.stdout).strip().splitlines()[-3:]
        return {"status": "error", "error": f"exit {proc.returncode}: {' | '.join(tail)}"[:400]}
    return json.loads(lines[-1])
