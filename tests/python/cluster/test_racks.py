"""Replica choice against a multi-node aero-server with racks (``--rack-ids``) and with a
strong-consistency namespace (``--strong-consistency``): PREFER_RACK reads stay on the
client's rack, and SC read modes reach the master or a replica as the official clients'."""

import asyncio
import uuid

import pytest
from cluster_tools import NODES, ReadLoad, bounce, info, stats, wait_for

import aerospike_py as A
from aerospike_py.testing import EmbeddedServer

RACKS = (1, 2, 3)
NKEYS = 300


def _served(client) -> dict:
    """Reads each node served itself so far (single-record and batch rows), and the commands
    it passed on to another node, as {node_name: (reads, proxied)}."""
    out = {}
    for node, s in stats(client, "namespace/test").items():
        reads = int(s["client_read_success"]) + int(s.get("batch_sub_read_success", 0))
        out[node] = (reads, int(s["client_proxy_complete"]) + int(s.get("batch_sub_proxy_complete", 0)))
    return out


def _delta(before: dict, after: dict) -> dict:
    return {n: (after[n][0] - before[n][0], after[n][1] - before[n][1]) for n in after}


def _node_on_rack(client, rack: int) -> str:
    for result in client.info_all("rack-ids"):
        racks = dict(entry.split(":") for entry in result.response.strip().split(";"))
        if int(racks["test"]) == rack:
            return result.node_name
    raise AssertionError(f"no node on rack {rack}")


def _write_keys(client, tag: str) -> list:
    keys = [("test", tag, f"{uuid.uuid4().hex}-{i}") for i in range(NKEYS)]
    client.batch_write([(k, {"i": i}) for i, k in enumerate(keys)])
    return keys


def _connect(server, **config):
    client = A.client(server.config(tend_interval=100, **config)).connect()
    assert wait_for(lambda: len(client.get_node_names()) == NODES)
    return client


def _read_all(client, keys, policy):
    for i, key in enumerate(keys):
        assert client.get(key, policy=policy).bins == {"i": i}


PREFER_RACK = {"replica": A.POLICY_REPLICA_PREFER_RACK}


def _cluster_with_keys(tag, *args):
    """Three nodes on racks 1, 2, 3 started with `args`, holding NKEYS records; yields
    (server, keys)."""
    with EmbeddedServer(nodes=NODES, args=["--rack-ids", ",".join(map(str, RACKS)), *args]) as server:
        client = _connect(server)
        keys = _write_keys(client, tag)
        client.close()
        yield server, keys


@pytest.fixture(scope="module")
def racked():
    """Three copies: every rack holds every partition."""
    yield from _cluster_with_keys("racks", "--replication-factor", "3")


@pytest.mark.parametrize("config,rack", [({"rack_id": 2}, 2), ({"rack_ids": [7, 3]}, 3)])
def test_prefer_rack_reads_stay_on_the_clients_rack(racked, config, rack):
    server, keys = racked
    client = _connect(server, rack_aware=True, **config)
    try:
        local = _node_on_rack(client, rack)
        before = _served(client)
        _read_all(client, keys, PREFER_RACK)
        served = _delta(before, _served(client))
        assert served[local] == (NKEYS, 0)
        assert all(reads == 0 for node, (reads, _) in served.items() if node != local)
    finally:
        client.close()


def test_prefer_rack_without_rack_awareness_is_refused(racked):
    """As in aerospike-py: a rack preference from a client without racks would silently read in
    sequence, so it is an argument error."""
    server, keys = racked
    client = _connect(server)
    try:
        with pytest.raises(A.InvalidArgError, match="PREFER_RACK"):
            client.get(keys[0], policy=PREFER_RACK)
    finally:
        client.close()


def test_prefer_rack_batches_and_async_reads(racked):
    server, keys = racked
    client = _connect(server, rack_aware=True, rack_id=1)
    aclient = A.AsyncClient(server.config(tend_interval=100, rack_aware=True, rack_id=1))
    try:
        local = _node_on_rack(client, 1)
        before = _served(client)
        found = client.batch_read(keys, policy=PREFER_RACK)
        assert found == {k[2]: {"i": i} for i, k in enumerate(keys)}

        async def read():
            await aclient.connect()
            while len(aclient.get_node_names()) < NODES:
                await asyncio.sleep(0.05)
            got = await asyncio.gather(*(aclient.get(k, policy=PREFER_RACK) for k in keys))
            assert [r.bins["i"] for r in got] == list(range(NKEYS))
            await aclient.close()

        asyncio.run(read())
        served = _delta(before, _served(client))
        assert served[local] == (2 * NKEYS, 0)
    finally:
        client.close()


def test_prefer_rack_reads_move_off_a_stopped_rack(racked):
    server, keys = racked
    client = _connect(server, rack_aware=True, rack_id=3, policies={"read": {"max_retries": 3, "total_timeout": 2000}})
    local_port = server.ports[RACKS.index(3)]
    load = ReadLoad(client, keys, PREFER_RACK)
    try:
        bounce(server, client, local_port, load.step)
        assert load.ok > 100
        assert len(load.errors) < 20, load.errors[:3]
        # Back on its rack once the node returned.
        local = _node_on_rack(client, 3)
        before = _served(client)
        _read_all(client, keys[:50], PREFER_RACK)
        assert _delta(before, _served(client))[local] == (50, 0)
    finally:
        client.close()


@pytest.fixture(scope="module")
def strong():
    """Two copies of a strong-consistency namespace."""
    yield from _cluster_with_keys("sc", "--replication-factor", "2", "--strong-consistency")


def test_the_namespace_is_strong_consistency(strong):
    server, _ = strong
    reply = info(server.ports[0], "replicas")
    regime = int(reply.split(":", 1)[1].split(",", 1)[0])
    assert regime > 0
    assert "strong-consistency=true" in info(server.ports[0], "namespace/test")


@pytest.mark.parametrize("mode", [A.POLICY_READ_MODE_SC_SESSION, A.POLICY_READ_MODE_SC_LINEARIZE])
def test_session_and_linearize_reads_go_to_the_master(strong, mode):
    server, keys = strong
    # PREFER_RACK gives way to the master: rack 2's node serves only the partitions it masters.
    client = _connect(server, rack_aware=True, rack_id=2)
    try:
        before = _served(client)
        _read_all(client, keys, {**PREFER_RACK, "read_mode_sc": mode})
        served = _delta(before, _served(client))
        assert sum(reads for reads, _ in served.values()) == NKEYS
        assert all(proxied == 0 for _, proxied in served.values())
        assert served[_node_on_rack(client, 2)][0] < NKEYS * 2 // 3
    finally:
        client.close()


def test_allow_replica_reads_prefer_the_clients_rack(strong):
    server, keys = strong
    client = _connect(server, rack_aware=True, rack_id=2)
    try:
        local = _node_on_rack(client, 2)
        before = _served(client)
        _read_all(client, keys, {**PREFER_RACK, "read_mode_sc": A.POLICY_READ_MODE_SC_ALLOW_REPLICA})
        served = _delta(before, _served(client))
        # With two copies on three racks, rack 2 holds about two thirds of the partitions; a
        # replica read there runs on its own copy.
        assert all(proxied == 0 for _, proxied in served.values())
        assert served[local][0] > NKEYS // 2
        assert sum(reads for reads, _ in served.values()) == NKEYS
    finally:
        client.close()
