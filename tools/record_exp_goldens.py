"""Records the answers of a real Aerospike server to the seeded expression cases of
tests/python/exp/trees.py into tests/python/exp/goldens/cases.json.

Usage: AEROSPIKE_HOST=127.0.0.1 [AEROSPIKE_PORT=3000] python tools/record_exp_goldens.py [N]
(N seeds, default 600). Run it only against a real server: the goldens are what `make test`
holds aero-server to.
"""

import json
import os
import sys
from pathlib import Path

# The test packages (exp, cdt) live in tests/python, as pytest imports them.
sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "tests" / "python"))

import aerospike_py  # noqa: E402
from exp import trees  # noqa: E402


def main() -> None:
    host = os.environ.get("AEROSPIKE_HOST")
    if not host:
        sys.exit("set AEROSPIKE_HOST to a real Aerospike server")
    n = int(sys.argv[1]) if len(sys.argv) > 1 else 600
    client = aerospike_py.client({"hosts": [(host, int(os.environ.get("AEROSPIKE_PORT", "3000")))]}).connect()
    trees.GOLDENS.mkdir(exist_ok=True)
    entries = trees.record_goldens(client, range(n))
    (trees.GOLDENS / "cases.json").write_text(json.dumps(entries, indent=None, separators=(",", ":")) + "\n")
    print(f"{len(entries)} cases")
    client.close()


if __name__ == "__main__":
    main()
