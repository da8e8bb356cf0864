"""The client against a multi-node aero-server (``--nodes 3``): discovery from one seed,
routing by partition, batches across nodes, and a node stopped and restarted under load.

Discovery, routing and batches run against the cluster ``AEROSPIKE_HOST``/``AEROSPIKE_PORT``
name instead when set (a real Aerospike cluster, say); the node stop and restart need
aero-server's knobs and always run on the embedded cluster."""

import uuid

import pytest
from cluster_tools import cluster, NODES, ReadLoad, bounce, stats, wait_for  # noqa: F401 (cluster: the shared fixture)

import aerospike_py as A
from aerospike_py.testing import EmbeddedServer


@pytest.fixture
def client(cluster):
    c = A.client(cluster.config(tend_interval=100)).connect()
    yield c
    c.close()


@pytest.fixture(scope="module")
def routed(external_config, cluster):
    """A client of the cluster the routing tests check: the one the environment names, else
    the embedded one."""
    config = dict(external_config) if external_config else cluster.config()
    c = A.client({**config, "tend_interval": 100}).connect()
    yield c
    c.close()


def _namespace_stats(client) -> dict:
    return {node: {k: int(v) for k, v in s.items() if v.isdigit()} for node, s in stats(client, "namespace/test").items()}


def test_discovers_every_node_from_one_seed(routed, external_config):
    sizes = {int(s["cluster_size"]) for s in stats(routed, "statistics").values()}
    assert sizes == {len(routed.get_node_names())}
    if not external_config:  # a cluster the environment names may have one node
        assert len(routed.get_node_names()) == NODES
    assert len(routed.info_all("build")) == len(routed.get_node_names())


def test_writes_go_to_the_owning_node(routed):
    tag = uuid.uuid4().hex
    keys = [("test", "routing", f"{tag}-{i}") for i in range(10_000)]
    before = _namespace_stats(routed)
    for i, key in enumerate(keys):
        routed.put(key, {"i": i})
    after = _namespace_stats(routed)
    writes = {n: after[n]["client_write_success"] - before[n]["client_write_success"] for n in after}
    # A command sent to a node that does not own the key is proxied; the client never needs it.
    assert all(after[n]["client_proxy_complete"] == before[n]["client_proxy_complete"] for n in after)
    assert sum(writes.values()) == len(keys)
    assert all(count > 0 for count in writes.values()), writes
    copies = min(after[n]["effective_replication_factor"] for n in after)
    assert sum(after[n]["objects"] - before[n]["objects"] for n in after) == copies * len(keys)
    found = routed.batch_read(keys)
    assert found == {k[2]: {"i": i} for i, k in enumerate(keys)}
    routed.batch_remove(keys)


def test_batch_spans_every_node(routed):
    keys = [("test", "span", f"{uuid.uuid4().hex}-{i}") for i in range(600)]
    result = routed.batch_write([(k, {"i": i}) for i, k in enumerate(keys)])
    assert all(r.result == 0 for r in result.batch_records)
    assert routed.batch_read(keys, bins=["i"]) == {k[2]: {"i": i} for i, k in enumerate(keys)}
    routed.batch_remove(keys)


READ_RETRIES = {"read": {"max_retries": 3, "total_timeout": 2000}}


@pytest.mark.parametrize("quick", [False, True], ids=["dropped-and-found-again", "quick-restart"])
def test_reads_survive_a_node_stopping_and_returning(cluster, client, quick):
    keys = [("test", "failover", f"{uuid.uuid4().hex}-{i}") for i in range(500)]
    for i, key in enumerate(keys):
        client.put(key, {"i": i})
    reader = A.client(cluster.config(tend_interval=100, policies=READ_RETRIES)).connect()
    load = ReadLoad(reader, keys)
    bounce(cluster, reader, cluster.ports[-1], load.step, quick=quick)
    assert load.ok > 100
    # With two copies of every record, a stopped node costs at most the commands in flight on it.
    assert len(load.errors) < 50, load.errors[:3]
    assert client.batch_read(keys) == {k[2]: {"i": i} for i, k in enumerate(keys)}
    reader.close()
    client.batch_remove(keys)


def test_a_secured_node_that_restarts_gets_a_new_login():
    """A node that restarts forgets its sessions; the client notices (a refused token, a peers
    generation gone down) and logs in again, and the reads meanwhile move to the other copy."""
    credentials = ("admin", "secret")
    args = ["--replication-factor", "2", "--security", "--user", ":".join(credentials)]
    with EmbeddedServer(nodes=NODES, args=args) as secured:
        client = A.client(secured.config(tend_interval=100, policies=READ_RETRIES)).connect(*credentials)
        keys = [("test", "relogin", f"{uuid.uuid4().hex}-{i}") for i in range(300)]
        client.batch_write([(k, {"i": i}) for i, k in enumerate(keys)])
        load = ReadLoad(client, keys)
        bounce(secured, client, secured.ports[-1], load.step, quick=True, credentials=credentials)
        assert load.ok > 100
        assert len(load.errors) < 50, load.errors[:3]
        assert not [e for e in load.errors if isinstance(e, A.AdminError)]
        # The node that came back serves its partitions again: the client has a new session there.
        # (A slow restart may let the tend drop the node first; it is then found again.)
        def victim_name():
            return next((r.node_name for r in client.info_all("service-clear-std")
                         if r.response.strip().endswith(f":{secured.ports[-1]}")), None)

        assert wait_for(lambda: victim_name() is not None)
        victim = victim_name()
        before = int(stats(client, "namespace/test")[victim]["client_read_success"])

        def victim_serves():
            for key in keys:
                client.get(key, policy={"replica": A.POLICY_REPLICA_MASTER})
            return int(stats(client, "namespace/test")[victim]["client_read_success"]) > before

        assert wait_for(victim_serves)
        client.close()


def test_batches_through_a_node_stop(cluster, client):
    keys = [("test", "batchstop", f"{uuid.uuid4().hex}-{i}") for i in range(1000)]
    client.batch_write([(k, {"i": i}) for i, k in enumerate(keys)])
    expected = {k[2]: {"i": i} for i, k in enumerate(keys)}
    reader = A.client(cluster.config(tend_interval=100, policies={"read": {"max_retries": 3}})).connect()
    results = {"complete": 0, "partial": 0, "errors": []}

    def read_batch():
        try:
            found = reader.batch_read(keys)
        except A.AerospikeError as e:  # the batch as a whole may fail, with the right class
            results["errors"].append(e)
            return
        # Rows may be missing while the node is down, but never wrong.
        assert all(expected[k] == v for k, v in found.items()), "a batch returned a wrong value"
        results["complete" if len(found) == len(keys) else "partial"] += 1

    bounce(cluster, reader, cluster.ports[1], read_batch)
    assert results["complete"] > 3
    assert reader.batch_read(keys) == expected
    reader.close()
    client.batch_remove(keys)
