"""The FastAPI example (examples/fastapi_app) served by uvicorn and driven over real HTTP with
httpx, against an aero-server of its own: CRUD statuses, batch endpoints, backpressure (503)
and a hung server (504), readiness, /metrics and the spans of its requests."""

import asyncio
import importlib.util
import socket
from pathlib import Path
import threading
import time
import uuid

import pytest

pytest.importorskip("fastapi")
uvicorn = pytest.importorskip("uvicorn")
httpx = pytest.importorskip("httpx")
pytest.importorskip("opentelemetry.sdk")
from otel_memory import memory_exporter  # noqa: E402
from prometheus_client.parser import text_string_to_metric_families  # noqa: E402

from aerospike_py.testing import EmbeddedServer  # noqa: E402

REPO = Path(__file__).resolve().parents[3]

def load_example():
    spec = importlib.util.spec_from_file_location("fastapi_example", REPO / "examples" / "fastapi_app" / "app.py")
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


@pytest.fixture(scope="module")
def service():
    """(base URL, server): the example on uvicorn in this process, over its own aero-server."""
    memory_exporter()
    example = load_example()
    with EmbeddedServer() as server:
        config = server.config(max_concurrent_operations=4, operation_queue_timeout_ms=50,
                               policies={"read": {"total_timeout": 300, "max_retries": 0},
                                         "write": {"total_timeout": 300}})
        app = example.create_app(config, "test")
        sock = socket.socket()
        sock.bind(("127.0.0.1", 0))
        web = uvicorn.Server(uvicorn.Config(app, log_level="warning", lifespan="on"))
        thread = threading.Thread(target=web.run, kwargs={"sockets": [sock]}, daemon=True)
        thread.start()
        deadline = time.time() + 10
        while not web.started and time.time() < deadline:
            time.sleep(0.02)
        assert web.started, "uvicorn did not start"
        yield f"http://127.0.0.1:{sock.getsockname()[1]}", server
        web.should_exit = True
        thread.join(10)


def test_crud_statuses(service):
    base, _ = service
    pk = uuid.uuid4().hex
    with httpx.Client(base_url=base, timeout=5) as http:
        assert http.get(f"/records/{pk}").status_code == 404
        assert http.put(f"/records/{pk}", json={"a": 1}).status_code == 404  # update-only
        created = http.post(f"/records/{pk}", json={"name": "Ann", "age": 30})
        assert (created.status_code, created.json()) == (201, {"key": pk})
        assert http.post(f"/records/{pk}", json={"x": 1}).status_code == 409
        assert http.get(f"/records/{pk}").json() == {"name": "Ann", "age": 30}
        assert http.put(f"/records/{pk}", json={"age": 31}).status_code == 200
        assert http.get(f"/records/{pk}").json() == {"name": "Ann", "age": 31}
        assert http.delete(f"/records/{pk}").status_code == 204
        assert http.delete(f"/records/{pk}").status_code == 404
        assert http.get("/health/live").json() == {"status": "ok"}
        assert http.get("/health/ready").json() == {"status": "ok"}


def test_batch_endpoints(service):
    base, _ = service
    keys = [uuid.uuid4().hex for _ in range(3)]
    with httpx.Client(base_url=base, timeout=5) as http:
        written = http.post("/records:batchWrite", json=[{"key": k, "bins": {"i": i}, "ttl": 60 if i else None}
                                                         for i, k in enumerate(keys[:2])])
        assert (written.status_code, written.json()) == (200, {"failed": []})
        read = http.post("/records:batchRead", json={"keys": keys}).json()
        assert read == {"found": {keys[0]: {"i": 0}, keys[1]: {"i": 1}}, "missing": [keys[2]]}


def test_backpressure_gives_503_and_a_hung_server_504(service):
    base, server = service
    pk = uuid.uuid4().hex

    async def burst():
        async with httpx.AsyncClient(base_url=base, timeout=10) as http:
            return await asyncio.gather(*(http.get(f"/records/{pk}") for _ in range(20)))

    server.pause()
    try:
        statuses = sorted(r.status_code for r in asyncio.run(burst()))
    finally:
        server.resume()
    # 4 commands wait on the hung server until their 300 ms timeout (504); the others find no
    # slot within 50 ms (503).
    assert statuses.count(504) == 4 and statuses.count(503) == 16
    with httpx.Client(base_url=base, timeout=5) as http:
        assert http.get(f"/records/{pk}").status_code == 404  # served again once it resumes
        server.pause()
        try:
            assert http.get("/health/ready").status_code == 503
        finally:
            server.resume()


def test_metrics_and_spans(service):
    base, _ = service
    exporter = memory_exporter()
    exporter.clear()
    pk = uuid.uuid4().hex
    with httpx.Client(base_url=base, timeout=5) as http:
        http.post(f"/records/{pk}", json={"a": 1})
        http.get(f"/records/{pk}")
        scraped = http.get("/metrics")
    assert scraped.status_code == 200 and scraped.text.endswith("# EOF\n")
    seen = {(s.labels["db_operation_name"], s.labels["error_type"])
            for family in text_string_to_metric_families(scraped.text) for s in family.samples
            if s.name.endswith("_count") and s.labels.get("db_collection_name") == "records"}
    assert {("put", ""), ("get", "")} <= seen and ("get", "KeyNotFoundError") in seen
    names = [s.name for s in exporter.get_finished_spans() if s.attributes.get("db.collection.name") == "records"]
    assert "PUT test.records" in names and "GET test.records" in names
