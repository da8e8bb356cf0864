"""Nested collection contexts end to end: list and map operations three levels down (maps in
lists in maps, lists in lists, ...), every context step kind, the ``*_create`` steps that make
missing levels, and the errors of a path that does not lead to a collection. Expected values
are the real Aerospike server's answers."""

import pytest

from aerospike_py import cdt_ctx as ctx
from aerospike_py import list_operations as lo
from aerospike_py import map_operations as mo
from aerospike_py import (
    LIST_RETURN_INDEX, LIST_RETURN_VALUE, LIST_UNORDERED, MAP_KEY_ORDERED, MAP_KEY_VALUE_ORDERED, MAP_RETURN_KEY,
    MAP_RETURN_KEY_VALUE, MAP_RETURN_VALUE,
)

from cdt_cases import Err, case, check_case

CASES = [
    case('map-list-map-list-append', {"m": {"a": [1, {"x": [5, 6], "y": {"k": 1}}, 3], "b": {"c": [7, 8]}, "n": 4}}, [lo.list_append("m", 9, ctx=[ctx.cdt_ctx_map_key("a"), ctx.cdt_ctx_list_index(1), ctx.cdt_ctx_map_key("x")])],
         {'m': 3}, {'m': {'a': [1, {'x': [5, 6, 9], 'y': {'k': 1}}, 3], 'b': {'c': [7, 8]}, 'n': 4}}),
    case('map-list-map-list-get', {"m": {"a": [1, {"x": [5, 6], "y": {"k": 1}}, 3], "b": {"c": [7, 8]}, "n": 4}}, [lo.list_get_by_index("m", -1, LIST_RETURN_VALUE, ctx=[ctx.cdt_ctx_map_key("a"), ctx.cdt_ctx_list_index(1), ctx.cdt_ctx_map_key("x")])],
         {'m': 6}, {'m': {'a': [1, {'x': [5, 6], 'y': {'k': 1}}, 3], 'b': {'c': [7, 8]}, 'n': 4}}),
    case('map-list-map-list-remove-by-value', {"m": {"a": [1, {"x": [5, 6], "y": {"k": 1}}, 3], "b": {"c": [7, 8]}, "n": 4}}, [lo.list_remove_by_value("m", 5, LIST_RETURN_INDEX, ctx=[ctx.cdt_ctx_map_key("a"), ctx.cdt_ctx_list_index(1), ctx.cdt_ctx_map_key("x")])],
         {'m': [0]}, {'m': {'a': [1, {'x': [6], 'y': {'k': 1}}, 3], 'b': {'c': [7, 8]}, 'n': 4}}),
    case('map-list-map-list-size', {"m": {"a": [1, {"x": [5, 6], "y": {"k": 1}}, 3], "b": {"c": [7, 8]}, "n": 4}}, [lo.list_size("m", ctx=[ctx.cdt_ctx_map_key("a"), ctx.cdt_ctx_list_index(1), ctx.cdt_ctx_map_key("x")])],
         {'m': 2}, {'m': {'a': [1, {'x': [5, 6], 'y': {'k': 1}}, 3], 'b': {'c': [7, 8]}, 'n': 4}}),
    case('map-list-map-map-put', {"m": {"a": [1, {"x": [5, 6], "y": {"k": 1}}, 3], "b": {"c": [7, 8]}, "n": 4}}, [mo.map_put("m", "q", 2, ctx=[ctx.cdt_ctx_map_key("a"), ctx.cdt_ctx_list_index(1), ctx.cdt_ctx_map_key("y")])],
         {'m': 2}, {'m': {'a': [1, {'x': [5, 6], 'y': {'k': 1, 'q': 2}}, 3], 'b': {'c': [7, 8]}, 'n': 4}}),
    case('map-list-map-map-increment', {"m": {"a": [1, {"x": [5, 6], "y": {"k": 1}}, 3], "b": {"c": [7, 8]}, "n": 4}}, [mo.map_increment("m", "k", 5, ctx=[ctx.cdt_ctx_map_key("a"), ctx.cdt_ctx_list_index(1), ctx.cdt_ctx_map_key("y")])],
         {'m': 6}, {'m': {'a': [1, {'x': [5, 6], 'y': {'k': 6}}, 3], 'b': {'c': [7, 8]}, 'n': 4}}),
    case('map-list-map-map-remove-last', {"m": {"a": [1, {"x": [5, 6], "y": {"k": 1}}, 3], "b": {"c": [7, 8]}, "n": 4}}, [mo.map_remove_by_key("m", "k", MAP_RETURN_KEY_VALUE, ctx=[ctx.cdt_ctx_map_key("a"), ctx.cdt_ctx_list_index(1), ctx.cdt_ctx_map_key("y")])],
         {'m': [('k', 1)]}, {'m': {'a': [1, {'x': [5, 6], 'y': {}}, 3], 'b': {'c': [7, 8]}, 'n': 4}}),
    case('map-list-map-get-by-key', {"m": {"a": [1, {"x": [5, 6], "y": {"k": 1}}, 3], "b": {"c": [7, 8]}, "n": 4}}, [mo.map_get_by_key("m", "k", MAP_RETURN_VALUE, ctx=[ctx.cdt_ctx_map_key("a"), ctx.cdt_ctx_list_index(1), ctx.cdt_ctx_map_key("y")])],
         {'m': 1}, {'m': {'a': [1, {'x': [5, 6], 'y': {'k': 1}}, 3], 'b': {'c': [7, 8]}, 'n': 4}}),
    case('map-list-get-map-key-range', {"m": {"a": [1, {"x": [5, 6], "y": {"k": 1}}, 3], "b": {"c": [7, 8]}, "n": 4}}, [mo.map_get_by_key_range("m", "x", "z", MAP_RETURN_KEY, ctx=[ctx.cdt_ctx_map_key("a"), ctx.cdt_ctx_list_index(1)])],
         {'m': ['x', 'y']}, {'m': {'a': [1, {'x': [5, 6], 'y': {'k': 1}}, 3], 'b': {'c': [7, 8]}, 'n': 4}}),
    case('map-list-negative-index', {"m": {"a": [1, {"x": [5, 6], "y": {"k": 1}}, 3], "b": {"c": [7, 8]}, "n": 4}}, [mo.map_size("m", ctx=[ctx.cdt_ctx_map_key("a"), ctx.cdt_ctx_list_index(-2)])],
         {'m': 2}, {'m': {'a': [1, {'x': [5, 6], 'y': {'k': 1}}, 3], 'b': {'c': [7, 8]}, 'n': 4}}),
    case('list-rank-ctx', {"m": [{"k": [3, 1, 2]}, [10, [20, 30]], {"j": {"z": 0}}]}, [lo.list_append("m", 40, ctx=[ctx.cdt_ctx_list_index(1), ctx.cdt_ctx_list_rank(-1)])],
         {'m': 3}, {'m': [{'k': [3, 1, 2]}, [10, [20, 30, 40]], {'j': {'z': 0}}]}),
    case('list-value-ctx', {"m": [{"k": [3, 1, 2]}, [10, [20, 30]], {"j": {"z": 0}}]}, [lo.list_sort("m", ctx=[ctx.cdt_ctx_list_value({"k": [3, 1, 2]}), ctx.cdt_ctx_map_key("k")])],
         {}, {'m': [{'k': [1, 2, 3]}, [10, [20, 30]], {'j': {'z': 0}}]}),
    case('map-index-ctx', {"m": {"a": [1, {"x": [5, 6], "y": {"k": 1}}, 3], "b": {"c": [7, 8]}, "n": 4}}, [lo.list_get_range("m", 0, 5, ctx=[ctx.cdt_ctx_map_index(1), ctx.cdt_ctx_map_key("c")])],
         {'m': [7, 8]}, {'m': {'a': [1, {'x': [5, 6], 'y': {'k': 1}}, 3], 'b': {'c': [7, 8]}, 'n': 4}}),
    case('map-rank-ctx', {"m": {"a": [1, {"x": [5, 6], "y": {"k": 1}}, 3], "b": {"c": [7, 8]}, "n": 4}}, [mo.map_size("m", ctx=[ctx.cdt_ctx_map_rank(-1)])],
         {'m': 1}, {'m': {'a': [1, {'x': [5, 6], 'y': {'k': 1}}, 3], 'b': {'c': [7, 8]}, 'n': 4}}),
    case('map-rank-ctx-first', {"m": {"a": [1, {"x": [5, 6], "y": {"k": 1}}, 3], "b": {"c": [7, 8]}, "n": 4}}, [mo.map_get_by_index("m", 0, MAP_RETURN_KEY, ctx=[ctx.cdt_ctx_map_rank(0)])],
         Err(code=12), {'m': {'a': [1, {'x': [5, 6], 'y': {'k': 1}}, 3], 'b': {'c': [7, 8]}, 'n': 4}}),
    case('map-value-ctx', {"m": {"a": [1, {"x": [5, 6], "y": {"k": 1}}, 3], "b": {"c": [7, 8]}, "n": 4}}, [lo.list_append("m", 0, ctx=[ctx.cdt_ctx_map_value([1, {"x": [5, 6], "y": {"k": 1}}, 3])])],
         {'m': 4}, {'m': {'a': [1, {'x': [5, 6], 'y': {'k': 1}}, 3, 0], 'b': {'c': [7, 8]}, 'n': 4}}),
    case('list-map-map-put', {"m": [{"k": [3, 1, 2]}, [10, [20, 30]], {"j": {"z": 0}}]}, [mo.map_put("m", "w", 1, ctx=[ctx.cdt_ctx_list_index(2), ctx.cdt_ctx_map_key("j")])],
         {'m': 2}, {'m': [{'k': [3, 1, 2]}, [10, [20, 30]], {'j': {'w': 1, 'z': 0}}]}),
    case('list-list-list-insert', {"m": [{"k": [3, 1, 2]}, [10, [20, 30]], {"j": {"z": 0}}]}, [lo.list_insert("m", 0, 25, ctx=[ctx.cdt_ctx_list_index(1), ctx.cdt_ctx_list_index(1)])],
         {'m': 3}, {'m': [{'k': [3, 1, 2]}, [10, [25, 20, 30]], {'j': {'z': 0}}]}),
    case('list-map-list-remove-by-rank', {"m": [{"k": [3, 1, 2]}, [10, [20, 30]], {"j": {"z": 0}}]}, [lo.list_remove_by_rank_range("m", 0, LIST_RETURN_VALUE, 2, ctx=[ctx.cdt_ctx_list_index(0), ctx.cdt_ctx_map_key("k")])],
         {'m': [2, 1]}, {'m': [{'k': [3]}, [10, [20, 30]], {'j': {'z': 0}}]}),
    case('ctx-missing-map-key', {"m": {"a": [1, {"x": [5, 6], "y": {"k": 1}}, 3], "b": {"c": [7, 8]}, "n": 4}}, [lo.list_append("m", 1, ctx=[ctx.cdt_ctx_map_key("zz")])],
         Err(code=26), {'m': {'a': [1, {'x': [5, 6], 'y': {'k': 1}}, 3], 'b': {'c': [7, 8]}, 'n': 4}}),
    case('ctx-list-index-past-end', {"m": {"a": [1, {"x": [5, 6], "y": {"k": 1}}, 3], "b": {"c": [7, 8]}, "n": 4}}, [lo.list_append("m", 1, ctx=[ctx.cdt_ctx_map_key("a"), ctx.cdt_ctx_list_index(5)])],
         Err(code=26), {'m': {'a': [1, {'x': [5, 6], 'y': {'k': 1}}, 3], 'b': {'c': [7, 8]}, 'n': 4}}),
    case('ctx-into-scalar', {"m": {"a": [1, {"x": [5, 6], "y": {"k": 1}}, 3], "b": {"c": [7, 8]}, "n": 4}}, [lo.list_append("m", 1, ctx=[ctx.cdt_ctx_map_key("n")])],
         Err(code=12), {'m': {'a': [1, {'x': [5, 6], 'y': {'k': 1}}, 3], 'b': {'c': [7, 8]}, 'n': 4}}),
    case('ctx-read-into-scalar', {"m": {"a": [1, {"x": [5, 6], "y": {"k": 1}}, 3], "b": {"c": [7, 8]}, "n": 4}}, [lo.list_size("m", ctx=[ctx.cdt_ctx_map_key("n")])],
         Err(code=12), {'m': {'a': [1, {'x': [5, 6], 'y': {'k': 1}}, 3], 'b': {'c': [7, 8]}, 'n': 4}}),
    case('ctx-list-step-on-map', {"m": {"a": [1, {"x": [5, 6], "y": {"k": 1}}, 3], "b": {"c": [7, 8]}, "n": 4}}, [lo.list_size("m", ctx=[ctx.cdt_ctx_list_index(0)])],
         Err(code=26), {'m': {'a': [1, {'x': [5, 6], 'y': {'k': 1}}, 3], 'b': {'c': [7, 8]}, 'n': 4}}),
    case('ctx-map-step-on-list', {"m": [{"k": [3, 1, 2]}, [10, [20, 30]], {"j": {"z": 0}}]}, [mo.map_size("m", ctx=[ctx.cdt_ctx_map_key("k")])],
         Err(code=26), {'m': [{'k': [3, 1, 2]}, [10, [20, 30]], {'j': {'z': 0}}]}),
    case('ctx-list-op-on-map-level', {"m": {"a": [1, {"x": [5, 6], "y": {"k": 1}}, 3], "b": {"c": [7, 8]}, "n": 4}}, [lo.list_append("m", 1, ctx=[ctx.cdt_ctx_map_key("b")])],
         Err(code=12), {'m': {'a': [1, {'x': [5, 6], 'y': {'k': 1}}, 3], 'b': {'c': [7, 8]}, 'n': 4}}),
    case('ctx-map-op-on-list-level', {"m": {"a": [1, {"x": [5, 6], "y": {"k": 1}}, 3], "b": {"c": [7, 8]}, "n": 4}}, [mo.map_put("m", "k", 1, ctx=[ctx.cdt_ctx_map_key("a")])],
         Err(code=12), {'m': {'a': [1, {'x': [5, 6], 'y': {'k': 1}}, 3], 'b': {'c': [7, 8]}, 'n': 4}}),
    case('ctx-missing-bin', {"x": 1}, [lo.list_append("m", 1, ctx=[ctx.cdt_ctx_map_key("a")])],
         Err(code=26), {'x': 1}),
    case('ctx-read-missing-bin', {"x": 1}, [lo.list_size("m", ctx=[ctx.cdt_ctx_map_key("a")])],
         {}, {'x': 1}),
    case('ctx-missing-value', {"m": {"a": [1, {"x": [5, 6], "y": {"k": 1}}, 3], "b": {"c": [7, 8]}, "n": 4}}, [mo.map_size("m", ctx=[ctx.cdt_ctx_map_value(99)])],
         Err(code=26), {'m': {'a': [1, {'x': [5, 6], 'y': {'k': 1}}, 3], 'b': {'c': [7, 8]}, 'n': 4}}),
    case('ctx-map-rank-past-end', {"m": {"a": [1, {"x": [5, 6], "y": {"k": 1}}, 3], "b": {"c": [7, 8]}, "n": 4}}, [mo.map_size("m", ctx=[ctx.cdt_ctx_map_rank(3)])],
         Err(code=26), {'m': {'a': [1, {'x': [5, 6], 'y': {'k': 1}}, 3], 'b': {'c': [7, 8]}, 'n': 4}}),
    case('create-map-key-then-map-put', {"m": {"a": [1, {"x": [5, 6], "y": {"k": 1}}, 3], "b": {"c": [7, 8]}, "n": 4}}, [mo.map_put("m", "k", 1, ctx=[ctx.cdt_ctx_map_key_create("new", MAP_KEY_ORDERED)])],
         {'m': 1}, {'m': {'a': [1, {'x': [5, 6], 'y': {'k': 1}}, 3], 'b': {'c': [7, 8]}, 'n': 4, 'new': {'k': 1}}}),
    case('create-map-key-existing', {"m": {"a": [1, {"x": [5, 6], "y": {"k": 1}}, 3], "b": {"c": [7, 8]}, "n": 4}}, [mo.map_put("m", "k", 1, ctx=[ctx.cdt_ctx_map_key_create("b")])],
         {'m': 2}, {'m': {'a': [1, {'x': [5, 6], 'y': {'k': 1}}, 3], 'b': {'c': [7, 8], 'k': 1}, 'n': 4}}),
    case('create-map-key-two-levels', {"m": {"a": [1, {"x": [5, 6], "y": {"k": 1}}, 3], "b": {"c": [7, 8]}, "n": 4}}, [mo.map_put("m", "k", 1, ctx=[ctx.cdt_ctx_map_key_create("p"), ctx.cdt_ctx_map_key_create("q", MAP_KEY_VALUE_ORDERED)])],
         {'m': 1}, {'m': {'a': [1, {'x': [5, 6], 'y': {'k': 1}}, 3], 'b': {'c': [7, 8]}, 'n': 4, 'p': {'q': {'k': 1}}}}),
    case('create-map-key-missing-bin', None, [mo.map_put("m", "k", 1, ctx=[ctx.cdt_ctx_map_key_create("p"), ctx.cdt_ctx_map_key_create("q")])],
         {'m': 1}, {'m': {'p': {'q': {'k': 1}}}}),
    case('create-then-list-op', {"m": {"a": [1, {"x": [5, 6], "y": {"k": 1}}, 3], "b": {"c": [7, 8]}, "n": 4}}, [lo.list_append("m", 1, ctx=[ctx.cdt_ctx_map_key_create("z", MAP_KEY_ORDERED), ctx.cdt_ctx_map_key("q")])],
         {'m': 1}, {'m': {'a': [1, {'x': [5, 6], 'y': {'k': 1}}, 3], 'b': {'c': [7, 8]}, 'n': 4, 'z': {'q': [1]}}}),
    case('create-map-then-list-index-pad', {"m": {"a": [1, {"x": [5, 6], "y": {"k": 1}}, 3], "b": {"c": [7, 8]}, "n": 4}}, [mo.map_put("m", "k", 1, ctx=[ctx.cdt_ctx_map_key_create("z"), ctx.cdt_ctx_list_index_create(2, LIST_UNORDERED, True)])],
         {'m': 1}, {'m': {'a': [1, {'x': [5, 6], 'y': {'k': 1}}, 3], 'b': {'c': [7, 8]}, 'n': 4, 'z': [None, None, {'k': 1}]}}),
    case('create-map-then-list-index-no-pad', {"m": {"a": [1, {"x": [5, 6], "y": {"k": 1}}, 3], "b": {"c": [7, 8]}, "n": 4}}, [mo.map_put("m", "k", 1, ctx=[ctx.cdt_ctx_map_key_create("z"), ctx.cdt_ctx_list_index_create(1, LIST_UNORDERED, False)])],
         Err(code=26), {'m': {'a': [1, {'x': [5, 6], 'y': {'k': 1}}, 3], 'b': {'c': [7, 8]}, 'n': 4}}),
    case('create-map-then-list-index-0', {"m": {"a": [1, {"x": [5, 6], "y": {"k": 1}}, 3], "b": {"c": [7, 8]}, "n": 4}}, [mo.map_put("m", "k", 1, ctx=[ctx.cdt_ctx_map_key_create("z"), ctx.cdt_ctx_list_index_create(0, LIST_UNORDERED, False)])],
         {'m': 1}, {'m': {'a': [1, {'x': [5, 6], 'y': {'k': 1}}, 3], 'b': {'c': [7, 8]}, 'n': 4, 'z': [{'k': 1}]}}),
    case('create-list-index-existing', {"m": {"a": [1, {"x": [5, 6], "y": {"k": 1}}, 3], "b": {"c": [7, 8]}, "n": 4}}, [mo.map_put("m", "k", 1, ctx=[ctx.cdt_ctx_map_key("a"), ctx.cdt_ctx_list_index_create(1)])],
         {'m': 3}, {'m': {'a': [1, {'k': 1, 'x': [5, 6], 'y': {'k': 1}}, 3], 'b': {'c': [7, 8]}, 'n': 4}}),
    case('create-map-key-on-read', {"m": {"a": [1, {"x": [5, 6], "y": {"k": 1}}, 3], "b": {"c": [7, 8]}, "n": 4}}, [mo.map_size("m", ctx=[ctx.cdt_ctx_map_key_create("new")])],
         Err(code=26), {'m': {'a': [1, {'x': [5, 6], 'y': {'k': 1}}, 3], 'b': {'c': [7, 8]}, 'n': 4}}),
    case('ctx-several-ops', {"m": {"a": [1, {"x": [5, 6], "y": {"k": 1}}, 3], "b": {"c": [7, 8]}, "n": 4}}, [lo.list_append("m", 9, ctx=[ctx.cdt_ctx_map_key("a"), ctx.cdt_ctx_list_index(1), ctx.cdt_ctx_map_key("x")]), lo.list_size("m", ctx=[ctx.cdt_ctx_map_key("a"), ctx.cdt_ctx_list_index(1), ctx.cdt_ctx_map_key("x")]), mo.map_size("m")],
         {'m': [3, 3, 3]}, {'m': {'a': [1, {'x': [5, 6, 9], 'y': {'k': 1}}, 3], 'b': {'c': [7, 8]}, 'n': 4}}),
]


@pytest.mark.parametrize("start, ops, result, after", CASES)
def test_context(client, new_key, start, ops, result, after):
    check_case(client, new_key(), start, ops, result, after)
