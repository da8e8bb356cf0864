"""Values other clients store, and commands cut short: nothing hangs, nothing is lost.

Strings that are not valid UTF-8 are legal on the server; they must read back and write back
losslessly, sync and async, alone and in batches, and one value the decoder refuses must fail
its own command only. A write operation without a value must not delete the bin. Writes cut off
by ``close()`` report ``in_doubt`` honestly. More operations than a message can carry are
refused before anything is sent.
"""

import asyncio
import uuid

import msgpack
import pytest

import aerospike_py as A
from aerospike_py._ffi import buffer_bytes, check, ffi, lib, thread_state
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
    return bytes(buffer_bytes(buf))


def _str_header(n: int) -> bytes:
    return bytes((0xA0 | n,))


@pytest.fixture
def non_utf8_key(client, cleanup):
    key = _key("raw")
    cleanup.append(key)
    _raw_put(client, key, b"\x82\xa1s" + _str_header(len(RAW_BYTES)) + RAW_BYTES + b"\xa1n\x07")
    return key


@pytest.fixture
def undecodable_key(client, cleanup):
    """A record whose map bin has a list as a key: msgpack can carry it, a Python dict cannot."""
    key = _key("bad")
    cleanup.append(key)
    try:
        _raw_put(client, key, b"\x81\xa1m\x81\x91\x01\x02")
    except A.ServerError:
        pytest.skip("the server refuses a list as a map key")
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


def test_undecodable_value_fails_its_own_command(client, undecodable_key, new_key):
    with pytest.raises(A.ClientError, match="cannot decode"):
        client.get(undecodable_key)
    good = new_key()
    client.put(good, {"a": 1})
    rows = client.batch_operate([good, undecodable_key], [{"op": A.OPERATOR_READ, "bin": "m"},
                                                          {"op": A.OPERATOR_READ, "bin": "a"}]).batch_records
    assert rows[0].result == 0 and rows[0].record.bins == {"a": 1}
    assert rows[1].result == -1 and rows[1].record is None
    assert rows[1].key.digest == client.exists(undecodable_key).key.digest


async def test_async_drain_resolves_every_future(server_config, non_utf8_key, undecodable_key, client):
    good = [_key("g") for _ in range(50)]
    for key in good:
        client.put(key, {"v": key[2]})
    try:
        async with A.AsyncClient(server_config) as aclient:
            await aclient.connect()
            keys = [non_utf8_key, undecodable_key, *good] * 4
            results = await asyncio.wait_for(
                asyncio.gather(*(aclient.get(k) for k in keys), return_exceptions=True), 30)
            for key, result in zip(keys, results):
                if key == undecodable_key:
                    assert isinstance(result, A.ClientError)
                elif key == non_utf8_key:
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


def test_bin_limits_are_the_real_servers(client, new_key):
    key = new_key()
    # RECORD_MAX_BINS: 32,767 bins fit a record, one more is a parameter error.
    bins = {f"b{i}": i for i in range(32_767)}
    client.put(key, bins)
    assert client.get(key).bins == bins
    assert client.select(key, [f"b{i}" for i in range(0, 32_767, 2)]).bins == {f"b{i}": i for i in range(0, 32_767, 2)}
    with pytest.raises(A.ServerError) as e:
        client.put(key, {"extra": 1})
    assert e.value.code == 4
    # MAX_N_OPS: more than 32,768 operations are refused before any is applied.
    with pytest.raises(A.ServerError) as e:
        client.put(new_key(), {f"c{i}": i for i in range(65_535)})
    assert e.value.code == 4
    assert client.get(key).meta.gen == 1


def test_record_size_limit_is_the_real_servers(client, new_key):
    key = new_key()
    # max-record-size defaults to 1 MiB.
    with pytest.raises(A.RecordTooBig):
        client.put(key, {"big": b"x" * (1 << 20)})
    client.put(key, {"fits": b"x" * (1 << 19)})
    assert len(client.get(key).bins["fits"]) == 1 << 19
