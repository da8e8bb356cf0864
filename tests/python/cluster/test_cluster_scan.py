"""Scans across a three-node aero-server with replication factor 2: every record once, node by
node and partition by partition, and a node stopped in the middle of a scan loses and repeats
nothing (its partitions resume on a replica after their last record)."""

import threading

import pytest
from cluster_tools import cluster, NODES, info, wait_for  # noqa: F401 (cluster: the shared fixture)

import aerospike_py as A

N = 3000


@pytest.fixture(scope="module")
def loaded(cluster):
    c = A.client(cluster.config(tend_interval=100)).connect()
    for i in range(N):
        c.put(("test", "cscan", i), {"i": i})
    yield c
    c.close()


def test_scan_spans_every_node_once(loaded):
    records = loaded.query("test", "cscan").results()
    assert sorted(r.bins["i"] for r in records) == list(range(N))


def test_paginated_scan_over_nodes(loaded):
    query = loaded.query("test", "cscan")
    query.paginate()
    seen = []
    while not query.is_done():
        page = query.results({"max_records": 700})
        assert len(page) <= 700
        seen += page
    assert sorted(r.bins["i"] for r in seen) == list(range(N))


@pytest.mark.parametrize("concurrent", [0, 1])
def test_node_stopped_mid_scan_loses_and_repeats_nothing(cluster, loaded, concurrent):
    client = A.client(cluster.config(tend_interval=100)).connect()
    victim = cluster.ports[2]
    seen = []
    stopped = threading.Event()

    def collect(record):
        seen.append(record.bins["i"])
        if len(seen) == N // 4 and not stopped.is_set():
            info(cluster.ports[0], f"cluster-stop-node:port={victim}")
            stopped.set()
        # Slow enough that every node's stream is still open when the node stops.
        if len(seen) % 50 == 0:
            threading.Event().wait(0.005)

    try:
        client.query("test", "cscan").foreach(collect, {"record_queue_size": 8, "max_concurrent_nodes": concurrent})
        assert stopped.is_set()
        assert len(seen) == len(set(seen)), "a record came twice"
        assert sorted(seen) == list(range(N)), "records were lost"
    finally:
        info(cluster.ports[0], f"cluster-start-node:port={victim}")
        assert wait_for(lambda: len(client.get_node_names()) == NODES)
        client.close()
