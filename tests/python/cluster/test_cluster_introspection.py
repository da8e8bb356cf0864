"""Client introspection on a 3-node aero-server: per-node counters, the cluster view with its
partition counts, and topology events when a node stops and comes back (sync callbacks on a
package thread, async ones on the event loop)."""

import asyncio
import threading

import pytest
from cluster_tools import cluster, NODES, info, wait_for  # noqa: F401 (cluster: the shared fixture)

import aerospike_py as A


@pytest.fixture
def client(cluster):
    c = A.client(cluster.config(tend_interval=100)).connect()
    yield c
    c.close()


def test_stats_count_commands_per_node(client):
    before = {n["name"]: n["commands"] for n in client.get_stats()["nodes"]}
    for i in range(60):
        client.put(("test", "intro", i), {"i": i})
    stats = client.get_stats()
    assert stats["cluster"]["nodes"] == NODES and stats["cluster"]["tends"] >= 1 and stats["cluster"]["epoch"] >= 1
    sent = sum(n["commands"] - before[n["name"]] for n in stats["nodes"])
    assert sent == 60
    for node in stats["nodes"]:
        assert node["in_flight"] == 0 and node["errors"] == 0
        assert node["connections"]["open"] >= node["connections"]["idle"] >= 1
        assert node["address"].startswith("127.0.0.1:")
    with pytest.raises(A.RecordNotFound):
        client.get(("test", "intro", "missing"))
    assert sum(n["errors"] for n in client.get_stats()["nodes"]) == 0  # an answer, not a node failure
    for i in range(60):
        client.remove(("test", "intro", i))


def test_cluster_view_partitions(client):
    view = client.get_cluster_view()
    assert len(view["nodes"]) == NODES
    masters = sum(n["partitions"]["test"][0] for n in view["nodes"])
    replicas = sum(n["partitions"]["test"][1] for n in view["nodes"])
    assert masters == 4096 and replicas == 4096  # replication factor 2


def test_topology_events_sync(cluster, client):
    events = []
    threads = set()

    def record(event):
        events.append(event)
        threads.add(threading.current_thread().name)

    unsubscribe = client.on_topology_change(record)
    victim = cluster.ports[2]
    epoch = client.get_cluster_view()["epoch"]
    info(cluster.ports[0], f"cluster-stop-node:port={victim}")
    assert wait_for(lambda: len(events) >= 1)
    info(cluster.ports[0], f"cluster-start-node:port={victim}")
    assert wait_for(lambda: len(events) >= 2)
    removed, added = events[0], events[1]
    assert len(removed.removed) == 1 and removed.added == [] and removed.previous_epoch >= epoch
    assert removed.epoch > removed.previous_epoch
    assert added.added == removed.removed and added.removed == [] and added.previous_epoch >= removed.epoch
    assert threads == {"aerospike-py-topology"}
    unsubscribe()
    info(cluster.ports[0], f"cluster-stop-node:port={victim}")
    assert wait_for(lambda: len(client.get_node_names()) == NODES - 1)
    info(cluster.ports[0], f"cluster-start-node:port={victim}")
    assert wait_for(lambda: len(client.get_node_names()) == NODES)
    assert len(events) == 2  # nothing after unsubscribing


def test_topology_events_async(cluster):
    async def main():
        client = await A.AsyncClient(cluster.config(tend_interval=100)).connect()
        loop = asyncio.get_running_loop()
        got = asyncio.Queue()
        client.on_topology_change(lambda event: got.put_nowait((event, asyncio.get_running_loop() is loop)))
        victim = cluster.ports[1]
        await asyncio.to_thread(info, cluster.ports[0], f"cluster-stop-node:port={victim}")
        event, on_loop = await asyncio.wait_for(got.get(), 10)
        await asyncio.to_thread(info, cluster.ports[0], f"cluster-start-node:port={victim}")
        back, _ = await asyncio.wait_for(got.get(), 10)
        await client.close()
        return event, on_loop, back

    event, on_loop, back = asyncio.run(main())
    assert on_loop and len(event.removed) == 1 and back.added == event.removed


def test_introspection_needs_a_connection(cluster):
    c = A.client(cluster.config())
    with pytest.raises(A.ClientError):
        c.get_stats()
    c.connect()
    with pytest.raises(TypeError):
        c.on_topology_change("not callable")
    c.close()
    with pytest.raises(A.ClientError):
        c.get_cluster_view()


@pytest.mark.parametrize("concurrency", [A.BATCH_CONCURRENCY_SEQUENTIAL, A.BATCH_CONCURRENCY_PARALLEL])
def test_batch_concurrency(client, concurrency):
    """Sequential batches send a node request once the previous one is done; parallel ones send
    them all first (libaero's debug lines tell the order)."""
    import logging

    from aerospike_py import _log

    keys = [("test", "conc", i) for i in range(30)]
    client.batch_write([(k, {"i": 1}) for k in keys])
    lines = []

    class Collect(logging.Handler):
        def emit(self, record):
            if record.getMessage().startswith("batch: "):
                lines.append(record.getMessage())

    handler = Collect()
    logging.getLogger("aerospike_py").addHandler(handler)
    A.set_log_level(A.LOG_LEVEL_DEBUG)
    try:
        _log.drain()
        lines.clear()
        found = client.batch_read(keys, policy={"concurrency": concurrency})
        _log.drain()
    finally:
        A.set_log_level(A.LOG_LEVEL_WARN)
        logging.getLogger("aerospike_py").removeHandler(handler)
    assert len(found) == 30
    kinds = ["sent" if " sent to node " in line else "done" for line in lines]
    assert kinds.count("sent") == NODES and kinds.count("done") == NODES
    if concurrency == A.BATCH_CONCURRENCY_SEQUENTIAL:
        assert kinds == ["sent", "done"] * NODES
    else:
        assert kinds == ["sent"] * NODES + ["done"] * NODES
    client.batch_remove(keys)
