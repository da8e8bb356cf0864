"""Batch commands against a live server: results equal per-key reads, per-record failures."""

import asyncio
import uuid

import pytest

import aerospike_py as A
from conftest import NAMESPACE, UNREACHABLE_CONFIG

SET = "pybatch"


def _keys(n: int, tag: str = "") -> list:
    base = uuid.uuid4().hex
    return [(NAMESPACE, SET, f"{tag}{base}-{i}") for i in range(n)]


@pytest.fixture
def written(client):
    made = []

    def write(n: int, tag: str = "") -> list:
        keys = _keys(n, tag)
        result = client.batch_write([(k, {"i": i, "s": f"v{i}", "l": [i, {"k": i}]}) for i, k in enumerate(keys)])
        assert [r.result for r in result.batch_records] == [0] * n
        made.extend(keys)
        return keys

    yield write
    for i in range(0, len(made), 1000):
        client.batch_remove(made[i:i + 1000])


@pytest.mark.parametrize("size", [1, 100, 5000])
def test_batch_read_equals_per_key_gets(client, written, size):
    keys = written(size)
    missing = _keys(max(1, size // 10), "missing")
    mixed = [k for pair in zip(keys, missing + [None] * size) for k in pair if k is not None]
    result = client.batch_read(mixed)
    assert len(result) == size
    for key in keys:
        assert result[key[2]] == client.get(key).bins
    for key in missing:
        assert key[2] not in result


def test_batch_read_selected_bins_and_headers(client, written):
    keys = written(10)
    assert client.batch_read(keys, bins=["s"]) == {k[2]: {"s": f"v{i}"} for i, k in enumerate(keys)}
    assert client.batch_read(keys + _keys(2), bins=[]) == {k[2]: {} for k in keys}


def test_batch_write_reports_each_record(client, written):
    keys = written(4)
    new = _keys(1, "new")[0]
    records = [
        (keys[0], {"i": 100}),                                           # ok
        (keys[1], {"i": 101}, {"gen": 99}),                              # generation mismatch
        (keys[2], {"i": 102}, {"exists": A.POLICY_EXISTS_CREATE_ONLY}),  # exists
        (new, {"i": 103}, {"ttl": 500}),                                 # ok, with its own TTL
    ]
    result = client.batch_write(records)
    codes = [r.result for r in result.batch_records]
    assert codes == [0, A.AEROSPIKE_ERR_RECORD_GENERATION, A.AEROSPIKE_ERR_RECORD_EXISTS, 0]
    assert all(r.in_doubt is False for r in result.batch_records)
    assert [r.key.user_key for r in result.batch_records] == [k[2] for k in (keys[0], keys[1], keys[2], new)]
    assert result.batch_records[1].record is None
    assert client.get(keys[0]).bins["i"] == 100
    assert client.get(keys[1]).bins["i"] == 1
    assert 0 < client.get(new).meta.ttl <= 500
    assert result.batch_records[0].key.digest == client.get(keys[0]).key.digest
    client.remove(new)


def test_batch_operate_and_remove(client, written):
    keys = written(3)
    ops = [{"op": A.OPERATOR_INCR, "bin": "i", "val": 10}, {"op": A.OPERATOR_READ, "bin": "i"}]
    result = client.batch_operate(keys + _keys(1, "gone"), ops)
    assert [r.record.bins["i"] for r in result.batch_records[:3]] == [10, 11, 12]
    assert result.batch_records[3].result == 0  # increment creates the record
    created = result.batch_records[3].key
    removed = client.batch_remove(keys[:2] + [(keys[2], {"gen": 99})] + _keys(1, "never"))
    assert [r.result for r in removed.batch_records] == [0, 0, A.AEROSPIKE_ERR_RECORD_GENERATION,
                                                          A.AEROSPIKE_ERR_RECORD_NOT_FOUND]
    assert client.exists(keys[0]).meta is None and client.exists(keys[2]).meta is not None
    client.remove((created.namespace, created.set_name, created.user_key))


def test_numpy_results_match_gets(client, written):
    np = pytest.importorskip("numpy")
    keys = written(50)
    client.put(keys[3], {"i": 3, "s": "v3", "f": 2.5, "b": b"\x01\x02"})
    dtype = np.dtype([("i", "i8"), ("f", "f8"), ("b", "S4")])
    missing = _keys(1, "np")[0]
    result = client.batch_read(keys + [missing], bins=["i", "f", "b"], _dtype=dtype)
    assert len(result) == 51 and keys[3] in result and missing[2] in result
    for key in keys:
        row = result.get(key)
        bins = client.get(key).bins
        assert row["i"] == bins["i"]
        assert row["f"] == bins.get("f", 0.0)
        assert row["b"] == bins.get("b", b"")
    assert result.result_codes[-1] == A.AEROSPIKE_ERR_RECORD_NOT_FOUND
    assert result.meta[0]["gen"] == 1 and result.meta[-1]["gen"] == 0
    assert result.records is result.batch_records
    with pytest.raises(KeyError):
        result.get("not-in-batch")
    with pytest.raises(TypeError):
        client.batch_read(keys, _dtype=np.dtype([("o", "O")]))
    with pytest.raises(TypeError):
        client.batch_read(keys, _dtype=np.dtype([("i", ">i8" if np.little_endian else "<i8")]))


def test_numpy_sub_arrays_and_type_mismatches(client, written):
    np = pytest.importorskip("numpy")
    keys = written(3)
    vector = np.arange(4, dtype=np.float32)
    client.put(keys[0], {"vec": vector.tobytes(), "t": "text", "i": 7})
    dtype = np.dtype([("vec", "f4", (4,)), ("i", "i4"), ("t", "i8")])
    result = client.batch_read(keys[:2], _dtype=dtype)
    # "t" holds a string, which no integer field can take: the row is flagged, not the batch.
    assert list(result.result_codes) == [A.AEROSPIKE_ERR_BIN_TYPE, 0]
    assert np.array_equal(result.get(keys[0])["vec"], vector)
    assert result.get(keys[1])["i"] == 1 and result.get(keys[1])["t"] == 0


async def test_async_numpy_batch(server_config, client, written):
    np = pytest.importorskip("numpy")
    keys = written(20)
    aclient = await A.AsyncClient(server_config).connect()
    result = await aclient.batch_read(keys, bins=["i"], _dtype=np.dtype([("i", "i2")]))
    assert list(result.batch_records["i"]) == list(range(20))
    await aclient.close()


def test_empty_and_bad_input(client):
    assert client.batch_read([]) == {}
    assert client.batch_write([]).batch_records == []
    with pytest.raises(TypeError):
        client.batch_read("not a list")
    with pytest.raises(ValueError, match="at most 3 elements"):
        client.batch_write([("not", "a", "record", "tuple")])
    with pytest.raises(ValueError):
        client.batch_write([(_keys(1)[0], {"x" * 16: 1})])
    with pytest.raises(ValueError):
        client.batch_write([(_keys(1)[0], {"a": 1})], retry=-1)
    unconnected = A.client(UNREACHABLE_CONFIG)
    with pytest.raises(A.ClientError):
        unconnected.batch_read([])


async def test_async_batches(server_config):
    client = await A.AsyncClient(server_config).connect()
    keys = _keys(300, "async")
    written = await client.batch_write([(k, {"i": i}) for i, k in enumerate(keys)])
    assert all(r.result == 0 for r in written.batch_records)
    results = await asyncio.gather(*(client.batch_read(keys[i:i + 100]) for i in range(0, 300, 100)))
    merged = {k: v for r in results for k, v in r.items()}
    assert merged == {k[2]: {"i": i} for i, k in enumerate(keys)}
    removed = await client.batch_remove(keys)
    assert all(r.result == 0 for r in removed.batch_records)
    await client.close()


def test_respond_all_keys_off_stops_at_the_first_row_error(client, written):
    keys = written(3)
    records = [(keys[0], {"i": 1}, {"gen": 99}), (keys[1], {"i": 2}), (keys[2], {"i": 3})]
    every = client.batch_write(records, policy={"respond_all_keys": True})
    assert [r.result for r in every.batch_records] == [A.AEROSPIKE_ERR_RECORD_GENERATION, 0, 0]
    # Without it the server stops answering after the generation error; the rows it did not
    # answer carry the batch's failure, and as writes the server may have applied, are in doubt.
    first = client.batch_write(records, policy={"respond_all_keys": False})
    assert first.batch_records[0].result == A.AEROSPIKE_ERR_RECORD_GENERATION
    if len(client.get_node_names()) == 1:
        assert all(r.result != 0 for r in first.batch_records)
        assert all(r.in_doubt for r in first.batch_records[1:])
    else:
        # Each node answers its own rows: only the failing row's node stops.
        assert all(r.result == 0 or r.in_doubt for r in first.batch_records[1:])


@pytest.mark.parametrize("records, error, message", [
    ("x", TypeError, "'str' object is not an instance of 'list'"),
    (None, TypeError, "'NoneType' object is not an instance of 'list'"),
    ([["k", {"a": 1}]], TypeError, "Each record must be a tuple of (key, bins)"),
    ([(("test", "s", 1),)], ValueError, "Each record tuple must have at least 2 elements: (key, bins)"),
    ([(("test", "s", 1), 5)], TypeError, "bins element must be a dict"),
    ([(("test", "s", 1), {"a": 1}, 5)], TypeError, "meta element must be a dict"),
])
def test_batch_write_argument_errors_are_aerospike_pys(records, error, message):
    """Raised before the connection is checked, with aerospike-py 0.14.4's classes and texts."""
    unconnected = A.client(UNREACHABLE_CONFIG)
    with pytest.raises(error) as info:
        unconnected.batch_write(records)
    assert str(info.value) == message


def test_batch_write_reports_its_retries(client):
    keys = _keys(3)
    result = client.batch_write([(k, {"a": 1}) for k in keys])
    assert result.retry == A.BatchRetryInfo(attempts=1, max_attempts=1, truncated_by_timeout=False, unresolved=0)
    result = client.batch_write([(k, {"a": 2}) for k in keys], retry=3)
    # Nothing failed: one round was enough.
    assert result.retry == A.BatchRetryInfo(attempts=1, max_attempts=4, truncated_by_timeout=False, unresolved=0)
    assert [r.result for r in result.batch_records] == [0, 0, 0]
    assert client.batch_operate(keys, [{"op": A.OPERATOR_READ, "bin": "a"}]).retry == A.BatchRetryInfo()
    assert client.batch_write([]).retry == A.BatchRetryInfo()
    for key in keys:
        client.remove(key)
