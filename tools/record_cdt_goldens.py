"""Records the answers of a real Aerospike server to the seeded CDT sequences of
tests/python/cdt/sequences.py into tests/python/cdt/goldens/<family>.json.

Usage: AEROSPIKE_HOST=127.0.0.1 [AEROSPIKE_PORT=3000] python tools/record_cdt_goldens.py [N]
(N seeds per family, default 120). Run it only against a real server: the goldens are what
`make test` holds aero-server to.
"""

import json
import os
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

import aerospike_py  # noqa: E402

from tests.python.cdt import sequences as seq  # noqa: E402


def main() -> None:
    host = os.environ.get("AEROSPIKE_HOST")
    if not host:
        sys.exit("set AEROSPIKE_HOST to a real Aerospike server")
    n = int(sys.argv[1]) if len(sys.argv) > 1 else 120
    client = aerospike_py.client({"hosts": [(host, int(os.environ.get("AEROSPIKE_PORT", "3000")))]}).connect()
    seq.GOLDENS.mkdir(exist_ok=True)
    for family in seq.FAMILIES:
        entries = seq.record(client, ("test", "cdt-golden", family), family, range(n))
        (seq.GOLDENS / f"{family}.json").write_text(json.dumps(entries, indent=None, separators=(",", ":")) + "\n")
        print(f"{family}: {len(entries)} sequences")
    client.close()


if __name__ == "__main__":
    main()
