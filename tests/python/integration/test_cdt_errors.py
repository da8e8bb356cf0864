"""Collection operations' errors and call shapes end to end: the server's result codes as
exception classes, atomicity of a failing operate, operate/operate_ordered results with several
answers for one bin, batch_operate and the async client with collection operations, and bad
arguments refused before anything is sent. Expected values are the real Aerospike server's."""

import pytest

import aerospike_py as A
from aerospike_py import bit_operations as bo
from aerospike_py import cdt_ctx as ctx
from aerospike_py import hll_operations as ho
from aerospike_py import list_operations as lo
from aerospike_py import map_operations as mo
from aerospike_py import BinTuple

from cdt_cases import record_bins

START = {"l": [3, 1, 2], "m": {"a": 1, "b": 2}, "b": b"\x0f", "i": 7, "s": ["x", {"k": "v"}]}

UNIQUE = {"flags": A.LIST_WRITE_ADD_UNIQUE}


@pytest.mark.parametrize("op, error_class, code", [
    pytest.param(lo.list_increment("s", 0, 1), A.ServerError, 4, id="parameter-list-increment-string-item"),
    pytest.param(mo.map_increment("s", "k", 1, ctx=[ctx.cdt_ctx_list_index(1)]), A.ServerError, 4,
                 id="parameter-map-increment-string-value"),
    pytest.param(bo.bit_set("b", 0, 16, b"\x01"), A.ServerError, 4, id="parameter-bit-value-too-short"),
    pytest.param(lo.list_append("i", 1), A.BinTypeError, 12, id="bin-type-list-op-on-int"),
    pytest.param(mo.map_put("l", "a", 1), A.BinTypeError, 12, id="bin-type-map-op-on-list"),
    pytest.param(bo.bit_get("l", 0, 8), A.BinTypeError, 12, id="bin-type-bit-op-on-list"),
    pytest.param(ho.hll_get_count("b"), A.BinTypeError, 12, id="bin-type-hll-op-on-bytes"),
    pytest.param(mo.map_put("m", "z", 1, {"map_write_flags": A.MAP_WRITE_FLAGS_UPDATE_ONLY}), A.RecordError, 23,
                 id="element-not-found-map-update-only"),
    pytest.param(mo.map_put("m", "a", 1, {"map_write_flags": A.MAP_WRITE_FLAGS_CREATE_ONLY}), A.RecordError, 24,
                 id="element-exists-map-create-only"),
    pytest.param(lo.list_append("l", 3, UNIQUE), A.RecordError, 24, id="element-exists-list-add-unique"),
    pytest.param(lo.list_get("l", 3), A.ServerError, 26, id="op-not-applicable-list-get-past-end"),
    pytest.param(lo.list_insert("l", -4, 0), A.ServerError, 26, id="op-not-applicable-insert-before-start"),
    pytest.param(mo.map_get_by_index("m", 2, A.MAP_RETURN_KEY), A.ServerError, 26, id="op-not-applicable-map-index"),
    pytest.param(bo.bit_get("b", 8, 8), A.ServerError, 26, id="op-not-applicable-bit-get-past-end"),
    pytest.param(lo.list_size("m", ctx=[ctx.cdt_ctx_map_key("zz")]), A.ServerError, 26, id="op-not-applicable-ctx"),
])
def test_result_codes(client, new_key, op, error_class, code):
    key = new_key()
    client.put(key, START)
    with pytest.raises(error_class) as info:
        client.operate(key, [op])
    assert type(info.value) is error_class
    assert info.value.code == code
    record = client.get(key)
    assert record.bins == START and record.meta.gen == 1


@pytest.mark.parametrize("ops, code", [
    pytest.param([lo.list_append("l", 9), lo.list_insert("l", 9, 0, {"flags": A.LIST_WRITE_INSERT_BOUNDED})], 26,
                 id="list-then-failing-list"),
    pytest.param([mo.map_put("m", "c", 3), lo.list_append("l", 4), lo.list_append("l", 4, UNIQUE)], 24,
                 id="map-and-list-then-failing-list"),
    pytest.param([bo.bit_set_int("b", 0, 8, 255), mo.map_put("m", "c", 3), bo.bit_set("b", 0, 16, b"\x01")], 4,
                 id="bit-and-map-then-failing-bit"),
    pytest.param([lo.list_clear("l"), mo.map_clear("m"), lo.list_append("i", 1)], 12, id="clears-then-wrong-bin-type"),
    pytest.param([ho.hll_add("h", ["a", "b"], 8), ho.hll_fold("h", 10)], 26, id="hll-add-then-failing-fold"),
    pytest.param([mo.map_put("m", "new", 1, ctx=[ctx.cdt_ctx_map_key_create("k")]),
                  lo.list_get("l", 5)], 26, id="created-context-then-failing-read"),
])
def test_failing_operate_leaves_record_unchanged(client, new_key, ops, code):
    key = new_key()
    client.put(key, START)
    with pytest.raises(A.AerospikeError) as info:
        client.operate(key, ops)
    assert info.value.code == code
    record = client.get(key)
    assert record.bins == START and record.meta.gen == 1


def test_failing_operate_on_missing_record_creates_nothing(client, new_key):
    key = new_key()
    with pytest.raises(A.RecordError):
        client.operate(key, [lo.list_append("l", 1), mo.map_put("m", "a", 1, {"map_write_mode": A.MAP_UPDATE_ONLY})])
    assert record_bins(client, key) is None


SEVERAL = [lo.list_append("l", 9), lo.list_size("l"), lo.list_set("l", 0, 0), lo.list_get_range("l", 0, 2),
           mo.map_get_by_key_range("m", "a", None, A.MAP_RETURN_KEY_VALUE), mo.map_size("m"),
           lo.list_remove_by_value("l", 9, A.LIST_RETURN_NONE), lo.list_get_by_index("l", -1, A.LIST_RETURN_VALUE)]


def test_operate_collects_several_answers_for_one_bin(client, new_key):
    key = new_key()
    client.put(key, START)
    record = client.operate(key, SEVERAL)
    assert record.bins == {"l": [4, 4, [0, 1], 2], "m": [[("a", 1), ("b", 2)], 2]}
    assert record.meta.gen == 2
    assert client.get(key).bins == {**START, "l": [0, 1, 2]}


def test_operate_ordered_keeps_every_answer_in_order(client, new_key):
    key = new_key()
    client.put(key, START)
    result = client.operate_ordered(key, SEVERAL)
    assert result.ordered_bins == [
        BinTuple("l", 4), BinTuple("l", 4), BinTuple("l", [0, 1]), BinTuple("m", [("a", 1), ("b", 2)]),
        BinTuple("m", 2), BinTuple("l", 2)]
    assert result.meta.gen == 2


def test_operate_single_answers_are_not_wrapped(client, new_key):
    key = new_key()
    client.put(key, START)
    record = client.operate(key, [lo.list_size("l"), mo.map_get_by_key("m", "b", A.MAP_RETURN_KEY_VALUE),
                                  bo.bit_count("b", 0, 8), ho.hll_add("h", ["x"], 4)])
    assert record.bins == {"l": 3, "m": [("b", 2)], "b": 4, "h": 1}


def test_batch_operate_with_collection_ops(client, new_key):
    keys = [new_key() for _ in range(4)]
    client.put(keys[0], START)
    client.put(keys[1], {"l": [5], "m": {"z": 0}})
    client.put(keys[2], {"l": "text", "m": {}})
    ops = [lo.list_append("l", 8), lo.list_get_by_rank("l", -1, A.LIST_RETURN_VALUE),
           mo.map_put("m", "n", 1), mo.map_get_by_index_range("m", 0, A.MAP_RETURN_KEY, None)]
    result = client.batch_operate(keys, ops)
    assert [r.result for r in result.batch_records] == [0, 0, A.AEROSPIKE_ERR_BIN_TYPE, 0]
    assert result.batch_records[0].record.bins == {"l": [4, 8], "m": [3, ["a", "b", "n"]]}
    assert result.batch_records[1].record.bins == {"l": [2, 8], "m": [2, ["n", "z"]]}
    assert result.batch_records[3].record.bins == {"l": [1, 8], "m": [1, ["n"]]}
    assert client.get(keys[2]).bins == {"l": "text", "m": {}}
    assert client.get(keys[3]).bins == {"l": [8], "m": {"n": 1}}


async def test_async_client_with_collection_ops(server_config, client, new_key):
    key = new_key()
    client.put(key, START)
    aclient = await A.AsyncClient(server_config).connect()
    try:
        record = await aclient.operate(key, [lo.list_append_items("l", [0, 5]), lo.list_sort("l"),
                                             lo.list_get_by_rank_range("l", 0, A.LIST_RETURN_VALUE, 2),
                                             mo.map_increment("m", "b", 5), bo.bit_not("b", 0, 8),
                                             ho.hll_add("h", ["a", "b", "c"], 6), ho.hll_get_count("h")])
        # The real server's rank range here answers in the list's order before the sort.
        assert record.bins == {"l": [5, [1, 0]], "m": 7, "h": [3, 3]}
        ordered = await aclient.operate_ordered(key, [lo.list_pop("l", 0), mo.map_get_by_value("m", 7, 6)])
        assert ordered.ordered_bins == [BinTuple("l", 0), BinTuple("m", ["b"])]
        with pytest.raises(A.BinTypeError) as info:
            await aclient.operate(key, [mo.map_size("l")])
        assert info.value.code == 12
        with pytest.raises(A.InvalidArgError):
            await aclient.operate(key, [lo.list_get_range("l", 0, -1)])
    finally:
        await aclient.close()
    assert client.get(key).bins["l"] == [1, 2, 3, 5]
    assert client.get(key).bins["b"] == b"\xf0"


@pytest.mark.parametrize("op, error", [
    pytest.param(lo.list_append_items("l", 5), TypeError, id="list-values-not-a-list"),
    pytest.param(lo.list_increment("l", 0, "x"), TypeError, id="list-increment-by-string"),
    pytest.param(mo.map_increment("m", "a", "x"), TypeError, id="map-increment-by-string"),
    pytest.param(lo.list_get_by_index("l", "0", A.LIST_RETURN_VALUE), TypeError, id="index-a-string"),
    pytest.param(lo.list_get("l", True), TypeError, id="index-a-bool"),
    pytest.param(bo.bit_set("b", 0, 8, "x"), TypeError, id="bit-value-a-string"),
    pytest.param(ho.hll_add("h", "abc", 8), TypeError, id="hll-values-not-a-list"),
    pytest.param(lo.list_size("l", ctx=[1]), TypeError, id="ctx-step-not-a-ctx"),
    pytest.param(mo.map_put_items("m", [1]), ValueError, id="map-items-not-a-dict"),
    pytest.param(lo.list_append("l", 1 << 64), ValueError, id="int-past-64-bits"),
    pytest.param({"op": 1001, "bin": "l"}, ValueError, id="op-missing-its-value"),
    pytest.param(lo.list_append("a" * 16, 1), ValueError, id="list-bin-name-16-bytes"),
    pytest.param(mo.map_size("b" * 16), ValueError, id="map-bin-name-16-bytes"),
    pytest.param(bo.bit_count("é" * 8, 0, 8), ValueError, id="bit-bin-name-16-utf8-bytes"),
    pytest.param(lo.list_append("l", 1, {"bogus": 1}), A.InvalidArgError, id="unknown-list-policy-key"),
    pytest.param(mo.map_put("m", "a", 1, {"flags": 1}), A.InvalidArgError, id="unknown-map-policy-key"),
    pytest.param(ho.hll_add("h", ["a"], 8, policy={"x": 1}), A.InvalidArgError, id="unknown-hll-policy-key"),
    pytest.param(lo.list_get_by_index("l", 0, A.MAP_RETURN_KEY), A.InvalidArgError, id="map-return-type-on-list"),
    pytest.param(mo.map_get_by_key("m", "a", 99), A.InvalidArgError, id="unknown-map-return-type"),
    pytest.param(lo.list_append("l", 1, {"flags": 0x40}), A.InvalidArgError, id="unknown-list-flag"),
    pytest.param(lo.list_append("l", 1, {"order": 2}), A.InvalidArgError, id="unknown-list-order"),
    pytest.param(lo.list_sort("l", 4), A.InvalidArgError, id="unknown-sort-flag"),
    pytest.param(mo.map_put("m", "a", 1, {"map_write_flags": 0x100}), A.InvalidArgError, id="unknown-map-flag"),
    pytest.param(mo.map_put("m", "a", 1, {"map_write_mode": 9}), A.InvalidArgError, id="unknown-map-write-mode"),
    pytest.param(mo.map_put("m", "a", 1, {"map_order": 2}), A.InvalidArgError, id="unknown-map-order"),
    pytest.param(bo.bit_resize("b", 2, 0, 0x10), A.InvalidArgError, id="unknown-bit-write-flag"),
    pytest.param(bo.bit_resize("b", 2, 8), A.InvalidArgError, id="unknown-resize-flag"),
    pytest.param(bo.bit_add("b", 0, 8, 1, False, 1), A.InvalidArgError, id="unknown-overflow-action"),
    pytest.param(ho.hll_add("h", ["a"], 8, policy={"flags": 0x20}), A.InvalidArgError, id="unknown-hll-flag"),
    pytest.param(dict(bo.bit_get("b", 0, 8), ctx=[ctx.cdt_ctx_list_index(0)]), A.InvalidArgError, id="ctx-on-bit-op"),
    pytest.param(lo.list_get_range("l", 0, -1), A.InvalidArgError, id="negative-count-list-range"),
    pytest.param(lo.list_pop_range("l", 0, -1), A.InvalidArgError, id="negative-count-pop-range"),
    pytest.param(lo.list_get_by_index_range("l", 0, A.LIST_RETURN_VALUE, -1), A.InvalidArgError,
                 id="negative-count-by-index-range"),
    pytest.param(mo.map_get_by_rank_range("m", 0, A.MAP_RETURN_VALUE, -2), A.InvalidArgError,
                 id="negative-count-map-rank-range"),
    pytest.param(ho.hll_init("h", 3), A.ServerError, id="hll-init-3-index-bits"),
    pytest.param(ho.hll_init("h", 17), A.ServerError, id="hll-init-17-index-bits"),
    pytest.param(ho.hll_add("h", ["a"], 17), A.ServerError, id="hll-add-17-index-bits"),
    pytest.param(ho.hll_fold("h", 3), A.ServerError, id="hll-fold-3-index-bits"),
])
def test_bad_arguments_raise_before_sending(server_config, op, error):
    # No server listens here: an error other than a connection error was raised before sending.
    unreachable = A.client({"hosts": [("127.0.0.1", 1)], "timeout": 200})
    with pytest.raises(error) as info:
        unreachable.operate(("test", "pytest", "never-sent"), [lo.list_size("l"), op])
    if error is A.ServerError:
        assert info.value.code == 4
