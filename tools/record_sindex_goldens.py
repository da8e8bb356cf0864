"""Records the answers of a real Aerospike server to the seeded index cases of
tests/python/sindex/cases.py into tests/python/sindex/goldens/cases.json.

Usage: AEROSPIKE_HOST=127.0.0.1 [AEROSPIKE_PORT=3000] python tools/record_sindex_goldens.py [N]
(N seeds, default 150). Run it only against a real server: the goldens are what `make test`
holds aero-server to.
"""

import json
import os
import sys
from pathlib import Path

# The test packages live in tests/python, as pytest imports them.
sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "tests" / "python"))

import aerospike_py  # noqa: E402
from sindex import cases  # noqa: E402


def main() -> None:
    host = os.environ.get("AEROSPIKE_HOST")
    if not host:
        sys.exit("set AEROSPIKE_HOST to a real Aerospike server")
    n = int(sys.argv[1]) if len(sys.argv) > 1 else 150
    config = {"hosts": [(host, int(os.environ.get("AEROSPIKE_PORT", "3000")))]}
    if os.environ.get("AEROSPIKE_CLUSTER_NAME"):
        config["cluster_name"] = os.environ["AEROSPIKE_CLUSTER_NAME"]
    client = aerospike_py.client(config).connect()
    cases.GOLDENS.mkdir(exist_ok=True)
    entries = cases.record_goldens(client, range(n))
    (cases.GOLDENS / "cases.json").write_text(json.dumps(entries, indent=None, separators=(",", ":")) + "\n")
    print(f"{len(entries)} cases")
    client.close()


if __name__ == "__main__":
    main()
