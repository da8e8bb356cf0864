"""The official ``aerospike`` client connected to the test server, for the cross-client tests."""

import pytest


@pytest.fixture(scope="module")
def official_client(server_config):
    """An official client on the session's server (skips where the package is missing)."""
    official = pytest.importorskip("aerospike", reason="the official aerospike client is not installed")
    config = {"hosts": server_config["hosts"]}
    if "cluster_name" in server_config:
        config["cluster_name"] = server_config["cluster_name"]
    c = official.client(config).connect()
    yield c
    c.close()
