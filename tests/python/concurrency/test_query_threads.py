"""Queries share one client with each other and with single-record commands: threads run full
scans, stopped scans, paginated scans and index queries at once while others write; tasks on
one event loop stream several queries together. Every count is checked."""

import asyncio
import threading
import uuid

import pytest

import aerospike_py as A
from aerospike_py import predicates as p

N = 1500
THREADS = 6


@pytest.fixture(scope="module")
def dataset(client):
    set_name = f"qthreads-{uuid.uuid4().hex[:8]}"
    tag = set_name.replace("-", "_")
    for i in range(N):
        client.put(("test", set_name, i), {"i": i})
    client.index_integer_create("test", set_name, "i", f"{tag}_i")
    yield set_name
    client.index_remove("test", f"{tag}_i")
    client.truncate("test", set_name)


def test_threads_run_queries_together(client, dataset):
    failures: list = []

    def check(what, got, want):
        if got != want:
            failures.append(f"{what}: {got} != {want}")

    def worker(index):
        try:
            for round_ in range(3):
                kind = (index + round_) % 4
                if kind == 0:
                    check("scan", len(client.query("test", dataset).results({"record_queue_size": 16})), N)
                elif kind == 1:
                    seen = []
                    client.query("test", dataset).foreach(lambda r: seen.append(r) or len(seen) < 100)
                    check("stopped scan", len(seen), 100)
                elif kind == 2:
                    query = client.query("test", dataset)
                    query.paginate()
                    total = 0
                    while not query.is_done():
                        total += len(query.results({"max_records": 400}))
                    check("paged scan", total, N)
                else:
                    query = client.query("test", dataset)
                    query.where(p.between("i", 100, 599))
                    check("index query", len(query.results()), 500)
        except Exception as e:  # reported to the test, not lost in the thread
            failures.append(f"thread {index}: {e!r}")

    def writer():
        for k in range(300):
            client.put(("test", dataset + "-w", k), {"k": k})
            client.remove(("test", dataset + "-w", k))

    threads = [threading.Thread(target=worker, args=(i,)) for i in range(THREADS)] + [threading.Thread(target=writer)]
    for t in threads:
        t.start()
    for t in threads:
        t.join(120)
    assert not any(t.is_alive() for t in threads), "a query hung"
    assert failures == []


def test_queries_cancelled_from_other_threads_end_cleanly(client, dataset):
    """Iterators dropped half way (their queries cancelled) free their threads and sockets."""
    for _ in range(20):
        records = iter(client.query("test", dataset))
        next(records)
        records.close()
    assert len(client.query("test", dataset).results()) == N


def test_tasks_stream_queries_on_one_loop(server_config, dataset):
    async def main():
        async with A.AsyncClient(server_config) as c:
            await c.connect()

            async def count(policy):
                return sum([1 async for _ in c.query("test", dataset)]) if policy is None else \
                    len(await c.query("test", dataset).results(policy))

            return await asyncio.gather(*(count(None if i % 2 else {"record_queue_size": 8}) for i in range(8)))

    assert asyncio.run(main()) == [N] * 8
