"""Shared fixtures: a server for the whole session, a connected client per module, cleanup.

The server is an ``aero-server --port 0`` started once per session (binary from ``$AERO_SERVER``,
default ``<repo>/build/aero-server``) and stopped with SIGTERM at the end, unless
``AEROSPIKE_HOST``/``AEROSPIKE_PORT`` name a running server (a real Aerospike, say); its cluster
name then comes from ``AEROSPIKE_CLUSTER_NAME`` when set. Tests are marked by directory:
``unit``, ``integration``, ``concurrency``, ``compatibility``, ``cdt``, ``exp``, ``dist``...
"""

import os
import uuid
from pathlib import Path
from typing import Any, Callable, Iterator

import pytest

REPO = Path(__file__).resolve().parents[2]
NAMESPACE = "test"
#: A port nothing listens on (connect failures must be quick and clean).
UNREACHABLE_CONFIG = {"hosts": [("127.0.0.1", 19999)], "timeout": 500}


def pytest_collection_modifyitems(items: list) -> None:
    """Marks each test with the name of its directory (unit, integration, concurrency)."""
    for item in items:
        layer = Path(str(item.fspath)).parent.name
        if layer in ("unit", "integration", "concurrency", "compatibility", "cluster", "faults", "cdt", "exp", "sindex", "security", "udf", "dist"):
            item.add_marker(getattr(pytest.mark, layer))


def _external_server_config() -> "dict[str, Any] | None":
    host = os.environ.get("AEROSPIKE_HOST")
    port = os.environ.get("AEROSPIKE_PORT")
    if not host and not port:
        return None
    config: dict[str, Any] = {"hosts": [(host or "127.0.0.1", int(port or 3000))]}
    cluster_name = os.environ.get("AEROSPIKE_CLUSTER_NAME")
    if cluster_name:
        config["cluster_name"] = cluster_name
    return config


@pytest.fixture(scope="session")
def external_config() -> "dict[str, Any] | None":
    """The client config of the server ``AEROSPIKE_HOST``/``AEROSPIKE_PORT`` name, or None."""
    return _external_server_config()


@pytest.fixture(scope="session")
def official_lua_path(tmp_path_factory: pytest.TempPathFactory) -> str:
    """The official clients' Lua user path: it copies registered UDF modules there and runs the
    client side of aggregations from it. One for the session, because the official client sets
    up its Lua once per process (the first client's path is the one used)."""
    return str(tmp_path_factory.mktemp("official-lua"))


@pytest.fixture(scope="module")
def official_client(server_config: dict[str, Any], official_lua_path: str) -> Iterator[Any]:
    """The official ``aerospike`` client on the session's server, for the cross-client tests
    (which skip where the package is missing)."""
    official = pytest.importorskip("aerospike", reason="the official aerospike client is not installed")
    config: dict[str, Any] = {"hosts": server_config["hosts"], "lua": {"user_path": official_lua_path}}
    if "cluster_name" in server_config:
        config["cluster_name"] = server_config["cluster_name"]
    connected = official.client(config).connect()
    yield connected
    connected.close()


@pytest.fixture(scope="module")
def real_and_embedded(external_config: "dict[str, Any] | None") -> Iterator[tuple]:
    """Clients of the real server ``AEROSPIKE_HOST`` names and of an embedded aero-server, for
    the differential tests (which skip without a real server)."""
    if external_config is None:
        pytest.skip("no real server: set AEROSPIKE_HOST to compare aero-server with it")
    import aerospike_py
    from aerospike_py.testing import EmbeddedServer

    binary = os.environ.get("AERO_SERVER") or str(REPO / "build" / "aero-server")
    with EmbeddedServer(binary=binary) as server:
        real = aerospike_py.client(external_config).connect()
        ours = aerospike_py.client(server.config()).connect()
        yield real, ours
        real.close()
        ours.close()


@pytest.fixture(scope="session")
def server_config() -> Iterator[dict[str, Any]]:
    """The client config of the session's server (embedded, or the one the environment names)."""
    external = _external_server_config()
    if external is not None:
        yield external
        return
    binary = os.environ.get("AERO_SERVER") or str(REPO / "build" / "aero-server")
    if not os.access(binary, os.X_OK):
        pytest.skip(f"no server: {binary} is missing (build it, set AERO_SERVER, or set AEROSPIKE_HOST)")
    from aerospike_py.testing import EmbeddedServer

    with EmbeddedServer(binary=binary) as server:
        yield server.config()


@pytest.fixture(scope="module")
def client(server_config: dict[str, Any]) -> Iterator[Any]:
    """A connected client shared by the tests of one module."""
    import aerospike_py

    connected = aerospike_py.client(server_config).connect()
    yield connected
    connected.close()


@pytest.fixture
def cleanup(client: Any) -> Iterator[list]:
    """A list of keys the test wrote; each is removed afterwards (missing ones are fine)."""
    import aerospike_py

    written: list = []
    yield written
    for key in written:
        try:
            client.remove(key)
        except aerospike_py.RecordNotFound:
            pass


@pytest.fixture
def new_key(cleanup: list) -> Callable[..., tuple]:
    """Makes a unique key in set "pytest" (or ``set_name``) and registers it for cleanup."""

    def make(user_key: Any = None, set_name: str = "pytest") -> tuple:
        key = (NAMESPACE, set_name, user_key if user_key is not None else f"k-{uuid.uuid4().hex}")
        cleanup.append(key)
        return key

    return make
