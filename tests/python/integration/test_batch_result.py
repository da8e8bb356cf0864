"""``batch_read``'s result: a dict of the records found that also has aerospike-py 0.14.4's
``LazyBatchRecords`` views (positional, per record, NumPy), against a live server."""

import pickle
import uuid

import pytest

import aerospike_py as A


@pytest.fixture
def keys(client):
    set_name = f"lazy-{uuid.uuid4().hex[:8]}"
    written = [("test", set_name, i) for i in range(3)]
    for i, key in enumerate(written):
        client.put(key, {"i": i, "s": f"v{i}", "b": bytes([i]) * 3})
    yield written + [("test", set_name, "missing")]
    for key in written:
        client.remove(key)


def test_is_a_dict_of_found_records(client, keys):
    result = client.batch_read(keys)
    assert isinstance(result, dict) and isinstance(result, A.LazyBatchRecords)
    assert result == {i: {"i": i, "s": f"v{i}", "b": bytes([i]) * 3} for i in range(3)}
    assert len(result) == 3 and "missing" not in result
    assert result.to_dict() is result
    assert A.LazyBatchRecords.merge_to_dict([result, result]) == [result, result]
    assert pickle.loads(pickle.dumps(result)) == dict(result)


def test_positional_views(client, keys):
    result = client.batch_read(keys, bins=["i"])
    assert result.to_list() == [{"i": 0}, {"i": 1}, {"i": 2}, None]
    assert result.to_list() is not result.to_list()
    assert result.all_user_keys() == [0, 1, 2, "missing"]
    assert result.found_count() == 3
    rows = result.batch_records
    assert [r.result for r in rows] == [0, 0, 0, A.AEROSPIKE_ERR_RECORD_NOT_FOUND]
    assert rows[1].record.bins == {"i": 1} and rows[1].record.meta.gen == 1
    assert rows[3].record is None and rows[3].key.user_key == "missing"
    assert [r.key.digest for r in result.iter_records()] == [r.key.digest for r in rows]
    result.release_cache()
    assert result == {0: {"i": 0}, 1: {"i": 1}, 2: {"i": 2}}


def test_to_numpy_matches_the_native_fill(client, keys):
    np = pytest.importorskip("numpy")
    dtype = np.dtype([("i", "i8"), ("b", "S4"), ("s", "i4")])
    converted = client.batch_read(keys).to_numpy(dtype)
    native = client.batch_read(keys, _dtype=dtype)
    assert converted.batch_records.tobytes() == native.batch_records.tobytes()
    assert list(converted.result_codes) == list(native.result_codes)
    assert list(converted.result_codes) == [A.AEROSPIKE_ERR_BIN_TYPE] * 3 + [A.AEROSPIKE_ERR_RECORD_NOT_FOUND]
    assert converted.meta.tobytes() == native.meta.tobytes()
    assert converted.get(keys[1])["i"] == 1 and converted.get(keys[1])["b"] == b"\x01\x01\x01"
    fitting = np.dtype([("i", "i2"), ("b", "V2")])
    converted = client.batch_read(keys).to_numpy(fitting)
    native = client.batch_read(keys, _dtype=fitting)
    assert converted.batch_records.tobytes() == native.batch_records.tobytes()
    assert converted.meta.tobytes() == native.meta.tobytes()
    assert list(converted.result_codes) == [0, 0, 0, A.AEROSPIKE_ERR_RECORD_NOT_FOUND]
    with pytest.raises(TypeError):
        client.batch_read(keys).to_numpy(np.dtype("i8"))


def test_batch_write_numpy(client):
    np = pytest.importorskip("numpy")
    set_name = f"bwn-{uuid.uuid4().hex[:8]}"
    dtype = np.dtype([("_key", "i8"), ("a", "i4"), ("f", "f8"), ("s", "S4"), ("v", "f4", (3,)), ("_skip", "i4"),
                      ("u", "u2")])
    data = np.array([(1, 10, 1.5, b"ab", (1, 2, 3), 7, 5), (2, -3, 2.5, b"wxyz", (4, 5, 6), 8, 6)], dtype=dtype)
    result = client.batch_write_numpy(data, "test", set_name, dtype)
    assert [r.result for r in result.batch_records] == [0, 0] and result.retry == A.BatchRetryInfo()
    # As aerospike-py 0.14.4 stores them: fixed bytes whole, sub-arrays as raw bytes.
    assert client.get(("test", set_name, 1)).bins == {
        "a": 10, "f": 1.5, "s": b"ab\x00\x00", "v": np.array([1, 2, 3], dtype="f4").tobytes(), "u": 5}
    assert client.get(("test", set_name, 2)).bins["s"] == b"wxyz"
    with pytest.raises(ValueError, match="dtype must contain a 'nokey' field for the record key"):
        client.batch_write_numpy(data, "test", set_name, dtype, key_field="nokey")
    flags = np.dtype([("_key", "i8"), ("b", "?")])
    with pytest.raises(TypeError, match="dtype field 'b' must be numeric"):
        client.batch_write_numpy(np.zeros(1, dtype=flags), "test", set_name, flags)
    for i in (1, 2):
        client.remove(("test", set_name, i))
