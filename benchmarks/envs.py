"""The virtual environments the benchmark's processes run in, under ``benchmarks/.venvs/``.

Each peer gets its own venv because ``aerospike-py`` and our package share the import name
``aerospike_py``. Our own client runs from the source tree (``python/``) in a venv holding only its
runtime dependencies. The harness venv holds matplotlib for the charts.
"""

from __future__ import annotations

import os
import subprocess
import sys
import venv
from dataclasses import dataclass, field
from pathlib import Path
from typing import Optional

REPO = Path(__file__).resolve().parents[1]
VENVS = REPO / "benchmarks" / ".venvs"
_OK = ".bench-ok"


@dataclass(frozen=True)
class EnvSpec:
    """One venv: its directory name, the PyPI requirements, and whether it must install."""

    name: str
    requirements: tuple[str, ...]
    required: bool = True
    #: distributions whose versions are reported
    report: tuple[str, ...] = field(default=())


ENVS: dict[str, EnvSpec] = {
    "harness": EnvSpec("harness", ("matplotlib", "numpy"), report=("matplotlib",)),
    "ours": EnvSpec("ours", ("cffi", "msgpack", "numpy"), report=("cffi", "msgpack")),
    "official": EnvSpec("official", ("aerospike",), report=("aerospike",)),
    "aerospike-py": EnvSpec("aerospike-py", ("aerospike-py", "numpy"), report=("aerospike-py",)),
    "aerospike-sdk": EnvSpec("aerospike-sdk", ("aerospike-sdk",), required=False, report=("aerospike-sdk",)),
    "aerospike-native": EnvSpec("aerospike-native", ("aerospike-native",), required=False,
                                report=("aerospike-native",)),
}


def python_of(name: str) -> Path:
    """The interpreter of venv ``name`` (it may not exist yet)."""
    return VENVS / name / "bin" / "python"


def is_ready(name: str) -> bool:
    """True when venv ``name`` was installed completely by :func:`ensure`."""
    return (VENVS / name / _OK).exists() and python_of(name).exists()


def ensure(name: str, log: Optional[Path] = None) -> tuple[bool, str]:
    """Creates and fills venv ``name`` unless it is ready already.

    Returns:
        ``(ok, detail)``: detail is the installed versions, or why the install failed (last lines
        of pip's output; the whole output goes to ``log`` when given).
    """
    spec = ENVS[name]
    if is_ready(name):
        return True, (VENVS / name / _OK).read_text().strip()
    path = VENVS / name
    if not python_of(name).exists():
        venv.EnvBuilder(with_pip=True, clear=True).create(path)
    cmd = [str(python_of(name)), "-m", "pip", "install", "--disable-pip-version-check", "-q",
           *spec.requirements]
    proc = subprocess.run(cmd, capture_output=True, text=True)
    if log is not None:
        log.parent.mkdir(parents=True, exist_ok=True)
        with log.open("a") as f:
            f.write(f"$ {' '.join(cmd)}\n{proc.stdout}{proc.stderr}\n")
    if proc.returncode != 0:
        tail = " ".join((proc.stderr or proc.stdout).strip().splitlines()[-2:])
        return False, f"pip install {' '.join(spec.requirements)} failed: {tail}"[:300]
    versions = installed_versions(name)
    (path / _OK).write_text(versions + "\n")
    return True, versions


def installed_versions(name: str) -> str:
    """``dist==version`` of the reported distributions of venv ``name``."""
    spec = ENVS[name]
    code = ("import importlib.metadata as m, sys\n"
            "print(' '.join(f'{d}=={m.version(d)}' for d in sys.argv[1:]))")
    proc = subprocess.run([str(python_of(name)), "-c", code, *spec.report], capture_output=True, text=True)
    return proc.stdout.strip() if proc.returncode == 0 else "?"


if __name__ == "__main__":  # python -m benchmarks.envs NAME...: install the named venvs
    for env_name in sys.argv[1:] or list(ENVS):
        print(env_name, *ensure(env_name, VENVS / "install.log"), flush=True)
    os._exit(0)
