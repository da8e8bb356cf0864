"""Replies that never come (dropped, stalled half way, or too late): every pending call, sync or
async, single-record or batch, ends within total_timeout plus a margin with
AerospikeTimeoutError; a write is then in doubt, a read never is. A late reply is never taken
for the answer to a later command."""

import asyncio
import time

import pytest

import aerospike_py as A
from fault_checks import MARGIN_S, OPS, bins_of, check_error, policy, run_timed, run_timed_async, wait_until
from fault_proxy import delay, drop, truncate

pytest_plugins = ["fault_fixtures"]

#: Faults after which no (whole) reply arrives in time.
NO_REPLY = {
    "drop": drop,
    "stall": lambda: truncate(0.5, then="stall"),
    "late": lambda: delay(3.0),
}
#: (policy, attempts): one attempt for the whole total_timeout; or three of socket_timeout
#: each, which together take the whole total_timeout.
RETRIES = {
    "no-retry": (policy(300), 1),
    "2-retries": (policy(450, retries=2, socket_ms=150), 3),
}


#: The late reply goes the same way through the client as a dropped one, so once is enough.
SYNC_CASES = [(f, r) for f in NO_REPLY for r in RETRIES if not (f == "late" and r != "no-retry")]


@pytest.mark.parametrize("fault,retries", SYNC_CASES)
@pytest.mark.parametrize("op", list(OPS))
def test_sync_call_without_reply_times_out(sync_client, proxy, records, op, fault, retries):
    """A sync put/get/operate/remove whose replies never come raises AerospikeTimeoutError
    after about total_timeout, having tried as often as max_retries allows; writes are in
    doubt, reads are not."""
    pol, attempts = RETRIES[retries]
    rule = proxy.inject(NO_REPLY[fault]())
    elapsed, _, exc = run_timed(lambda: OPS[op].call(sync_client, records[0], pol))
    check_error(exc, A.AerospikeTimeoutError, OPS[op].is_write, elapsed, pol["total_timeout"])
    assert exc.code == A.AEROSPIKE_ERR_TIMEOUT
    assert elapsed >= pol["total_timeout"] / 1000 * 0.9  # the fault, not something else, ended it
    # The last attempt's reply may still be on its way through the proxy when the call ends;
    # and on a badly loaded machine a late timer may leave no time for the last retry.
    rule.wait_applied(attempts, timeout=1.0)
    assert (rule.applied == 1) if attempts == 1 else (1 < rule.applied <= attempts)


@pytest.mark.parametrize("retries", list(RETRIES))
async def test_async_futures_without_reply_time_out(async_client, proxy, many_records, retries):
    """200 concurrent async commands (put, get, operate, remove in turn) whose replies never
    come all end within total_timeout plus the margin with AerospikeTimeoutError, each with
    the in_doubt of its kind; with retries, every command tried again."""
    pol, attempts = RETRIES[retries]
    proxy.inject(drop())
    accepted = proxy.accepted
    ops = [OPS[name] for name in OPS]
    calls = [(ops[i % len(ops)], key) for i, key in enumerate(many_records)]
    outcomes = await asyncio.gather(*(run_timed_async(op.call(async_client, key, pol)) for op, key in calls))
    for (op, _), (elapsed, _, exc) in zip(calls, outcomes):
        check_error(exc, A.AerospikeTimeoutError, op.is_write, elapsed, pol["total_timeout"])
    # Each attempt ran on a connection of its own (a timed-out one is never reused). Counted
    # at accept, not by replies: under this burst the proxy may not relay every last reply
    # before its attempt gives up.
    # (A late timer on a badly loaded machine may leave no time for some last retries.)
    most = accepted + attempts * len(calls)
    await asyncio.to_thread(wait_until, lambda: proxy.accepted >= most, 2.0)
    if attempts == 1:
        assert proxy.accepted == most
    else:
        assert accepted + len(calls) < proxy.accepted <= most


def test_reply_slower_than_usual_but_in_time_succeeds(sync_client, proxy, records):
    """A reply delayed well within the timeouts is a slow answer, not a fault: the command
    returns the right result."""
    rule = proxy.inject(delay(0.2))
    assert sync_client.get(records[0], policy=policy(3000)).bins == bins_of(0)
    sync_client.put(records[1], {"i": 11}, policy=policy(3000))
    assert rule.applied == 2
    proxy.clear()
    assert sync_client.get(records[1]).bins == {"i": 11, "s": "value-1"}


def test_sync_late_reply_never_answers_a_later_command(sync_client, proxy, records):
    """After a get timed out, its late reply is never read as the answer to the next commands,
    even once it has arrived: each get returns its own record."""
    rule = proxy.inject(delay(0.4), count=1)
    with pytest.raises(A.AerospikeTimeoutError):
        sync_client.get(records[0], policy=policy(150))
    for i in range(1, 5):
        assert sync_client.get(records[i]).bins == bins_of(i)
    assert rule.wait_applied(1)
    time.sleep(0.5)  # the late reply has now been sent
    for i in range(5):
        assert sync_client.get(records[i]).bins == bins_of(i)


async def test_async_late_reply_never_answers_a_later_command(async_client, proxy, records):
    """The async twin: late replies of timed-out gets never resolve later futures."""
    proxy.inject(delay(0.4), count=3)
    late = await asyncio.gather(*(async_client.get(k, policy=policy(150)) for k in records[:3]),
                                return_exceptions=True)
    assert all(isinstance(e, A.AerospikeTimeoutError) for e in late)
    for _ in range(2):
        got = await asyncio.gather(*(async_client.get(k) for k in records))
        assert [r.bins for r in got] == [bins_of(i) for i in range(5)]
        await asyncio.sleep(0.5)  # the second round runs after the late replies arrived


BATCH_RETRIES = {
    "no-retry": policy(300),
    "2-retries": policy(450, retries=2, socket_ms=150),
}


def _check_batch_write(result_or_exc, elapsed, pol, n):
    """Every row of a batch write that got no reply failed with a timeout and is in doubt (or
    the whole call raised that)."""
    assert elapsed <= pol["total_timeout"] / 1000 + MARGIN_S
    if isinstance(result_or_exc, A.AerospikeError):
        assert isinstance(result_or_exc, A.AerospikeTimeoutError) and result_or_exc.in_doubt is True
        return
    rows = result_or_exc.batch_records
    assert len(rows) == n
    assert [(r.result, r.in_doubt) for r in rows] == [(A.AEROSPIKE_ERR_TIMEOUT, True)] * n


@pytest.mark.parametrize("retries", list(BATCH_RETRIES))
def test_sync_batch_write_without_reply_is_in_doubt(sync_client, proxy, records, retries):
    """A sync batch_write whose replies never come ends in time with every row timed out and
    in doubt."""
    pol = BATCH_RETRIES[retries]
    proxy.inject(drop())
    elapsed, result, exc = run_timed(lambda: sync_client.batch_write([(k, {"x": 1}) for k in records], policy=pol))
    _check_batch_write(exc or result, elapsed, pol, len(records))


@pytest.mark.parametrize("retries", list(BATCH_RETRIES))
async def test_async_batch_write_without_reply_is_in_doubt(async_client, proxy, records, retries):
    """The async twin, with 20 batches in flight at once."""
    pol = BATCH_RETRIES[retries]
    proxy.inject(drop())
    outcomes = await asyncio.gather(*(
        run_timed_async(async_client.batch_write([(k, {"x": j}) for k in records], policy=pol)) for j in range(20)))
    for elapsed, result, exc in outcomes:
        _check_batch_write(exc or result, elapsed, pol, len(records))


def test_sync_batch_read_without_reply_raises_timeout(sync_client, proxy, records):
    """A sync batch_read whose replies never come raises AerospikeTimeoutError in time (not in
    doubt) instead of returning a result in which the records look missing."""
    proxy.inject(drop())
    elapsed, result, exc = run_timed(lambda: sync_client.batch_read(records, policy=policy(300)))
    assert result is None, f"batch_read returned {result!r} for {len(records)} existing records"
    check_error(exc, A.AerospikeTimeoutError, False, elapsed, 300)


async def test_async_batch_read_without_reply_raises_timeout(async_client, proxy, records):
    """The async twin."""
    proxy.inject(drop())
    elapsed, result, exc = await run_timed_async(async_client.batch_read(records, policy=policy(300)))
    assert result is None, f"batch_read returned {result!r} for {len(records)} existing records"
    check_error(exc, A.AerospikeTimeoutError, False, elapsed, 300)
