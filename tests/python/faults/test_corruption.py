"""Corrupted replies: a bad proto version or type, absurd or wrong sizes, a broken AS_MSG header,
op or field counts the body cannot hold, a garbage body, a reply sent twice. None may crash the
process or pass for a good answer: a call raises ClientError or ClusterError (a write in doubt,
a read not) or returns exactly the right result, and the commands after it get their own
answers."""

import asyncio
import json
import os
import random
import subprocess
import sys
from pathlib import Path

import pytest

import aerospike_py as A
from fault_checks import NAMESPACE, OPS, SET, bins_of, check_error, check_success, policy, proxied_config, \
    run_timed, run_timed_async
from fault_proxy import CORRUPTIONS, corrupt, drop, duplicate, passthrough

pytest_plugins = ["fault_fixtures"]

#: What a corrupted reply may raise: the connection or the decoding failed.
CORRUPTED = (A.ClientError, A.ClusterError)
LONG_MS = 5000

def _corruption_cases(op_names):
    for op in op_names:
        for name in CORRUPTIONS:
            yield pytest.param(op, name, id=f"{op}-{name}")


def _check_outcome(op, index, key, elapsed, result, exc, direct):
    if exc is None:
        check_success(op, result, index, direct, key)
    else:
        check_error(exc, CORRUPTED, op.is_write, elapsed, LONG_MS)


@pytest.mark.parametrize("op,corruption", list(_corruption_cases(OPS)))
def test_sync_corrupted_reply(sync_client, proxy, records, direct, op, corruption):
    """One corrupted reply to a sync put/get/operate/remove: the call raises ClientError or
    ClusterError at once (writes in doubt, reads not) or returns the right result; the next
    gets never return a wrong record, and with a retry every one of them succeeds."""
    rule = proxy.inject(corrupt(corruption), count=1)
    elapsed, result, exc = run_timed(lambda: OPS[op].call(sync_client, records[0], policy(LONG_MS)))
    assert rule.applied == 1
    assert elapsed < 1.0
    _check_outcome(OPS[op], 0, records[0], elapsed, result, exc, direct)
    for i in range(1, 5):
        elapsed, result, exc = run_timed(lambda: sync_client.get(records[i], policy=policy(LONG_MS)))
        if exc is None:
            assert result.bins == bins_of(i) and result.key.user_key == records[i][2]
        else:
            check_error(exc, CORRUPTED, False, elapsed, LONG_MS)
        assert sync_client.get(records[i], policy=policy(LONG_MS, retries=2)).bins == bins_of(i)


# The futures include operates, so the corruptions that hit the operate defect fail here too.
@pytest.mark.parametrize("corruption", list(CORRUPTIONS))
async def test_async_corrupted_replies(async_client, proxy, many_records, direct, corruption):
    """200 concurrent async put/get/operate/remove, every reply corrupted: each future ends at
    once with ClientError or ClusterError (writes in doubt, reads not) or the right result;
    afterwards the client serves every record right."""
    proxy.inject(corrupt(corruption))
    ops = list(OPS.values())
    calls = [(ops[i % len(ops)], i, key) for i, key in enumerate(many_records)]
    outcomes = await asyncio.gather(*(run_timed_async(op.call(async_client, key, policy(LONG_MS)))
                                      for op, _, key in calls))
    proxy.clear()
    for (op, i, key), (elapsed, result, exc) in zip(calls, outcomes):
        assert elapsed < 2.0
        _check_outcome(op, i, key, elapsed, result, exc, direct)
    untouched = [(i, key) for op, i, key in calls if not op.is_write]
    got = await asyncio.gather(*(async_client.get(key) for _, key in untouched))
    assert [r.bins for r in got] == [bins_of(i) for i, _ in untouched]


def test_sync_duplicated_reply_never_answers_the_next_command(sync_client, proxy, records):
    """A reply sent twice: the second copy is never taken for the answer to the next commands;
    each sync get returns its own record."""
    proxy.inject(duplicate(), count=1)
    assert sync_client.get(records[0]).bins == bins_of(0)
    got = []
    for i in range(1, 5):
        try:
            got.append(sync_client.get(records[i], policy=policy(LONG_MS)).bins)
        except CORRUPTED:
            got.append(bins_of(i))  # refusing the stray reply is fine; only a wrong record is not
    assert got == [bins_of(i) for i in range(1, 5)]


async def test_async_duplicated_reply_never_answers_the_next_command(async_client, proxy, records):
    """The async twin: duplicated replies never resolve later futures with a wrong record."""
    proxy.inject(duplicate(), count=5)
    for _ in range(3):
        got = await asyncio.gather(*(async_client.get(k) for k in records))
        assert [r.bins for r in got] == [bins_of(i) for i in range(5)]
        await asyncio.sleep(0.05)


async def test_async_duplicated_reply_on_a_full_pool_never_answers_the_next_command(proxy, fault_upstream, records):
    """With max_conns_per_node 1, so that commands queue for the one connection, a reply sent
    twice never resolves a later future with a wrong record."""
    client = await A.AsyncClient(proxied_config(proxy, fault_upstream, max_conns_per_node=1)).connect()
    try:
        proxy.inject(duplicate(), count=1)
        for _ in range(2):
            got = await asyncio.gather(*(client.get(k, policy=policy(LONG_MS)) for k in records),
                                       return_exceptions=True)
            for i, result in enumerate(got):
                if not isinstance(result, CORRUPTED):  # refusing the stray reply is fine
                    assert result.bins == bins_of(i), f"get of record {i} returned {result.bins}"
    finally:
        await client.close()


def test_sync_reply_longer_than_its_size_never_yields_a_wrong_record(sync_client, proxy, direct, records):
    """A reply whose header announces half its real length (the rest stays on the socket):
    the get fails, and the later gets on the same client each return their own record or
    fail, never someone else's."""
    big = {"i": 0, "blob": bytes(range(256)) * 8}
    direct.put(records[0], big)
    proxy.inject(corrupt("size_short"), count=1)
    with pytest.raises(CORRUPTED):
        sync_client.get(records[0], policy=policy(LONG_MS))
    for i in range(1, 5):
        try:
            assert sync_client.get(records[i], policy=policy(LONG_MS)).bins == bins_of(i)
        except CORRUPTED:
            pass
    assert sync_client.get(records[0], policy=policy(LONG_MS, retries=2)).bins == {**bins_of(0), **big}


@pytest.mark.parametrize("corruption", list(CORRUPTIONS))
def test_sync_batch_write_corrupted_reply(sync_client, proxy, records, corruption):
    """A corrupted batch answer: batch_write never reports a row as written unless it was,
    and every failed row is in doubt (its write was sent)."""
    proxy.inject(corrupt(corruption), count=1)
    elapsed, result, exc = run_timed(lambda: sync_client.batch_write([(k, {"x": 1}) for k in records],
                                                                     policy=policy(LONG_MS)))
    assert elapsed < 1.0
    if exc is not None:
        check_error(exc, CORRUPTED, True, elapsed, LONG_MS)
        return
    proxy.clear()
    for row, key in zip(result.batch_records, records):
        if row.result == 0:
            assert sync_client.get(key).bins["x"] == 1
        else:
            assert row.in_doubt is True, row


def _says_last(reply):
    """Whether a message reply's first AS_MSG has the LAST flag (info3 bit 0) of a batch."""
    return len(reply.body) > 3 and bool(reply.body[3] & 0x01)


def test_sync_batch_answer_missing_its_rows_fails_them_in_doubt(sync_client, proxy, records):
    """A batch answer that loses its row messages but ends properly (LAST): each row of the
    batch_write reports a real failure code and, its write having been sent, is in doubt."""
    # The first message of the stream holds the rows; the last one only says LAST.
    proxy.inject(drop(), count=1, when=lambda reply: not _says_last(reply))
    last = proxy.inject(passthrough(), when=_says_last)
    result = sync_client.batch_write([(k, {"x": 1}) for k in records], policy=policy(1000))
    if last.applied == 0:
        pytest.skip("the server sent rows and LAST in one message; this fault needs them apart")
    codes = {v for n, v in vars(A).items() if n.startswith("AEROSPIKE_ERR_") and isinstance(v, int)}
    for row in result.batch_records:
        assert row.result != 0 and row.result in codes, row
        assert row.in_doubt is True, row


def test_random_corruption_storm_never_crashes_or_lies(proxy):
    """A child process runs some 2000 sync and async commands (get, put, operate, exists,
    batch_write) while a third of the replies are corrupted at random (seeded): it neither
    dies nor sees a single wrong result, and every failure it sees is of an allowed kind.
    (Not size_short: the bytes it leaves on a sync connection are the pool defect that
    test_sync_duplicated_reply_never_answers_the_next_command shows; here they would make the
    outcome depend on which reply the dice pick.)"""
    env = dict(os.environ)
    paths = [str(Path(A.__file__).resolve().parents[1]), str(Path(__file__).parent)]
    env["PYTHONPATH"] = os.pathsep.join(paths + [env.get("PYTHONPATH", "")])
    child = subprocess.Popen([sys.executable, str(Path(__file__).with_name("storm_child.py")), str(proxy.port),
                              NAMESPACE, SET, "250"],
                             stdin=subprocess.PIPE, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True, env=env)
    try:
        assert child.stdout.readline().strip() == "READY", child.stderr.read()
        pick = random.Random(20240601)
        kinds = sorted(set(CORRUPTIONS) - {"size_short"})
        rule = proxy.inject(corrupt("random", seed=7, among=kinds), when=lambda reply: pick.random() < 0.33)
        child.stdin.write("go\n")
        child.stdin.flush()
        out, err = child.communicate(timeout=30)
    finally:
        if child.poll() is None:
            child.kill()
            child.wait()
    assert child.returncode >= 0, f"the child died of signal {-child.returncode}: {err[-2000:]}"
    report = json.loads(out.strip().splitlines()[-1])
    assert child.returncode == 0 and not report["wrong"], report["wrong"][:10]
    assert report["ok"] > 0 and sum(report["errors"].values()) > 0
    assert sorted(set(rule.history)) == kinds  # every corruption was tried
    print(f"storm: {report['ok']} right results, errors {report['errors']}, {rule.applied} replies corrupted")
