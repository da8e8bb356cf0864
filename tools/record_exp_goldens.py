"""Records the answers of a real Aerospike server to the seeded expression cases of
tests/python/exp/trees.py into tests/python/exp/goldens/cases.json.

Usage: AEROSPIKE_HOST=127.0.0.1 [AEROSPIKE_PORT=3000] python tools/record_exp_goldens.py [N]
(N seeds, default 600). Run it only against a real server: the goldens are what `make test`
holds aero-server to.
"""

import real_server
from exp import trees


def main() -> None:
    client = real_server.connect()
    entries = trees.record_goldens(client, real_server.seeds(600))
    real_server.write(trees.GOLDENS / "cases.json", entries)
    print(f"{len(entries)} cases")
    client.close()


if __name__ == "__main__":
    main()
