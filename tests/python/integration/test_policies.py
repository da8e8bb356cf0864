"""Write policies and metadata against the server: exists, generation, send_key, truncate."""

import time

import pytest

import aerospike_py as A


def test_create_only(client, new_key):
    key = new_key()
    client.put(key, {"a": 1}, policy={"exists": A.POLICY_EXISTS_CREATE_ONLY})
    with pytest.raises(A.RecordExistsError) as info:
        client.put(key, {"a": 2}, policy={"exists": A.POLICY_EXISTS_CREATE_ONLY})
    assert info.value.code == A.AEROSPIKE_ERR_RECORD_EXISTS
    assert "AEROSPIKE_ERR (5)" in str(info.value)
    assert client.get(key).bins == {"a": 1}


def test_update_only(client, new_key):
    key = new_key()
    with pytest.raises(A.RecordNotFound):
        client.put(key, {"a": 1}, policy={"exists": A.POLICY_EXISTS_UPDATE_ONLY})
    client.put(key, {"a": 1})
    client.put(key, {"b": 2}, policy={"exists": A.POLICY_EXISTS_UPDATE})
    assert client.get(key).bins == {"a": 1, "b": 2}


def test_replace_and_replace_only(client, new_key):
    key = new_key()
    with pytest.raises(A.RecordNotFound):
        client.put(key, {"a": 1}, policy={"exists": A.POLICY_EXISTS_REPLACE_ONLY})
    client.put(key, {"a": 1, "b": 2}, policy={"exists": A.POLICY_EXISTS_REPLACE})
    client.put(key, {"c": 3}, policy={"exists": A.POLICY_EXISTS_REPLACE_ONLY})
    assert client.get(key).bins == {"c": 3}


def test_generation_eq_through_meta(client, new_key):
    key = new_key()
    client.put(key, {"a": 1})
    client.put(key, {"a": 2}, meta={"gen": 1})
    with pytest.raises(A.RecordGenerationError) as info:
        client.put(key, {"a": 3}, meta={"gen": 1})
    assert info.value.code == A.AEROSPIKE_ERR_RECORD_GENERATION
    assert client.get(key).bins == {"a": 2}


def test_generation_gt(client, new_key):
    key = new_key()
    client.put(key, {"a": 1})
    client.put(key, {"a": 2})
    with pytest.raises(A.RecordGenerationError):
        client.put(key, {"a": 3}, meta={"gen": 2}, policy={"gen": A.POLICY_GEN_GT})
    client.put(key, {"a": 3}, meta={"gen": 5}, policy={"gen": A.POLICY_GEN_GT})
    assert client.get(key).bins == {"a": 3}


def test_send_key_stores_the_user_key(client, new_key):
    key = new_key("stored-key")
    client.put(key, {"a": 1}, policy={"key": A.POLICY_KEY_SEND})
    assert client.get(key).key.user_key == "stored-key"


def test_read_policy_fields_accepted(client, new_key):
    key = new_key()
    client.put(key, {"a": 1})
    policy = {"socket_timeout": 1000, "total_timeout": 2000, "max_retries": 2, "sleep_between_retries": 1,
              "replica": A.POLICY_REPLICA_SEQUENCE, "read_mode_ap": A.POLICY_READ_MODE_AP_ONE,
              "read_touch_ttl_percent": 0, "filter_expression": None}
    assert client.get(key, policy=policy).bins == {"a": 1}


def test_write_policy_fields_accepted(client, new_key):
    key = new_key()
    policy = {"socket_timeout": 1000, "total_timeout": 2000, "max_retries": 0, "durable_delete": False,
              "commit_level": A.POLICY_COMMIT_LEVEL_ALL, "ttl": 100}
    client.put(key, {"a": 1}, policy=policy)
    client.remove(key, policy={"durable_delete": False, "commit_level": A.POLICY_COMMIT_LEVEL_MASTER})


def test_truncate_set(client):
    keys = [("test", "pytest_truncate", i) for i in range(5)]
    other = ("test", "pytest_truncate_other", 1)
    for key in keys + [other]:
        client.put(key, {"v": 1})
    try:
        # Truncate removes records last updated *before* its time, in milliseconds: let the
        # clock move past the writes.
        time.sleep(0.01)
        client.truncate("test", "pytest_truncate")
        deadline = time.monotonic() + 5
        while any(client.exists(k).meta for k in keys) and time.monotonic() < deadline:
            time.sleep(0.05)
        assert all(client.exists(k).meta is None for k in keys)
        assert client.exists(other).meta is not None
    finally:
        client.remove(other)


def test_truncate_unknown_namespace_is_accepted(client):
    # The server records a truncation for any namespace name and answers ok, as the real one does.
    assert client.truncate("no_such_namespace", None, policy={"timeout": 1000}) is None


def test_prefer_rack_without_racks_is_refused_as_in_aerospike_py(client, new_key):
    key = new_key()
    client.put(key, {"a": 1})
    policy = {"replica": A.POLICY_REPLICA_PREFER_RACK}
    with pytest.raises(A.InvalidArgError):
        client.get(key, policy=policy)
    with pytest.raises(A.InvalidArgError):
        client.batch_read([key], policy=policy)
    with pytest.raises(A.InvalidArgError):
        client.query(key[0], key[1]).results(policy)
