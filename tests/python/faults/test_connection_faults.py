"""Connections that break: closed instead of answering, closed half way through a reply,
closed under load, refused, or not available at all. Calls end at once (well before
total_timeout) with ClusterError, writes that were sent are in doubt and writes that were
never sent are not; retries go to a new connection; when the fault stops, the same client
works again."""

import asyncio
import threading
import time

import pytest

import aerospike_py as A
from fault_checks import OPS, bins_of, check_error, check_success, policy, proxied_config, run_timed, \
    run_timed_async, wait_until
from fault_proxy import close, drop, truncate

pytest_plugins = ["fault_fixtures"]

#: Ways a connection can end without a whole reply.
LOST = {
    "closed": close,
    "closed-mid-body": lambda: truncate(0.5, then="close"),
    "closed-mid-header": lambda: truncate(4, then="close"),
}
#: Long enough that a call ending on its own would take far longer than these tests allow.
LONG_MS = 5000


@pytest.mark.parametrize("fault", list(LOST))
@pytest.mark.parametrize("op", list(OPS))
def test_sync_call_on_a_lost_connection_fails_at_once(sync_client, proxy, records, op, fault):
    """A sync put/get/operate/remove whose connection closes before the whole reply raises
    ClusterError (AEROSPIKE_ERR_CONNECTION) at once; writes are in doubt, reads are not."""
    proxy.inject(LOST[fault]())
    elapsed, _, exc = run_timed(lambda: OPS[op].call(sync_client, records[0], policy(LONG_MS)))
    check_error(exc, A.ClusterError, OPS[op].is_write, elapsed, LONG_MS)
    assert exc.code == A.AEROSPIKE_ERR_CONNECTION
    assert elapsed < 1.0


@pytest.mark.parametrize("op", list(OPS))
def test_sync_retries_on_lost_connections_end_in_doubt_for_writes(sync_client, proxy, records, op):
    """With max_retries 2 and every connection lost, a sync call tries three times, each on a
    new connection, then raises ClusterError; writes are in doubt, reads are not."""
    rule = proxy.inject(close())
    accepted = proxy.accepted
    elapsed, _, exc = run_timed(lambda: OPS[op].call(sync_client, records[0], policy(LONG_MS, retries=2)))
    check_error(exc, A.ClusterError, OPS[op].is_write, elapsed, LONG_MS)
    assert elapsed < 1.0
    assert rule.wait_applied(3) and rule.applied == 3
    assert proxy.accepted - accepted == 2  # the first attempt used the pooled connection


@pytest.mark.parametrize("op", ["put", "get"])
def test_sync_retry_after_one_lost_connection_succeeds(sync_client, proxy, records, direct, op):
    """One lost connection with max_retries 2: the retry, on a new connection, succeeds and
    the call returns (and leaves) the right result. (Idempotent commands only: a retried
    operate or remove would apply twice, by design of retries.)"""
    rule = proxy.inject(close(), count=1)
    result = OPS[op].call(sync_client, records[2], policy(LONG_MS, retries=2))
    check_success(OPS[op], result, 2, direct, records[2])
    assert rule.applied == 1


@pytest.mark.parametrize("retries", [0, 2])
async def test_async_futures_on_lost_connections_fail_at_once(async_client, proxy, many_records, retries):
    """200 concurrent async commands whose connections close instead of answering all fail
    at once with ClusterError; writes are in doubt, reads are not; with retries too."""
    proxy.inject(close())
    pol = policy(LONG_MS, retries=retries)
    ops = list(OPS.values())
    calls = [(ops[i % len(ops)], key) for i, key in enumerate(many_records)]
    outcomes = await asyncio.gather(*(run_timed_async(op.call(async_client, key, pol)) for op, key in calls))
    for (op, _), (elapsed, _, exc) in zip(calls, outcomes):
        check_error(exc, A.ClusterError, op.is_write, elapsed, LONG_MS)
        assert exc.code == A.AEROSPIKE_ERR_CONNECTION and elapsed < 2.0


async def test_async_connections_closed_mid_flight_fail_pending_futures(async_client, proxy, many_records):
    """200 async commands wait for replies the proxy holds back; closing every connection
    ends them all at once with ClusterError (writes in doubt, reads not), long before
    total_timeout; after the fault the same client serves all 200 again."""
    rule = proxy.inject(drop())
    pol = policy(LONG_MS)
    ops = list(OPS.values())
    calls = [(ops[i % len(ops)], key) for i, key in enumerate(many_records)]
    pending = asyncio.gather(*(run_timed_async(op.call(async_client, key, pol)) for op, key in calls))
    assert await asyncio.to_thread(rule.wait_applied, len(calls))
    proxy.close_connections()
    outcomes = await pending
    for (op, _), (elapsed, _, exc) in zip(calls, outcomes):
        check_error(exc, A.ClusterError, op.is_write, elapsed, LONG_MS)
        assert elapsed < LONG_MS / 1000 / 2
    proxy.clear()
    got = await asyncio.gather(*(async_client.get(k) for i, (op, k) in enumerate(calls) if op.name == "get"))
    assert [r.bins for r in got] == [bins_of(i) for i, (op, _) in enumerate(calls) if op.name == "get"]


def test_sync_write_not_sent_is_not_in_doubt(sync_client, proxy, records):
    """With the proxy no longer listening, a sync write whose connect is refused fails with
    ClusterError at once and is not in doubt (nothing was sent), with retries too; once the
    proxy listens again the client works."""
    proxy.close_connections()
    proxy.stop_listening()
    # The pooled connection is dead now; a read uses it up (reads are never in doubt).
    with pytest.raises(A.ClusterError):
        sync_client.get(records[0], policy=policy(LONG_MS))
    for retries in (0, 2):
        elapsed, _, exc = run_timed(lambda: sync_client.put(records[0], {"i": 5}, policy=policy(LONG_MS, retries)))
        check_error(exc, A.ClusterError, True, elapsed, LONG_MS, sent=False)
        assert elapsed < 1.0
    proxy.resume_listening()
    sync_client.put(records[0], {"i": 5})
    assert sync_client.get(records[0]).bins == {"i": 5, "s": "value-0"}


def test_sync_write_on_a_connection_closed_while_idle_is_not_in_doubt(sync_client, proxy, records, direct):
    """A connection the server closed while it sat idle in the pool is not a sent write: a
    sync put after that, with the proxy no longer listening, fails with ClusterError and is
    not in doubt (and the record is unchanged)."""
    proxy.close_connections()
    proxy.stop_listening()
    time.sleep(0.1)  # the FIN has reached the client's socket
    elapsed, _, exc = run_timed(lambda: sync_client.put(records[0], {"i": 5}, policy=policy(LONG_MS)))
    assert direct.get(records[0]).bins == bins_of(0)
    check_error(exc, A.ClusterError, True, elapsed, LONG_MS, sent=False)


async def test_async_writes_not_sent_are_not_in_doubt(async_client, proxy, records):
    """The async twin: after the proxy closed the idle connections and stopped listening, 200
    async writes fail at once with ClusterError, none in doubt; afterwards the client works."""
    assert (await async_client.get(records[0])).bins == bins_of(0)  # leaves an idle connection
    proxy.close_connections()
    proxy.stop_listening()
    await asyncio.sleep(0.1)  # the engine sees the idle connection close and retires it
    pol = policy(LONG_MS)
    outcomes = await asyncio.gather(*(run_timed_async(async_client.put(records[i % 5], {"i": 9}, policy=pol))
                                      for i in range(200)))
    for elapsed, _, exc in outcomes:
        check_error(exc, A.ClusterError, True, elapsed, LONG_MS, sent=False)
        assert elapsed < 2.0
    proxy.resume_listening()
    assert (await async_client.get(records[1])).bins == bins_of(1)


@pytest.mark.parametrize("retries", [0, 2])
def test_sync_write_refused_for_lack_of_a_connection_is_not_in_doubt(proxy, fault_upstream, records, retries):
    """With max_conns_per_node 1 and that connection busy (its reply held back), a sync put
    from another thread fails with ClusterError (NO_MORE_CONNECTIONS) at once, not in doubt."""
    config = proxied_config(proxy, fault_upstream, max_conns_per_node=1)
    with A.client(config).connect() as c:
        rule = proxy.inject(drop(), count=1)
        held = []
        holder = threading.Thread(target=lambda: held.append(run_timed(lambda: c.get(records[0], policy=policy(600)))))
        holder.start()
        try:
            assert rule.wait_applied(1)
            elapsed, _, exc = run_timed(lambda: c.put(records[1], {"i": 1}, policy=policy(LONG_MS, retries)))
            check_error(exc, A.ClusterError, True, elapsed, LONG_MS, sent=False)
            assert exc.code == A.AEROSPIKE_ERR_NO_MORE_CONNECTIONS
            assert elapsed < 0.5
        finally:
            holder.join()
        assert isinstance(held[0][2], A.AerospikeTimeoutError)


async def test_async_backpressure_refuses_before_sending(proxy, fault_upstream, records):
    """With max_concurrent_operations 10 taken by commands whose replies are held back, the
    40 queued writes fail with BackpressureError after operation_queue_timeout_ms, not in
    doubt; the 10 running ones time out in doubt."""
    config = proxied_config(proxy, fault_upstream, max_concurrent_operations=10, operation_queue_timeout_ms=100)
    client = await A.AsyncClient(config).connect()
    try:
        proxy.inject(drop())
        pol = policy(600)
        outcomes = await asyncio.gather(*(run_timed_async(client.put(records[i % 5], {"i": i}, policy=pol))
                                          for i in range(50)))
        refused = [o for o in outcomes if isinstance(o[2], A.BackpressureError)]
        timed_out = [o for o in outcomes if isinstance(o[2], A.AerospikeTimeoutError)]
        assert len(refused) == 40 and len(timed_out) == 10
        for elapsed, _, exc in refused:
            check_error(exc, A.BackpressureError, True, elapsed, 100, sent=False)
        for elapsed, _, exc in timed_out:
            check_error(exc, A.AerospikeTimeoutError, True, elapsed, 600)
    finally:
        await client.close()


def _outage_then_recovery(client_get, proxy):
    """Every reply of every type (tending's info too) ends its connection for 0.6 s, long
    enough for the client to drop the node; returns the error a get raised meanwhile and
    how long recovery took once the fault stopped."""
    proxy.inject(close(), types=None)
    proxy.close_connections()
    time.sleep(0.6)
    during = None
    try:
        client_get()
    except A.AerospikeError as e:
        during = e
    proxy.clear()
    start = time.monotonic()
    assert wait_until(lambda: _succeeds(client_get), 5.0), "the client did not recover within 5 s"
    return during, time.monotonic() - start


def _succeeds(fn):
    try:
        fn()
    except A.AerospikeError:
        return False
    return True


def test_sync_client_recovers_after_an_outage(proxy, fault_upstream, records):
    """During an outage that drops the node a sync get fails with ClusterError, not in doubt;
    once the fault stops the same client finds the node again and every command works."""
    with A.client(proxied_config(proxy, fault_upstream, tend_interval=50)).connect() as c:
        during, _ = _outage_then_recovery(lambda: c.get(records[0], policy=policy(300)), proxy)
        check_error(during, A.ClusterError, False, 0.0, 300)
        c.put(records[1], {"i": 21})
        assert c.get(records[1]).bins == {"i": 21, "s": "value-1"}
        assert c.batch_read(records[2:]) == {k[2]: bins_of(i + 2) for i, k in enumerate(records[2:])}


async def test_async_client_recovers_after_an_outage(proxy, fault_upstream, many_records):
    """The async twin: after the outage 200 concurrent gets on the same client all return
    their records."""
    client = await A.AsyncClient(proxied_config(proxy, fault_upstream, tend_interval=50)).connect()
    try:
        assert (await client.get(many_records[0])).bins == bins_of(0)
        loop = asyncio.get_running_loop()

        def get_once():
            asyncio.run_coroutine_threadsafe(client.get(many_records[0], policy=policy(300)), loop).result(5)

        during, _ = await asyncio.to_thread(_outage_then_recovery, get_once, proxy)
        check_error(during, A.ClusterError, False, 0.0, 300)
        got = await asyncio.gather(*(client.get(k) for k in many_records))
        assert [r.bins for r in got] == [bins_of(i) for i in range(len(many_records))]
    finally:
        await client.close()


@pytest.mark.parametrize("fault", ["closed", "closed-mid-body"])
def test_sync_batch_write_on_a_lost_connection_is_in_doubt(sync_client, proxy, records, fault):
    """A sync batch_write whose connection closes before the whole answer ends at once with
    every row failed (AEROSPIKE_ERR_CONNECTION) and in doubt."""
    proxy.inject(LOST[fault]())
    elapsed, result, exc = run_timed(lambda: sync_client.batch_write([(k, {"x": 1}) for k in records],
                                                                     policy=policy(LONG_MS)))
    assert exc is None and elapsed < 1.0
    assert [(r.result, r.in_doubt) for r in result.batch_records] == [(A.AEROSPIKE_ERR_CONNECTION, True)] * 5


async def test_async_batch_write_on_a_lost_connection_is_in_doubt(async_client, proxy, records):
    """The async twin, 20 batches at once."""
    proxy.inject(close())
    outcomes = await asyncio.gather(*(run_timed_async(async_client.batch_write([(k, {"x": 1}) for k in records],
                                                                               policy=policy(LONG_MS)))
                                      for _ in range(20)))
    for elapsed, result, exc in outcomes:
        assert exc is None and elapsed < 2.0
        assert [(r.result, r.in_doubt) for r in result.batch_records] == [(A.AEROSPIKE_ERR_CONNECTION, True)] * 5
