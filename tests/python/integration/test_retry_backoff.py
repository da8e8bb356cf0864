"""Retry backoff (beyond aerospike-py): the pause before each retry grows by
backoff_multiplier, up to max_sleep_between_retries, and jitter draws it at random up to that;
without them the pause is the fixed sleep_between_retries of the official clients. A paused
server makes every attempt time out, so a command's duration is its attempts and pauses."""

import asyncio
import time

import pytest

import aerospike_py as A
from aerospike_py.testing import EmbeddedServer

ATTEMPT_MS = 30
# Lower bounds count the pauses, which never end early, and only some of the attempts.
SOME_ATTEMPTS = 2 * ATTEMPT_MS
BASE = {"socket_timeout": ATTEMPT_MS, "total_timeout": 5000, "max_retries": 3, "sleep_between_retries": 40}


@pytest.fixture(scope="module")
def hung():
    """A client of a server that is paused (every attempt times out)."""
    with EmbeddedServer() as server:
        client = A.client(server.config()).connect()
        server.pause()
        yield client, server
        server.resume()
        client.close()


def elapsed_ms(call):
    start = time.monotonic()
    with pytest.raises(A.AerospikeTimeoutError):
        call()
    return (time.monotonic() - start) * 1000


def test_fixed_pause_by_default(hung):
    client, _ = hung
    took = elapsed_ms(lambda: client.get(("test", "b", 1), policy=BASE))
    assert SOME_ATTEMPTS + 3 * 40 <= took < 4 * ATTEMPT_MS + 40 + 120 + 360  # 40 ms pauses, not growing


def test_exponential_backoff(hung):
    client, _ = hung
    took = elapsed_ms(lambda: client.get(("test", "b", 1), policy={**BASE, "backoff_multiplier": 3}))
    assert took >= SOME_ATTEMPTS + 40 + 120 + 360


def test_backoff_cap(hung):
    client, _ = hung
    policy = {**BASE, "backoff_multiplier": 3, "max_sleep_between_retries": 60}
    took = elapsed_ms(lambda: client.get(("test", "b", 1), policy=policy))
    assert SOME_ATTEMPTS + 40 + 60 + 60 <= took < 4 * ATTEMPT_MS + 40 + 120 + 360


def test_jitter_never_waits_longer(hung):
    client, _ = hung
    policy = {**BASE, "sleep_between_retries": 150, "jitter": True}
    took = min(elapsed_ms(lambda: client.get(("test", "b", 1), policy=policy)) for _ in range(3))
    # Three full 150 ms pauses would take 450 ms; random ones up to 150 ms almost never add up to that three times.
    assert SOME_ATTEMPTS <= took < 4 * ATTEMPT_MS + 450


def test_async_backoff(hung):
    _, server = hung

    async def run():
        server.resume()  # connect needs an answering server; the command then finds it paused
        aclient = await A.AsyncClient(server.config()).connect()
        server.pause()
        try:
            start = time.monotonic()
            with pytest.raises(A.AerospikeTimeoutError):
                await aclient.get(("test", "b", 1), policy={**BASE, "backoff_multiplier": 3})
            return (time.monotonic() - start) * 1000
        finally:
            server.resume()
            await aclient.close()
            server.pause()

    assert asyncio.run(run()) >= SOME_ATTEMPTS + 40 + 120 + 360


def test_bad_backoff_values(hung):
    client, _ = hung
    with pytest.raises(A.InvalidArgError):
        client.get(("test", "b", 1), policy={"backoff_multiplier": 0.5})
    with pytest.raises(TypeError):
        client.get(("test", "b", 1), policy={"backoff_multiplier": "2"})
    with pytest.raises(TypeError):
        client.get(("test", "b", 1), policy={"jitter": 1})
