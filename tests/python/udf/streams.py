"""Aggregation, background UDF and batch UDF cases run through the official ``aerospike``
client on a fixed data set. The answers are the aggregation results (as multisets), the
records a background job leaves and the batch rows' results; the real server's answers
(recorded by ``tools/record_udf_goldens.py``) hold aero-server to its behaviour."""

import json
import time
from typing import Any

from .cases import GOLDENS, LUA, normalise, plain

SET = "t_udf_stream"
RECORDS = 30

#: The index the aggregations with a where clause use.
INDEX = "t_udf_stream_n"

#: (stream function, args, range of n the query selects with the index, or None: a scan)
AGGREGATIONS: list = [
    ("sum_bin", ["n"], None),
    ("count", [], None),
    ("even_values", ["n"], None),
    ("stats", ["n"], None),
    ("group_by_parity", ["n"], None),
    ("reduce_then_map", ["n"], None),
    ("sum_bin", ["missing"], None),
    ("sum_bin", ["n"], (5, 14)),
    ("even_values", ["n"], (20, 100)),
    ("count", [], (100, 200)),
    ("try_update", [], None),
    ("meta_of", [], (0, 2)),
    # A server-side failure (a function missing everywhere also fails in the client's own
    # Lua, and which failure the client reports first is a race, so it is not compared).
    ("fails", [], None),
]

#: (record function, args) run as background jobs, one after the other.
BACKGROUND: list = [
    ("mark", ["bg", 7]),
    ("double", ["n"]),
    ("fail", []),
]

#: (record function, args) applied to a batch of present and missing keys.
BATCHES: list = [
    ("incr", ["n", 100]),
    ("get_bin", ["s"]),
    ("fail_plain", ["batch failure"]),
    ("remove_rec", []),
    ("no_such_function", []),
]


def register(client: Any) -> None:
    for name in ("t_stream", "t_bg", "t_diff"):
        client.udf_put(str(LUA / f"{name}.lua"))
    for _ in range(50):
        listed = client.info_random_node("udf-list")
        if all(f"filename={n}.lua" in listed for n in ("t_stream", "t_bg", "t_diff")):
            return
        time.sleep(0.1)


def load(client: Any) -> None:
    """The data set: RECORDS records in SET, and two in another set that no case may see."""
    for i in range(RECORDS):
        client.put(("test", SET, i), {"n": i, "g": i % 3, "s": f"s{i}"})
    for i in range(2):
        client.put(("test", SET + "_other", i), {"n": 1000 + i})


def _records(client: Any) -> list:
    rows = [[r[0][2], plain(r[2])] for r in client.query("test", SET).results()]
    return sorted(rows, key=json.dumps)


def _wait(client: Any, job_id: int) -> dict:
    import aerospike

    for _ in range(100):
        info = client.job_info(job_id, aerospike.JOB_QUERY)
        if info["status"] == aerospike.JOB_STATUS_COMPLETED:
            return info
        time.sleep(0.05)
    return info


def run(client: Any) -> dict:
    from aerospike import exception as ex

    register(client)
    load(client)
    answers: dict = {"aggregations": [], "background": [], "batches": []}
    from aerospike import predicates as p

    client.index_integer_create("test", SET, "n", INDEX)
    time.sleep(0.5)  # the real server builds an index in the background
    for fn, args, where in AGGREGATIONS:
        q = client.query("test", SET)
        if where:
            q.where(p.between("n", *where))
        q.apply("t_stream", fn, args)
        try:
            got = ["ok", sorted((plain(v) for v in q.results()), key=json.dumps)]
        except ex.AerospikeError as e:
            got = ["error", e.code, normalise(str(e.msg))]
        answers["aggregations"].append([fn, got])
    for fn, args in BACKGROUND:
        q = client.query("test", SET)
        q.apply("t_bg", fn, args)
        info = _wait(client, q.execute_background())
        answers["background"].append([fn, info["status"], info["records_read"], _records(client)])
    load(client)
    keys = [("test", SET, i) for i in (1, 2, 3)] + [("test", SET, "missing")]
    for fn, args in BATCHES:
        rows = client.batch_apply(keys, "t_diff", fn, args).batch_records
        answers["batches"].append([fn, [[r.key[2], r.result, plain(r.record[2] if r.record else None)] for r in rows]])
        load(client)
    for i in range(RECORDS):
        client.remove(("test", SET, i))
    for i in range(2):
        client.remove(("test", SET + "_other", i))
    try:
        client.remove(("test", SET, "missing"))
    except ex.RecordNotFound:
        pass
    client.index_remove("test", INDEX)
    return answers


def load_goldens() -> dict:
    path = GOLDENS / "stream_udf.json"
    return json.loads(path.read_text()) if path.exists() else {}
