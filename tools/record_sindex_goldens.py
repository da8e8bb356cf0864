"""Records the answers of a real Aerospike server to the seeded index cases of
tests/python/sindex/cases.py into tests/python/sindex/goldens/cases.json.

Usage: AEROSPIKE_HOST=127.0.0.1 [AEROSPIKE_PORT=3000] python tools/record_sindex_goldens.py [N]
(N seeds, default 150). Run it only against a real server: the goldens are what `make test`
holds aero-server to.
"""

import real_server
from sindex import cases


def main() -> None:
    client = real_server.connect()
    entries = cases.record_goldens(client, real_server.seeds(150))
    real_server.write(cases.GOLDENS / "cases.json", entries)
    print(f"{len(entries)} cases")
    client.close()


if __name__ == "__main__":
    main()
