"""put, get, select, exists, remove, touch: results and errors."""

import pytest

import aerospike_py
from aerospike_py import AerospikeKey, ExistsResult, Record, RecordMetadata

NEVER_EXPIRES = 4294967295


def test_put_get(client, new_key):
    key = new_key()
    client.put(key, {"name": "Alice", "age": 30})
    record = client.get(key)
    assert isinstance(record, Record)
    assert record.bins == {"name": "Alice", "age": 30}
    assert isinstance(record.meta, RecordMetadata)
    assert record.meta.gen == 1
    assert isinstance(record.key, AerospikeKey)
    assert record.key[:3] == key
    assert isinstance(record.key.digest, bytes) and len(record.key.digest) == 20
    _, meta, bins = record
    assert meta.gen == 1 and bins["age"] == 30


def test_generation_increases(client, new_key):
    key = new_key()
    client.put(key, {"a": 1})
    client.put(key, {"b": 2})
    record = client.get(key)
    assert record.meta.gen == 2
    assert record.bins == {"a": 1, "b": 2}


def test_put_none_deletes_bin(client, new_key):
    key = new_key()
    client.put(key, {"a": 1, "b": 2})
    client.put(key, {"a": None})
    assert client.get(key).bins == {"b": 2}


def test_get_missing_raises_record_not_found(client, new_key):
    with pytest.raises(aerospike_py.RecordNotFound) as info:
        client.get(new_key())
    assert info.value.code == aerospike_py.AEROSPIKE_ERR_RECORD_NOT_FOUND
    assert info.value.in_doubt is False


def test_select(client, new_key):
    key = new_key()
    client.put(key, {"a": 1, "b": 2, "c": 3})
    record = client.select(key, ["a", "c", "missing"])
    assert record.bins == {"a": 1, "c": 3}
    assert record.meta.gen == 1
    with pytest.raises(aerospike_py.RecordNotFound):
        client.select(new_key(), ["a"])


def test_exists(client, new_key):
    key = new_key()
    missing = client.exists(key)
    assert isinstance(missing, ExistsResult)
    assert missing.meta is None
    assert missing.key[:3] == key and len(missing.key.digest) == 20
    client.put(key, {"a": 1})
    found = client.exists(key)
    assert found.meta.gen == 1
    assert found.key.digest == missing.key.digest


def test_remove(client, new_key):
    key = new_key()
    client.put(key, {"a": 1})
    client.remove(key)
    assert client.exists(key).meta is None
    with pytest.raises(aerospike_py.RecordNotFound):
        client.remove(key)


def test_remove_with_generation(client, new_key):
    key = new_key()
    client.put(key, {"a": 1})
    with pytest.raises(aerospike_py.RecordGenerationError):
        client.remove(key, meta={"gen": 5})
    client.remove(key, meta={"gen": 1})
    assert client.exists(key).meta is None


def test_touch(client, new_key):
    key = new_key()
    client.put(key, {"a": 1}, meta={"ttl": 100})
    client.touch(key, 5000)
    record = client.get(key)
    assert record.meta.gen == 2
    assert 4900 < record.meta.ttl <= 5000
    with pytest.raises(aerospike_py.RecordNotFound):
        client.touch(new_key(), 10)


def test_touch_with_meta_ttl(client, new_key):
    key = new_key()
    client.put(key, {"a": 1})
    client.touch(key, meta={"ttl": 700})
    assert 600 < client.get(key).meta.ttl <= 700


def test_ttl_values(client, new_key):
    key = new_key()
    client.put(key, {"a": 1}, meta={"ttl": 1000})
    assert 900 < client.get(key).meta.ttl <= 1000
    client.put(key, {"a": 2}, meta={"ttl": aerospike_py.TTL_DONT_UPDATE})
    assert 900 < client.get(key).meta.ttl <= 1000
    client.put(key, {"a": 3}, meta={"ttl": aerospike_py.TTL_NEVER_EXPIRE})
    assert client.get(key).meta.ttl == NEVER_EXPIRES
    client.put(key, {"a": 4}, policy={"ttl": 500}, meta={"ttl": 50})
    assert 400 < client.get(key).meta.ttl <= 500


@pytest.mark.slow
def test_ttl_expiry(client, new_key):
    import time

    key = new_key()
    client.put(key, {"a": 1}, meta={"ttl": 1})
    assert client.get(key).bins == {"a": 1}
    time.sleep(2.5)
    with pytest.raises(aerospike_py.RecordNotFound):
        client.get(key)
    assert client.exists(key).meta is None


@pytest.mark.parametrize("user_key", ["str-key", "", "\u00e9\u4e2d\U0001f600", 0, 42, -1, 2**63 - 1, -(2**63), b"\x00\x01bytes", b""])
def test_user_key_types(client, new_key, user_key):
    key = new_key(user_key)
    client.put(key, {"v": 1})
    record = client.get(key)
    assert record.key.user_key == user_key
    assert record.bins == {"v": 1}


def test_digest_key(client, new_key):
    key = new_key()
    client.put(key, {"v": 1})
    digest = client.get(key).key.digest
    by_digest = ("test", "pytest", None, digest)
    record = client.get(by_digest)
    assert record.bins == {"v": 1}
    assert record.key.digest == digest and record.key.user_key is None


def test_equal_user_keys_in_different_sets_are_different_records(client, new_key):
    first = new_key("same", set_name="pytest_a")
    second = new_key("same", set_name="pytest_b")
    client.put(first, {"v": 1})
    client.put(second, {"v": 2})
    assert client.get(first).bins == {"v": 1}
    assert client.get(second).bins == {"v": 2}
    assert client.get(first).key.digest != client.get(second).key.digest


def test_empty_set_name(client, new_key):
    key = new_key(set_name="")
    client.put(key, {"v": 1})
    assert client.get(key).bins == {"v": 1}


def test_unknown_namespace(client):
    with pytest.raises(aerospike_py.AerospikeError) as info:
        client.put(("no_such_namespace", "s", "k"), {"a": 1})
    assert info.value.code == 20


def test_server_errors_name_their_result_code(client, new_key):
    with pytest.raises(aerospike_py.RecordNotFound) as info:
        client.get(new_key())
    assert info.value.msg == "server result code 2 (AEROSPIKE_ERR_RECORD_NOT_FOUND): record not found"
    assert str(info.value).startswith("AEROSPIKE_ERR (2): server result code 2 (AEROSPIKE_ERR_RECORD_NOT_FOUND)")
    key = new_key()
    client.put(key, {"a": 1})
    with pytest.raises(aerospike_py.RecordGenerationError) as info:
        client.put(key, {"a": 2}, meta={"gen": 9})
    assert info.value.msg == ("server result code 3 (AEROSPIKE_ERR_RECORD_GENERATION): "
                              "record generation does not match the expected one")


@pytest.mark.parametrize("call,error", [
    (lambda c, k: c.get(k + (None, "extra")), ValueError),
    (lambda c, k: c.put((k[0], "s\0t", k[2]), {"a": 1}), ValueError),
    (lambda c, k: c.put(k, {"b\0": 1}), ValueError),
    (lambda c, k: c.put(k, {"a": 1}, meta={"ttl": True}), TypeError),
    (lambda c, k: c.get(k, policy={"total_timeout": True}), TypeError),
])
def test_loose_arguments_are_refused_as_when_not_connected(client, new_key, call, error):
    key = new_key()
    unconnected = aerospike_py.client({"hosts": [("127.0.0.1", 19999)]})
    with pytest.raises(error) as offline:
        call(unconnected, key)
    with pytest.raises(error) as online:
        call(client, key)
    assert str(online.value) == str(offline.value)
    assert not client.exists(key).meta  # nothing was written
