"""Fixtures of the fault-injection tests (a pytest plugin, loaded by each test module with
``pytest_plugins``).

A ``conftest.py`` here would be imported as the module ``conftest`` and shadow
``tests/python/conftest.py``, which other test modules import by that name.

Every test gets its own :class:`FaultProxy` in front of the session's server and clients that
connect through it. A single-node server advertises no peers, so the client never learns an
address other than its seed, the proxy (``test_proxy.py`` checks it).
"""

from __future__ import annotations

import uuid
from typing import Any, Iterator

import pytest

import aerospike_py as A
from fault_checks import NAMESPACE, SET, bins_of, proxied_config
from fault_proxy import FaultProxy


def _loopback_single_node(config: dict) -> None:
    """Skips unless the server is one node on a loopback address (all the proxy can front)."""
    host = config["hosts"][0][0]
    if host not in ("127.0.0.1", "::1", "localhost"):
        pytest.skip(f"the fault proxy relays to loopback servers only, not {host}")
    with A.client(config).connect() as probe:
        peers = probe.info_random_node("peers-clear-std")
    if not peers.endswith(",[]"):
        pytest.skip(f"the server has peers ({peers}); the client would connect to them around the proxy")


@pytest.fixture(scope="session")
def fault_upstream(server_config: dict) -> dict:
    """The session server's config, after checking the proxy can stand in front of it."""
    _loopback_single_node(server_config)
    return server_config


@pytest.fixture
def proxy(fault_upstream: dict) -> Iterator[FaultProxy]:
    """A fault proxy in front of the session's server, stopped after the test."""
    host, port = fault_upstream["hosts"][0][:2]
    with FaultProxy((host, port)) as p:
        yield p


@pytest.fixture
def sync_client(proxy: FaultProxy, fault_upstream: dict) -> Iterator[Any]:
    """A sync client connected through the proxy (its tend thread idle during the test)."""
    with A.client(proxied_config(proxy, fault_upstream)).connect() as c:
        yield c


@pytest.fixture
async def async_client(proxy: FaultProxy, fault_upstream: dict) -> Any:
    """An async client connected through the proxy."""
    c = await A.AsyncClient(proxied_config(proxy, fault_upstream)).connect()
    yield c
    await c.close()


@pytest.fixture
def direct(fault_upstream: dict) -> Iterator[Any]:
    """A client connected to the server directly, to set up and to check what was stored."""
    with A.client(fault_upstream).connect() as c:
        yield c


@pytest.fixture
def records(direct: Any) -> Iterator[list[tuple]]:
    """Five fresh records, key ``i`` holding :func:`bins_of` ``(i)``; removed afterwards."""
    tag = uuid.uuid4().hex
    keys = [(NAMESPACE, SET, f"{tag}-{i}") for i in range(5)]
    for i, key in enumerate(keys):
        direct.put(key, bins_of(i))
    yield keys
    for key in keys:
        try:
            direct.remove(key)
        except A.RecordNotFound:
            pass


@pytest.fixture
def many_records(direct: Any) -> Iterator[list[tuple]]:
    """200 fresh records for concurrent load, key ``i`` holding :func:`bins_of` ``(i)``."""
    tag = uuid.uuid4().hex
    keys = [(NAMESPACE, SET, f"{tag}-{i}") for i in range(200)]
    direct.batch_write([(key, bins_of(i)) for i, key in enumerate(keys)])
    yield keys
    direct.batch_remove(keys)
