"""Result NamedTuples and input TypedDicts."""

import typing

import pytest

from aerospike_py import types

FIELDS = {
    types.AerospikeKey: ("namespace", "set_name", "user_key", "digest"),
    types.RecordMetadata: ("gen", "ttl"),
    types.Record: ("key", "meta", "bins"),
    types.ExistsResult: ("key", "meta"),
    types.InfoNodeResult: ("node_name", "error_code", "response"),
    types.BinTuple: ("name", "value"),
    types.OperateOrderedResult: ("key", "meta", "ordered_bins"),
    types.BatchRecord: ("key", "result", "record", "in_doubt"),
    types.BatchWriteResult: ("batch_records", "retry"),
    types.BatchRetryInfo: ("attempts", "max_attempts", "truncated_by_timeout", "unresolved"),
}


@pytest.mark.parametrize("cls,fields", FIELDS.items(), ids=lambda c: getattr(c, "__name__", ""))
def test_named_tuple_fields(cls, fields):
    assert cls._fields == fields
    assert issubclass(cls, tuple)


def test_record_unpacks_like_a_tuple():
    key = types.AerospikeKey("test", "demo", "pk", b"\x00" * 20)
    record = types.Record(key, types.RecordMetadata(gen=2, ttl=100), {"a": 1})
    k, meta, bins = record
    assert k.user_key == "pk" and meta.gen == 2 and bins == {"a": 1}


def test_batch_record_in_doubt_defaults_to_false():
    assert types.BatchRecord(None, 0, None).in_doubt is False


POLICY_KEYS = {
    types.ReadPolicy: {"socket_timeout", "total_timeout", "max_retries", "sleep_between_retries",
                       "filter_expression", "replica", "read_mode_ap", "read_touch_ttl_percent"},
    types.WritePolicy: {"socket_timeout", "total_timeout", "max_retries", "durable_delete", "key", "exists",
                        "gen", "commit_level", "ttl", "filter_expression", "read_mode_ap", "read_touch_ttl_percent"},
    types.AdminPolicy: {"timeout"},
    types.WriteMeta: {"gen", "ttl"},
    types.Privilege: {"code", "ns", "set"},
    types.ClientConfig: {"hosts", "cluster_name", "user", "password", "timeout", "idle_timeout",
                         "max_conns_per_node", "min_conns_per_node", "tend_interval", "use_services_alternate",
                         "max_concurrent_operations", "operation_queue_timeout_ms"},
}


@pytest.mark.parametrize("cls,keys", POLICY_KEYS.items(), ids=lambda c: getattr(c, "__name__", ""))
def test_typed_dicts_cover_aerospike_py_keys(cls, keys):
    assert keys <= set(typing.get_type_hints(cls))
    assert cls.__total__ is False


def test_user_and_role_info_are_total():
    assert set(typing.get_type_hints(types.UserInfo)) == {"user", "roles", "conns_in_use"}
    assert set(typing.get_type_hints(types.RoleInfo)) == {"name", "privileges", "allowlist", "read_quota", "write_quota"}


def test_aliases():
    assert types.Bins == dict[str, typing.Any]
    assert types.BatchRecords == dict[types.UserKey, types.AerospikeRecord]
