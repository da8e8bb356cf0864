"""Records the answers of a real Aerospike server to the seeded CDT sequences of
tests/python/cdt/sequences.py into tests/python/cdt/goldens/<family>.json.

Usage: AEROSPIKE_HOST=127.0.0.1 [AEROSPIKE_PORT=3000] python tools/record_cdt_goldens.py [N]
(N seeds per family, default 120). Run it only against a real server: the goldens are what
`make test` holds aero-server to.
"""

import real_server
from cdt import sequences as seq


def main() -> None:
    client = real_server.connect()
    for family in seq.FAMILIES:
        entries = seq.record(client, ("test", "cdt-golden", family), family, real_server.seeds(120))
        real_server.write(seq.GOLDENS / f"{family}.json", entries)
        print(f"{family}: {len(entries)} sequences")
    client.close()


if __name__ == "__main__":
    main()
