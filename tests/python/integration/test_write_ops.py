"""append, prepend, increment, remove_bin, operate, operate_ordered."""

import pytest

import aerospike_py as A
from aerospike_py import BinTuple, OperateOrderedResult, Record


def test_append_prepend(client, new_key):
    key = new_key()
    client.put(key, {"s": "mid"})
    client.append(key, "s", "-end")
    client.prepend(key, "s", "start-")
    record = client.get(key)
    assert record.bins["s"] == "start-mid-end"
    assert record.meta.gen == 3


def test_append_creates_bin(client, new_key):
    key = new_key()
    client.append(key, "s", "new")
    assert client.get(key).bins == {"s": "new"}


def test_increment(client, new_key):
    key = new_key()
    client.increment(key, "n", 5)
    client.increment(key, "n", -2)
    assert client.get(key).bins["n"] == 3
    client.put(key, {"f": 1.5})
    client.increment(key, "f", 0.25)
    assert client.get(key).bins["f"] == 1.75


def test_increment_string_bin_raises_bin_type_error(client, new_key):
    key = new_key()
    client.put(key, {"s": "text"})
    with pytest.raises(A.BinTypeError) as info:
        client.increment(key, "s", 1)
    assert info.value.code == A.AEROSPIKE_ERR_BIN_TYPE
    assert client.get(key).bins == {"s": "text"}


def test_append_to_int_raises_bin_type_error(client, new_key):
    key = new_key()
    client.put(key, {"n": 1})
    with pytest.raises(A.BinTypeError):
        client.append(key, "n", "x")


def test_remove_bin(client, new_key):
    key = new_key()
    client.put(key, {"a": 1, "b": 2, "c": 3})
    client.remove_bin(key, ["a", "c"])
    assert client.get(key).bins == {"b": 2}


def test_operate(client, new_key):
    key = new_key()
    client.put(key, {"n": 1, "s": "x"})
    record = client.operate(key, [
        {"op": A.OPERATOR_INCR, "bin": "n", "val": 10},
        {"op": A.OPERATOR_APPEND, "bin": "s", "val": "y"},
        {"op": A.OPERATOR_READ, "bin": "n"},
        {"op": A.OPERATOR_READ, "bin": "s"},
    ])
    assert isinstance(record, Record)
    assert record.bins == {"n": 11, "s": "xy"}
    assert record.meta.gen == 2
    assert record.key[:3] == key


def test_operate_repeated_reads_collect_into_a_list(client, new_key):
    key = new_key()
    client.put(key, {"n": 1})
    record = client.operate(key, [
        {"op": A.OPERATOR_READ, "bin": "n"},
        {"op": A.OPERATOR_INCR, "bin": "n", "val": 1},
        {"op": A.OPERATOR_READ, "bin": "n"},
    ])
    assert record.bins == {"n": [1, 2]}


def test_operate_ordered(client, new_key):
    key = new_key()
    client.put(key, {"a": 1, "b": 2})
    result = client.operate_ordered(key, [
        {"op": A.OPERATOR_READ, "bin": "b"},
        {"op": A.OPERATOR_WRITE, "bin": "c", "val": [1, 2]},
        {"op": A.OPERATOR_READ, "bin": "a"},
        {"op": A.OPERATOR_READ, "bin": "c"},
    ])
    assert isinstance(result, OperateOrderedResult)
    assert result.ordered_bins == [BinTuple("b", 2), BinTuple("a", 1), BinTuple("c", [1, 2])]
    assert result.meta.gen == 2


def test_operate_touch_and_delete(client, new_key):
    key = new_key()
    client.put(key, {"a": 1})
    client.operate(key, [{"op": A.OPERATOR_TOUCH}], meta={"ttl": 3000})
    record = client.get(key)
    assert record.meta.gen == 2 and 2900 < record.meta.ttl <= 3000
    client.operate(key, [{"op": A.OPERATOR_DELETE}])
    assert client.exists(key).meta is None


def test_operate_write_then_read_all(client, new_key):
    key = new_key()
    record = client.operate(key, [
        {"op": A.OPERATOR_WRITE, "bin": "a", "val": "v"},
        {"op": A.OPERATOR_READ},
    ])
    assert record.bins == {"a": "v"}


def test_operate_generation_check(client, new_key):
    key = new_key()
    client.put(key, {"n": 1})
    with pytest.raises(A.RecordGenerationError):
        client.operate(key, [{"op": A.OPERATOR_INCR, "bin": "n", "val": 1}], meta={"gen": 9})
    assert client.get(key).bins == {"n": 1}


def test_operate_missing_record_read(client, new_key):
    with pytest.raises(A.RecordNotFound):
        client.operate(new_key(), [{"op": A.OPERATOR_READ, "bin": "a"}])
