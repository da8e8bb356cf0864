"""Operation metrics as aerospike-py 0.14.4 exposes them: the OpenMetrics text of
``get_metrics()`` (names, labels, buckets, error types), the on/off switch, the internal-stage
histogram, and the HTTP server, against a live server."""

import asyncio
import re
import urllib.error
import urllib.request
import uuid

import pytest
from prometheus_client.parser import text_string_to_metric_families

import aerospike_py as A

BUCKETS = ["0.001", "0.005", "0.01", "0.05", "0.1", "0.5", "1.0", "5.0", "10.0", "+Inf"]


@pytest.fixture
def set_name():
    """A set of its own, so the test's series are its own (metrics are process-wide)."""
    return f"met-{uuid.uuid4().hex[:8]}"


def counts(set_name):
    """{(operation, error_type): count} of the set's series."""
    out = {}
    for family in text_string_to_metric_families(A.get_metrics()):
        for sample in family.samples:
            labels = sample.labels
            if sample.name.endswith("_count") and labels.get("db_collection_name") == set_name:
                out[labels["db_operation_name"], labels["error_type"]] = int(sample.value)
    return out


def test_text_has_aerospike_pys_families_and_labels(client, set_name):
    key = ("test", set_name, 1)
    client.put(key, {"a": 1})
    text = A.get_metrics()
    assert text.endswith("# EOF\n")
    assert "# HELP db_client_operation_duration_seconds Duration of database client operations.\n" in text
    assert "# TYPE db_client_internal_stage_seconds histogram\n" in text
    families = {f.name: f for f in text_string_to_metric_families(text)}
    assert families["db_client_operation_duration_seconds"].type == "histogram"
    line = next(l for l in text.splitlines() if f'db_collection_name="{set_name}"' in l and "_count" in l)
    assert line.startswith('db_client_operation_duration_seconds_count{db_system_name="aerospike",'
                           f'db_namespace="test",db_collection_name="{set_name}",db_operation_name="put",'
                           'error_type=""} ')
    buckets = re.findall(rf'_bucket{{le="([^"]+)",[^}}]*db_collection_name="{set_name}"', text)
    assert buckets == BUCKETS
    client.remove(key)


def test_operations_are_named_as_in_aerospike_py(client, set_name):
    key = ("test", set_name, "k")
    client.put(key, {"a": 1, "s": "x"})
    client.get(key)
    client.select(key, ["a"])
    client.exists(key)
    client.exists(("test", set_name, "missing"))
    client.touch(key)
    client.increment(key, "a", 1)
    client.append(key, "s", "y")
    client.prepend(key, "s", "z")
    client.remove_bin(key, ["s"])
    client.operate(key, [{"op": A.OPERATOR_READ, "bin": "a"}])
    client.operate_ordered(key, [{"op": A.OPERATOR_READ, "bin": "a"}])
    client.batch_read([key])
    client.batch_write([(key, {"b": 1})])
    client.batch_operate([key], [{"op": A.OPERATOR_READ, "bin": "a"}])
    client.query("test", set_name).results()
    client.batch_remove([key])
    with pytest.raises(A.RecordNotFound):
        client.remove(key)
    with pytest.raises(A.RecordNotFound):
        client.get(key)
    with pytest.raises(A.RecordNotFound):
        client.touch(key)
    client.put(key, {"a": 1})
    with pytest.raises(A.RecordExistsError):
        client.put(key, {"a": 2}, policy={"exists": A.POLICY_EXISTS_CREATE_ONLY})
    with pytest.raises(A.FilteredOut):
        client.get(key, policy={"filter_expression": A.exp.eq(A.exp.int_bin("a"), A.exp.int_val(9))})
    client.remove(key)
    expected = {(op, "") for op in ("put", "get", "select", "exists", "touch", "increment", "append", "prepend",
                                    "remove_bin", "operate", "operate_ordered", "batch_read", "batch_write",
                                    "batch_operate", "query", "batch_remove", "delete")}
    expected |= {("get", "KeyNotFoundError"), ("touch", "KeyNotFoundError"), ("put", "KeyExistsError"),
                 ("get", "FilteredOut")}
    seen = counts(set_name)
    assert set(seen) == expected
    assert seen["exists", ""] == 2  # a missing record is an answer for exists
    assert seen["delete", ""] == 2  # and for delete, as aerospike-py labels it


def test_async_commands_are_counted(server_config, set_name):
    async def main():
        client = await A.AsyncClient(server_config).connect()
        key = ("test", set_name, 1)
        await client.put(key, {"a": 1})
        await asyncio.gather(*(client.get(key) for _ in range(5)))
        await client.increment(key, "a", 1)
        await client.batch_read([key])
        await client.remove(key)
        await client.close()

    asyncio.run(main())
    assert counts(set_name) == {("put", ""): 1, ("get", ""): 5, ("increment", ""): 1, ("batch_read", ""): 1,
                                ("delete", ""): 1}


def test_switch_off_stops_recording(client, set_name):
    assert A.is_metrics_enabled()
    key = ("test", set_name, 1)
    A.set_metrics_enabled(False)
    try:
        assert not A.is_metrics_enabled()
        client.put(key, {"a": 1})
        client.select(key, ["a"])
        assert counts(set_name) == {}
    finally:
        A.set_metrics_enabled(True)
    client.select(key, ["a"])
    assert counts(set_name) == {("select", ""): 1}
    client.remove(key)


def test_internal_stage_profiling(client, set_name):
    assert not A.is_internal_stage_metrics_enabled()
    key = ("test", set_name, 1)
    client.put(key, {"a": 1})
    client.batch_read([key])
    assert "db_client_internal_stage_seconds_count" not in A.get_metrics()
    with A.internal_stage_profiling():
        assert A.is_internal_stage_metrics_enabled()
        client.batch_read([key])
    assert not A.is_internal_stage_metrics_enabled()
    stages = set(re.findall(r'internal_stage_seconds_count\{stage="([^"]+)",db_operation_name="batch_read"\}',
                            A.get_metrics()))
    assert {"key_parse", "to_dict"} <= stages
    client.remove(key)


def test_metrics_server_serves_metrics_and_404(client, set_name):
    A.start_metrics_server(0)
    try:
        from aerospike_py._metrics import metrics_server_port

        port = metrics_server_port()
        client.put(("test", set_name, 1), {"a": 1})
        with urllib.request.urlopen(f"http://127.0.0.1:{port}/metrics", timeout=5) as reply:
            assert reply.status == 200
            assert reply.headers["Content-Type"].startswith("text/plain")
            body = reply.read().decode()
        assert f'db_collection_name="{set_name}"' in body and body.endswith("# EOF\n")
        with pytest.raises(urllib.error.HTTPError) as info:
            urllib.request.urlopen(f"http://127.0.0.1:{port}/other", timeout=5)
        assert info.value.code == 404
    finally:
        A.stop_metrics_server()
    A.stop_metrics_server()  # stopping twice is fine
    client.remove(("test", set_name, 1))
