"""Scans (queries without a predicate) against a live server: whole sets and namespaces, bin
selection, metadata only, filter expressions, partition filters that add up to the whole set,
pagination to the end, streaming with early stop, callback errors, closed clients, async, and
bad input. The expectations are the real server's (Aerospike CE 8.1.2).
"""

import asyncio
import threading
import time
import uuid

import pytest

import aerospike_py as A
from aerospike_py import exp

N = 600


@pytest.fixture(scope="module")
def dataset(client):
    """N records with a stored key in a set of their own, and 20 in a second set."""
    set_name = f"scan-{uuid.uuid4().hex[:8]}"
    other = set_name + "-b"
    keys = [("test", set_name, i) for i in range(N)]
    for i, key in enumerate(keys):
        client.put(key, {"i": i, "s": f"v{i}", "l": [i, i + 1]}, policy={"key": A.POLICY_KEY_SEND})
    for i in range(20):
        client.put(("test", other, i), {"i": i})
    yield set_name, keys
    for key in keys:
        client.remove(key)
    for i in range(20):
        client.remove(("test", other, i))


def ids(records):
    return sorted(r.bins["i"] for r in records)


def test_scan_of_a_set_returns_every_record_once(client, dataset):
    set_name, _ = dataset
    records = client.query("test", set_name).results()
    assert ids(records) == list(range(N))
    record = records[0]
    assert record.key.namespace == "test" and record.key.set_name == set_name
    assert record.key.user_key == record.bins["i"]  # stored with POLICY_KEY_SEND
    assert len(record.key.digest) == 20 and record.meta.gen == 1
    assert record.bins == {"i": record.bins["i"], "s": f"v{record.bins['i']}", "l": [record.bins["i"], record.bins["i"] + 1]}


def test_scan_alias_and_select(client, dataset):
    set_name, _ = dataset
    scan = client.scan("test", set_name)
    scan.select("s")
    records = scan.results()
    assert len(records) == N
    assert all(list(r.bins) == ["s"] for r in records)
    with pytest.raises(A.InvalidArgError):
        scan.where(A.predicates.equals("i", 1))


def test_metadata_only(client, dataset):
    set_name, _ = dataset
    records = client.query("test", set_name).results({"include_bin_data": False})
    assert len(records) == N
    assert all(r.bins == {} and r.meta.gen == 1 for r in records)


def test_filter_expression(client, dataset):
    set_name, _ = dataset
    policy = {"filter_expression": exp.lt(exp.int_bin("i"), exp.int_val(25))}
    assert ids(client.query("test", set_name).results(policy)) == list(range(25))
    policy = {"expressions": exp.eq(exp.string_bin("s"), exp.string_val("v7"))}
    assert ids(client.query("test", set_name).results(policy)) == [7]


def test_unknown_set_is_empty(client):
    assert client.query("test", f"none-{uuid.uuid4().hex}").results() == []


def test_partition_filters_add_up_to_the_whole_set(client, dataset):
    set_name, _ = dataset
    seen = []
    for begin in range(0, 4096, 512):
        part = client.query("test", set_name).results({"partition_filter": A.partition_filter_by_range(begin, 512)})
        for r in part:
            assert begin <= (r.key.digest[0] | r.key.digest[1] << 8) & 4095 < begin + 512
        seen += part
    assert ids(seen) == list(range(N))
    one = client.query("test", set_name).results()[0]
    pid = (one.key.digest[0] | one.key.digest[1] << 8) & 4095
    in_pid = client.query("test", set_name).results({"partition_filter": A.partition_filter_by_id(pid)})
    assert one.bins["i"] in ids(in_pid)
    assert client.query("test", set_name).results({"partition_filter": A.partition_filter_by_range(7, 0)}) == []
    whole = client.query("test", set_name).results({"partition_filter": A.partition_filter_all()})
    assert ids(whole) == list(range(N))


def test_partition_filter_after_a_digest(client, dataset):
    set_name, _ = dataset
    records = client.query("test", set_name).results()
    by_partition: dict = {}
    for r in records:
        by_partition.setdefault((r.key.digest[0] | r.key.digest[1] << 8) & 4095, []).append(r)
    same = max(by_partition.values(), key=len)  # 600 records: some partition holds several
    assert len(same) >= 2
    first = same[0]
    after = client.query("test", set_name).results({"partition_filter": A.partition_filter_after(first.key.digest)})
    # A partition streams in the server's digest order: "after" returns exactly the records
    # that came after it.
    later = same[[r.key.digest for r in same].index(first.key.digest) + 1:]
    assert [r.key.digest for r in after] == [r.key.digest for r in later]
    # From the partition's last record on, nothing is left.
    assert client.query("test", set_name).results({"partition_filter": A.partition_filter_after(same[-1].key.digest)}) == []


def test_partition_filter_bad_ranges():
    with pytest.raises(ValueError):
        A.partition_filter_by_id(4096)
    with pytest.raises(ValueError):
        A.partition_filter_by_range(4000, 200)
    with pytest.raises(TypeError):
        A.partition_filter_by_id("1")
    with pytest.raises(ValueError):
        A.partition_filter_after(b"short")


@pytest.mark.parametrize("page", [1, 7, 100, 250, N + 1])
def test_pagination_reaches_the_end_without_repeats(client, dataset, page):
    set_name, _ = dataset
    query = client.query("test", set_name)
    query.paginate()
    seen = []
    rounds = 0
    while not query.is_done():
        got = query.results({"max_records": page})
        assert len(got) <= page
        seen += got
        rounds += 1
        assert rounds <= N + 2
    assert ids(seen) == list(range(N))
    status = query.get_partitions_status()
    assert len(status) == 4096 and all(done for _, done, _, _ in status.values())


def test_max_records_without_paginate_limits_one_run(client, dataset):
    set_name, _ = dataset
    query = client.query("test", set_name)
    assert len(query.results({"max_records": 50})) == 50
    assert not query.is_done()
    assert len(query.results({"max_records": 50})) == 50  # not resumed: the same first page size
    assert len(query.results()) == N and query.is_done()


def test_foreach_streams_and_stops(client, dataset):
    set_name, _ = dataset
    seen = []
    client.query("test", set_name).foreach(lambda r: seen.append(r.bins["i"]) or len(seen) < 10)
    assert len(seen) == 10
    total = []
    client.query("test", set_name).foreach(lambda r: total.append(r))
    assert ids(total) == list(range(N))


def test_foreach_callback_error_stops_and_propagates(client, dataset):
    set_name, _ = dataset
    calls = []

    def boom(record):
        calls.append(record)
        if len(calls) == 3:
            raise RuntimeError("stop here")

    with pytest.raises(RuntimeError, match="stop here"):
        client.query("test", set_name).foreach(boom, {"record_queue_size": 4})
    assert len(calls) == 3
    assert len(client.query("test", set_name).results()) == N  # the client still works


def test_small_record_queue_still_delivers_everything(client, dataset):
    set_name, _ = dataset
    assert ids(client.query("test", set_name).results({"record_queue_size": 1})) == list(range(N))


def test_iterating_a_query(client, dataset):
    set_name, _ = dataset
    assert ids(list(client.query("test", set_name))) == list(range(N))


def test_records_per_second_is_accepted_and_limits(client, dataset):
    set_name, _ = dataset
    got = client.query("test", set_name).results({"records_per_second": 5000, "max_records": 20})
    assert len(got) == 20


def test_bad_policies(client, dataset):
    set_name, _ = dataset
    query = client.query("test", set_name)
    with pytest.raises(TypeError):
        query.results({"max_records": "10"})
    with pytest.raises(A.InvalidArgError):
        query.results({"max_records": -1})
    with pytest.raises(A.InvalidArgError):
        query.results({"record_queue_size": 0})
    with pytest.raises(TypeError):
        query.results({"partition_filter": (0, 10)})
    with pytest.raises(TypeError):
        query.results({"filter_expression": "i < 3"})
    with pytest.raises(A.InvalidArgError):
        query.results({"expected_duration": A.QUERY_DURATION_SHORT, "records_per_second": 10})
    with pytest.raises(TypeError):
        client.query(None, set_name)
    with pytest.raises((TypeError, ValueError)):
        query.select(1)


def test_unknown_namespace(client):
    with pytest.raises(A.AerospikeError) as e:
        client.query("no-such-ns", "s").results()
    assert e.value.code == 20


def test_query_needs_a_connected_client(server_config):
    c = A.client(server_config)
    with pytest.raises(A.ClientError):
        c.query("test", "s").results()


def test_closing_the_client_fails_a_running_query(server_config, dataset):
    set_name, _ = dataset
    c = A.client(server_config).connect()
    started = threading.Event()
    outcome = []

    def slow(record):
        started.set()
        threading.Event().wait(0.01)

    def run():
        try:
            c.query("test", set_name).foreach(slow, {"record_queue_size": 1})
            outcome.append("finished")
        except A.ClientError as e:
            outcome.append(e)

    t = threading.Thread(target=run)
    t.start()
    assert started.wait(10)
    c.close()
    t.join(10)
    assert not t.is_alive()
    assert len(outcome) == 1 and isinstance(outcome[0], A.ClientError), outcome


def test_async_scan(server_config, dataset):
    set_name, _ = dataset

    async def main():
        async with A.AsyncClient(server_config) as c:
            await c.connect()
            everything = await c.query("test", set_name).results()
            streamed = [r async for r in c.query("test", set_name)]
            stopped = []
            await c.query("test", set_name).foreach(lambda r: stopped.append(r) or len(stopped) < 5)
            scan = c.scan("test", set_name)
            scan.select("i")
            selected = await scan.results({"max_records": 10})
            # Other tasks keep running while a query streams.
            ticks = []

            async def ticker():
                for _ in range(5):
                    ticks.append(1)
                    await asyncio.sleep(0)

            both = await asyncio.gather(c.query("test", set_name).results(), ticker())
            return everything, streamed, stopped, selected, both[0], ticks

    everything, streamed, stopped, selected, gathered, ticks = asyncio.run(main())
    assert ids(everything) == ids(streamed) == ids(gathered) == list(range(N))
    assert len(stopped) == 5
    assert len(selected) == 10 and all(list(r.bins) == ["i"] for r in selected)
    assert len(ticks) == 5


def test_background_scan_writes_every_record(client):
    set_name = f"bg-{uuid.uuid4().hex[:8]}"
    for i in range(100):
        client.put(("test", set_name, i), {"i": i})
    scan = client.query("test", set_name)
    scan.add_ops([{"op": A.OPERATOR_WRITE, "bin": "flag", "val": 1},
                  {"op": A.OPERATOR_INCR, "bin": "i", "val": 1000}])
    policy = {"filter_expression": exp.lt(exp.int_bin("i"), exp.int_val(50))}
    job = scan.execute_background(policy)
    assert isinstance(job, int) and job > 0
    for _ in range(200):
        info = client.job_info(job, A.JOB_QUERY)
        if info["status"] == A.JOB_STATUS_COMPLETED:
            break
        threading.Event().wait(0.05)
    assert info == {"status": A.JOB_STATUS_COMPLETED, "progress_pct": 100, "records_read": 50}
    records = {r.bins["i"]: r.bins for r in client.query("test", set_name).results()}
    assert sorted(records) == sorted(list(range(1000, 1050)) + list(range(50, 100)))
    assert all(b.get("flag") == (1 if i >= 1000 else None) for i, b in records.items())
    # A background job never creates records and takes write operations only.
    reader = client.query("test", set_name)
    with pytest.raises(A.InvalidArgError):
        reader.execute_background()
    reader.add_ops([{"op": A.OPERATOR_READ, "bin": "i"}])
    with pytest.raises(A.InvalidArgError):
        reader.execute_background()
    limited = client.query("test", set_name)
    limited.add_ops([{"op": A.OPERATOR_WRITE, "bin": "x", "val": 1}])
    with pytest.raises(A.InvalidArgError):
        limited.execute_background({"max_records": 5})
    with pytest.raises(TypeError):
        client.job_info("job", A.JOB_QUERY)
    assert client.job_info(12345, A.JOB_SCAN)["status"] == A.JOB_STATUS_COMPLETED  # unknown: ended
    client.truncate("test", set_name)


def test_a_slow_query_stays_interruptible(client, dataset):
    """A blocked wait for records returns to Python often enough for Ctrl-C to stop the
    query at once (its sockets closed), not when the next record comes."""
    import signal

    set_name, _ = dataset
    # Python's own Ctrl-C handler, whatever an earlier test's event loop or server left.
    previous = signal.signal(signal.SIGINT, signal.default_int_handler)
    timer = threading.Timer(0.3, lambda: signal.pthread_kill(threading.main_thread().ident, signal.SIGINT))
    started = time.monotonic()
    timer.start()
    try:
        with pytest.raises(KeyboardInterrupt):
            client.query("test", set_name).results({"records_per_second": 2})
    finally:
        timer.join()
        signal.signal(signal.SIGINT, previous)
    assert time.monotonic() - started < 5
    assert len(client.query("test", set_name).results()) == N
