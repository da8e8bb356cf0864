"""The cluster the multi-node tests share by default: a 3-node aero-server with replication
factor 2, one per test module (a module needing other settings defines its own)."""

import pytest
from cluster_tools import NODES

from aerospike_py.testing import EmbeddedServer


@pytest.fixture(scope="module")
def cluster():
    with EmbeddedServer(nodes=NODES, args=["--replication-factor", "2"]) as server:
        yield server
