"""The official client for the UDF tests, with a Lua user path of its own (the client copies
registered modules there, and runs the client side of aggregations from it). One client for
the session: the official client configures its Lua once per process, so a second client's
user path would be ignored."""

from typing import Any, Iterator

import pytest


@pytest.fixture(scope="session")
def official_client(server_config: dict, tmp_path_factory: pytest.TempPathFactory) -> Iterator[Any]:
    official = pytest.importorskip("aerospike", reason="the official aerospike client is not installed")
    config: dict = {"hosts": server_config["hosts"], "lua": {"user_path": str(tmp_path_factory.mktemp("lua"))}}
    if "cluster_name" in server_config:
        config["cluster_name"] = server_config["cluster_name"]
    connected = official.client(config).connect()
    yield connected
    connected.close()
