"""A peer that announces a huge reply and never sends it costs the client no memory: reply
buffers grow with the bytes that arrive, not with the size a header claims."""

import asyncio

import aerospike_py as A

from fault_checks import policy
from fault_proxy import announce

pytest_plugins = ["fault_fixtures"]

ANNOUNCED = 120 << 20
REPEATS = 4
#: What the process may grow by over all the repeats: far less than one announced body.
ALLOWED_GROWTH = 16 << 20


def _rss() -> int:
    with open("/proc/self/status") as f:
        for line in f:
            if line.startswith("VmRSS:"):
                return int(line.split()[1]) * 1024
    raise RuntimeError("no VmRSS")


def test_sync_reply_announcing_120_mib_allocates_nothing(sync_client, proxy, records):
    """Each get times out waiting for the announced bytes; the client's RSS stays flat."""
    sync_client.get(records[0])
    before = _rss()
    for _ in range(REPEATS):
        proxy.inject(announce(ANNOUNCED), count=1)
        try:
            sync_client.get(records[0], policy=policy(300))
            raise AssertionError("a reply that never came was accepted")
        except A.AerospikeTimeoutError as e:
            assert not e.in_doubt
    assert _rss() - before < ALLOWED_GROWTH
    assert sync_client.get(records[0]).key.user_key == records[0][2]


async def test_async_reply_announcing_120_mib_allocates_nothing(async_client, proxy, records):
    """The async twin, with the announcements on several connections at once."""
    await async_client.get(records[0])
    before = _rss()
    proxy.inject(announce(ANNOUNCED), count=REPEATS)
    results = await asyncio.gather(*(async_client.get(records[i % len(records)], policy=policy(300))
                                     for i in range(REPEATS)), return_exceptions=True)
    assert all(isinstance(r, A.AerospikeTimeoutError) and not r.in_doubt for r in results), results
    assert _rss() - before < ALLOWED_GROWTH
    assert (await async_client.get(records[0])).key.user_key == records[0][2]
