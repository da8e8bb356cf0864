"""List and map expressions: a list or map operation run on a bin (or on the value of an
expression), as the official client's ``aerospike_helpers.expressions.list`` and ``.map``
build them. Names are the official classes' in snake case, with their arguments in the same
order. A read gives what its ``return_type`` says (``value_type``, an ``EXP_TYPE_*``, types a
single value); a modify gives the changed collection and leaves the bin as it is (write it with
an expression operation). ``ctx`` is ``None`` or a list of :mod:`aerospike_py.cdt_ctx` steps;
``policy`` a ``ListPolicy``/``MapPolicy`` dict or ``None``; any argument may be an expression.
Checks and translation: ``aerospike_py._exp`` and ``_cdt``.
"""

from typing import Any, Optional

from . import _exp

def list_append(ctx: Optional[list], policy: Optional[dict], value: Any, bin: Any) -> dict:
    """Appends ``value``; gives the changed list."""
    return _exp.node("list_append", ctx=ctx, list_policy=policy, val=value, bin=bin)


def list_append_items(ctx: Optional[list], policy: Optional[dict], value: Any, bin: Any) -> dict:
    """Appends the items of the list ``value``; gives the changed list."""
    return _exp.node("list_append_items", ctx=ctx, list_policy=policy, val=value, bin=bin)


def list_insert(ctx: Optional[list], policy: Optional[dict], index: Any, value: Any, bin: Any) -> dict:
    """Inserts ``value`` at ``index``; gives the changed list."""
    return _exp.node("list_insert", ctx=ctx, list_policy=policy, index=index, val=value, bin=bin)


def list_insert_items(ctx: Optional[list], policy: Optional[dict], index: Any, values: Any, bin: Any) -> dict:
    """Inserts the items of ``values`` at ``index``; gives the changed list."""
    return _exp.node("list_insert_items", ctx=ctx, list_policy=policy, index=index, val=values, bin=bin)


def list_increment(ctx: Optional[list], policy: Optional[dict], index: Any, value: Any, bin: Any) -> dict:
    """Adds ``value`` to the number at ``index``; gives the changed list."""
    return _exp.node("list_increment", ctx=ctx, list_policy=policy, index=index, val=value, bin=bin)


def list_set(ctx: Optional[list], policy: Optional[dict], index: Any, value: Any, bin: Any) -> dict:
    """Sets the item at ``index`` to ``value``; gives the changed list."""
    return _exp.node("list_set", ctx=ctx, list_policy=policy, index=index, val=value, bin=bin)


def list_clear(ctx: Optional[list], bin: Any) -> dict:
    """Removes every item; gives the empty list."""
    return _exp.node("list_clear", ctx=ctx, bin=bin)


def list_sort(ctx: Optional[list], order: int, bin: Any) -> dict:
    """Sorts the list (``order``: ``LIST_SORT_*`` flags); gives the sorted list."""
    return _exp.node("list_sort", ctx=ctx, val=order, bin=bin)


def list_remove_by_value(ctx: Optional[list], value: Any, bin: Any, inverted: bool = False) -> dict:
    """Removes the items equal to ``value``."""
    return _exp.node("list_remove_by_value", ctx=ctx, val=value, inverted=inverted, return_type=0, bin=bin)


def list_remove_by_value_list(ctx: Optional[list], values: Any, bin: Any, inverted: bool = False) -> dict:
    """Removes the items equal to one of ``values``."""
    return _exp.node("list_remove_by_value_list", ctx=ctx, val=values, inverted=inverted, return_type=0, bin=bin)


def list_remove_by_value_range(ctx: Optional[list], begin: Any, end: Any, bin: Any, inverted: bool = False) -> dict:
    """Removes the items in ``[begin, end)`` (``end`` None: to the end)."""
    return _exp.node("list_remove_by_value_range", ctx=ctx, val=begin, val_end=end, inverted=inverted, return_type=0, bin=bin)


def list_remove_by_value_rel_rank_to_end(ctx: Optional[list], value: Any, rank: Any, bin: Any, inverted: bool = False) -> dict:
    """Removes the items from rank ``rank`` relative to ``value`` to the end."""
    return _exp.node("list_remove_by_value_rel_rank_to_end", ctx=ctx, val=value, rank=rank, inverted=inverted, return_type=0, bin=bin)


def list_remove_by_value_rel_rank_range(ctx: Optional[list], value: Any, rank: Any, count: Any, bin: Any, inverted: bool = False) -> dict:
    """Removes ``count`` items from rank ``rank`` relative to ``value``."""
    return _exp.node("list_remove_by_value_rel_rank_range", ctx=ctx, val=value, rank=rank, count=count, inverted=inverted, return_type=0, bin=bin)


def list_remove_by_index(ctx: Optional[list], index: Any, bin: Any) -> dict:
    """Removes the item at ``index``."""
    return _exp.node("list_remove_by_index", ctx=ctx, index=index, return_type=0, bin=bin)


def list_remove_by_index_range_to_end(ctx: Optional[list], index: Any, bin: Any, inverted: bool = False) -> dict:
    """Removes the items from ``index`` to the end."""
    return _exp.node("list_remove_by_index_range_to_end", ctx=ctx, index=index, inverted=inverted, return_type=0, bin=bin)


def list_remove_by_index_range(ctx: Optional[list], index: Any, count: Any, bin: Any, inverted: bool = False) -> dict:
    """Removes ``count`` items from ``index``."""
    return _exp.node("list_remove_by_index_range", ctx=ctx, index=index, count=count, inverted=inverted, return_type=0, bin=bin)


def list_remove_by_rank(ctx: Optional[list], rank: Any, bin: Any) -> dict:
    """Removes the item of rank ``rank``."""
    return _exp.node("list_remove_by_rank", ctx=ctx, rank=rank, return_type=0, bin=bin)


def list_remove_by_rank_range_to_end(ctx: Optional[list], rank: Any, bin: Any, inverted: bool = False) -> dict:
    """Removes the items from rank ``rank`` to the end."""
    return _exp.node("list_remove_by_rank_range_to_end", ctx=ctx, rank=rank, inverted=inverted, return_type=0, bin=bin)


def list_remove_by_rank_range(ctx: Optional[list], rank: Any, count: Any, bin: Any, inverted: bool = False) -> dict:
    """Removes ``count`` items from rank ``rank``."""
    return _exp.node("list_remove_by_rank_range", ctx=ctx, rank=rank, count=count, inverted=inverted, return_type=0, bin=bin)


def list_size(ctx: Optional[list], bin: Any) -> dict:
    """The number of items."""
    return _exp.node("list_size", ctx=ctx, bin=bin)


def list_get_by_value(ctx: Optional[list], return_type: int, value: Any, bin: Any, inverted: bool = False) -> dict:
    """The items equal to ``value``, as ``return_type`` says."""
    return _exp.node("list_get_by_value", ctx=ctx, return_type=return_type, val=value, inverted=inverted, bin=bin)


def list_get_by_value_range(ctx: Optional[list], return_type: int, value_begin: Any, value_end: Any, bin: Any, inverted: bool = False) -> dict:
    """The items in ``[value_begin, value_end)``."""
    return _exp.node("list_get_by_value_range", ctx=ctx, return_type=return_type, val=value_begin, val_end=value_end, inverted=inverted, bin=bin)


def list_get_by_value_list(ctx: Optional[list], return_type: int, value: Any, bin: Any, inverted: bool = False) -> dict:
    """The items equal to one of the values in the list ``value``."""
    return _exp.node("list_get_by_value_list", ctx=ctx, return_type=return_type, val=value, inverted=inverted, bin=bin)


def list_get_by_value_rel_rank_range_to_end(ctx: Optional[list], return_type: int, value: Any, rank: Any, bin: Any, inverted: bool = False) -> dict:
    """The items from rank ``rank`` relative to ``value`` to the end."""
    return _exp.node("list_get_by_value_rel_rank_range_to_end", ctx=ctx, return_type=return_type, val=value, rank=rank, inverted=inverted, bin=bin)


def list_get_by_value_rel_rank_range(ctx: Optional[list], return_type: int, value: Any, rank: Any, count: Any, bin: Any, inverted: bool = False) -> dict:
    """``count`` items from rank ``rank`` relative to ``value``."""
    return _exp.node("list_get_by_value_rel_rank_range", ctx=ctx, return_type=return_type, val=value, rank=rank, count=count, inverted=inverted, bin=bin)


def list_get_by_index(ctx: Optional[list], return_type: int, value_type: int, index: Any, bin: Any) -> dict:
    """The item at ``index``; ``value_type`` (``EXP_TYPE_*``) is its type for ``LIST_RETURN_VALUE``."""
    return _exp.node("list_get_by_index", ctx=ctx, return_type=return_type, value_type=value_type, index=index, bin=bin)


def list_get_by_index_range_to_end(ctx: Optional[list], return_type: int, index: Any, bin: Any, inverted: bool = False) -> dict:
    """The items from ``index`` to the end."""
    return _exp.node("list_get_by_index_range_to_end", ctx=ctx, return_type=return_type, index=index, inverted=inverted, bin=bin)


def list_get_by_index_range(ctx: Optional[list], return_type: int, index: Any, count: Any, bin: Any, inverted: bool = False) -> dict:
    """``count`` items from ``index``."""
    return _exp.node("list_get_by_index_range", ctx=ctx, return_type=return_type, index=index, count=count, inverted=inverted, bin=bin)


def list_get_by_rank(ctx: Optional[list], return_type: int, value_type: int, rank: Any, bin: Any) -> dict:
    """The item of rank ``rank``; ``value_type`` is its type for ``LIST_RETURN_VALUE``."""
    return _exp.node("list_get_by_rank", ctx=ctx, return_type=return_type, value_type=value_type, rank=rank, bin=bin)


def list_get_by_rank_range_to_end(ctx: Optional[list], return_type: int, rank: Any, bin: Any, inverted: bool = False) -> dict:
    """The items from rank ``rank`` to the end."""
    return _exp.node("list_get_by_rank_range_to_end", ctx=ctx, return_type=return_type, rank=rank, inverted=inverted, bin=bin)


def list_get_by_rank_range(ctx: Optional[list], return_type: int, rank: Any, count: Any, bin: Any, inverted: bool = False) -> dict:
    """``count`` items from rank ``rank``."""
    return _exp.node("list_get_by_rank_range", ctx=ctx, return_type=return_type, rank=rank, count=count, inverted=inverted, bin=bin)


def map_put(ctx: Optional[list], policy: Optional[dict], key: Any, value: Any, bin: Any) -> dict:
    """Puts ``key: value``; gives the changed map."""
    return _exp.node("map_put", ctx=ctx, map_policy=policy, map_key=key, val=value, bin=bin)


def map_put_items(ctx: Optional[list], policy: Optional[dict], map: Any, bin: Any) -> dict:
    """Puts every item of ``map``; gives the changed map."""
    return _exp.node("map_put_items", ctx=ctx, map_policy=policy, val=map, bin=bin)


def map_increment(ctx: Optional[list], policy: Optional[dict], key: Any, value: Any, bin: Any) -> dict:
    """Adds ``value`` to the number at ``key``; gives the changed map."""
    return _exp.node("map_increment", ctx=ctx, map_policy=policy, map_key=key, val=value, bin=bin)


def map_clear(ctx: Optional[list], bin: Any) -> dict:
    """Removes every item; gives the empty map."""
    return _exp.node("map_clear", ctx=ctx, bin=bin)


def map_remove_by_key(ctx: Optional[list], key: Any, bin: Any) -> dict:
    """Removes the item of ``key``."""
    return _exp.node("map_remove_by_key", ctx=ctx, map_key=key, return_type=0, bin=bin)


def map_remove_by_key_list(ctx: Optional[list], keys: Any, bin: Any, inverted: bool = False) -> dict:
    """Removes the items of ``keys``."""
    return _exp.node("map_remove_by_key_list", ctx=ctx, val=keys, inverted=inverted, return_type=0, bin=bin)


def map_remove_by_key_range(ctx: Optional[list], begin: Any, end: Any, bin: Any, inverted: bool = False) -> dict:
    """Removes the items with keys in ``[begin, end)``."""
    return _exp.node("map_remove_by_key_range", ctx=ctx, val=begin, val_end=end, inverted=inverted, return_type=0, bin=bin)


def map_remove_by_key_rel_index_range_to_end(ctx: Optional[list], key: Any, index: Any, bin: Any, inverted: bool = False) -> dict:
    """Removes the items from index ``index`` relative to ``key`` to the end."""
    return _exp.node("map_remove_by_key_rel_index_range_to_end", ctx=ctx, map_key=key, index=index, inverted=inverted, return_type=0, bin=bin)


def map_remove_by_key_rel_index_range(ctx: Optional[list], key: Any, index: Any, count: Any, bin: Any, inverted: bool = False) -> dict:
    """Removes ``count`` items from index ``index`` relative to ``key``."""
    return _exp.node("map_remove_by_key_rel_index_range", ctx=ctx, map_key=key, index=index, count=count, inverted=inverted, return_type=0, bin=bin)


def map_remove_by_value(ctx: Optional[list], value: Any, bin: Any, inverted: bool = False) -> dict:
    """Removes the items whose value is ``value``."""
    return _exp.node("map_remove_by_value", ctx=ctx, val=value, inverted=inverted, return_type=0, bin=bin)


def map_remove_by_value_list(ctx: Optional[list], values: Any, bin: Any, inverted: bool = False) -> dict:
    """Removes the items whose value is one of ``values``."""
    return _exp.node("map_remove_by_value_list", ctx=ctx, val=values, inverted=inverted, return_type=0, bin=bin)


def map_remove_by_value_range(ctx: Optional[list], begin: Any, end: Any, bin: Any, inverted: bool = False) -> dict:
    """Removes the items with values in ``[begin, end)``."""
    return _exp.node("map_remove_by_value_range", ctx=ctx, val=begin, val_end=end, inverted=inverted, return_type=0, bin=bin)


def map_remove_by_value_rel_rank_range_to_end(ctx: Optional[list], value: Any, rank: Any, bin: Any, inverted: bool = False) -> dict:
    """Removes the items from rank ``rank`` relative to ``value`` to the end."""
    return _exp.node("map_remove_by_value_rel_rank_range_to_end", ctx=ctx, val=value, rank=rank, inverted=inverted, return_type=0, bin=bin)


def map_remove_by_value_rel_rank_range(ctx: Optional[list], value: Any, rank: Any, count: Any, bin: Any, inverted: bool = False) -> dict:
    """Removes ``count`` items from rank ``rank`` relative to ``value``."""
    return _exp.node("map_remove_by_value_rel_rank_range", ctx=ctx, val=value, rank=rank, count=count, inverted=inverted, return_type=0, bin=bin)


def map_remove_by_index(ctx: Optional[list], index: Any, bin: Any) -> dict:
    """Removes the item at ``index`` (in key order)."""
    return _exp.node("map_remove_by_index", ctx=ctx, index=index, return_type=0, bin=bin)


def map_remove_by_index_range_to_end(ctx: Optional[list], index: Any, bin: Any, inverted: bool = False) -> dict:
    """Removes the items from ``index`` to the end."""
    return _exp.node("map_remove_by_index_range_to_end", ctx=ctx, index=index, inverted=inverted, return_type=0, bin=bin)


def map_remove_by_index_range(ctx: Optional[list], index: Any, count: Any, bin: Any, inverted: bool = False) -> dict:
    """Removes ``count`` items from ``index``."""
    return _exp.node("map_remove_by_index_range", ctx=ctx, index=index, count=count, inverted=inverted, return_type=0, bin=bin)


def map_remove_by_rank(ctx: Optional[list], rank: Any, bin: Any) -> dict:
    """Removes the item of rank ``rank`` (by value)."""
    return _exp.node("map_remove_by_rank", ctx=ctx, rank=rank, return_type=0, bin=bin)


def map_remove_by_rank_range_to_end(ctx: Optional[list], rank: Any, bin: Any, inverted: bool = False) -> dict:
    """Removes the items from rank ``rank`` to the end."""
    return _exp.node("map_remove_by_rank_range_to_end", ctx=ctx, rank=rank, inverted=inverted, return_type=0, bin=bin)


def map_remove_by_rank_range(ctx: Optional[list], rank: Any, count: Any, bin: Any, inverted: bool = False) -> dict:
    """Removes ``count`` items from rank ``rank``."""
    return _exp.node("map_remove_by_rank_range", ctx=ctx, rank=rank, count=count, inverted=inverted, return_type=0, bin=bin)


def map_size(ctx: Optional[list], bin: Any) -> dict:
    """The number of items."""
    return _exp.node("map_size", ctx=ctx, bin=bin)


def map_get_by_key(ctx: Optional[list], return_type: int, value_type: int, key: Any, bin: Any) -> dict:
    """The item of ``key``; ``value_type`` is its type for ``MAP_RETURN_VALUE``."""
    return _exp.node("map_get_by_key", ctx=ctx, return_type=return_type, value_type=value_type, map_key=key, bin=bin)


def map_get_by_key_range(ctx: Optional[list], return_type: int, begin: Any, end: Any, bin: Any, inverted: bool = False) -> dict:
    """The items with keys in ``[begin, end)``."""
    return _exp.node("map_get_by_key_range", ctx=ctx, return_type=return_type, val=begin, val_end=end, inverted=inverted, bin=bin)


def map_get_by_key_list(ctx: Optional[list], return_type: int, keys: Any, bin: Any, inverted: bool = False) -> dict:
    """The items of ``keys``."""
    return _exp.node("map_get_by_key_list", ctx=ctx, return_type=return_type, val=keys, inverted=inverted, bin=bin)


def map_get_by_key_rel_index_range_to_end(ctx: Optional[list], return_type: int, key: Any, index: Any, bin: Any, inverted: bool = False) -> dict:
    """The items from index ``index`` relative to ``key`` to the end."""
    return _exp.node("map_get_by_key_rel_index_range_to_end", ctx=ctx, return_type=return_type, map_key=key, index=index, inverted=inverted, bin=bin)


def map_get_by_key_rel_index_range(ctx: Optional[list], return_type: int, key: Any, index: Any, count: Any, bin: Any, inverted: bool = False) -> dict:
    """``count`` items from index ``index`` relative to ``key``."""
    return _exp.node("map_get_by_key_rel_index_range", ctx=ctx, return_type=return_type, map_key=key, index=index, count=count, inverted=inverted, bin=bin)


def map_get_by_value(ctx: Optional[list], return_type: int, value: Any, bin: Any, inverted: bool = False) -> dict:
    """The items whose value is ``value``."""
    return _exp.node("map_get_by_value", ctx=ctx, return_type=return_type, val=value, inverted=inverted, bin=bin)


def map_get_by_value_range(ctx: Optional[list], return_type: int, value_begin: Any, value_end: Any, bin: Any, inverted: bool = False) -> dict:
    """The items with values in ``[value_begin, value_end)``."""
    return _exp.node("map_get_by_value_range", ctx=ctx, return_type=return_type, val=value_begin, val_end=value_end, inverted=inverted, bin=bin)


def map_get_by_value_list(ctx: Optional[list], return_type: int, value: Any, bin: Any, inverted: bool = False) -> dict:
    """The items whose value is one of the values in the list ``value``."""
    return _exp.node("map_get_by_value_list", ctx=ctx, return_type=return_type, val=value, inverted=inverted, bin=bin)


def map_get_by_value_rel_rank_range_to_end(ctx: Optional[list], return_type: int, value: Any, rank: Any, bin: Any, inverted: bool = False) -> dict:
    """The items from rank ``rank`` relative to ``value`` to the end."""
    return _exp.node("map_get_by_value_rel_rank_range_to_end", ctx=ctx, return_type=return_type, val=value, rank=rank, inverted=inverted, bin=bin)


def map_get_by_value_rel_rank_range(ctx: Optional[list], return_type: int, value: Any, rank: Any, count: Any, bin: Any, inverted: bool = False) -> dict:
    """``count`` items from rank ``rank`` relative to ``value``."""
    return _exp.node("map_get_by_value_rel_rank_range", ctx=ctx, return_type=return_type, val=value, rank=rank, count=count, inverted=inverted, bin=bin)


def map_get_by_index(ctx: Optional[list], return_type: int, value_type: int, index: Any, bin: Any) -> dict:
    """The item at ``index``; ``value_type`` is its type for ``MAP_RETURN_VALUE``."""
    return _exp.node("map_get_by_index", ctx=ctx, return_type=return_type, value_type=value_type, index=index, bin=bin)


def map_get_by_index_range_to_end(ctx: Optional[list], return_type: int, index: Any, bin: Any, inverted: bool = False) -> dict:
    """The items from ``index`` to the end."""
    return _exp.node("map_get_by_index_range_to_end", ctx=ctx, return_type=return_type, index=index, inverted=inverted, bin=bin)


def map_get_by_index_range(ctx: Optional[list], return_type: int, index: Any, count: Any, bin: Any, inverted: bool = False) -> dict:
    """``count`` items from ``index``."""
    return _exp.node("map_get_by_index_range", ctx=ctx, return_type=return_type, index=index, count=count, inverted=inverted, bin=bin)


def map_get_by_rank(ctx: Optional[list], return_type: int, value_type: int, rank: Any, bin: Any) -> dict:
    """The item of rank ``rank``; ``value_type`` is its type for ``MAP_RETURN_VALUE``."""
    return _exp.node("map_get_by_rank", ctx=ctx, return_type=return_type, value_type=value_type, rank=rank, bin=bin)


def map_get_by_rank_range_to_end(ctx: Optional[list], return_type: int, rank: Any, bin: Any, inverted: bool = False) -> dict:
    """The items from rank ``rank`` to the end."""
    return _exp.node("map_get_by_rank_range_to_end", ctx=ctx, return_type=return_type, rank=rank, inverted=inverted, bin=bin)


def map_get_by_rank_range(ctx: Optional[list], return_type: int, rank: Any, count: Any, bin: Any, inverted: bool = False) -> dict:
    """``count`` items from rank ``rank``."""
    return _exp.node("map_get_by_rank_range", ctx=ctx, return_type=return_type, rank=rank, count=count, inverted=inverted, bin=bin)


_exp.add_rules({
    "list_append": _exp.call("list_append", 1001, _exp.fixed(0), ('list_policy', 'val')),
    "list_append_items": _exp.call("list_append_items", 1002, _exp.fixed(0), ('list_policy', 'val')),
    "list_insert": _exp.call("list_insert", 1003, _exp.fixed(0), ('list_policy', 'index', 'val')),
    "list_insert_items": _exp.call("list_insert_items", 1004, _exp.fixed(0), ('list_policy', 'index', 'val')),
    "list_increment": _exp.call("list_increment", 1029, _exp.fixed(0), ('list_policy', 'index', 'val')),
    "list_set": _exp.call("list_set", 1009, _exp.fixed(0), ('list_policy', 'index', 'val')),
    "list_clear": _exp.call("list_clear", 1011, _exp.fixed(0), ()),
    "list_sort": _exp.call("list_sort", 1030, _exp.fixed(0), ('val',)),
    "list_remove_by_value": _exp.call("list_remove_by_value", 1022, _exp.fixed(0), ('val', 'inverted', 'return_type')),
    "list_remove_by_value_list": _exp.call("list_remove_by_value_list", 1023, _exp.fixed(0), ('val', 'inverted', 'return_type')),
    "list_remove_by_value_range": _exp.call("list_remove_by_value_range", 1024, _exp.fixed(0), ('val', 'val_end', 'inverted', 'return_type')),
    "list_remove_by_value_rel_rank_to_end": _exp.call("list_remove_by_value_rel_rank_to_end", 1034, _exp.fixed(0), ('val', 'rank', 'inverted', 'return_type')),
    "list_remove_by_value_rel_rank_range": _exp.call("list_remove_by_value_rel_rank_range", 1034, _exp.fixed(0), ('val', 'rank', 'count', 'inverted', 'return_type')),
    "list_remove_by_index": _exp.call("list_remove_by_index", 1025, _exp.fixed(0), ('index', 'return_type')),
    "list_remove_by_index_range_to_end": _exp.call("list_remove_by_index_range_to_end", 1026, _exp.fixed(0), ('index', 'inverted', 'return_type')),
    "list_remove_by_index_range": _exp.call("list_remove_by_index_range", 1026, _exp.fixed(0), ('index', 'count', 'inverted', 'return_type')),
    "list_remove_by_rank": _exp.call("list_remove_by_rank", 1027, _exp.fixed(0), ('rank', 'return_type')),
    "list_remove_by_rank_range_to_end": _exp.call("list_remove_by_rank_range_to_end", 1028, _exp.fixed(0), ('rank', 'inverted', 'return_type')),
    "list_remove_by_rank_range": _exp.call("list_remove_by_rank_range", 1028, _exp.fixed(0), ('rank', 'count', 'inverted', 'return_type')),
    "list_size": _exp.call("list_size", 1012, _exp.fixed(2), ()),
    "list_get_by_value": _exp.call("list_get_by_value", 1015, _exp.list_result(multi=True), ('return_type', 'val', 'inverted')),
    "list_get_by_value_range": _exp.call("list_get_by_value_range", 1021, _exp.list_result(multi=True), ('return_type', 'val', 'val_end', 'inverted')),
    "list_get_by_value_list": _exp.call("list_get_by_value_list", 1020, _exp.list_result(multi=True), ('return_type', 'val', 'inverted')),
    "list_get_by_value_rel_rank_range_to_end": _exp.call("list_get_by_value_rel_rank_range_to_end", 1033, _exp.list_result(multi=True), ('return_type', 'val', 'rank', 'inverted')),
    "list_get_by_value_rel_rank_range": _exp.call("list_get_by_value_rel_rank_range", 1033, _exp.list_result(multi=True), ('return_type', 'val', 'rank', 'count', 'inverted')),
    "list_get_by_index": _exp.call("list_get_by_index", 1016, _exp.list_result(multi=False), ('return_type', 'index')),
    "list_get_by_index_range_to_end": _exp.call("list_get_by_index_range_to_end", 1017, _exp.list_result(multi=True), ('return_type', 'index', 'inverted')),
    "list_get_by_index_range": _exp.call("list_get_by_index_range", 1017, _exp.list_result(multi=True), ('return_type', 'index', 'count', 'inverted')),
    "list_get_by_rank": _exp.call("list_get_by_rank", 1018, _exp.list_result(multi=False), ('return_type', 'rank')),
    "list_get_by_rank_range_to_end": _exp.call("list_get_by_rank_range_to_end", 1019, _exp.list_result(multi=True), ('return_type', 'rank', 'inverted')),
    "list_get_by_rank_range": _exp.call("list_get_by_rank_range", 1019, _exp.list_result(multi=True), ('return_type', 'rank', 'count', 'inverted')),
    "map_put": _exp.call("map_put", 2002, _exp.fixed(0), ('map_policy', 'map_key', 'val')),
    "map_put_items": _exp.call("map_put_items", 2003, _exp.fixed(0), ('map_policy', 'val')),
    "map_increment": _exp.call("map_increment", 2004, _exp.fixed(0), ('map_policy', 'map_key', 'val')),
    "map_clear": _exp.call("map_clear", 2006, _exp.fixed(0), ()),
    "map_remove_by_key": _exp.call("map_remove_by_key", 2007, _exp.fixed(0), ('map_key', 'return_type')),
    "map_remove_by_key_list": _exp.call("map_remove_by_key_list", 2008, _exp.fixed(0), ('val', 'inverted', 'return_type')),
    "map_remove_by_key_range": _exp.call("map_remove_by_key_range", 2009, _exp.fixed(0), ('val', 'val_end', 'inverted', 'return_type')),
    "map_remove_by_key_rel_index_range_to_end": _exp.call("map_remove_by_key_rel_index_range_to_end", 2031, _exp.fixed(0), ('map_key', 'index', 'inverted', 'return_type')),
    "map_remove_by_key_rel_index_range": _exp.call("map_remove_by_key_rel_index_range", 2031, _exp.fixed(0), ('map_key', 'index', 'count', 'inverted', 'return_type')),
    "map_remove_by_value": _exp.call("map_remove_by_value", 2010, _exp.fixed(0), ('val', 'inverted', 'return_type')),
    "map_remove_by_value_list": _exp.call("map_remove_by_value_list", 2011, _exp.fixed(0), ('val', 'inverted', 'return_type')),
    "map_remove_by_value_range": _exp.call("map_remove_by_value_range", 2012, _exp.fixed(0), ('val', 'val_end', 'inverted', 'return_type')),
    "map_remove_by_value_rel_rank_range_to_end": _exp.call("map_remove_by_value_rel_rank_range_to_end", 2033, _exp.fixed(0), ('val', 'rank', 'inverted', 'return_type')),
    "map_remove_by_value_rel_rank_range": _exp.call("map_remove_by_value_rel_rank_range", 2033, _exp.fixed(0), ('val', 'rank', 'count', 'inverted', 'return_type')),
    "map_remove_by_index": _exp.call("map_remove_by_index", 2013, _exp.fixed(0), ('index', 'return_type')),
    "map_remove_by_index_range_to_end": _exp.call("map_remove_by_index_range_to_end", 2014, _exp.fixed(0), ('index', 'inverted', 'return_type')),
    "map_remove_by_index_range": _exp.call("map_remove_by_index_range", 2014, _exp.fixed(0), ('index', 'count', 'inverted', 'return_type')),
    "map_remove_by_rank": _exp.call("map_remove_by_rank", 2015, _exp.fixed(0), ('rank', 'return_type')),
    "map_remove_by_rank_range_to_end": _exp.call("map_remove_by_rank_range_to_end", 2016, _exp.fixed(0), ('rank', 'inverted', 'return_type')),
    "map_remove_by_rank_range": _exp.call("map_remove_by_rank_range", 2016, _exp.fixed(0), ('rank', 'count', 'inverted', 'return_type')),
    "map_size": _exp.call("map_size", 2017, _exp.fixed(2), ()),
    "map_get_by_key": _exp.call("map_get_by_key", 2018, _exp.map_result(multi=False), ('return_type', 'map_key')),
    "map_get_by_key_range": _exp.call("map_get_by_key_range", 2019, _exp.map_result(multi=True), ('return_type', 'val', 'val_end', 'inverted')),
    "map_get_by_key_list": _exp.call("map_get_by_key_list", 2026, _exp.map_result(multi=True), ('return_type', 'val', 'inverted')),
    "map_get_by_key_rel_index_range_to_end": _exp.call("map_get_by_key_rel_index_range_to_end", 2030, _exp.map_result(multi=True), ('return_type', 'map_key', 'index', 'inverted')),
    "map_get_by_key_rel_index_range": _exp.call("map_get_by_key_rel_index_range", 2030, _exp.map_result(multi=True), ('return_type', 'map_key', 'index', 'count', 'inverted')),
    "map_get_by_value": _exp.call("map_get_by_value", 2020, _exp.map_result(multi=True), ('return_type', 'val', 'inverted')),
    "map_get_by_value_range": _exp.call("map_get_by_value_range", 2021, _exp.map_result(multi=True), ('return_type', 'val', 'val_end', 'inverted')),
    "map_get_by_value_list": _exp.call("map_get_by_value_list", 2027, _exp.map_result(multi=True), ('return_type', 'val', 'inverted')),
    "map_get_by_value_rel_rank_range_to_end": _exp.call("map_get_by_value_rel_rank_range_to_end", 2032, _exp.map_result(multi=True), ('return_type', 'val', 'rank', 'inverted')),
    "map_get_by_value_rel_rank_range": _exp.call("map_get_by_value_rel_rank_range", 2032, _exp.map_result(multi=True), ('return_type', 'val', 'rank', 'count', 'inverted')),
    "map_get_by_index": _exp.call("map_get_by_index", 2022, _exp.map_result(multi=False), ('return_type', 'index')),
    "map_get_by_index_range_to_end": _exp.call("map_get_by_index_range_to_end", 2023, _exp.map_result(multi=True), ('return_type', 'index', 'inverted')),
    "map_get_by_index_range": _exp.call("map_get_by_index_range", 2023, _exp.map_result(multi=True), ('return_type', 'index', 'count', 'inverted')),
    "map_get_by_rank": _exp.call("map_get_by_rank", 2024, _exp.map_result(multi=False), ('return_type', 'rank')),
    "map_get_by_rank_range_to_end": _exp.call("map_get_by_rank_range_to_end", 2025, _exp.map_result(multi=True), ('return_type', 'rank', 'inverted')),
    "map_get_by_rank_range": _exp.call("map_get_by_rank_range", 2025, _exp.map_result(multi=True), ('return_type', 'rank', 'count', 'inverted')),
})

__all__ = ["list_append", "list_append_items", "list_insert", "list_insert_items", "list_increment", "list_set", "list_clear", "list_sort", "list_remove_by_value", "list_remove_by_value_list", "list_remove_by_value_range", "list_remove_by_value_rel_rank_to_end", "list_remove_by_value_rel_rank_range", "list_remove_by_index", "list_remove_by_index_range_to_end", "list_remove_by_index_range", "list_remove_by_rank", "list_remove_by_rank_range_to_end", "list_remove_by_rank_range", "list_size", "list_get_by_value", "list_get_by_value_range", "list_get_by_value_list", "list_get_by_value_rel_rank_range_to_end", "list_get_by_value_rel_rank_range", "list_get_by_index", "list_get_by_index_range_to_end", "list_get_by_index_range", "list_get_by_rank", "list_get_by_rank_range_to_end", "list_get_by_rank_range", "map_put", "map_put_items", "map_increment", "map_clear", "map_remove_by_key", "map_remove_by_key_list", "map_remove_by_key_range", "map_remove_by_key_rel_index_range_to_end", "map_remove_by_key_rel_index_range", "map_remove_by_value", "map_remove_by_value_list", "map_remove_by_value_range", "map_remove_by_value_rel_rank_range_to_end", "map_remove_by_value_rel_rank_range", "map_remove_by_index", "map_remove_by_index_range_to_end", "map_remove_by_index_range", "map_remove_by_rank", "map_remove_by_rank_range_to_end", "map_remove_by_rank_range", "map_size", "map_get_by_key", "map_get_by_key_range", "map_get_by_key_list", "map_get_by_key_rel_index_range_to_end", "map_get_by_key_rel_index_range", "map_get_by_value", "map_get_by_value_range", "map_get_by_value_list", "map_get_by_value_rel_rank_range_to_end", "map_get_by_value_rel_rank_range", "map_get_by_index", "map_get_by_index_range_to_end", "map_get_by_index_range", "map_get_by_rank", "map_get_by_rank_range_to_end", "map_get_by_rank_range"]
