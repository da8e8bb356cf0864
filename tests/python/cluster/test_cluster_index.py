"""Secondary indexes on a three-node aero-server (replication factor 2) stay exact through a
seeded mix of writes, collection operations and deletes, records that expire, a truncation
with a last-update cut-off, and a node leaving and coming back (migrations): afterwards every
index query returns what a full scan filtered in Python finds."""

import sys
import time
from pathlib import Path

import pytest
from cluster_tools import NODES, info, wait_for

import aerospike_py as A
from aerospike_py.testing import EmbeddedServer

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))
from sindex import cases  # noqa: E402


@pytest.fixture(scope="module")
def cluster():
    with EmbeddedServer(nodes=NODES, args=["--replication-factor", "2", "--nsup-period", "1"]) as server:
        yield server


def queries_agree(client, seed):
    """The index answers of `seed`'s queries against a full scan, with repeats removed (a
    record comes once per query here: a partition holds few records)."""
    answers = []
    for q in cases.case(seed)["queries"]:
        query = client.query("test", cases.SET)
        query.where(cases._predicate(q))
        answers.append(sorted(r.key.user_key for r in query.results()))
    return answers, cases.expected(client, seed)


@pytest.mark.parametrize("seed", [3, 11, 27])
def test_indexes_match_a_scan_after_expiry_truncate_and_migration(cluster, seed):
    client = A.client(cluster.config(tend_interval=100)).connect()
    try:
        cases.ensure_indexes(client)
        cases.run(client, seed)
        # Records that expire, and records written before a truncation cut-off.
        for k in range(100, 110):
            client.put(("test", cases.SET, k), {"n": 1, "s": "a", "l": [1], "m": {"a": 1}, "mv": {"x": 1}},
                       meta={"ttl": 1}, policy={"key": A.POLICY_KEY_SEND})
        for k in range(110, 120):
            client.put(("test", cases.SET, k), {"n": 2, "s": "b", "l": [2]}, policy={"key": A.POLICY_KEY_SEND})
        time.sleep(0.01)
        cut = time.time_ns()
        time.sleep(0.01)
        for k in range(120, 130):
            client.put(("test", cases.SET, k), {"n": 3, "s": "ab", "l": [3]}, policy={"key": A.POLICY_KEY_SEND})
        client.truncate("test", cases.SET, cut)
        assert wait_for(lambda: all(not client.exists(("test", cases.SET, k)).meta for k in range(100, 120)), 8)
        # A node leaves (its partitions move to the others) and comes back (they move back).
        victim = cluster.ports[1]
        info(cluster.ports[0], f"cluster-stop-node:port={victim}")
        assert wait_for(lambda: len(client.get_node_names()) == NODES - 1)
        answers, scans = queries_agree(client, seed)
        assert [a for a, s in zip(answers, scans) if s is not None] == [s for s in scans if s is not None]
        info(cluster.ports[0], f"cluster-start-node:port={victim}")
        assert wait_for(lambda: len(client.get_node_names()) == NODES)
        time.sleep(0.5)
        answers, scans = queries_agree(client, seed)
        assert [a for a, s in zip(answers, scans) if s is not None] == [s for s in scans if s is not None]
        survivors = sorted(r.key.user_key for r in client.query("test", cases.SET).results() if r.key.user_key >= 100)
        assert survivors == list(range(120, 130))
    finally:
        client.truncate("test", cases.SET)
        client.close()
