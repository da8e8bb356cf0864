"""Operation dicts to the ABI's ops array, and operate results back."""

import msgpack
import pytest

import aerospike_py as A
from aerospike_py._ops import bin_tuples, bins_dict, pack_ops, wire_op
from aerospike_py.types import BinTuple


@pytest.mark.parametrize("op,wire", [
    ({"op": A.OPERATOR_READ, "bin": "a"}, [1, "a", None]),
    ({"op": A.OPERATOR_READ}, [1, None, None]),
    ({"op": A.OPERATOR_READ, "bin": "a", "val": 5}, [1, "a", None]),
    ({"op": A.OPERATOR_WRITE, "bin": "a", "val": [1, {"k": b"v"}]}, [2, "a", [1, {"k": b"v"}]]),
    ({"op": A.OPERATOR_WRITE, "bin": "a", "val": None}, [2, "a", None]),
    ({"op": A.OPERATOR_INCR, "bin": "n", "val": -2.5}, [5, "n", -2.5]),
    ({"op": A.OPERATOR_APPEND, "bin": "s", "val": "x"}, [9, "s", "x"]),
    ({"op": A.OPERATOR_PREPEND, "bin": "s", "val": "x"}, [10, "s", "x"]),
    ({"op": A.OPERATOR_TOUCH}, [11, None, None]),
    ({"op": A.OPERATOR_DELETE, "bin": "ignored"}, [12, None, None]),
])
def test_wire_op(op, wire):
    assert wire_op(op) == wire


def test_pack_ops():
    ops = [{"op": A.OPERATOR_INCR, "bin": "n", "val": 1}, {"op": A.OPERATOR_READ, "bin": "n"}]
    assert msgpack.unpackb(pack_ops(ops)) == [[5, "n", 1], [1, "n", None]]


@pytest.mark.parametrize("code", [A.OPERATOR_WRITE, A.OPERATOR_INCR, A.OPERATOR_APPEND, A.OPERATOR_PREPEND])
def test_missing_val_is_refused(code):
    # A typo ("value" for "val") must not turn into a nil write that deletes the bin.
    with pytest.raises(ValueError, match="needs a 'val'"):
        wire_op({"op": code, "bin": "balance", "value": 150})


def test_unsupported_operator():
    with pytest.raises(ValueError, match="unsupported operation code 999"):
        wire_op({"op": 999, "bin": "l", "val": 1})


def test_bins_dict_collects_repeated_names():
    pairs = [["a", 1], ["b", [9]], ["a", 2], ["a", [3]], ["b", 4]]
    assert bins_dict(pairs) == {"a": [1, 2, [3]], "b": [[9], 4]}
    assert bins_dict([]) == {}


def test_bin_tuples_keep_order():
    assert bin_tuples([["a", 1], ["a", 2]]) == [BinTuple("a", 1), BinTuple("a", 2)]
