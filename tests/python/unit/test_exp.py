"""aerospike_py.exp: aerospike-py's dicts, the ABI trees they pack to, the errors
aerospike-py raises, the packing kept per tree, and the collection expressions."""

import json
from pathlib import Path

import msgpack
import pytest

import aerospike_py
from aerospike_py import InvalidArgError, _exp, cdt_ctx, exp, exp_operations
from aerospike_py._ops import wire_op

from exp_calls import CALLS, encode

GOLDENS = Path(__file__).resolve().parent / "goldens" / "aerospike_py_exp.json"


def tree(expr):
    return msgpack.unpackb(_exp.pack(expr), strict_map_key=False)


def test_builders_return_aerospike_pys_dicts():
    recorded = {entry["call"]: entry["dict"] for entry in json.loads(GOLDENS.read_text())}
    assert set(recorded) == set(CALLS), "a builder call is missing from the goldens: re-record them"
    for name, call in CALLS.items():
        assert encode(call(exp)) == recorded[name], name


def test_every_aerospike_py_name_is_exported():
    names = {name.rstrip("_") for name in CALLS}
    assert names <= {name.rstrip("_") for name in exp.__all__}


def test_the_collection_expressions_are_exported():
    # exp.__all__ spells out the helper modules' names (for type checkers): none is left out.
    from aerospike_py import _exp_bit_hll, _exp_list_map

    assert exp.__all__[-len(_exp_list_map.__all__) - len(_exp_bit_hll.__all__):] == \
        _exp_list_map.__all__ + _exp_bit_hll.__all__
    assert len(CALLS) == 72
    assert (exp.EXP_TYPE_NIL, exp.EXP_TYPE_BOOL, exp.EXP_TYPE_INT, exp.EXP_TYPE_STRING, exp.EXP_TYPE_LIST,
            exp.EXP_TYPE_MAP, exp.EXP_TYPE_BLOB, exp.EXP_TYPE_FLOAT, exp.EXP_TYPE_GEO, exp.EXP_TYPE_HLL) == tuple(range(10))
    assert (aerospike_py.REGEX_NONE, aerospike_py.REGEX_EXTENDED, aerospike_py.REGEX_ICASE, aerospike_py.REGEX_NOSUB,
            aerospike_py.REGEX_NEWLINE) == (0, 1, 2, 4, 8)


@pytest.mark.parametrize("expr, wire", [
    (exp.int_val(-5), -5),
    (exp.float_val(2), 2.0),
    (exp.string_val("s"), "s"),
    (exp.blob_val(b"\x01"), b"\x01"),
    (exp.list_val([1, [2]]), [126, [1, [2]]]),
    (exp.map_val({"k": 1}), {"k": 1}),
    (exp.geo_val("{}"), msgpack.ExtType(2, b"{}")),
    (exp.nil(), None),
    (exp.infinity(), msgpack.ExtType(1, b"\x01")),
    (exp.wildcard(), msgpack.ExtType(1, b"\x00")),
    (exp.int_bin("a"), [81, 2, "a"]),
    (exp.hll_bin("a"), [81, 9, "a"]),
    (exp.bool_bin("a"), [81, 1, "a"]),
    (exp.bin_exists("a"), [2, [82, "a"], 0]),
    (exp.key(exp.EXP_TYPE_INT), [80, 2]),
    (exp.ttl(), [69]),
    (exp.record_size(), [74]),
    (exp.digest_modulo(3), [64, 3]),
    (exp.le(exp.int_bin("a"), exp.int_val(1)), [6, [81, 2, "a"], 1]),
    (exp.xor_(exp.bool_val(True), exp.bool_val(False)), [19, True, False]),
    (exp.num_log(exp.float_val(8), exp.float_val(2)), [25, 8.0, 2.0]),
    (exp.int_rscan(exp.int_val(8), exp.bool_val(True)), [41, 8, True]),
    (exp.regex_compare("^a", aerospike_py.REGEX_ICASE, exp.string_bin("s")), [7, 2, "^a", [81, 3, "s"]]),
    (exp.cond(exp.bool_val(True), exp.int_val(1), exp.int_val(2)), [123, True, 1, 2]),
    (exp.let_(exp.def_("x", exp.int_val(1)), exp.def_("y", exp.int_val(2)), exp.var("x")),
     [125, "x", 1, "y", 2, [124, "x"]]),
    (exp.in_list(exp.int_val(1), "l"), [9, 1, [81, 4, "l"]]),
    (exp.map_get_keys(exp.map_bin("m")), [101, [81, 5, "m"]]),
    (exp.unknown(), [0]),
    (exp.remove_result(), [100]),
])
def test_abi_trees(expr, wire):
    assert tree(expr) == wire


@pytest.mark.parametrize("call, error, text", [
    (lambda: 5, TypeError, "must be a dict"),
    (lambda: {"val": 1}, ValueError, "missing '__expr__'"),
    (lambda: {"__expr__": "bogus"}, ValueError, "Unknown expression type"),
    (lambda: {"__expr__": "eq", "left": exp.int_val(1)}, ValueError, "missing required field: 'right'"),
    (lambda: exp.int_val("1"), TypeError, "must be an int"),
    (lambda: exp.int_val(2**63), ValueError, "64-bit"),
    (lambda: exp.list_val([object()]), TypeError, "object"),
    (lambda: exp.string_val(1), TypeError, "must be a str"),
    (lambda: exp.list_val((1,)), TypeError, "must be a list"),
    (lambda: exp.and_(), InvalidArgError, "at least one operand"),
    (lambda: {"__expr__": "num_abs", "exprs": []}, ValueError, "requires at least 1"),
    (lambda: {"__expr__": "num_mod", "exprs": [exp.int_val(1)]}, ValueError, "exactly 2"),
    (lambda: exp.cond(exp.bool_val(True), exp.int_val(1)), InvalidArgError, "odd number"),
    (lambda: exp.let_(exp.def_("x", exp.int_val(1))), InvalidArgError, "at least 2"),
    (lambda: exp.let_(exp.int_val(1), exp.int_val(2)), InvalidArgError, "def_"),
    (lambda: exp.def_("x", exp.int_val(1)), InvalidArgError, "only valid"),
    (lambda: exp.int_bin(""), InvalidArgError, "Bin name"),
    (lambda: exp.int_bin("x" * 16), ValueError, "15"),
    (lambda: exp.key(10), ValueError, "Expected 0-9"),
    (lambda: exp.list_get_by_index(None, aerospike_py.LIST_RETURN_NONE, exp.EXP_TYPE_INT, 0, "l"), InvalidArgError,
     "gives no value"),
    (lambda: exp.list_get_by_index(None, aerospike_py.LIST_RETURN_VALUE, 12, 0, "l"), ValueError, "ExpType"),
    (lambda: exp.list_size([5], "l"), TypeError, "cdt_ctx"),
    # A field that takes a constant refuses an expression by name (not with an operator's error).
    (lambda: exp.list_get_by_index(None, exp.int_val(7), exp.EXP_TYPE_INT, 0, "l"), TypeError,
     "'return_type' must be an int, not an expression"),
    (lambda: exp.bit_resize(None, 4, exp.int_val(1), "b"), TypeError, "'resize flags' must be an int, not an expression"),
    (lambda: exp.hll_init(None, exp.int_val(8), None, "h"), TypeError, "'index_bit_count' must be an int, not an expression"),
])
def test_malformed_trees_raise_before_sending(call, error, text):
    with pytest.raises(error, match=text):
        _exp.pack(call())


def test_too_deep_a_tree_is_refused():
    e = exp.bool_val(True)
    for _ in range(64):
        e = exp.not_(e)
    _exp.pack(e)
    with pytest.raises(ValueError, match="maximum depth of 64"):
        _exp.pack(exp.not_(e))


def test_a_tree_is_packed_once_and_again_after_any_change():
    operand = exp.int_bin("a")
    e = exp.and_(exp.eq(operand, exp.int_val(1)))
    first = _exp.pack(e)
    assert _exp.pack(e) is first
    operand["name"] = "b"  # a change deep inside
    assert tree(e) == [16, [1, [81, 2, "b"], 1]]
    e["exprs"].append(exp.bool_val(False))
    assert tree(e) == [16, [1, [81, 2, "b"], 1], False]


def test_a_tree_holding_a_changeable_value_is_packed_each_time():
    values = [1]
    e = exp.in_list(exp.int_val(1), exp.list_val(values))
    assert tree(e) == [9, 1, [126, [1]]]
    values.append(2)
    assert tree(e) == [9, 1, [126, [1, 2]]]
    plain = {"__expr__": "int_val", "val": 3}
    assert tree(plain) == 3
    plain["val"] = 4
    assert tree(plain) == 4


def test_collection_expressions():
    # A read: the result type from the return type; a bin name reads the bin.
    assert tree(exp.list_size(None, "l")) == [127, 2, 0, [16], [81, 4, "l"]]
    assert tree(exp.list_get_by_value(None, aerospike_py.LIST_RETURN_VALUE, 3, "l", inverted=True)) == \
        [127, 4, 0, [22, 7 | 0x10000, 3], [81, 4, "l"]]
    assert tree(exp.map_get_by_key(None, aerospike_py.MAP_RETURN_VALUE, exp.EXP_TYPE_STRING, "k", "m")) == \
        [127, 3, 0, [97, 7, "k"], [81, 5, "m"]]
    assert tree(exp.map_get_by_key_range(None, aerospike_py.MAP_RETURN_KEY_VALUE, "a", None, "m")) == \
        [127, 5, 0, [103, 8, "a"], [81, 5, "m"]]
    # A modify gives the collection back, flagged to modify a copy.
    assert tree(exp.list_append(None, None, 9, "l")) == [127, 4, 0x40, [1, 9], [81, 4, "l"]]
    assert tree(exp.map_put(None, {"order": aerospike_py.MAP_KEY_ORDERED}, "k", [1], "m")) == \
        [127, 5, 0x40, [67, "k", [126, [1]], 1], [81, 5, "m"]]
    # A ctx: the bin's type is the first step's, and the ctx goes last.
    assert tree(exp.list_size([cdt_ctx.cdt_ctx_map_key("x")], "m")) == \
        [127, 2, 0, [16], [81, 5, "m"], [[0x22, "x"]]]
    # Arguments may be expressions, and the collection an expression too.
    assert tree(exp.list_get_by_index(None, aerospike_py.LIST_RETURN_VALUE, exp.EXP_TYPE_INT, exp.int_bin("i"),
                                      exp.list_val([5, 6]))) == \
        [127, 2, 0, [19, 7, [81, 2, "i"]], [126, [5, 6]]]
    # Bits and HLLs.
    assert tree(exp.bit_count(0, 8, "y")) == [127, 2, 1, [51, 0, 8], [81, 6, "y"]]
    assert tree(exp.bit_not(None, 0, 8, "y")) == [127, 6, 0x41, [7, 0, 8, 0], [81, 6, "y"]]
    assert tree(exp.hll_get_count("h")) == [127, 2, 2, [50], [81, 9, "h"]]
    assert tree(exp.hll_get_similarity([b"\x01"], "h")) == [127, 7, 2, [54, [126, [b"\x01"]]], [81, 9, "h"]]


def test_every_collection_expression_packs():
    # One call of each, with arguments of the official client's types.
    for name in exp.__all__:
        if name.startswith(("list_", "map_")) and name not in ("list_val", "map_val", "list_bin", "map_bin",
                                                                 "map_get_keys", "map_get_values"):
            fn = getattr(exp, name)
            args = {"ctx": None, "policy": None, "return_type": 7, "value_type": 2, "value": 1, "values": [1],
                    "index": 0, "rank": 0, "count": 1, "begin": 1, "end": 5, "value_begin": 1, "value_end": 5,
                    "key": "k", "keys": ["k"], "map": {"k": 1}, "order": 0, "bin": "l" if name[0] == "l" else "m"}
            if name.endswith("_items") or name.endswith("value_list"):
                args["value"] = [1]
            params = fn.__code__.co_varnames[:fn.__code__.co_argcount - len(fn.__defaults__ or ())]
            packed = tree(fn(*(args[p] for p in params)))
            assert packed[0] == 127, name


def test_expression_operations():
    e = exp.num_add(exp.int_bin("a"), exp.int_val(1))
    op = wire_op(exp_operations.exp_read("r", e))
    assert op[0] == 7 and op[1] == "r" and msgpack.unpackb(op[2]) == [20, [81, 2, "a"], 1] and op[3] == 0
    op = wire_op(exp_operations.expression_write("w", e, aerospike_py.EXP_WRITE_UPDATE_ONLY))
    assert op[0] == 8 and op[3] == 2
    with pytest.raises(TypeError, match="must be an expression"):
        wire_op(exp_operations.exp_read("r", 5))
    with pytest.raises(InvalidArgError, match="unknown bits"):
        wire_op(exp_operations.exp_read("r", e, aerospike_py.EXP_WRITE_ALLOW_DELETE))
    with pytest.raises(ValueError, match="needs an 'expr'"):
        wire_op({"op": aerospike_py.OP_EXPR_READ, "bin": "r"})


def test_policies_carry_the_packed_filter():
    from aerospike_py import _policy

    e = exp.eq(exp.int_bin("a"), exp.int_val(1))
    packed = _exp.pack(e)
    assert msgpack.unpackb(_policy.read_policy({"filter_expression": e})) == {"filter_expression": packed}
    assert msgpack.unpackb(_policy.write_policy({"ttl": 5}, {"expressions": e, "total_timeout": 3})) == \
        {"ttl": 5, "total_timeout": 3, "filter_expression": packed}
    many = {name: 0 for name in ("socket_timeout", "total_timeout", "max_retries", "sleep_between_retries",
                                 "read_mode_ap", "read_mode_sc", "read_touch_ttl_percent", "replica", "key",
                                 "exists", "gen", "commit_level", "ttl")}
    many.update(durable_delete=False, allow_inline=True, filter_expression=e)
    unpacked = msgpack.unpackb(_policy.batch_policy(many))
    assert len(unpacked) == 16 and unpacked["filter_expression"] == packed
    assert msgpack.unpackb(_policy.row_meta({"filter_expression": e, "ttl": 9})) == \
        {"filter_expression": packed, "ttl": 9}
    assert _policy.read_policy({"filter_expression": None}) is None


def test_admin_commands_refuse_a_filter():
    from aerospike_py import _policy

    with pytest.raises(InvalidArgError, match="no filter"):
        _policy.admin_policy({"filter_expression": exp.key_exists()})
    assert _policy.admin_policy({"filter_expression": None, "timeout": 5}) is not None
