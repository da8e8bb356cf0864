"""Round trips of every value type."""

import math

import pytest

VALUES = [
    0, 1, -1, 2**31 - 1, -(2**31), 2**63 - 1, -(2**63),
    0.0, 1.5, -2.25, 1e300, float("inf"), float("-inf"),
    "", "hello", "\u00e9\u4e2d\U0001f600", "x" * 10000,
    b"", b"\x00\x01\xff", bytes(range(256)),
    True, False,
    [], [1, "two", 3.0, b"four", None, True], [[1, [2, [3]]]],
    {}, {"a": 1, "b": {"c": [1, 2, {"d": b"e"}]}}, {1: "int key", "s": 2},
]


@pytest.mark.parametrize("value", VALUES, ids=[f"v{i}" for i in range(len(VALUES))])
def test_round_trip(client, new_key, value):
    key = new_key()
    client.put(key, {"bin": value})
    stored = client.get(key).bins["bin"]
    assert stored == value
    assert type(stored) is type(value)


def test_negative_zero_and_nan(client, new_key):
    key = new_key()
    client.put(key, {"nz": -0.0, "nan": float("nan")})
    bins = client.get(key).bins
    assert bins["nz"] == 0.0 and math.copysign(1.0, bins["nz"]) == -1.0
    assert math.isnan(bins["nan"])


def test_none_bin_is_not_stored(client, new_key):
    key = new_key()
    client.put(key, {"a": 1, "b": None})
    assert client.get(key).bins == {"a": 1}


def test_deep_nesting(client, new_key):
    value = 1
    for _ in range(64):
        value = [value]
    key = new_key()
    client.put(key, {"deep": value})
    assert client.get(key).bins["deep"] == value


def test_many_bins(client, new_key):
    key = new_key()
    bins = {f"b{i}": i for i in range(200)}
    client.put(key, bins)
    assert client.get(key).bins == bins


def test_record_too_big(client, new_key):
    import aerospike_py

    key = new_key()
    with pytest.raises(aerospike_py.RecordTooBig) as info:
        client.put(key, {"big": b"x" * (1024 * 1024 + 1)})
    assert info.value.code == aerospike_py.AEROSPIKE_ERR_RECORD_TOO_BIG
    assert client.exists(key).meta is None
