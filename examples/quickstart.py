"""Quick start: connect, write, read, update and delete a record.

Runs against AEROSPIKE_HOST:AEROSPIKE_PORT (default 127.0.0.1:3000); `make demo`
starts an embedded aero-server and points this script at it.
"""

import os

import aerospike_py

HOST = os.environ.get("AEROSPIKE_HOST", "127.0.0.1")
PORT = int(os.environ.get("AEROSPIKE_PORT", "3000"))


def main() -> None:
    config = {"hosts": [(HOST, PORT)]}
    with aerospike_py.client(config).connect() as client:
        print("nodes:", client.get_node_names())
        key = ("test", "demo", "user:1")

        client.put(key, {"name": "Alice", "age": 30, "tags": ["a", "b"], "scores": {"math": 9.5}})
        record = client.get(key)
        print("get:", record.bins, "gen", record.meta.gen)

        client.increment(key, "age", 1)
        client.append(key, "name", " Smith")
        print("select:", client.select(key, ["name", "age"]).bins)

        result = client.operate(key, [
            {"op": aerospike_py.OPERATOR_INCR, "bin": "age", "val": 10},
            {"op": aerospike_py.OPERATOR_READ, "bin": "age"},
        ])
        print("operate:", result.bins)

        try:
            client.put(key, {"name": "Bob"}, policy={"exists": aerospike_py.POLICY_EXISTS_CREATE_ONLY})
        except aerospike_py.RecordExistsError as e:
            print("create-only refused:", type(e).__name__, "code", e.code)

        client.remove(key)
        print("exists after remove:", client.exists(key).meta)


if __name__ == "__main__":
    main()
