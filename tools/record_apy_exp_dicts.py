"""Records the dicts aerospike-py 0.14.4's ``exp`` builders return for a fixed set of calls
into tests/python/unit/goldens/aerospike_py_exp.json, which the unit tests hold
``aerospike_py.exp`` to.

Usage: run with a Python that has the ``aerospike-py`` wheel installed (in a virtual
environment of its own: it imports as ``aerospike_py`` too), from the repository root:
``/path/to/venv/bin/python tools/record_apy_exp_dicts.py``.
"""

import json
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "tests" / "python" / "unit"))

from exp_calls import CALLS, encode  # noqa: E402

import aerospike_py  # noqa: E402
from aerospike_py import exp  # noqa: E402


def main() -> None:
    if "site-packages" not in aerospike_py.__file__:
        sys.exit("run this with aerospike-py's wheel installed, not with this repository's package")
    out = [{"call": name, "dict": encode(CALLS[name](exp))} for name in sorted(CALLS)]
    path = Path(__file__).resolve().parents[1] / "tests" / "python" / "unit" / "goldens" / "aerospike_py_exp.json"
    path.write_text(json.dumps(out, indent=1) + "\n")
    print(f"{len(out)} calls")


if __name__ == "__main__":
    main()
