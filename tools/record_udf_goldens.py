"""Records the answers of a real Aerospike server to the UDF cases of tests/python/udf/cases.py
(record UDFs) and tests/python/udf/streams.py (aggregations, background and batch UDFs) into
tests/python/udf/goldens/, through the official ``aerospike`` client.

Usage: AEROSPIKE_HOST=127.0.0.1 [AEROSPIKE_PORT=3000] python tools/record_udf_goldens.py [N]
(N random seeds, default 40). Run it only against a real server: the goldens are what the
test run holds aero-server to.
"""

import json
import os
import sys
import tempfile

import aerospike

import real_server
from udf import cases, registration, streams


def main() -> None:
    host = os.environ.get("AEROSPIKE_HOST")
    if not host:
        sys.exit("set AEROSPIKE_HOST to a real Aerospike server")
    config = {"hosts": [(host, int(os.environ.get("AEROSPIKE_PORT", "3000")))], "lua": {"user_path": tempfile.mkdtemp()}}
    client = aerospike.client(config).connect()
    port = int(os.environ.get("AEROSPIKE_PORT", "3000"))
    real_server.write(cases.GOLDENS / "registration.json", registration.run(host, port))
    cases.register(client)
    seeds = real_server.seeds(40)
    real_server.write(cases.GOLDENS / "record_udf.json", [{"seeds": len(seeds), "answers": cases.run(client, seeds)}])
    streams.GOLDENS.mkdir(exist_ok=True)
    (streams.GOLDENS / "stream_udf.json").write_text(json.dumps(streams.run(client), separators=(",", ":")) + "\n")
    print(f"{len(cases.calls(seeds))} record calls, {len(streams.AGGREGATIONS)} aggregations")
    client.close()


if __name__ == "__main__":
    main()
