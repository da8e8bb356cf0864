"""List, map, bit and HLL operations: the dicts the helpers build, their ABI form, bad input."""

import inspect

import msgpack
import pytest

import aerospike_py as A
from aerospike_py import bit_operations as bo
from aerospike_py import cdt_ctx as cc
from aerospike_py import hll_operations as ho
from aerospike_py import list_operations as lo
from aerospike_py import map_operations as mo
from aerospike_py import _cdt
from aerospike_py._ffi import lib
from aerospike_py._ops import bin_tuples, bins_dict, pack_ops, wire_op
from aerospike_py.types import BinTuple

RV = A.LIST_RETURN_VALUE
MK = A.MAP_RETURN_KEY
INV = 0x10000
WILD = msgpack.ExtType(1, b"\x00")
INF = msgpack.ExtType(1, b"\x01")
MODULES = (lo, mo, bo, ho)

# (operation, its ABI form): every helper at least once, server codes and argument order.
WIRE = [
    (lo.list_append("l", 1), [3, "l", [1, 1]]),
    (lo.list_append("l", None, {"order": 1, "flags": 5}), [3, "l", [1, None, 1, 5]]),
    (lo.list_append_items("l", [1, 2], {"list_order": 1, "write_flags": 2}), [3, "l", [2, [1, 2], 1, 2]]),
    (lo.list_insert("l", -1, "x"), [3, "l", [3, -1, "x"]]),
    (lo.list_insert("l", 2, "x", {"flags": A.LIST_WRITE_INSERT_BOUNDED}), [3, "l", [3, 2, "x", 2]]),
    (lo.list_insert_items("l", 0, [1], {"flags": 0}), [3, "l", [4, 0, [1], 0]]),
    (lo.list_pop("l", 0), [3, "l", [5, 0]]),
    (lo.list_pop_range("l", 1, 2), [3, "l", [6, 1, 2]]),
    (lo.list_remove("l", 3), [3, "l", [7, 3]]),
    (lo.list_remove_range("l", 1, 0), [3, "l", [8, 1, 0]]),
    (lo.list_set("l", 5, {"a": 1}), [3, "l", [9, 5, {"a": 1}]]),
    (lo.list_set("l", 5, 1, {"flags": A.LIST_WRITE_NO_FAIL}), [3, "l", [9, 5, 1, 4]]),
    (lo.list_trim("l", 1, 2), [3, "l", [10, 1, 2]]),
    (lo.list_clear("l"), [3, "l", [11]]),
    (lo.list_size("l"), [3, "l", [16]]),
    (lo.list_get("l", -1), [3, "l", [17, -1]]),
    (lo.list_get_range("l", 0, 9), [3, "l", [18, 0, 9]]),
    (lo.list_get_by_value("l", [1, A.CDTWildcard()], RV), [3, "l", [22, RV, [1, WILD]]]),
    (lo.list_get_by_index("l", 0, RV), [3, "l", [19, RV, 0]]),
    (lo.list_get_by_index_range("l", 1, RV), [3, "l", [24, RV, 1]]),
    (lo.list_get_by_index_range("l", 1, RV, 2, True), [3, "l", [24, RV | INV, 1, 2]]),
    (lo.list_get_by_rank("l", -1, A.LIST_RETURN_INDEX), [3, "l", [21, 1, -1]]),
    (lo.list_get_by_rank_range("l", 0, A.LIST_RETURN_COUNT, 3), [3, "l", [26, 5, 0, 3]]),
    (lo.list_get_by_value_list("l", [1, 2], A.LIST_RETURN_EXISTS), [3, "l", [23, 13, [1, 2]]]),
    (lo.list_get_by_value_range("l", 1, None, RV), [3, "l", [25, RV, 1]]),
    (lo.list_get_by_value_range("l", None, A.CDTInfinite(), RV), [3, "l", [25, RV, None, INF]]),
    (lo.list_remove_by_value("l", 1, A.LIST_RETURN_NONE), [3, "l", [35, 0, 1]]),
    (lo.list_remove_by_value_list("l", [1], RV, inverted=True), [3, "l", [36, RV | INV, [1]]]),
    (lo.list_remove_by_value_range("l", 1, 5, A.LIST_RETURN_RANK), [3, "l", [38, 3, 1, 5]]),
    (lo.list_remove_by_index("l", 0, RV), [3, "l", [32, RV, 0]]),
    (lo.list_remove_by_index_range("l", 0, RV, 1), [3, "l", [37, RV, 0, 1]]),
    (lo.list_remove_by_rank("l", 0, A.LIST_RETURN_REVERSE_RANK), [3, "l", [34, 4, 0]]),
    (lo.list_remove_by_rank_range("l", 0, A.LIST_RETURN_REVERSE_INDEX), [3, "l", [39, 2, 0]]),
    (lo.list_increment("l", 0, 2), [3, "l", [12, 0, 2]]),
    (lo.list_increment("l", 0, 1.5, {"order": 1}), [3, "l", [12, 0, 1.5, 1, 0]]),
    (lo.list_increment("l", 0, None), [3, "l", [12, 0, 1]]),
    (lo.list_sort("l"), [3, "l", [13, 0]]),
    (lo.list_sort("l", A.LIST_SORT_DROP_DUPLICATES | 1), [3, "l", [13, 3]]),
    (lo.list_set_order("l", A.LIST_ORDERED), [3, "l", [0, 1]]),
    (lo.list_create("l"), [3, "l", [0, 0]]),
    (lo.list_create("l", A.LIST_ORDERED, persist_index=True), [3, "l", [0, 0x11]]),
    (lo.list_get_by_value_rank_range_relative("l", 5, -1, RV), [3, "l", [27, RV, 5, -1]]),
    (lo.list_remove_by_value_rank_range_relative("l", 5, 0, RV, 2, True), [3, "l", [40, RV | INV, 5, 0, 2]]),
    (mo.map_set_order("m", A.MAP_KEY_VALUE_ORDERED), [3, "m", [64, 3]]),
    (mo.map_put("m", "k", 1), [3, "m", [67, "k", 1, 0]]),
    (mo.map_put("m", "k", None, {"order": 1}), [3, "m", [67, "k", None, 1]]),
    (mo.map_put("m", "k", 1, {"write_mode": A.MAP_CREATE_ONLY, "order": 3}), [3, "m", [65, "k", 1, 3]]),
    (mo.map_put("m", "k", 1, {"write_mode": A.MAP_UPDATE_ONLY, "order": 3}), [3, "m", [69, "k", 1]]),
    (mo.map_put("m", "k", 1, {"map_write_flags": 5, "map_order": 1, "persist_index": True}),
     [3, "m", [67, "k", 1, 0x11, 5]]),
    (mo.map_put_items("m", {"a": 1}), [3, "m", [68, {"a": 1}, 0]]),
    (mo.map_put_items("m", {"a": 1}, {"map_write_mode": A.MAP_CREATE_ONLY}), [3, "m", [66, {"a": 1}, 0]]),
    (mo.map_put_items("m", {"a": 1}, {"write_mode": A.MAP_UPDATE_ONLY}), [3, "m", [70, {"a": 1}]]),
    (mo.map_put_items("m", {"a": 1}, {"map_write_flags": A.MAP_WRITE_FLAGS_UPDATE_ONLY}),
     [3, "m", [68, {"a": 1}, 0, 2]]),
    (mo.map_increment("m", "k", 2, {"order": 1}), [3, "m", [73, "k", 2, 1]]),
    (mo.map_increment("m", "k", None, {"write_mode": A.MAP_UPDATE_ONLY}), [3, "m", [73, "k", 1]]),
    (mo.map_decrement("m", 1, 0.5), [3, "m", [74, 1, 0.5, 0]]),
    (mo.map_clear("m"), [3, "m", [75]]),
    (mo.map_remove_by_key("m", "k", MK), [3, "m", [76, MK, "k"]]),
    (mo.map_remove_by_key_list("m", ["a", "b"], A.MAP_RETURN_NONE), [3, "m", [81, 0, ["a", "b"]]]),
    (mo.map_remove_by_key_range("m", "a", "c", MK, True), [3, "m", [84, MK | INV, "a", "c"]]),
    (mo.map_remove_by_value("m", 1, A.MAP_RETURN_COUNT), [3, "m", [82, 5, 1]]),
    (mo.map_remove_by_value_list("m", [1], A.MAP_RETURN_VALUE), [3, "m", [83, 7, [1]]]),
    (mo.map_remove_by_value_range("m", 1, None, MK), [3, "m", [86, MK, 1]]),
    (mo.map_remove_by_index("m", 0, MK), [3, "m", [77, MK, 0]]),
    (mo.map_remove_by_index_range("m", 1, MK), [3, "m", [85, MK, 1]]),
    (mo.map_remove_by_rank("m", -1, A.MAP_RETURN_KEY_VALUE), [3, "m", [79, 8, -1]]),
    (mo.map_remove_by_rank_range("m", 0, MK, 2), [3, "m", [87, MK, 0, 2]]),
    (mo.map_size("m"), [3, "m", [96]]),
    (mo.map_get_by_key("m", "k", A.MAP_RETURN_VALUE), [3, "m", [97, 7, "k"]]),
    (mo.map_get_by_key_range("m", ["a", 1], ["a", A.CDTInfinite()], MK), [3, "m", [103, MK, ["a", 1], ["a", INF]]]),
    (mo.map_get_by_value("m", 1, A.MAP_RETURN_ORDERED_MAP), [3, "m", [102, 17, 1]]),
    (mo.map_get_by_value_range("m", 1, 2, A.MAP_RETURN_UNORDERED_MAP), [3, "m", [105, 16, 1, 2]]),
    (mo.map_get_by_index("m", 0, MK), [3, "m", [98, MK, 0]]),
    (mo.map_get_by_index_range("m", 0, MK, 5), [3, "m", [104, MK, 0, 5]]),
    (mo.map_get_by_rank("m", 0, A.MAP_RETURN_RANK), [3, "m", [100, 3, 0]]),
    (mo.map_get_by_rank_range("m", 0, MK), [3, "m", [106, MK, 0]]),
    (mo.map_get_by_key_list("m", ["a"], MK), [3, "m", [107, MK, ["a"]]]),
    (mo.map_get_by_value_list("m", [1], MK), [3, "m", [108, MK, [1]]]),
    (mo.map_create("m", A.MAP_KEY_ORDERED), [3, "m", [64, 1]]),
    (mo.map_create("m", A.MAP_KEY_ORDERED, True), [3, "m", [64, 0x11]]),
    (mo.map_set_policy("m", {"map_order": 3, "persist_index": True}), [3, "m", [64, 0x13]]),
    (mo.map_get_by_key_index_range_relative("m", "b", -1, MK), [3, "m", [109, MK, "b", -1]]),
    (mo.map_remove_by_key_index_range_relative("m", "b", 0, MK, 1), [3, "m", [88, MK, "b", 0, 1]]),
    (mo.map_get_by_value_rank_range_relative("m", 5, 1, MK, None, True), [3, "m", [110, MK | INV, 5, 1]]),
    (mo.map_remove_by_value_rank_range_relative("m", 5, 1, MK, 3), [3, "m", [89, MK, 5, 1, 3]]),
    (bo.bit_resize("b", 4), [13, "b", [0, 4, 0]]),
    (bo.bit_resize("b", 4, A.BIT_RESIZE_FROM_FRONT | A.BIT_RESIZE_GROW_ONLY, 1), [13, "b", [0, 4, 1, 3]]),
    (bo.bit_insert("b", 1, bytearray(b"\x01")), [13, "b", [1, 1, b"\x01", 0]]),
    (bo.bit_remove("b", 1, 2, {"bit_write_flags": A.BIT_WRITE_NO_FAIL}), [13, "b", [2, 1, 2, 4]]),
    (bo.bit_set("b", 0, 8, b"\xff"), [13, "b", [3, 0, 8, b"\xff", 0]]),
    (bo.bit_or("b", 0, 8, b"\x0f", A.BIT_WRITE_UPDATE_ONLY), [13, "b", [4, 0, 8, b"\x0f", 2]]),
    (bo.bit_xor("b", -8, 8, b"\x0f"), [13, "b", [5, -8, 8, b"\x0f", 0]]),
    (bo.bit_and("b", 0, 4, b"\xf0"), [13, "b", [6, 0, 4, b"\xf0", 0]]),
    (bo.bit_not("b", 0, 16), [13, "b", [7, 0, 16, 0]]),
    (bo.bit_lshift("b", 0, 8, 3), [13, "b", [8, 0, 8, 3, 0]]),
    (bo.bit_rshift("b", 0, 8, 3, A.BIT_WRITE_PARTIAL | A.BIT_WRITE_NO_FAIL), [13, "b", [9, 0, 8, 3, 12]]),
    (bo.bit_add("b", 0, 8, 1), [13, "b", [10, 0, 8, 1, 0, 0]]),
    (bo.bit_add("b", 0, 8, -1, True, A.BIT_OVERFLOW_WRAP), [13, "b", [10, 0, 8, -1, 0, 5]]),
    (bo.bit_subtract("b", 0, 8, 1, False, A.BIT_OVERFLOW_SATURATE, 8), [13, "b", [11, 0, 8, 1, 8, 2]]),
    (bo.bit_set_int("b", 8, 16, 300), [13, "b", [12, 8, 16, 300, 0]]),
    (bo.bit_get("b", 0, 8), [13, "b", [50, 0, 8]]),
    (bo.bit_count("b", 0, 8), [13, "b", [51, 0, 8]]),
    (bo.bit_lscan("b", 0, 8, True), [13, "b", [52, 0, 8, True]]),
    (bo.bit_rscan("b", 0, 8, False), [13, "b", [53, 0, 8, False]]),
    (bo.bit_get_int("b", 0, 8), [13, "b", [54, 0, 8]]),
    (bo.bit_get_int("b", 0, 8, True), [13, "b", [54, 0, 8, 1]]),
    (ho.hll_init("h", 10), [16, "h", [0, 10, -1, 0]]),
    (ho.hll_init("h", 10, 20, policy={"flags": A.HLL_WRITE_CREATE_ONLY}), [16, "h", [0, 10, 20, 1]]),
    (ho.hll_add("h", ["a", 1]), [16, "h", [1, ["a", 1], -1, -1, 0]]),
    (ho.hll_add("h", ["a"], 8, 4, policy={"flags": 4}), [16, "h", [1, ["a"], 8, 4, 4]]),
    (ho.hll_get_count("h"), [16, "h", [50]]),
    (ho.hll_get_union("h", [b"x"]), [16, "h", [51, [b"x"]]]),
    (ho.hll_get_union_count("h", [bytearray(b"x")]), [16, "h", [52, [b"x"]]]),
    (ho.hll_get_intersect_count("h", [b"x"]), [16, "h", [53, [b"x"]]]),
    (ho.hll_get_similarity("h", [b"x", b"y"]), [16, "h", [54, [b"x", b"y"]]]),
    (ho.hll_describe("h"), [16, "h", [55]]),
    (ho.hll_fold("h", 6), [16, "h", [4, 6]]),
    (ho.hll_set_union("h", [b"x"], policy={"flags": A.HLL_WRITE_ALLOW_FOLD}), [16, "h", [2, [b"x"], 8]]),
]


@pytest.mark.parametrize("op,wire", WIRE)
def test_wire_form(op, wire):
    assert wire_op(op) == wire


def test_every_helper_is_covered_and_named_after_its_code():
    covered = {op["op"] for op, _ in WIRE}
    for module in MODULES:
        for name in module.__all__:
            if name == "Operation":
                continue
            params = inspect.signature(getattr(module, name)).parameters
            args = [1 if p.name != "bin" else "b" for p in params.values()
                    if p.default is inspect.Parameter.empty]
            code = getattr(module, name)(*args)["op"]
            assert _cdt._SPECS[code][0] == name
            assert code in covered, name
    assert len(covered) == len(_cdt._SPECS)


def test_packed_ops_carry_markers_as_ext():
    ops = [lo.list_get_by_value_range("l", [1, A.CDTWildcard()], [1, A.CDTInfinite()], RV), lo.list_size("l")]
    assert msgpack.unpackb(pack_ops(ops)) == [[3, "l", [25, RV, [1, WILD], [1, INF]]], [3, "l", [16]]]


@pytest.mark.parametrize("op,expected", [
    # aerospike-py's shapes: optional arguments left out are absent.
    (lo.list_append("l", 1), {"op": 1001, "bin": "l", "val": 1}),
    (lo.list_get_by_index_range("l", 0, RV), {"op": 1017, "bin": "l", "index": 0, "return_type": RV}),
    (mo.map_put("m", "k", 1, {"order": 1}), {"op": 2002, "bin": "m", "map_key": "k", "val": 1,
                                            "map_policy": {"order": 1}}),
    (bo.bit_resize("b", 2), {"op": 4001, "bin": "b", "byte_size": 2}),
    (bo.bit_add("b", 0, 8, 1), {"op": 4011, "bin": "b", "bit_offset": 0, "bit_size": 8, "val": 1,
                                "signed": False, "action": 0}),
    (ho.hll_init("h", 8), {"op": 3001, "bin": "h", "index_bit_count": 8}),
    (lo.list_get_by_value("l", 1, RV, True, [cc.cdt_ctx_list_index(0)]),
     {"op": 1015, "bin": "l", "val": 1, "return_type": RV, "inverted": True, "ctx": [cc.CdtContext(0x10, 0)]}),
    (lo.list_create("l", 1, True), {"op": 1032, "bin": "l", "list_order": 1, "pad": True}),
    (mo.map_create("m"), {"op": 2028, "bin": "m", "map_order": 0}),
])
def test_op_dict_shapes(op, expected):
    assert op == expected


def test_context_steps():
    ctx = [cc.cdt_ctx_list_index(-1), cc.cdt_ctx_list_rank(0), cc.cdt_ctx_list_value([1]),
           cc.cdt_ctx_map_index(1), cc.cdt_ctx_map_rank(2), cc.cdt_ctx_map_key("k"), cc.cdt_ctx_map_value(b"v")]
    assert wire_op(lo.list_size("l", ctx=ctx))[3] == [
        [0x10, -1], [0x11, 0], [0x13, [1]], [0x20, 1], [0x21, 2], [0x22, "k"], [0x23, b"v"]]


@pytest.mark.parametrize("step,wire", [
    (cc.cdt_ctx_list_index_create(1), [0x50, 1]),
    (cc.cdt_ctx_list_index_create(3, pad=True), [0x90, 3]),
    (cc.cdt_ctx_list_index_create(0, A.LIST_ORDERED, True), [0xD0, 0]),
    (cc.cdt_ctx_map_key_create("k"), [0x62, "k"]),
    (cc.cdt_ctx_map_key_create("k", A.MAP_KEY_ORDERED), [0xA2, "k"]),
    (cc.cdt_ctx_map_key_create("k", A.MAP_KEY_VALUE_ORDERED), [0xE2, "k"]),
])
def test_context_create_flags(step, wire):
    assert wire_op(mo.map_put("m", 1, 2, ctx=[step]))[3] == [wire]


def test_context_values_match_the_header():
    assert (cc.CDT_CTX_LIST_INDEX, cc.CDT_CTX_LIST_RANK, cc.CDT_CTX_LIST_VALUE) == (
        lib.AERO_CTX_LIST_INDEX, lib.AERO_CTX_LIST_RANK, lib.AERO_CTX_LIST_VALUE)
    assert (cc.CDT_CTX_MAP_INDEX, cc.CDT_CTX_MAP_RANK, cc.CDT_CTX_MAP_KEY, cc.CDT_CTX_MAP_VALUE) == (
        lib.AERO_CTX_MAP_INDEX, lib.AERO_CTX_MAP_RANK, lib.AERO_CTX_MAP_KEY, lib.AERO_CTX_MAP_VALUE)
    assert (_cdt.KIND_CDT, _cdt.KIND_BIT, _cdt.KIND_HLL) == (lib.AERO_OP_CDT, lib.AERO_OP_BIT, lib.AERO_OP_HLL)
    assert (A.MAP_RETURN_UNORDERED_MAP, A.MAP_RETURN_ORDERED_MAP, INV) == (
        lib.AERO_RETURN_UNORDERED_MAP, lib.AERO_RETURN_ORDERED_MAP, lib.AERO_RETURN_INVERTED)


@pytest.mark.parametrize("op,wire", [
    # Nested creation: the create flag of the list or map goes on the last step, as the
    # official clients send it, and persist_index does not apply.
    (lo.list_create("l", A.LIST_ORDERED, ctx=[cc.cdt_ctx_map_key("a")]), [3, "l", [0, 1], [[0xE2, "a"]]]),
    (lo.list_create("l", pad=True, persist_index=True, ctx=[cc.cdt_ctx_list_index(2)]),
     [3, "l", [0, 0], [[0x90, 2]]]),
    (mo.map_create("m", A.MAP_KEY_ORDERED, True, [cc.cdt_ctx_list_index(0), cc.cdt_ctx_map_key("a")]),
     [3, "m", [64, 1], [[0x10, 0], [0xA2, "a"]]]),
    (mo.map_set_policy("m", {"order": 1, "persist_index": True}, [cc.cdt_ctx_map_key("a")]),
     [3, "m", [64, 1], [[0x22, "a"]]]),
    (lo.list_append("l", 1, ctx=[]), [3, "l", [1, 1]]),
])
def test_nested_create(op, wire):
    assert wire_op(op) == wire


def test_markers():
    assert A.CDTWildcard() == A.CDTWildcard() and A.CDTWildcard() != A.CDTInfinite()
    assert repr(A.CDTInfinite()) == "CDTInfinite()"
    assert len({A.CDTWildcard(), A.CDTWildcard()}) == 1
    assert wire_op(mo.map_get_by_value("m", {"a": A.CDTWildcard()}, MK))[2] == [102, MK, {"a": WILD}]


def test_operate_results_drop_nil():
    # With a collection op the server answers every op; writes without a result answer nil.
    pairs = [["l", None], ["l", 3], ["m", None], ["l", [1]]]
    assert bins_dict(pairs) == {"l": [3, [1]]}
    assert bin_tuples(pairs) == [BinTuple("l", 3), BinTuple("l", [1])]


def _op(code, **fields):
    return {"op": code, "bin": "b", **fields}


@pytest.mark.parametrize("op,error,match", [
    # Missing keys: aerospike-py's ValueError.
    (_op(1013), ValueError, "requires 'index'"),
    (_op(1016, index=0), ValueError, "requires 'return_type'"),
    (_op(2018, return_type=MK), ValueError, "requires 'map_key'"),
    (_op(1001), ValueError, "requires 'val'"),
    ({"op": 1011}, ValueError, "requires 'bin'"),
    (_op(4050, bit_offset=0), ValueError, "requires 'bit_size'"),
    (_op(3009), ValueError, "requires 'index_bit_count'"),
    (bo.bit_add("b", 0, 8, "1"), ValueError, "integer value"),
    (bo.bit_set_int("b", 0, 8, True), ValueError, "integer value"),
    (_op(4011, bit_offset=0, bit_size=8), ValueError, "requires a 'val'"),
    (mo.map_put_items("m", [("a", 1)]), ValueError, "requires a dict"),
    # Bin names and values.
    (lo.list_size("b" * 16), ValueError, "15-byte limit"),
    (lo.list_size(""), ValueError, "empty"),
    (lo.list_size(5), TypeError, "bin name"),
    (lo.list_append("l", 1 << 63), ValueError, "64-bit"),
    (lo.list_get("l", 1 << 64), ValueError, "64-bit"),
    # Wrong types.
    (lo.list_append("l", (1, 2)), TypeError, "tuple"),
    (lo.list_append("l", A.CDTWildcard()), TypeError, "CDTWildcard"),
    (lo.list_append_items("l", 5), TypeError, "must be a list"),
    (lo.list_get_by_value_list("l", "ab", RV), TypeError, "must be a list"),
    (lo.list_get("l", "0"), TypeError, "must be an int"),
    (lo.list_get("l", True), TypeError, "must be an int"),
    (lo.list_get_by_index("l", 0, 7.0), TypeError, "must be an int"),
    (lo.list_get_by_index_range("l", 0, RV, inverted=1), TypeError, "must be a bool"),
    (lo.list_increment("l", 0, "1"), TypeError, "int or float"),
    (mo.map_increment("m", "k", True), TypeError, "int or float"),
    (lo.list_append("l", 1, [("order", 1)]), TypeError, "must be a dict"),
    (lo.list_append("l", 1, {"order": "1"}), TypeError, "must be an int"),
    (mo.map_put("m", "k", 1, {"persist_index": 1}), TypeError, "must be a bool"),
    (lo.list_create("l", pad=1), TypeError, "must be a bool"),
    (bo.bit_insert("b", 0, "x"), TypeError, "must be bytes"),
    (bo.bit_lscan("b", 0, 8, 1), TypeError, "must be a bool"),
    (bo.bit_get_int("b", 0, 8, 1), TypeError, "must be a bool"),
    (bo.bit_not("b", 0, 8, "1"), TypeError, "must be an int"),
    (ho.hll_get_union("h", ["x"]), TypeError, "HLL values"),
    (ho.hll_add("h", "abc"), TypeError, "must be a list"),
    (lo.list_size("l", ctx=cc.cdt_ctx_list_index(0)), TypeError, "ctx items"),
    (lo.list_size("l", ctx=[(0x10, 0)]), TypeError, "ctx items"),
    (lo.list_size("l", ctx=[cc.cdt_ctx_list_index("0")]), TypeError, "must be an int"),
    (lo.list_size("l", ctx="x"), TypeError, "must be a list"),
])
def test_bad_input(op, error, match):
    with pytest.raises(error, match=match):
        wire_op(op)


@pytest.mark.parametrize("op,match", [
    (lo.list_get_by_index("l", 0, A.MAP_RETURN_KEY), "unknown return type 6"),
    (lo.list_get_by_index("l", 0, 99), "unknown return type"),
    (mo.map_get_by_key("m", "k", -1), "unknown return type"),
    (mo.map_get_by_key("m", "k", MK | 0x20000), "unknown return type"),
    (lo.list_append("l", 1, {"ordre": 1}), "unknown list_policy key 'ordre'"),
    (lo.list_append("l", 1, {"order": 1, "list_order": 1}), "twice"),
    (lo.list_append("l", 1, {"order": 2}), "unknown list order 2"),
    (lo.list_append("l", 1, {"flags": 16}), "unknown list write flags"),
    (lo.list_insert("l", 0, 1, {"flags": -1}), "unknown list write flags"),
    (mo.map_put("m", "k", 1, {"order": 2}), "unknown map order 2"),
    (mo.map_put("m", "k", 1, {"write_mode": 3}), "unknown map write mode 3"),
    (mo.map_put("m", "k", 1, {"map_write_flags": 32}), "unknown map write flags"),
    (mo.map_put("m", "k", 1, {"write_mode": A.MAP_CREATE_ONLY, "map_write_flags": 1}), "not both"),
    (mo.map_put("m", "k", 1, {"flags": 1}), "unknown map_policy key 'flags'"),
    (mo.map_set_order("m", 2), "unknown order 2"),
    (lo.list_set_order("l", 3), "unknown order 3"),
    (lo.list_sort("l", 4), "unknown sort flags"),
    (lo.list_create("l", 2), "unknown list_order 2"),
    (mo.map_create("m", 2), "unknown map_order 2"),
    (lo.list_get_range("l", 0, -1), "count must not be negative"),
    (lo.list_get_by_rank_range("l", 0, RV, -2), "count must not be negative"),
    (mo.map_get_by_value_rank_range_relative("m", 1, 0, MK, -1), "count must not be negative"),
    (bo.bit_resize("b", 1, 8), "unknown resize flags"),
    (bo.bit_set("b", 0, 8, b"\x00", 16), "unknown bit write flags"),
    (bo.bit_set("b", 0, 8, b"\x00", {"flags": 1}), "unknown bit_policy key"),
    (bo.bit_add("b", 0, 8, 1, action=1), "unknown overflow action 1"),
    (bo.bit_add("b", 0, 8, 1, action=6), "unknown overflow action 6"),
    (ho.hll_init("h", 8, policy={"flags": 16}), "unknown HLL write flags"),
    (ho.hll_init("h", 8, policy={"hll_flags": 1}), "unknown hll_policy key"),
    (lo.list_size("l", ctx=[cc.CdtContext(0x12, 0)]), "unknown ctx selector"),
    (lo.list_size("l", ctx=[cc.CdtContext(0x11, 0, True)]), "can create"),
    (lo.list_size("l", ctx=[cc.cdt_ctx_list_index_create(0, 2)]), "unknown ctx list order"),
    (lo.list_size("l", ctx=[cc.cdt_ctx_map_key_create("k", 2)]), "unknown ctx map order"),
    ({**bo.bit_get("b", 0, 8), "ctx": [cc.cdt_ctx_list_index(0)]}, "only list and map"),
])
def test_refused_arguments(op, match):
    with pytest.raises(A.InvalidArgError, match=match):
        wire_op(op)


@pytest.mark.parametrize("op", [ho.hll_init("h", 3), ho.hll_init("h", 17), ho.hll_fold("h", 0),
                                ho.hll_add("h", ["a"], 20)])
def test_index_bit_count_is_refused_as_the_server_refuses_it(op):
    with pytest.raises(A.ServerError) as info:
        wire_op(op)
    assert info.value.code == A.AEROSPIKE_ERR_PARAM


def test_unknown_keys_are_ignored_as_in_aerospike_py():
    assert wire_op({**lo.list_size("l"), "unused": 1}) == [3, "l", [16]]


def test_rank_falls_back_to_index_as_in_aerospike_py():
    assert wire_op(_op(1018, index=2, return_type=RV)) == [3, "b", [21, RV, 2]]


@pytest.mark.parametrize("function,signature", [
    # aerospike-py's positional arguments first, then the official client's additions.
    (lo.list_append, "(bin, val, policy=None, ctx=None)"),
    (lo.list_get_by_index, "(bin, index, return_type, ctx=None)"),
    (lo.list_get_by_index_range, "(bin, index, return_type, count=None, inverted=False, ctx=None)"),
    (lo.list_get_by_value_range, "(bin, begin, end, return_type, inverted=False, ctx=None)"),
    (lo.list_set, "(bin, index, val, policy=None, ctx=None)"),
    (lo.list_create, "(bin, list_order=0, pad=False, persist_index=False, ctx=None)"),
    (lo.list_get_by_value_rank_range_relative,
     "(bin, value, offset, return_type, count=None, inverted=False, ctx=None)"),
    (mo.map_put, "(bin, key, val, policy=None, ctx=None)"),
    (mo.map_get_by_rank_range, "(bin, rank, return_type, count=None, inverted=False, ctx=None)"),
    (mo.map_remove_by_key, "(bin, key, return_type, ctx=None)"),
    (mo.map_create, "(bin, map_order=0, persist_index=False, ctx=None)"),
    (mo.map_set_policy, "(bin, policy, ctx=None)"),
    (mo.map_remove_by_key_index_range_relative,
     "(bin, key, offset, return_type, count=None, inverted=False, ctx=None)"),
    (bo.bit_resize, "(bin, byte_size, resize_flags=0, policy=None)"),
    (bo.bit_add, "(bin, bit_offset, bit_size, value, signed=False, action=0, policy=None)"),
    (ho.hll_init, "(bin, index_bit_count, minhash_bit_count=None, *, policy=None)"),
    (ho.hll_add, "(bin, values, index_bit_count=None, minhash_bit_count=None, *, policy=None)"),
    (cc.cdt_ctx_list_index_create, "(index, order=0, pad=False)"),
    (cc.cdt_ctx_map_key_create, "(key, order=0)"),
])
def test_signatures(function, signature):
    params = inspect.signature(function).parameters.values()
    assert str(inspect.Signature([p.replace(annotation=inspect.Parameter.empty) for p in params])) == signature


@pytest.mark.parametrize("op,error,match", [
    (ho.hll_init("h", 8, "4"), TypeError, "minhash_bit_count"),
    (lo.list_get_range("l", 0, "1"), TypeError, "'count' must be an int"),
    ({"op": 2002, "bin": "m", "map_key": "k"}, ValueError, "requires 'val'"),
    (lo.list_size("l", ctx=[cc.CdtContext(0x10, 0, 1)]), TypeError, "ctx create"),
])
def test_more_bad_input(op, error, match):
    with pytest.raises(error, match=match):
        wire_op(op)


def test_policy_none_values_are_defaults():
    assert wire_op(lo.list_append("l", 1, {"order": None, "flags": None})) == [3, "l", [1, 1, 0, 0]]
    assert wire_op(bo.bit_not("b", 0, 8, {"bit_write_flags": None})) == [13, "b", [7, 0, 8, 0]]


def test_a_frozen_op_keeps_its_translation_until_it_changes():
    op = lo.list_append("l", 1)
    first = wire_op(op)
    assert wire_op(op) is first  # built once, sent many times: translated once
    op["val"] = 2
    assert wire_op(op) == [3, "l", [1, 2]]
    op.update(val=3)
    assert wire_op(op) == [3, "l", [1, 3]]
    del op["val"]
    with pytest.raises(ValueError):
        wire_op(op)


def test_ops_holding_changeable_values_are_translated_every_time():
    items = [1, 2]
    op = lo.list_append_items("l", items)
    assert wire_op(op) == [3, "l", [2, [1, 2]]]
    items.append(3)  # aerospike-py sends what the list holds when the op is sent
    assert wire_op(op) == [3, "l", [2, [1, 2, 3]]]
    ctx = [cc.cdt_ctx_list_index(0)]
    nested = lo.list_size("l", ctx=ctx)
    assert wire_op(nested) == [3, "l", [16], [[0x10, 0]]]
    ctx.append(cc.cdt_ctx_list_index(1))
    assert wire_op(nested) == [3, "l", [16], [[0x10, 0], [0x10, 1]]]
