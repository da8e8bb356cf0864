"""Policy and meta dicts to the ABI policy map."""

import msgpack
import pytest

import aerospike_py as A
from aerospike_py import InvalidArgError
from aerospike_py import _policy
from aerospike_py._policy import admin_policy, read_policy, write_policy


def unpacked(packed):
    return None if packed is None else msgpack.unpackb(packed)


def test_no_policy_is_null():
    assert read_policy(None) is None
    assert read_policy({}) is None
    assert write_policy(None, None) is None
    assert write_policy({}, {}) is None
    assert admin_policy(None) is None


def test_read_policy_keys():
    policy = {"socket_timeout": 10, "total_timeout": 20, "max_retries": 2, "sleep_between_retries": 5,
              "replica": A.POLICY_REPLICA_MASTER, "read_mode_ap": A.POLICY_READ_MODE_AP_ALL,
              "read_mode_sc": A.POLICY_READ_MODE_SC_LINEARIZE, "read_touch_ttl_percent": 80}
    assert unpacked(read_policy(policy)) == policy


def test_read_policy_ignores_write_keys_and_unknown_keys():
    assert read_policy({"ttl": 5, "exists": 1, "bogus": object(), "filter_expression": None}) is None


def test_write_policy_keys():
    policy = {"socket_timeout": 10, "total_timeout": 20, "max_retries": 1, "durable_delete": True,
              "key": A.POLICY_KEY_SEND, "exists": A.POLICY_EXISTS_CREATE_ONLY, "gen": A.POLICY_GEN_GT,
              "commit_level": A.POLICY_COMMIT_LEVEL_MASTER, "ttl": 60}
    assert unpacked(write_policy(None, policy)) == policy


def test_meta_gen_sets_generation_and_gen_eq():
    assert unpacked(write_policy({"gen": 7}, None)) == {"generation": 7, "gen": A.POLICY_GEN_EQ}


def test_policy_overrides_meta():
    packed = write_policy({"gen": 7, "ttl": 10}, {"ttl": 20, "gen": A.POLICY_GEN_GT})
    assert unpacked(packed) == {"generation": 7, "gen": A.POLICY_GEN_GT, "ttl": 20}


def test_explicit_ttl_overrides_all():
    assert unpacked(write_policy({"ttl": 1}, {"ttl": 2}, 3)) == {"ttl": 3}


def test_meta_other_keys_ignored_for_single_records():
    assert write_policy({"exists": 4, "key": 1}, None) is None


@pytest.mark.parametrize("name,value,expected", [
    ("exists", 999, A.POLICY_EXISTS_IGNORE), ("exists", -1, A.POLICY_EXISTS_IGNORE),
    ("gen", 999, A.POLICY_GEN_IGNORE), ("commit_level", 5, A.POLICY_COMMIT_LEVEL_ALL),
    ("key", 999, A.POLICY_KEY_DIGEST), ("key", 2, A.POLICY_KEY_DIGEST),
    ("read_mode_ap", 9, A.POLICY_READ_MODE_AP_ONE), ("read_mode_sc", 4, A.POLICY_READ_MODE_SC_SESSION),
])
def test_out_of_range_enums_fall_back_to_default(name, value, expected):
    assert unpacked(write_policy(None, {name: value})) == {name: expected}


def test_out_of_range_replica_falls_back_to_sequence():
    assert unpacked(read_policy({"replica": 7})) == {"replica": A.POLICY_REPLICA_SEQUENCE}


@pytest.mark.parametrize("ttl", [A.TTL_DONT_UPDATE, A.TTL_NEVER_EXPIRE, A.TTL_NAMESPACE_DEFAULT, 1, 2**32 - 1])
def test_ttl_range(ttl):
    assert unpacked(write_policy({"ttl": ttl}, None)) == {"ttl": ttl}


@pytest.mark.parametrize("ttl", [A.TTL_CLIENT_DEFAULT, -4, 2**32])
def test_ttl_out_of_range(ttl):
    with pytest.raises(InvalidArgError) as info:
        write_policy(None, {"ttl": ttl})
    assert info.value.code == -2


@pytest.mark.parametrize("percent,ok", [(-1, True), (0, True), (100, True), (-2, False), (101, False)])
def test_read_touch_ttl_percent(percent, ok):
    if ok:
        assert unpacked(read_policy({"read_touch_ttl_percent": percent})) == {"read_touch_ttl_percent": percent}
    else:
        with pytest.raises(InvalidArgError):
            read_policy({"read_touch_ttl_percent": percent})


@pytest.mark.parametrize("value", [-1, 2**32])
def test_timeouts_must_fit_u32(value):
    with pytest.raises(InvalidArgError):
        read_policy({"total_timeout": value})


@pytest.mark.parametrize("name,value", [("total_timeout", 1.5), ("durable_delete", "yes"), ("exists", None),
                                        ("key", "send"), ("timeout", [1])])
def test_wrong_types(name, value):
    with pytest.raises(TypeError):
        write_policy(None, {name: value}) if name != "timeout" else admin_policy({name: value})


def test_admin_policy():
    assert unpacked(admin_policy({"timeout": 250, "total_timeout": 9})) == {"timeout": 250}


def _int_fields(fields):
    """The names of the keys whose converter takes an int (every converter but ``_bool`` and
    the backoff multiplier's, which takes any number)."""
    return sorted(name for name, convert in fields.items() if convert not in (_policy._bool, _policy._multiplier))


@pytest.mark.parametrize("value", [True, False, "2", None])
def test_backoff_multiplier_takes_numbers_only(value):
    with pytest.raises(TypeError, match="'backoff_multiplier' must be a number"):
        _policy.translate(_policy.READ_FIELDS, {"backoff_multiplier": value}, {})
    assert _policy.translate(_policy.READ_FIELDS, {"backoff_multiplier": 2}, {}) == {"backoff_multiplier": 2.0}


@pytest.mark.parametrize("fields", ["READ_FIELDS", "WRITE_FIELDS", "BATCH_FIELDS", "ADMIN_FIELDS"])
@pytest.mark.parametrize("value", [True, False])
def test_bool_is_not_an_int_in_any_policy(fields, value):
    # bool is an int subclass: ttl=True used to become a 1 s TTL, total_timeout=True 1 ms.
    names = _int_fields(getattr(_policy, fields))
    assert names, fields
    for name in names:
        with pytest.raises(TypeError, match=f"'{name}' must be an int, got bool"):
            _policy.translate(getattr(_policy, fields), {name: value}, {})


@pytest.mark.parametrize("meta", [{"gen": True}, {"ttl": True}, {"ttl": False}, {"gen": False}])
def test_bool_is_not_an_int_in_meta(meta):
    with pytest.raises(TypeError, match="got bool"):
        write_policy(meta, None)
    with pytest.raises(TypeError, match="got bool"):
        _policy.row_meta(meta)


def test_bool_is_not_an_int_as_explicit_ttl():
    with pytest.raises(TypeError, match="got bool"):
        write_policy(None, None, True)
