"""The timeout_delay policy: when a reply times out, its connection is drained in the
background for up to timeout_delay ms and pooled again, instead of being closed (the official
clients' connection recovery). A paused server makes the attempt time out with the reply still
to come; resuming it sends the reply, which the drain reads. get_stats() counts each drained
connection as recovered, and each one given up (the delay ran out first) as aborted."""

import asyncio
import time

import pytest

import aerospike_py as A
from aerospike_py.testing import EmbeddedServer

KEY = ("test", "delay", 1)
# One attempt of 150 ms: the server, paused, cannot answer within it.
TIMED = {"socket_timeout": 150, "total_timeout": 150, "max_retries": 0}


@pytest.fixture(scope="module")
def server():
    with EmbeddedServer() as s:
        with A.client(s.config()).connect() as c:
            c.put(KEY, {"v": 1})
            c.put(("test", "delay", 2), {"v": 2})
        yield s


@pytest.fixture
def client(server):
    with A.client(server.config()).connect() as c:
        yield c


def connections(client):
    (node,) = client.get_stats()["nodes"]
    return node["connections"]


def wait_for(predicate, seconds=5.0):
    end = time.monotonic() + seconds
    while time.monotonic() < end:
        if predicate():
            return True
        time.sleep(0.02)
    return predicate()


def time_out_while_paused(server, call):
    """Runs `call` against the paused server (it must time out), then resumes the server."""
    with server.paused(), pytest.raises(A.AerospikeTimeoutError):
        call()


@pytest.mark.parametrize("command", [
    lambda c, p: c.get(KEY, policy=p),
    lambda c, p: c.put(KEY, {"v": 1}, policy=p),
    lambda c, p: c.batch_read([KEY, ("test", "delay", 2)], policy=p),
    lambda c, p: c.scan("test", "delay").results(policy=p),
], ids=["get", "put", "batch_read", "scan"])
def test_timed_out_connection_is_drained_and_pooled(server, client, command):
    command(client, {})  # a pooled connection of the kind the command uses exists
    before = connections(client)
    time_out_while_paused(server, lambda: command(client, {**TIMED, "timeout_delay": 3000}))
    assert wait_for(lambda: connections(client)["recovered"] == before["recovered"] + 1)
    after = connections(client)
    assert after["aborted"] == before["aborted"]
    # The connection came back to its pool: nothing was closed, and it serves the next command.
    assert after["open"] + after["async_open"] == before["open"] + before["async_open"]
    assert client.get(KEY).bins == {"v": 1}


def test_without_timeout_delay_the_connection_is_closed(server, client):
    client.get(KEY)
    before = connections(client)
    time_out_while_paused(server, lambda: client.get(KEY, policy=TIMED))
    time.sleep(0.3)
    after = connections(client)
    assert (after["recovered"], after["aborted"]) == (before["recovered"], before["aborted"])
    assert after["open"] == before["open"] - 1


def test_drain_gives_up_at_the_delay(server, client):
    client.get(KEY)
    before = connections(client)
    with server.paused():
        with pytest.raises(A.AerospikeTimeoutError):
            client.get(KEY, policy={**TIMED, "timeout_delay": 100})
        # Still paused when the 100 ms drain ends: the connection is closed.
        assert wait_for(lambda: connections(client)["aborted"] == before["aborted"] + 1)
    after = connections(client)
    assert after["recovered"] == before["recovered"]
    assert after["open"] == before["open"] - 1


async def _async_connections_once(c, counter, value):
    """The async client's connection counters once ``counter`` reaches ``value``, or after 5 s."""
    for _ in range(250):
        now = c.get_stats()["nodes"][0]["connections"]
        if now[counter] == value:
            break
        await asyncio.sleep(0.02)
    return now


def test_async_get_and_batch_drain(server):
    async def run():
        async with A.AsyncClient(server.config()) as c:
            await c.connect()
            await c.get(KEY)
            for command in (lambda p: c.get(KEY, policy=p), lambda p: c.batch_read([KEY], policy=p)):
                before = c.get_stats()["nodes"][0]["connections"]
                with server.paused(), pytest.raises(A.AerospikeTimeoutError):
                    await command({**TIMED, "timeout_delay": 3000})
                now = await _async_connections_once(c, "recovered", before["recovered"] + 1)
                assert now["recovered"] == before["recovered"] + 1
                assert now["aborted"] == before["aborted"]
                assert now["async_open"] == before["async_open"]
                assert (await c.get(KEY)).bins == {"v": 1}

    asyncio.run(run())


def test_async_drain_gives_up_at_the_delay(server):
    async def run():
        async with A.AsyncClient(server.config()) as c:
            await c.connect()
            await c.get(KEY)
            before = c.get_stats()["nodes"][0]["connections"]
            with server.paused():
                with pytest.raises(A.AerospikeTimeoutError):
                    await c.get(KEY, policy={**TIMED, "timeout_delay": 100})
                # Still paused when the 100 ms drain ends: the connection is closed.
                now = await _async_connections_once(c, "aborted", before["aborted"] + 1)
            assert now["aborted"] == before["aborted"] + 1
            assert now["recovered"] == before["recovered"]
            assert now["async_open"] == before["async_open"] - 1
            assert (await c.get(KEY)).bins == {"v": 1}

    asyncio.run(run())


def test_timeout_delay_must_be_an_unsigned_int(client):
    with pytest.raises(TypeError):
        client.get(KEY, policy={"timeout_delay": "1000"})
    with pytest.raises(A.InvalidArgError):
        client.get(KEY, policy={"timeout_delay": -1})
