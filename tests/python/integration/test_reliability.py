"""Values other clients store, and commands cut short: nothing hangs, nothing is lost.

Strings that are not valid UTF-8 are legal on the server; they must read back and write back
losslessly, sync and async, alone and in batches (tests/python/unit/test_decode.py checks that
a reply the decoder refuses fails its own command only). A write operation without a value must not delete the bin. Writes cut off
by ``close()`` report ``in_doubt`` honestly. More operations than a message can carry are
refused before anything is sent.
"""

import asyncio
import uuid

import msgpack
import pytest

import aerospike_py as A
from aerospike_py._ffi import check, ffi, lib, thread_result, thread_state
from aerospike_py._values import pack_key

from conftest import NAMESPACE

#: A string bin whose bytes are not UTF-8, as the official C or Go clients may write it.
RAW_BYTES = b"caf\xe9 \xff\xfe"
SURROGATE = RAW_BYTES.decode("utf-8", "surrogateescape")


def _key(tag: str) -> tuple:
    return (NAMESPACE, "pyrely", f"{tag}-{uuid.uuid4().hex}")


def _raw_put(client, key: tuple, bins_msgpack: bytes) -> None:
    """Writes bins given as raw msgpack through libaero, bypassing the package's packing."""
    key_bytes, _ = pack_key(key)
    err, _ = thread_state()
    check(lib.aero_client_put(client._native(), key_bytes, len(key_bytes), bins_msgpack, len(bins_msgpack),
                              ffi.NULL, 0, err), err)


def _raw_get(client, key: tuple) -> bytes:
    """The record's msgpack bytes as libaero returns them (no Python decoding)."""
    key_bytes, _ = pack_key(key)
    err, buf = thread_state()
    check(lib.aero_client_get(buf, client._native(), key_bytes, len(key_bytes), ffi.NULL, 0, ffi.NULL, 0, err), err)
    return bytes(thread_result())


def _str_header(n: int) -> bytes:
    return bytes((0xA0 | n,))


@pytest.fixture
def non_utf8_key(client, cleanup):
    key = _key("raw")
    cleanup.append(key)
    _raw_put(client, key, b"\x82\xa1s" + _str_header(len(RAW_BYTES)) + RAW_BYTES + b"\xa1n\x07")
    return key


def test_non_utf8_string_reads_back_losslessly(client, non_utf8_key, new_key):
    record = client.get(non_utf8_key)
    assert record.bins == {"s": SURROGATE, "n": 7}
    # Written back (read-modify-write), the very bytes are stored again.
    copy = new_key()
    client.put(copy, {"s": record.bins["s"], "k": {SURROGATE: [SURROGATE]}})
    raw = _raw_get(client, copy)
    assert raw.count(RAW_BYTES) == 3
    assert client.get(copy).bins == {"s": SURROGATE, "k": {SURROGATE: [SURROGATE]}}


def test_non_utf8_string_in_batches_and_operate(client, non_utf8_key, new_key):
    other = new_key()
    client.put(other, {"s": "plain"})
    assert client.batch_read([non_utf8_key, other]) == {non_utf8_key[2]: {"s": SURROGATE, "n": 7},
                                                         other[2]: {"s": "plain"}}
    rows = client.batch_operate([non_utf8_key, other], [{"op": A.OPERATOR_READ, "bin": "s"}]).batch_records
    assert [(r.result, r.record.bins) for r in rows] == [(0, {"s": SURROGATE}), (0, {"s": "plain"})]
    assert client.operate(non_utf8_key, [{"op": A.OPERATOR_READ, "bin": "s"}]).bins == {"s": SURROGATE}


def test_map_with_a_key_no_map_may_have_is_refused(client, new_key):
    # As the real server's map_is_key(): only integers, strings and blobs are map keys. A list
    # key (msgpack can carry one; a Python dict cannot) fails the write with code 1.
    key = new_key()
    with pytest.raises(A.ServerError) as e:
        _raw_put(client, key, b"\x81\xa1m\x81\x91\x01\x02")
    assert e.value.code == 1
    with pytest.raises(A.ServerError) as e:
        client.put(key, {"m": {1.5: "float keys are refused too"}})
    assert e.value.code == 1
    assert client.exists(key).meta is None


async def test_async_drain_resolves_every_future(server_config, non_utf8_key, client):
    good = [_key("g") for _ in range(50)]
    for key in good:
        client.put(key, {"v": key[2]})
    try:
        async with A.AsyncClient(server_config) as aclient:
            await aclient.connect()
            keys = [non_utf8_key, *good] * 4
            results = await asyncio.wait_for(
                asyncio.gather(*(aclient.get(k) for k in keys), return_exceptions=True), 30)
            for key, result in zip(keys, results):
                if key == non_utf8_key:
                    assert result.bins["s"] == SURROGATE
                else:
                    assert result.bins == {"v": key[2]}
            batch = await asyncio.wait_for(aclient.batch_read([non_utf8_key, *good]), 30)
            assert batch[non_utf8_key[2]]["s"] == SURROGATE and len(batch) == 51
    finally:
        for key in good:
            client.remove(key)


def test_write_without_val_deletes_nothing(client, new_key):
    key = new_key()
    client.put(key, {"balance": 100})
    typo = [{"op": A.OPERATOR_WRITE, "bin": "balance", "value": 150}]
    with pytest.raises(ValueError, match="needs a 'val'"):
        client.operate(key, typo)
    with pytest.raises(ValueError, match="needs a 'val'"):
        client.batch_operate([key], typo)
    assert client.get(key).bins == {"balance": 100}
    # An explicit None still deletes the bin.
    client.operate(key, [{"op": A.OPERATOR_WRITE, "bin": "balance", "val": None},
                         {"op": A.OPERATOR_WRITE, "bin": "other", "val": 1}])
    assert client.get(key).bins == {"other": 1}


async def test_close_reports_applied_writes_in_doubt(server_config, client):
    keys = [_key("close") for _ in range(300)]
    aclient = await A.AsyncClient(server_config).connect()
    futures = [asyncio.ensure_future(aclient.put(k, {"v": 1})) for k in keys]
    await asyncio.sleep(0)  # let the submissions go out
    await asyncio.sleep(0.001)
    await aclient.close()
    results = await asyncio.wait_for(asyncio.gather(*futures, return_exceptions=True), 30)
    try:
        for key, result in zip(keys, results):
            if result is None:
                continue
            assert isinstance(result, A.ClientError) and result.code == -30
            if not result.in_doubt:
                # Not in doubt means never sent: the record must not exist.
                assert client.exists(key).meta is None, key
    finally:
        client.batch_remove(keys)


def test_more_ops_than_a_message_carries_are_refused(client, new_key):
    key = new_key()
    client.put(key, {"n": 0})
    ops = [{"op": A.OPERATOR_INCR, "bin": "n", "val": 1}] * 65_537
    with pytest.raises(A.InvalidArgError, match="65537 operations"):
        client.operate(key, ops)
    with pytest.raises(A.InvalidArgError, match="65537 operations"):
        client.batch_operate([key], ops)
    with pytest.raises(A.InvalidArgError, match="65536 operations or bins"):
        client.put(key, {f"b{i}": i for i in range(65_536)})
    assert client.get(key).bins == {"n": 0}


async def test_async_more_ops_than_a_message_carries_are_refused(server_config, client, new_key):
    key = new_key()
    client.put(key, {"n": 0})
    async with A.AsyncClient(server_config) as aclient:
        await aclient.connect()
        with pytest.raises(A.InvalidArgError, match="65537 operations"):
            await aclient.operate(key, [{"op": A.OPERATOR_INCR, "bin": "n", "val": 1}] * 65_537)
    assert client.get(key).bins == {"n": 0}


#: The real server finds each bin by a linear search, so a command on tens of thousands of
#: bins takes it seconds (2.7 s for a 32,767-bin put on a 2-core machine).
SLOW = {"total_timeout": 60_000, "socket_timeout": 60_000}


def test_bin_limits_are_the_real_servers(client):
    key = _key("bins")
    try:
        # RECORD_MAX_BINS: 32,767 bins fit a record, one more is a parameter error.
        bins = {f"b{i}": i for i in range(32_767)}
        client.put(key, bins, policy=SLOW)
        assert client.get(key, policy=SLOW).bins == bins
        names = [f"b{i}" for i in range(0, 32_767, 2)]
        assert client.select(key, names, policy=SLOW).bins == {name: bins[name] for name in names}
        with pytest.raises(A.ServerError) as e:
            client.put(key, {"extra": 1}, policy=SLOW)
        assert e.value.code == 4
        # MAX_N_OPS: more than 32,768 operations are refused before any is applied.
        with pytest.raises(A.ServerError) as e:
            client.put(_key("ops"), {f"c{i}": i for i in range(65_535)}, policy=SLOW)
        assert e.value.code == 4
        assert client.get(key, policy=SLOW).meta.gen == 1
    finally:
        try:
            client.remove(key, policy=SLOW)
        except A.RecordNotFound:
            pass


def test_record_size_limit_is_the_real_servers(client, new_key):
    key = new_key()
    # max-record-size defaults to 1 MiB.
    with pytest.raises(A.RecordTooBig):
        client.put(key, {"big": b"x" * (1 << 20)})
    client.put(key, {"fits": b"x" * (1 << 19)})
    assert len(client.get(key).bins["fits"]) == 1 << 19
