"""Records the answers of a real Aerospike server to the UDF cases of tests/python/udf/cases.py
into tests/python/udf/goldens/record_udf.json, through the official ``aerospike`` client.

Usage: AEROSPIKE_HOST=127.0.0.1 [AEROSPIKE_PORT=3000] python tools/record_udf_goldens.py [N]
(N random seeds, default 40). Run it only against a real server: the goldens are what the
test run holds aero-server to.
"""

import os
import sys
import tempfile

import aerospike

import real_server
from udf import cases


def main() -> None:
    host = os.environ.get("AEROSPIKE_HOST")
    if not host:
        sys.exit("set AEROSPIKE_HOST to a real Aerospike server")
    config = {"hosts": [(host, int(os.environ.get("AEROSPIKE_PORT", "3000")))], "lua": {"user_path": tempfile.mkdtemp()}}
    client = aerospike.client(config).connect()
    cases.register(client)
    seeds = real_server.seeds(40)
    real_server.write(cases.GOLDENS / "record_udf.json", [{"seeds": len(seeds), "answers": cases.run(client, seeds)}])
    print(f"{len(cases.calls(seeds))} calls")
    client.close()


if __name__ == "__main__":
    main()
