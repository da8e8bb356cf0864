"""AsyncClient against a live server: every method, errors, load, cancellation, close, faults."""

import asyncio
import os
import random
import signal
import threading
import time
import uuid

import pytest

import aerospike_py as A
from aerospike_py.testing import EmbeddedServer

from conftest import NAMESPACE, UNREACHABLE_CONFIG


def _key(tag: str = "") -> tuple:
    return (NAMESPACE, "pyasync", f"{tag}-{uuid.uuid4().hex}")


@pytest.fixture
async def aclient(server_config):
    client = await A.AsyncClient(server_config).connect()
    yield client
    await client.close()


async def test_methods_match_the_sync_client(aclient, client):
    key = _key("m")
    assert await aclient.put(key, {"a": 1, "s": "x", "l": [1, "b"], "m": {"k": 2.5}}) is None
    record = await aclient.get(key)
    assert record == client.get(key)
    assert record.bins == {"a": 1, "s": "x", "l": [1, "b"], "m": {"k": 2.5}}
    assert record.meta.gen == 1
    assert (await aclient.select(key, ["a"])).bins == {"a": 1}
    exists = await aclient.exists(key)
    assert exists.meta.gen == 1 and exists.key.digest == record.key.digest
    await aclient.append(key, "s", "y")
    await aclient.prepend(key, "s", "w")
    await aclient.increment(key, "a", 41)
    await aclient.touch(key, 100)
    after = await aclient.get(key)
    assert after.bins["s"] == "wxy" and after.bins["a"] == 42
    assert after.meta.gen == 5 and 0 < after.meta.ttl <= 100
    ops = [{"op": A.OPERATOR_INCR, "bin": "a", "val": 1}, {"op": A.OPERATOR_READ, "bin": "a"}]
    assert (await aclient.operate(key, ops)).bins == {"a": 43}
    ordered = await aclient.operate_ordered(key, ops)
    assert ordered.ordered_bins == [A.BinTuple("a", 44)]
    await aclient.remove_bin(key, ["l", "m"])
    assert set((await aclient.get(key)).bins) == {"a", "s"}
    await aclient.remove(key)
    missing = await aclient.exists(key)
    assert missing.meta is None and missing.key.digest == record.key.digest


async def test_server_errors_name_their_result_code(aclient):
    key = _key("named")
    with pytest.raises(A.RecordNotFound) as info:
        await aclient.get(key)
    assert info.value.msg == "server result code 2 (AEROSPIKE_ERR_RECORD_NOT_FOUND): record not found"
    await aclient.put(key, {"a": 1})
    try:
        with pytest.raises(A.RecordExistsError) as info:
            await aclient.put(key, {"a": 2}, policy={"exists": A.POLICY_EXISTS_CREATE_ONLY})
        assert info.value.msg == "server result code 5 (AEROSPIKE_ERR_RECORD_EXISTS): record already exists"
    finally:
        await aclient.remove(key)


async def test_errors_carry_codes(aclient):
    key = _key("e")
    with pytest.raises(A.RecordNotFound) as info:
        await aclient.get(key)
    assert info.value.code == A.AEROSPIKE_ERR_RECORD_NOT_FOUND and info.value.in_doubt is False
    await aclient.put(key, {"a": "text"})
    with pytest.raises(A.RecordExistsError):
        await aclient.put(key, {"a": 1}, policy={"exists": A.POLICY_EXISTS_CREATE_ONLY})
    with pytest.raises(A.RecordGenerationError):
        await aclient.put(key, {"a": 1}, meta={"gen": 99})
    with pytest.raises(A.BinTypeError):
        await aclient.increment(key, "a", 1)
    # Argument errors are raised at the call, before anything is submitted.
    with pytest.raises(TypeError):
        await aclient.put(key, ["not", "a", "dict"])
    with pytest.raises(ValueError):
        await aclient.put(key, {"x" * 16: 1})
    await aclient.remove(key)


async def test_info_ping_truncate_and_names(aclient):
    assert await aclient.ping() is True
    assert aclient.is_connected()
    names = aclient.get_node_names()
    assert len(names) >= 1
    results = await aclient.info_all("namespaces")
    assert [r.node_name for r in results] == names and all(NAMESPACE in r.response for r in results)
    assert NAMESPACE in await aclient.info_random_node("namespaces")
    key = (NAMESPACE, "pyasync_trunc", "k")
    await aclient.put(key, {"a": 1})
    await asyncio.sleep(0.01)
    await aclient.truncate(NAMESPACE, "pyasync_trunc")
    with pytest.raises(A.RecordNotFound):
        await aclient.get(key)


async def test_ten_thousand_concurrent_puts_and_gets(aclient):
    tag = uuid.uuid4().hex
    keys = [(NAMESPACE, "pyasync_load", f"{tag}-{i}") for i in range(10_000)]
    await asyncio.gather(*(aclient.put(k, {"i": i, "s": str(i)}) for i, k in enumerate(keys)))
    records = await asyncio.gather(*(aclient.get(k) for k in keys))
    for i, record in enumerate(records):
        assert record.bins == {"i": i, "s": str(i)}
        assert record.key.user_key == keys[i][2]
    await asyncio.gather(*(aclient.remove(k) for k in keys))


async def test_a_pile_of_completions_is_drained_a_little_each_turn(aclient):
    # The loop is blocked while 1,000 replies arrive; then each turn of the loop drains at
    # most 64 of them, and other callbacks run between two drains.
    key = _key("pile")
    await aclient.put(key, {"v": 7})
    loop = asyncio.get_running_loop()
    bridge = aclient._bridges[loop]
    events: list = []

    def counted_drain() -> None:
        bridge.drain()
        events.append(bridge._count[0])

    def tick() -> None:
        events.append("tick")
        if not done:
            loop.call_soon(tick)

    loop.remove_reader(bridge._fd)
    loop.add_reader(bridge._fd, counted_drain)
    done = False
    try:
        tasks = [asyncio.ensure_future(aclient.get(key)) for _ in range(1000)]
        await asyncio.sleep(0)  # every task submits its get
        time.sleep(0.5)  # the replies pile up in the queue
        loop.call_soon(tick)
        records = await asyncio.gather(*tasks)
        done = True
    finally:
        loop.remove_reader(bridge._fd)
        loop.add_reader(bridge._fd, bridge.drain)
    assert all(r.bins == {"v": 7} for r in records)
    drains = [e for e in events if e != "tick"]
    assert sum(drains) == 1000 and max(drains) == 64
    full = [i for i, e in enumerate(events) if e == 64]
    assert all(events[i + 1] == "tick" for i in full), events
    await aclient.remove(key)


def _loop_threads() -> int:
    """libaero's async loop threads in this process (Linux names them ``aero-async``)."""
    names = []
    for task in os.listdir("/proc/self/task"):
        try:
            with open(f"/proc/self/task/{task}/comm") as f:
                names.append(f.read().strip())
        except FileNotFoundError:  # the thread ended meanwhile
            pass
    return names.count("aero-async")


@pytest.mark.skipif(not os.path.isdir("/proc/self/task"), reason="reads Linux thread names")
async def test_the_loop_thread_is_named_and_ends_with_the_client(server_config):
    client = await A.AsyncClient(server_config).connect()
    before = _loop_threads()
    with pytest.raises(A.RecordNotFound):
        await client.get(_key("named-loop"))
    assert _loop_threads() == before + 1
    await client.close()
    assert _loop_threads() == before


async def test_connect_failure_is_quick_and_clean():
    client = A.AsyncClient(UNREACHABLE_CONFIG)
    start = time.monotonic()
    with pytest.raises(A.AerospikeError):
        await client.connect()
    assert time.monotonic() - start < 5
    assert client.is_connected() is False
    assert await client.ping() is False
    with pytest.raises(A.ClientError):
        await client.get(_key())


async def test_cancellation_storm_leaves_no_leak(aclient):
    keys = [_key("c") for _ in range(200)]
    await asyncio.gather(*(aclient.put(k, {"v": 1}) for k in keys))
    for _ in range(5):
        tasks = [asyncio.ensure_future(aclient.get(random.choice(keys))) for _ in range(2000)]
        for task in random.sample(tasks, 1000):
            task.cancel()
        done = await asyncio.gather(*tasks, return_exceptions=True)
        assert all(isinstance(r, asyncio.CancelledError) or r.bins == {"v": 1} for r in done)
    # wait_for timing out cancels the command; the late completion is dropped safely.
    for _ in range(200):
        try:
            await asyncio.wait_for(aclient.get(keys[0]), timeout=0.00001)
        except asyncio.TimeoutError:
            pass
    await asyncio.sleep(0.2)
    bridge = aclient._bridges[asyncio.get_running_loop()]
    assert bridge.futures == {} and bridge.plans == {} and bridge.parts == {}
    assert (await aclient.get(keys[0])).bins == {"v": 1}
    await asyncio.gather(*(aclient.remove(k) for k in keys))


async def test_close_with_commands_in_flight_resolves_every_future(server_config):
    client = await A.AsyncClient(server_config).connect()
    key = _key("close")
    await client.put(key, {"v": 1})
    futures = [asyncio.ensure_future(client.get(key)) for _ in range(3000)]
    await asyncio.sleep(0)
    await client.close()
    results = await asyncio.wait_for(asyncio.gather(*futures, return_exceptions=True), 5)
    for r in results:
        assert isinstance(r, A.Record) or isinstance(r, A.ClientError), r
    with pytest.raises(A.ClientError):
        await client.get(key)
    await client.close()  # idempotent
    sync = A.client(server_config).connect()
    sync.remove(key)
    sync.close()


async def test_backpressure(server_config):
    config = dict(server_config, max_concurrent_operations=1, operation_queue_timeout_ms=1)
    client = await A.AsyncClient(config).connect()
    key = _key("bp")
    await client.put(key, {"v": 1})
    results = await asyncio.gather(*(client.get(key) for _ in range(3000)), return_exceptions=True)
    rejected = [r for r in results if isinstance(r, A.BackpressureError)]
    assert rejected, "a 1 ms queue timeout with one slot must reject some of 3000 commands"
    assert all(isinstance(r, A.BackpressureError) or r.bins == {"v": 1} for r in results)
    assert isinstance(rejected[0], A.ClientError) and rejected[0].code == -32
    await client.close()
    # Without a queue timeout, commands wait for a slot and all succeed.
    patient = await A.AsyncClient(dict(server_config, max_concurrent_operations=4)).connect()
    results = await asyncio.gather(*(patient.get(key) for _ in range(2000)))
    assert all(r.bins == {"v": 1} for r in results)
    await patient.remove(key)
    await patient.close()


def test_several_event_loops_share_one_client(server_config):
    client = A.AsyncClient(server_config)
    asyncio.run(client.connect())
    errors = []

    def worker(n: int) -> None:
        async def run() -> None:
            keys = [(NAMESPACE, "pyasync_loops", f"{n}-{i}-{uuid.uuid4().hex}") for i in range(300)]
            await asyncio.gather(*(client.put(k, {"n": n}) for k in keys))
            records = await asyncio.gather(*(client.get(k) for k in keys))
            assert all(r.bins == {"n": n} for r in records)
            await asyncio.gather(*(client.remove(k) for k in keys))

        try:
            asyncio.run(run())
        except Exception as e:  # reported to the main thread
            errors.append(e)

    threads = [threading.Thread(target=worker, args=(n,)) for n in range(4)]
    for t in threads:
        t.start()
    for t in threads:
        t.join(30)
    assert errors == []
    asyncio.run(client.close())


async def test_server_killed_mid_load_fails_every_future_without_hanging():
    server = EmbeddedServer().start()
    client = await A.AsyncClient(server.config(policies={"read": {"total_timeout": 1000}})).connect()
    keys = [(NAMESPACE, "pyasync_kill", f"k{i}") for i in range(500)]
    await asyncio.gather(*(client.put(k, {"v": 1}) for k in keys))
    futures = [asyncio.ensure_future(client.get(keys[i % 500])) for i in range(5000)]
    await asyncio.sleep(0.005)
    os.kill(server._proc.pid, signal.SIGKILL)
    start = time.monotonic()
    results = await asyncio.wait_for(asyncio.gather(*futures, return_exceptions=True), 10)
    assert time.monotonic() - start < 5
    assert all(isinstance(r, A.Record) or isinstance(r, A.AerospikeError) for r in results)
    assert all(not isinstance(r, A.Record) or r.bins == {"v": 1} for r in results)
    # After the kill, new commands fail with an Aerospike error too, promptly.
    with pytest.raises(A.AerospikeError):
        await asyncio.wait_for(client.get(keys[0]), 5)
    await client.close()
    server.stop()


def test_client_inherited_by_a_forked_child_refuses_clearly(server_config):
    client = A.AsyncClient(server_config)
    asyncio.run(client.connect())
    pid = os.fork()
    if pid == 0:
        code = 1
        try:
            asyncio.run(client.get(_key("fork")))
        except A.ClientError as e:
            code = 0 if "fork" in str(e) else 2
        except BaseException:
            code = 3
        os._exit(code)
    _, status = os.waitpid(pid, 0)
    assert os.WEXITSTATUS(status) == 0
    asyncio.run(client.close())


def _connections_opened(client) -> int:
    stats = dict(kv.split("=", 1) for kv in client.info_random_node("statistics").split(";") if "=" in kv)
    return int(stats["client_connections_opened"])


async def test_sequential_commands_reuse_one_connection(aclient, client):
    key = _key("reuse")
    await aclient.put(key, {"v": 1})
    before = _connections_opened(client)
    for _ in range(200):
        assert (await aclient.get(key)).bins == {"v": 1}
    # One pooled connection serves them all (the info call itself may open one).
    assert _connections_opened(client) - before <= 2
    await aclient.remove(key)


def test_aexit_returns_false_as_in_aerospike_py(server_config):
    async def main():
        client = A.AsyncClient(server_config)
        await client.connect()
        return await client.__aexit__(None, None, None)

    assert asyncio.run(main()) is False
