"""What the golden recorders share: a client of the real server AEROSPIKE_HOST names (with
AEROSPIKE_PORT and AEROSPIKE_CLUSTER_NAME), the count of seeds from the command line, and the
goldens written as one compact JSON line."""

import json
import os
import sys
from pathlib import Path
from typing import Any

# The test packages (cdt, exp, sindex) live in tests/python, as pytest imports them.
sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "tests" / "python"))

import aerospike_py  # noqa: E402


def connect() -> Any:
    """A connected client of the real server; exits when AEROSPIKE_HOST is not set."""
    host = os.environ.get("AEROSPIKE_HOST")
    if not host:
        sys.exit("set AEROSPIKE_HOST to a real Aerospike server")
    config: dict = {"hosts": [(host, int(os.environ.get("AEROSPIKE_PORT", "3000")))]}
    if os.environ.get("AEROSPIKE_CLUSTER_NAME"):
        config["cluster_name"] = os.environ["AEROSPIKE_CLUSTER_NAME"]
    return aerospike_py.client(config).connect()


def seeds(default: int) -> range:
    """range(N) for the N given as the first argument, else `default`."""
    return range(int(sys.argv[1]) if len(sys.argv) > 1 else default)


def write(path: Path, entries: list) -> None:
    """Writes the goldens (their folder made if needed)."""
    path.parent.mkdir(exist_ok=True)
    path.write_text(json.dumps(entries, indent=None, separators=(",", ":")) + "\n")
