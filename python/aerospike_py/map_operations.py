"""Map operations: each function returns an operation dict for ``operate``/``operate_ordered``.

The functions, arguments and dicts are aerospike-py 0.14.4's (codes 2001-2027), with these
additions from the official Python client (``aerospike_helpers.operations.map_operations``):

- ``ctx=None`` on every function: a list of :mod:`aerospike_py.cdt_ctx` steps that selects a
  nested map to operate on;
- ``inverted=False`` on the ``get_by``/``remove_by`` selections of ranges, values and key or
  value lists: select everything else (the server refuses it on a single key, index or rank);
- :func:`map_create` (code 2028), :func:`map_set_policy` (2029),
  :func:`map_get_by_key_index_range_relative` (2030), :func:`map_remove_by_key_index_range_relative`
  (2031), :func:`map_get_by_value_rank_range_relative` (2032) and
  :func:`map_remove_by_value_rank_range_relative` (2033).

A ``policy`` is a :class:`~aerospike_py.MapPolicy`: aerospike-py's ``{"order": MAP_*,
"write_mode": MAP_UPDATE | MAP_UPDATE_ONLY | MAP_CREATE_ONLY}``, or the official client's
``{"map_order": ..., "map_write_flags": MAP_WRITE_FLAGS_*, "persist_index": bool}``. Indexes
(in key order) and ranks (in value order) may be negative; a ``count`` of ``None`` selects to
the end. Arguments are checked when the operation is sent.
"""

from typing import Any, Optional

from ._cdt import given, op_dict
from .cdt_ctx import CdtContext
from .types import MapPolicy, Operation

__all__ = [
    "Operation",
    "map_set_order",
    "map_put",
    "map_put_items",
    "map_increment",
    "map_decrement",
    "map_clear",
    "map_remove_by_key",
    "map_remove_by_key_list",
    "map_remove_by_key_range",
    "map_remove_by_value",
    "map_remove_by_value_list",
    "map_remove_by_value_range",
    "map_remove_by_index",
    "map_remove_by_index_range",
    "map_remove_by_rank",
    "map_remove_by_rank_range",
    "map_size",
    "map_get_by_key",
    "map_get_by_key_range",
    "map_get_by_value",
    "map_get_by_value_range",
    "map_get_by_index",
    "map_get_by_index_range",
    "map_get_by_rank",
    "map_get_by_rank_range",
    "map_get_by_key_list",
    "map_get_by_value_list",
    "map_create",
    "map_set_policy",
    "map_get_by_key_index_range_relative",
    "map_remove_by_key_index_range_relative",
    "map_get_by_value_rank_range_relative",
    "map_remove_by_value_rank_range_relative",
]

Ctx = Optional[list[CdtContext]]

_OP_MAP_SET_ORDER = 2001
_OP_MAP_PUT = 2002
_OP_MAP_PUT_ITEMS = 2003
_OP_MAP_INCREMENT = 2004
_OP_MAP_DECREMENT = 2005
_OP_MAP_CLEAR = 2006
_OP_MAP_REMOVE_BY_KEY = 2007
_OP_MAP_REMOVE_BY_KEY_LIST = 2008
_OP_MAP_REMOVE_BY_KEY_RANGE = 2009
_OP_MAP_REMOVE_BY_VALUE = 2010
_OP_MAP_REMOVE_BY_VALUE_LIST = 2011
_OP_MAP_REMOVE_BY_VALUE_RANGE = 2012
_OP_MAP_REMOVE_BY_INDEX = 2013
_OP_MAP_REMOVE_BY_INDEX_RANGE = 2014
_OP_MAP_REMOVE_BY_RANK = 2015
_OP_MAP_REMOVE_BY_RANK_RANGE = 2016
_OP_MAP_SIZE = 2017
_OP_MAP_GET_BY_KEY = 2018
_OP_MAP_GET_BY_KEY_RANGE = 2019
_OP_MAP_GET_BY_VALUE = 2020
_OP_MAP_GET_BY_VALUE_RANGE = 2021
_OP_MAP_GET_BY_INDEX = 2022
_OP_MAP_GET_BY_INDEX_RANGE = 2023
_OP_MAP_GET_BY_RANK = 2024
_OP_MAP_GET_BY_RANK_RANGE = 2025
_OP_MAP_GET_BY_KEY_LIST = 2026
_OP_MAP_GET_BY_VALUE_LIST = 2027
_OP_MAP_CREATE = 2028
_OP_MAP_SET_POLICY = 2029
_OP_MAP_GET_BY_KEY_INDEX_RANGE_REL = 2030
_OP_MAP_REMOVE_BY_KEY_INDEX_RANGE_REL = 2031
_OP_MAP_GET_BY_VALUE_RANK_RANGE_REL = 2032
_OP_MAP_REMOVE_BY_VALUE_RANK_RANGE_REL = 2033


def map_set_order(bin: str, map_order: int, ctx: Ctx = None) -> Operation:
    """Sets the order of a map.

    Args:
        bin: the map bin.
        map_order: ``MAP_UNORDERED``, ``MAP_KEY_ORDERED`` or ``MAP_KEY_VALUE_ORDERED``.
        ctx: the path to a nested map.
    """
    return op_dict(_OP_MAP_SET_ORDER, bin, val=map_order, ctx=given(ctx))


def map_put(bin: str, key: Any, val: Any, policy: Optional[MapPolicy] = None, ctx: Ctx = None) -> Operation:
    """Writes one entry (the map is created when missing). Result: the new size.

    Args:
        bin: the map bin.
        key: the entry's key.
        val: its value.
        policy: the order of a created map, and a write mode or write flags.
        ctx: the path to a nested map.
    """
    return op_dict(_OP_MAP_PUT, bin, map_key=key, val=val, map_policy=given(policy), ctx=given(ctx))


def map_put_items(bin: str, items: dict[Any, Any], policy: Optional[MapPolicy] = None,
                  ctx: Ctx = None) -> Operation:
    """Writes the entries of ``items`` (the map is created when missing). Result: the new size.

    Args:
        bin: the map bin.
        items: the entries, a dict.
        policy: the order of a created map, and a write mode or write flags.
        ctx: the path to a nested map.
    """
    return op_dict(_OP_MAP_PUT_ITEMS, bin, val=items, map_policy=given(policy), ctx=given(ctx))


def map_increment(bin: str, key: Any, incr: Any, policy: Optional[MapPolicy] = None, ctx: Ctx = None) -> Operation:
    """Adds ``incr`` (an int or float) to the value of ``key``. Result: the new value.

    Args:
        bin: the map bin.
        key: the entry's key (created with the amount when missing).
        incr: the amount (``None``: 1).
        policy: the order of a created map.
        ctx: the path to a nested map.
    """
    return op_dict(_OP_MAP_INCREMENT, bin, map_key=key, val=incr, map_policy=given(policy), ctx=given(ctx))


def map_decrement(bin: str, key: Any, decr: Any, policy: Optional[MapPolicy] = None, ctx: Ctx = None) -> Operation:
    """Subtracts ``decr`` (an int or float) from the value of ``key``. Result: the new value.

    Args:
        bin: the map bin.
        key: the entry's key.
        decr: the amount (``None``: 1).
        policy: the order of a created map.
        ctx: the path to a nested map.
    """
    return op_dict(_OP_MAP_DECREMENT, bin, map_key=key, val=decr, map_policy=given(policy), ctx=given(ctx))


def map_clear(bin: str, ctx: Ctx = None) -> Operation:
    """Removes every entry of a map.

    Args:
        bin: the map bin.
        ctx: the path to a nested map.
    """
    return op_dict(_OP_MAP_CLEAR, bin, ctx=given(ctx))


def map_remove_by_key(bin: str, key: Any, return_type: int, ctx: Ctx = None) -> Operation:
    """Removes the entry of ``key``.

    Args:
        bin: the map bin.
        key: the key.
        return_type: a ``MAP_RETURN_*`` value: what the result holds of the removed entries.
        ctx: the path to a nested map.
    """
    return op_dict(_OP_MAP_REMOVE_BY_KEY, bin, map_key=key, return_type=return_type, ctx=given(ctx))


def map_remove_by_key_list(bin: str, keys: list[Any], return_type: int, inverted: bool = False,
                           ctx: Ctx = None) -> Operation:
    """Removes the entries of ``keys``.

    Args:
        bin: the map bin.
        keys: the keys, a list.
        return_type: a ``MAP_RETURN_*`` value.
        inverted: remove the other entries.
        ctx: the path to a nested map.
    """
    return op_dict(_OP_MAP_REMOVE_BY_KEY_LIST, bin, val=keys, return_type=return_type,
                   inverted=given(inverted, False), ctx=given(ctx))


def map_remove_by_key_range(bin: str, begin: Any, end: Any, return_type: int, inverted: bool = False,
                            ctx: Ctx = None) -> Operation:
    """Removes the entries with ``begin <= key < end``.

    Args:
        bin: the map bin.
        begin: the lower bound (``None``: from the smallest).
        end: the upper bound, excluded (``None`` or ``CDTInfinite()``: no bound).
        return_type: a ``MAP_RETURN_*`` value.
        inverted: remove the other entries.
        ctx: the path to a nested map.
    """
    return op_dict(_OP_MAP_REMOVE_BY_KEY_RANGE, bin, val=begin, val_end=end, return_type=return_type,
                   inverted=given(inverted, False), ctx=given(ctx))


def map_remove_by_value(bin: str, val: Any, return_type: int, inverted: bool = False, ctx: Ctx = None) -> Operation:
    """Removes the entries whose value equals ``val``.

    Args:
        bin: the map bin.
        val: the value (``CDTWildcard`` matches anything within it).
        return_type: a ``MAP_RETURN_*`` value.
        inverted: remove the other entries.
        ctx: the path to a nested map.
    """
    return op_dict(_OP_MAP_REMOVE_BY_VALUE, bin, val=val, return_type=return_type,
                   inverted=given(inverted, False), ctx=given(ctx))


def map_remove_by_value_list(bin: str, values: list[Any], return_type: int, inverted: bool = False,
                             ctx: Ctx = None) -> Operation:
    """Removes the entries whose value equals any of ``values``.

    Args:
        bin: the map bin.
        values: the values, a list.
        return_type: a ``MAP_RETURN_*`` value.
        inverted: remove the other entries.
        ctx: the path to a nested map.
    """
    return op_dict(_OP_MAP_REMOVE_BY_VALUE_LIST, bin, val=values, return_type=return_type,
                   inverted=given(inverted, False), ctx=given(ctx))


def map_remove_by_value_range(bin: str, begin: Any, end: Any, return_type: int, inverted: bool = False,
                              ctx: Ctx = None) -> Operation:
    """Removes the entries with ``begin <= value < end``.

    Args:
        bin: the map bin.
        begin: the lower bound (``None``: from the smallest).
        end: the upper bound, excluded (``None``: no bound).
        return_type: a ``MAP_RETURN_*`` value.
        inverted: remove the other entries.
        ctx: the path to a nested map.
    """
    return op_dict(_OP_MAP_REMOVE_BY_VALUE_RANGE, bin, val=begin, val_end=end, return_type=return_type,
                   inverted=given(inverted, False), ctx=given(ctx))


def map_remove_by_index(bin: str, index: int, return_type: int, ctx: Ctx = None) -> Operation:
    """Removes the entry at ``index`` in key order.

    Args:
        bin: the map bin.
        index: the entry's index.
        return_type: a ``MAP_RETURN_*`` value.
        ctx: the path to a nested map.
    """
    return op_dict(_OP_MAP_REMOVE_BY_INDEX, bin, index=index, return_type=return_type, ctx=given(ctx))


def map_remove_by_index_range(bin: str, index: int, return_type: int, count: Optional[int] = None,
                              inverted: bool = False, ctx: Ctx = None) -> Operation:
    """Removes ``count`` entries from ``index`` on in key order (``None``: to the end).

    Args:
        bin: the map bin.
        index: the first entry's index.
        return_type: a ``MAP_RETURN_*`` value.
        count: how many entries.
        inverted: remove the other entries.
        ctx: the path to a nested map.
    """
    return op_dict(_OP_MAP_REMOVE_BY_INDEX_RANGE, bin, index=index, return_type=return_type, count=given(count),
                   inverted=given(inverted, False), ctx=given(ctx))


def map_remove_by_rank(bin: str, rank: int, return_type: int, ctx: Ctx = None) -> Operation:
    """Removes the entry of ``rank`` in value order.

    Args:
        bin: the map bin.
        rank: the entry's rank.
        return_type: a ``MAP_RETURN_*`` value.
        ctx: the path to a nested map.
    """
    return op_dict(_OP_MAP_REMOVE_BY_RANK, bin, rank=rank, return_type=return_type, ctx=given(ctx))


def map_remove_by_rank_range(bin: str, rank: int, return_type: int, count: Optional[int] = None,
                             inverted: bool = False, ctx: Ctx = None) -> Operation:
    """Removes ``count`` entries from ``rank`` up in value order (``None``: to the largest).

    Args:
        bin: the map bin.
        rank: the first entry's rank.
        return_type: a ``MAP_RETURN_*`` value.
        count: how many entries.
        inverted: remove the other entries.
        ctx: the path to a nested map.
    """
    return op_dict(_OP_MAP_REMOVE_BY_RANK_RANGE, bin, rank=rank, return_type=return_type, count=given(count),
                   inverted=given(inverted, False), ctx=given(ctx))


def map_size(bin: str, ctx: Ctx = None) -> Operation:
    """Reads the number of entries of a map.

    Args:
        bin: the map bin.
        ctx: the path to a nested map.
    """
    return op_dict(_OP_MAP_SIZE, bin, ctx=given(ctx))


def map_get_by_key(bin: str, key: Any, return_type: int, ctx: Ctx = None) -> Operation:
    """Selects the entry of ``key``.

    Args:
        bin: the map bin.
        key: the key.
        return_type: a ``MAP_RETURN_*`` value: what the result holds.
        ctx: the path to a nested map.
    """
    return op_dict(_OP_MAP_GET_BY_KEY, bin, map_key=key, return_type=return_type, ctx=given(ctx))


def map_get_by_key_range(bin: str, begin: Any, end: Any, return_type: int, inverted: bool = False,
                         ctx: Ctx = None) -> Operation:
    """Selects the entries with ``begin <= key < end``.

    Args:
        bin: the map bin.
        begin: the lower bound (``None``: from the smallest).
        end: the upper bound, excluded (``None`` or ``CDTInfinite()``: no bound).
        return_type: a ``MAP_RETURN_*`` value.
        inverted: select the other entries.
        ctx: the path to a nested map.
    """
    return op_dict(_OP_MAP_GET_BY_KEY_RANGE, bin, val=begin, val_end=end, return_type=return_type,
                   inverted=given(inverted, False), ctx=given(ctx))


def map_get_by_value(bin: str, val: Any, return_type: int, inverted: bool = False, ctx: Ctx = None) -> Operation:
    """Selects the entries whose value equals ``val``.

    Args:
        bin: the map bin.
        val: the value (``CDTWildcard`` matches anything within it).
        return_type: a ``MAP_RETURN_*`` value.
        inverted: select the other entries.
        ctx: the path to a nested map.
    """
    return op_dict(_OP_MAP_GET_BY_VALUE, bin, val=val, return_type=return_type, inverted=given(inverted, False),
                   ctx=given(ctx))


def map_get_by_value_range(bin: str, begin: Any, end: Any, return_type: int, inverted: bool = False,
                           ctx: Ctx = None) -> Operation:
    """Selects the entries with ``begin <= value < end``.

    Args:
        bin: the map bin.
        begin: the lower bound (``None``: from the smallest).
        end: the upper bound, excluded (``None``: no bound).
        return_type: a ``MAP_RETURN_*`` value.
        inverted: select the other entries.
        ctx: the path to a nested map.
    """
    return op_dict(_OP_MAP_GET_BY_VALUE_RANGE, bin, val=begin, val_end=end, return_type=return_type,
                   inverted=given(inverted, False), ctx=given(ctx))


def map_get_by_index(bin: str, index: int, return_type: int, ctx: Ctx = None) -> Operation:
    """Selects the entry at ``index`` in key order.

    Args:
        bin: the map bin.
        index: the entry's index.
        return_type: a ``MAP_RETURN_*`` value.
        ctx: the path to a nested map.
    """
    return op_dict(_OP_MAP_GET_BY_INDEX, bin, index=index, return_type=return_type, ctx=given(ctx))


def map_get_by_index_range(bin: str, index: int, return_type: int, count: Optional[int] = None,
                           inverted: bool = False, ctx: Ctx = None) -> Operation:
    """Selects ``count`` entries from ``index`` on in key order (``None``: to the end).

    Args:
        bin: the map bin.
        index: the first entry's index.
        return_type: a ``MAP_RETURN_*`` value.
        count: how many entries.
        inverted: select the other entries.
        ctx: the path to a nested map.
    """
    return op_dict(_OP_MAP_GET_BY_INDEX_RANGE, bin, index=index, return_type=return_type, count=given(count),
                   inverted=given(inverted, False), ctx=given(ctx))


def map_get_by_rank(bin: str, rank: int, return_type: int, ctx: Ctx = None) -> Operation:
    """Selects the entry of ``rank`` in value order.

    Args:
        bin: the map bin.
        rank: the entry's rank.
        return_type: a ``MAP_RETURN_*`` value.
        ctx: the path to a nested map.
    """
    return op_dict(_OP_MAP_GET_BY_RANK, bin, rank=rank, return_type=return_type,
                   ctx=given(ctx))


def map_get_by_rank_range(bin: str, rank: int, return_type: int, count: Optional[int] = None,
                          inverted: bool = False, ctx: Ctx = None) -> Operation:
    """Selects ``count`` entries from ``rank`` up in value order (``None``: to the largest).

    Args:
        bin: the map bin.
        rank: the first entry's rank.
        return_type: a ``MAP_RETURN_*`` value.
        count: how many entries.
        inverted: select the other entries.
        ctx: the path to a nested map.
    """
    return op_dict(_OP_MAP_GET_BY_RANK_RANGE, bin, rank=rank, return_type=return_type, count=given(count),
                   inverted=given(inverted, False), ctx=given(ctx))


def map_get_by_key_list(bin: str, keys: list[Any], return_type: int, inverted: bool = False,
                        ctx: Ctx = None) -> Operation:
    """Selects the entries of ``keys``.

    Args:
        bin: the map bin.
        keys: the keys, a list.
        return_type: a ``MAP_RETURN_*`` value.
        inverted: select the other entries.
        ctx: the path to a nested map.
    """
    return op_dict(_OP_MAP_GET_BY_KEY_LIST, bin, val=keys, return_type=return_type,
                   inverted=given(inverted, False), ctx=given(ctx))


def map_get_by_value_list(bin: str, values: list[Any], return_type: int, inverted: bool = False,
                          ctx: Ctx = None) -> Operation:
    """Selects the entries whose value equals any of ``values``.

    Args:
        bin: the map bin.
        values: the values, a list.
        return_type: a ``MAP_RETURN_*`` value.
        inverted: select the other entries.
        ctx: the path to a nested map.
    """
    return op_dict(_OP_MAP_GET_BY_VALUE_LIST, bin, val=values, return_type=return_type,
                   inverted=given(inverted, False), ctx=given(ctx))


def map_create(bin: str, map_order: int = 0, persist_index: bool = False, ctx: Ctx = None) -> Operation:
    """Creates a map at the bin, or at the nested level ``ctx`` leads to, unless one is there.

    Args:
        bin: the bin.
        map_order: ``MAP_UNORDERED``, ``MAP_KEY_ORDERED`` or ``MAP_KEY_VALUE_ORDERED``.
        persist_index: keep an index of a top-level ordered map on the server.
        ctx: the path to the nested level.
    """
    return op_dict(_OP_MAP_CREATE, bin, map_order=map_order, persist_index=given(persist_index, False),
                   ctx=given(ctx))


def map_set_policy(bin: str, policy: MapPolicy, ctx: Ctx = None) -> Operation:
    """Sets the order (and ``persist_index``) of a map; write modes and flags do not apply.

    Args:
        bin: the map bin.
        policy: the map policy.
        ctx: the path to a nested map.
    """
    return op_dict(_OP_MAP_SET_POLICY, bin, map_policy=policy, ctx=given(ctx))


def map_get_by_key_index_range_relative(bin: str, key: Any, offset: int, return_type: int,
                                        count: Optional[int] = None, inverted: bool = False,
                                        ctx: Ctx = None) -> Operation:
    """Selects ``count`` entries from the index of ``key`` plus ``offset`` on (``None``: all).

    ``key`` need not be in the map: its index is where it would be. For keys ``{0, 4, 5, 9}``,
    ``(5, 0, None)`` selects ``{5, 9}``, ``(5, -1, 2)`` ``{4, 5}`` and ``(3, 2, None)`` ``{9}``.

    Args:
        bin: the map bin.
        key: the reference key.
        offset: the index of the first entry, relative to the reference.
        return_type: a ``MAP_RETURN_*`` value.
        count: how many entries.
        inverted: select the other entries.
        ctx: the path to a nested map.
    """
    return op_dict(_OP_MAP_GET_BY_KEY_INDEX_RANGE_REL, bin, map_key=key, index=offset, return_type=return_type,
                   count=given(count), inverted=given(inverted, False), ctx=given(ctx))


def map_remove_by_key_index_range_relative(bin: str, key: Any, offset: int, return_type: int,
                                           count: Optional[int] = None, inverted: bool = False,
                                           ctx: Ctx = None) -> Operation:
    """Removes ``count`` entries from the index of ``key`` plus ``offset`` on (``None``: all).

    Args:
        bin: the map bin.
        key: the reference key (see :func:`map_get_by_key_index_range_relative`).
        offset: the index of the first entry, relative to the reference.
        return_type: a ``MAP_RETURN_*`` value.
        count: how many entries.
        inverted: remove the other entries.
        ctx: the path to a nested map.
    """
    return op_dict(_OP_MAP_REMOVE_BY_KEY_INDEX_RANGE_REL, bin, map_key=key, index=offset,
                   return_type=return_type, count=given(count), inverted=given(inverted, False), ctx=given(ctx))


def map_get_by_value_rank_range_relative(bin: str, value: Any, offset: int, return_type: int,
                                         count: Optional[int] = None, inverted: bool = False,
                                         ctx: Ctx = None) -> Operation:
    """Selects ``count`` entries from the rank of ``value`` plus ``offset`` up (``None``: all).

    ``value`` need not be in the map: its rank is where it would be.

    Args:
        bin: the map bin.
        value: the reference value.
        offset: the rank of the first entry, relative to the reference.
        return_type: a ``MAP_RETURN_*`` value.
        count: how many entries.
        inverted: select the other entries.
        ctx: the path to a nested map.
    """
    return op_dict(_OP_MAP_GET_BY_VALUE_RANK_RANGE_REL, bin, val=value, rank=offset, return_type=return_type,
                   count=given(count), inverted=given(inverted, False), ctx=given(ctx))


def map_remove_by_value_rank_range_relative(bin: str, value: Any, offset: int, return_type: int,
                                            count: Optional[int] = None, inverted: bool = False,
                                            ctx: Ctx = None) -> Operation:
    """Removes ``count`` entries from the rank of ``value`` plus ``offset`` up (``None``: all).

    Args:
        bin: the map bin.
        value: the reference value.
        offset: the rank of the first entry, relative to the reference.
        return_type: a ``MAP_RETURN_*`` value.
        count: how many entries.
        inverted: remove the other entries.
        ctx: the path to a nested map.
    """
    return op_dict(_OP_MAP_REMOVE_BY_VALUE_RANK_RANGE_REL, bin, val=value, rank=offset, return_type=return_type,
                   count=given(count), inverted=given(inverted, False), ctx=given(ctx))
