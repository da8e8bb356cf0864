"""The client against an aero-server in security mode (``--security``): login at connect,
session tokens on every new connection (sync, async, batch), wrong or missing credentials,
and re-login before a short session TTL runs out."""

import asyncio
import os
import time
import uuid

import pytest

import aerospike_py as A
from aerospike_py.testing import EmbeddedServer

USER, PASSWORD = "alice", "secret"


@pytest.fixture(scope="module")
def secured():
    server = EmbeddedServer(args=["--security", "--user", f"{USER}:{PASSWORD}:read-write"]).start()
    yield server
    server.stop()


def _config(server, **extra):
    return {"hosts": [(server.host, server.port)], "timeout": 2000, **extra}


def _key(i=0):
    return ("test", "auth", f"{uuid.uuid4().hex}-{i}")


def test_login_then_sync_commands_and_batch(secured):
    client = A.client(_config(secured)).connect(USER, PASSWORD)
    try:
        keys = [_key(i) for i in range(20)]
        for i, k in enumerate(keys):
            client.put(k, {"i": i})
        assert client.get(keys[3]).bins == {"i": 3}
        assert client.batch_read(keys) == {k[2]: {"i": i} for i, k in enumerate(keys)}
        assert client.info_all("build")  # info goes over authenticated pooled connections too
    finally:
        client.close()


async def test_login_then_async_commands(secured):
    client = await A.AsyncClient(_config(secured)).connect(USER, PASSWORD)
    try:
        keys = [_key(i) for i in range(200)]
        # Concurrency makes the async engine open many new connections, each authenticated.
        await asyncio.gather(*(client.put(k, {"i": i}) for i, k in enumerate(keys)))
        records = await asyncio.gather(*(client.get(k) for k in keys))
        assert [r.bins["i"] for r in records] == list(range(200))
        assert await client.batch_read(keys[:10]) == {k[2]: {"i": i} for i, k in enumerate(keys[:10])}
    finally:
        await client.close()


def test_wrong_password_is_an_admin_error_at_once(secured):
    start = time.monotonic()
    with pytest.raises(A.AdminError) as err:
        A.client(_config(secured)).connect(USER, "wrong")
    assert err.value.code == 65  # INVALID_CREDENTIAL
    assert err.value.msg == ("login failed: server result code 65 (AEROSPIKE_INVALID_CREDENTIAL): invalid "
                             "credential (wrong password or session token)")
    assert time.monotonic() - start < 2


def test_unknown_user_is_an_admin_error(secured):
    with pytest.raises(A.AdminError) as err:
        A.client(_config(secured)).connect("mallory", PASSWORD)
    assert err.value.code == 60  # INVALID_USER
    assert err.value.msg == "login failed: server result code 60 (AEROSPIKE_INVALID_USER): invalid user name"


def test_no_credentials_fail_with_not_authenticated(secured):
    # The seed's info request is refused with 80, so no node can even be validated.
    with pytest.raises(A.AdminError) as err:
        A.client(_config(secured)).connect()
    assert err.value.code == 80


def test_a_user_against_a_server_without_security_fails(server_config):
    # A Community server answers 51 (security not supported), as the official clients report.
    if "AEROSPIKE_HOST" in os.environ:
        pytest.skip("depends on the server's edition")
    with pytest.raises(A.AdminError) as err:
        A.client(dict(server_config)).connect(USER, PASSWORD)
    assert err.value.code == 51


def test_short_sessions_are_renewed_by_the_tend_thread():
    with EmbeddedServer(args=["--security", "--user", f"{USER}:{PASSWORD}", "--session-ttl", "2"]) as server:
        # idle_timeout 1 s: commands 1.1 s apart always open a new connection, which must
        # AUTHENTICATE with a token that is still valid.
        client = A.client(_config(server, idle_timeout=1, tend_interval=200)).connect(USER, PASSWORD)
        try:
            key = _key()
            deadline = time.monotonic() + 4.5
            i = 0
            while time.monotonic() < deadline:
                client.put(key, {"i": i})
                assert client.get(key).bins == {"i": i}
                i += 1
                time.sleep(0.55 if i % 2 else 1.1)
        finally:
            client.close()


def test_every_node_of_a_secured_cluster_accepts_the_client():
    # The nodes share users, each with sessions of its own; the tend logs in to each node it discovers.
    with EmbeddedServer(nodes=3, args=["--security", "--user", f"{USER}:{PASSWORD}"]) as server:
        client = A.client(_config(server)).connect(USER, PASSWORD)
        try:
            keys = [_key(i) for i in range(60)]
            for i, k in enumerate(keys):
                client.put(k, {"i": i})
            assert len(client.info_all("node")) == 3
            assert client.batch_read(keys) == {k[2]: {"i": i} for i, k in enumerate(keys)}
        finally:
            client.close()


async def test_short_sessions_are_renewed_for_async_connections():
    with EmbeddedServer(args=["--security", "--user", f"{USER}:{PASSWORD}", "--session-ttl", "2"]) as server:
        client = await A.AsyncClient(_config(server, idle_timeout=1, tend_interval=200)).connect(USER, PASSWORD)
        try:
            key = _key()
            deadline = time.monotonic() + 4.5
            i = 0
            while time.monotonic() < deadline:
                await client.put(key, {"i": i})
                assert (await client.get(key)).bins == {"i": i}
                i += 1
                await asyncio.sleep(1.1)
        finally:
            await client.close()
