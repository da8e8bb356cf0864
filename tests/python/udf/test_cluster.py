"""UDFs on a local cluster (``aero-server --nodes 3``, two copies of each partition): modules
reach every node at once and stay across a node's stop and start; record UDFs run on the
partition's master and their writes reach the replica; aggregations combine every node's
values; background UDF jobs run on every node."""

import base64
import time

import pytest

from . import registration, streams

NODES = 3


@pytest.fixture(scope="module")
def cluster():
    from aerospike_py.testing import EmbeddedServer

    with EmbeddedServer(nodes=NODES, args=["--replication-factor", "2"]) as server:
        yield server


@pytest.fixture(scope="module")
def official(cluster, official_lua_path):
    aerospike = pytest.importorskip("aerospike", reason="the official aerospike client is not installed")
    client = aerospike.client({"hosts": [("127.0.0.1", cluster.ports[0])], "lua": {"user_path": official_lua_path}})
    client.connect()
    streams.register(client)
    yield client
    client.close()


def _info(port: int, command: str) -> str:
    return registration.info("127.0.0.1", port, command).strip()


def _put(port: int, name: str, source: bytes) -> str:
    text = base64.b64encode(source).decode()
    return _info(port, f"udf-put:filename={name};content={text};content-len={len(text)};")


def test_a_module_reaches_every_node_at_once(cluster):
    assert _put(cluster.ports[0], "t_cluster.lua", b"function f(rec) return 1 end\n") == "ok"
    lists = [_info(p, "udf-list") for p in cluster.ports]
    assert all("filename=t_cluster.lua," in entry for entry in lists)
    assert len(set(lists)) == 1
    assert _info(cluster.ports[2], "udf-remove:filename=t_cluster.lua") == "ok"
    assert all("t_cluster.lua" not in _info(p, "udf-list") for p in cluster.ports)


def test_modules_survive_a_node_stop_and_start(cluster):
    assert _put(cluster.ports[1], "t_stay.lua", b"function f(rec) return 2 end\n") == "ok"
    victim = cluster.ports[2]
    assert _info(cluster.ports[0], f"cluster-stop-node:port={victim}") == "ok"
    assert _info(cluster.ports[0], f"cluster-start-node:port={victim}") == "ok"
    assert "filename=t_stay.lua," in _info(victim, "udf-list")
    assert _info(victim, "udf-get:filename=t_stay.lua").startswith("type=LUA;content=")


def test_record_udf_writes_survive_the_masters_stop(cluster, official):
    keys = [("test", "t_udf_cluster", i) for i in range(40)]
    for key in keys:
        official.put(key, {"n": 1})
        assert official.apply(key, "t_diff", "incr", ["n", 10]) == 11
    victim = cluster.ports[1]
    assert _info(cluster.ports[0], f"cluster-stop-node:port={victim}") == "ok"
    try:
        time.sleep(1.5)  # the client's next tend sees the new partition map
        assert all(official.get(key)[2]["n"] == 11 for key in keys)
    finally:
        assert _info(cluster.ports[0], f"cluster-start-node:port={victim}") == "ok"
    time.sleep(1.5)
    for key in keys:
        official.remove(key)


def test_aggregations_and_background_jobs_cover_every_node(official):
    import aerospike

    streams.load(official)
    try:
        q = official.query("test", streams.SET)
        q.apply("t_stream", "sum_bin", ["n"])
        assert q.results() == [sum(range(streams.RECORDS))]
        q = official.query("test", streams.SET)
        q.apply("t_bg", "mark", ["bg", 5])
        job = q.execute_background()
        for _ in range(100):
            if official.job_info(job, aerospike.JOB_QUERY)["status"] == aerospike.JOB_STATUS_COMPLETED:
                break
            time.sleep(0.05)
        marks = [r[2].get("bg") for r in official.query("test", streams.SET).results()]
        assert marks == [5] * streams.RECORDS
    finally:
        for i in range(streams.RECORDS):
            official.remove(("test", streams.SET, i))
