"""OpenTelemetry spans as aerospike-py 0.14.4 makes them: one per command (sync, async,
batch, query), children of the caller's context, with aerospike-py's attributes and error
status, only between init_tracing() and shutdown_tracing()."""

import asyncio
import uuid

import pytest

trace = pytest.importorskip("opentelemetry.trace")
from otel_memory import memory_exporter  # noqa: E402

import aerospike_py as A  # noqa: E402


@pytest.fixture(scope="module")
def provider():
    """The application's provider, with the shared in-memory exporter on it."""
    memory_exporter()
    return trace.get_tracer_provider()


@pytest.fixture
def spans(provider):
    exporter = memory_exporter()
    exporter.clear()
    A.init_tracing()
    A.init_tracing()  # idempotent
    yield exporter
    A.shutdown_tracing()
    exporter.clear()


def ours(exporter, set_name):
    return [s for s in exporter.get_finished_spans() if s.attributes.get("db.collection.name") == set_name]


def test_one_span_per_command_with_attributes(client, server_config, spans):
    set_name = f"tr-{uuid.uuid4().hex[:8]}"
    key = ("test", set_name, 1)
    client.put(key, {"a": 1})
    client.select(key, ["a"])
    client.batch_read([key])
    client.query("test", set_name).results()
    client.remove(key)
    got = ours(spans, set_name)
    assert [s.name for s in got] == [f"{op} test.{set_name}" for op in ("PUT", "SELECT", "BATCH_READ", "QUERY", "DELETE")]
    host, port = server_config["hosts"][0][:2]
    attributes = dict(got[0].attributes)
    assert attributes == {
        "db.system.name": "aerospike", "db.namespace": "test", "db.collection.name": set_name,
        "db.operation.name": "PUT", "server.address": host, "server.port": port,
        "db.aerospike.cluster_name": server_config.get("cluster_name", ""),
    }
    assert got[0].kind == trace.SpanKind.CLIENT
    assert all(s.status.status_code != trace.StatusCode.ERROR for s in got)


def test_failures_set_error_status(client, spans):
    set_name = f"tr-{uuid.uuid4().hex[:8]}"
    with pytest.raises(A.RecordNotFound):
        client.get(("test", set_name, "missing"))
    (span,) = ours(spans, set_name)
    assert span.status.status_code == trace.StatusCode.ERROR
    assert span.attributes["error.type"] == "KeyNotFoundError"
    assert span.attributes["db.response.status_code"] == "KeyNotFoundError"


def test_parent_is_the_callers_context_sync_and_async(client, server_config, spans, provider):
    set_name = f"tr-{uuid.uuid4().hex[:8]}"
    tracer = provider.get_tracer("test")
    key = ("test", set_name, 1)
    with tracer.start_as_current_span("request") as parent:
        client.put(key, {"a": 1})

    async def main():
        aclient = await A.AsyncClient(server_config).connect()
        with tracer.start_as_current_span("async-request") as async_parent:
            await aclient.get(key)
            await asyncio.gather(*(aclient.exists(key) for _ in range(3)))
        await aclient.remove(key)
        await aclient.close()
        return async_parent

    async_parent = asyncio.run(main())
    got = ours(spans, set_name)
    by_name = {}
    for s in got:
        by_name.setdefault(s.name.split()[0], []).append(s)
    assert by_name["PUT"][0].parent.span_id == parent.get_span_context().span_id
    assert by_name["GET"][0].parent.span_id == async_parent.get_span_context().span_id
    assert len(by_name["EXISTS"]) == 3
    assert all(s.parent.span_id == async_parent.get_span_context().span_id for s in by_name["EXISTS"])
    assert by_name["DELETE"][0].parent is None


def test_no_spans_without_init(client, provider):
    exporter = memory_exporter()
    exporter.clear()
    set_name = f"tr-{uuid.uuid4().hex[:8]}"
    client.put(("test", set_name, 1), {"a": 1})
    client.remove(("test", set_name, 1))
    assert ours(exporter, set_name) == []


def test_disabled_by_environment(client, provider, monkeypatch):
    monkeypatch.setenv("OTEL_SDK_DISABLED", "true")
    exporter = memory_exporter()
    exporter.clear()
    A.init_tracing()
    set_name = f"tr-{uuid.uuid4().hex[:8]}"
    client.put(("test", set_name, 1), {"a": 1})
    client.remove(("test", set_name, 1))
    A.shutdown_tracing()
    assert ours(exporter, set_name) == []
