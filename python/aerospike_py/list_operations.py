"""List operations: each function returns an operation dict for ``operate``/``operate_ordered``.

The functions, arguments and dicts are aerospike-py 0.14.4's (codes 1001-1031), with these
additions from the official Python client (``aerospike_helpers.operations.list_operations``):

- ``ctx=None`` on every function: a list of :mod:`aerospike_py.cdt_ctx` steps that selects a
  nested list to operate on;
- ``inverted=False`` on the ``get_by``/``remove_by`` selections of ranges, values and value
  lists: select everything else (the server refuses it on a single index or rank);
- ``policy=None`` on :func:`list_set`;
- :func:`list_create` (code 1032), :func:`list_get_by_value_rank_range_relative` (1033) and
  :func:`list_remove_by_value_rank_range_relative` (1034).

A ``policy`` is a :class:`~aerospike_py.ListPolicy`: ``{"order": LIST_*, "flags": LIST_WRITE_*}``,
or the official client's ``{"list_order": ..., "write_flags": ...}``. Indexes and ranks may be
negative (from the end); a ``count`` of ``None`` selects to the end. Arguments are checked
when the operation is sent.
"""

from typing import Any, Optional

from ._cdt import given, op_dict
from .cdt_ctx import CdtContext
from .types import ListPolicy, Operation

__all__ = [
    "Operation",
    "list_append",
    "list_append_items",
    "list_insert",
    "list_insert_items",
    "list_pop",
    "list_pop_range",
    "list_remove",
    "list_remove_range",
    "list_set",
    "list_trim",
    "list_clear",
    "list_size",
    "list_get",
    "list_get_range",
    "list_get_by_value",
    "list_get_by_index",
    "list_get_by_index_range",
    "list_get_by_rank",
    "list_get_by_rank_range",
    "list_get_by_value_list",
    "list_get_by_value_range",
    "list_remove_by_value",
    "list_remove_by_value_list",
    "list_remove_by_value_range",
    "list_remove_by_index",
    "list_remove_by_index_range",
    "list_remove_by_rank",
    "list_remove_by_rank_range",
    "list_increment",
    "list_sort",
    "list_set_order",
    "list_create",
    "list_get_by_value_rank_range_relative",
    "list_remove_by_value_rank_range_relative",
]

Ctx = Optional[list[CdtContext]]

_OP_LIST_APPEND = 1001
_OP_LIST_APPEND_ITEMS = 1002
_OP_LIST_INSERT = 1003
_OP_LIST_INSERT_ITEMS = 1004
_OP_LIST_POP = 1005
_OP_LIST_POP_RANGE = 1006
_OP_LIST_REMOVE = 1007
_OP_LIST_REMOVE_RANGE = 1008
_OP_LIST_SET = 1009
_OP_LIST_TRIM = 1010
_OP_LIST_CLEAR = 1011
_OP_LIST_SIZE = 1012
_OP_LIST_GET = 1013
_OP_LIST_GET_RANGE = 1014
_OP_LIST_GET_BY_VALUE = 1015
_OP_LIST_GET_BY_INDEX = 1016
_OP_LIST_GET_BY_INDEX_RANGE = 1017
_OP_LIST_GET_BY_RANK = 1018
_OP_LIST_GET_BY_RANK_RANGE = 1019
_OP_LIST_GET_BY_VALUE_LIST = 1020
_OP_LIST_GET_BY_VALUE_RANGE = 1021
_OP_LIST_REMOVE_BY_VALUE = 1022
_OP_LIST_REMOVE_BY_VALUE_LIST = 1023
_OP_LIST_REMOVE_BY_VALUE_RANGE = 1024
_OP_LIST_REMOVE_BY_INDEX = 1025
_OP_LIST_REMOVE_BY_INDEX_RANGE = 1026
_OP_LIST_REMOVE_BY_RANK = 1027
_OP_LIST_REMOVE_BY_RANK_RANGE = 1028
_OP_LIST_INCREMENT = 1029
_OP_LIST_SORT = 1030
_OP_LIST_SET_ORDER = 1031
_OP_LIST_CREATE = 1032
_OP_LIST_GET_BY_VALUE_RANK_RANGE_REL = 1033
_OP_LIST_REMOVE_BY_VALUE_RANK_RANGE_REL = 1034


def list_append(bin: str, val: Any, policy: Optional[ListPolicy] = None, ctx: Ctx = None) -> Operation:
    """Appends a value to a list (created when missing). Result: the new size.

    Args:
        bin: the list bin.
        val: the value.
        policy: the order of a created list and write flags.
        ctx: the path to a nested list.
    """
    return op_dict(_OP_LIST_APPEND, bin, val=val, list_policy=given(policy), ctx=given(ctx))


def list_append_items(bin: str, values: list[Any], policy: Optional[ListPolicy] = None,
                      ctx: Ctx = None) -> Operation:
    """Appends the values to a list (created when missing). Result: the new size.

    Args:
        bin: the list bin.
        values: the values, a list.
        policy: the order of a created list and write flags.
        ctx: the path to a nested list.
    """
    return op_dict(_OP_LIST_APPEND_ITEMS, bin, val=values, list_policy=given(policy), ctx=given(ctx))


def list_insert(bin: str, index: int, val: Any, policy: Optional[ListPolicy] = None, ctx: Ctx = None) -> Operation:
    """Inserts a value at ``index`` of an unordered list. Result: the new size.

    Args:
        bin: the list bin.
        index: where to insert.
        val: the value.
        policy: write flags (``LIST_WRITE_INSERT_BOUNDED`` refuses an index past the end).
        ctx: the path to a nested list.
    """
    return op_dict(_OP_LIST_INSERT, bin, index=index, val=val, list_policy=given(policy), ctx=given(ctx))


def list_insert_items(bin: str, index: int, values: list[Any], policy: Optional[ListPolicy] = None,
                      ctx: Ctx = None) -> Operation:
    """Inserts the values at ``index`` of an unordered list. Result: the new size.

    Args:
        bin: the list bin.
        index: where to insert.
        values: the values, a list.
        policy: write flags.
        ctx: the path to a nested list.
    """
    return op_dict(_OP_LIST_INSERT_ITEMS, bin, index=index, val=values, list_policy=given(policy),
                   ctx=given(ctx))


def list_pop(bin: str, index: int, ctx: Ctx = None) -> Operation:
    """Removes the item at ``index``. Result: the item.

    Args:
        bin: the list bin.
        index: the item's index.
        ctx: the path to a nested list.
    """
    return op_dict(_OP_LIST_POP, bin, index=index, ctx=given(ctx))


def list_pop_range(bin: str, index: int, count: int, ctx: Ctx = None) -> Operation:
    """Removes ``count`` items from ``index`` on. Result: the items.

    Args:
        bin: the list bin.
        index: the first item's index.
        count: how many items.
        ctx: the path to a nested list.
    """
    return op_dict(_OP_LIST_POP_RANGE, bin, index=index, count=count, ctx=given(ctx))


def list_remove(bin: str, index: int, ctx: Ctx = None) -> Operation:
    """Removes the item at ``index``. Result: the number removed.

    Args:
        bin: the list bin.
        index: the item's index.
        ctx: the path to a nested list.
    """
    return op_dict(_OP_LIST_REMOVE, bin, index=index, ctx=given(ctx))


def list_remove_range(bin: str, index: int, count: int, ctx: Ctx = None) -> Operation:
    """Removes ``count`` items from ``index`` on. Result: the number removed.

    Args:
        bin: the list bin.
        index: the first item's index.
        count: how many items.
        ctx: the path to a nested list.
    """
    return op_dict(_OP_LIST_REMOVE_RANGE, bin, index=index, count=count, ctx=given(ctx))


def list_set(bin: str, index: int, val: Any, policy: Optional[ListPolicy] = None, ctx: Ctx = None) -> Operation:
    """Sets the item at ``index`` of an unordered list (padding with nils past the end).

    Args:
        bin: the list bin.
        index: the item's index.
        val: the new value.
        policy: write flags.
        ctx: the path to a nested list.
    """
    return op_dict(_OP_LIST_SET, bin, index=index, val=val, list_policy=given(policy), ctx=given(ctx))


def list_trim(bin: str, index: int, count: int, ctx: Ctx = None) -> Operation:
    """Keeps only the ``count`` items from ``index`` on. Result: the number removed.

    Args:
        bin: the list bin.
        index: the first item kept.
        count: how many items are kept.
        ctx: the path to a nested list.
    """
    return op_dict(_OP_LIST_TRIM, bin, index=index, count=count, ctx=given(ctx))


def list_clear(bin: str, ctx: Ctx = None) -> Operation:
    """Removes every item of a list.

    Args:
        bin: the list bin.
        ctx: the path to a nested list.
    """
    return op_dict(_OP_LIST_CLEAR, bin, ctx=given(ctx))


def list_size(bin: str, ctx: Ctx = None) -> Operation:
    """Reads the number of items of a list.

    Args:
        bin: the list bin.
        ctx: the path to a nested list.
    """
    return op_dict(_OP_LIST_SIZE, bin, ctx=given(ctx))


def list_get(bin: str, index: int, ctx: Ctx = None) -> Operation:
    """Reads the item at ``index``.

    Args:
        bin: the list bin.
        index: the item's index.
        ctx: the path to a nested list.
    """
    return op_dict(_OP_LIST_GET, bin, index=index, ctx=given(ctx))


def list_get_range(bin: str, index: int, count: int, ctx: Ctx = None) -> Operation:
    """Reads ``count`` items from ``index`` on.

    Args:
        bin: the list bin.
        index: the first item's index.
        count: how many items.
        ctx: the path to a nested list.
    """
    return op_dict(_OP_LIST_GET_RANGE, bin, index=index, count=count, ctx=given(ctx))


def list_get_by_value(bin: str, val: Any, return_type: int, inverted: bool = False, ctx: Ctx = None) -> Operation:
    """Selects the items equal to ``val``.

    Args:
        bin: the list bin.
        val: the value (``CDTWildcard`` matches anything within it).
        return_type: a ``LIST_RETURN_*`` value: what the result holds.
        inverted: select the other items.
        ctx: the path to a nested list.
    """
    return op_dict(_OP_LIST_GET_BY_VALUE, bin, val=val, return_type=return_type, inverted=given(inverted, False),
                   ctx=given(ctx))


def list_get_by_index(bin: str, index: int, return_type: int, ctx: Ctx = None) -> Operation:
    """Selects the item at ``index``.

    Args:
        bin: the list bin.
        index: the item's index.
        return_type: a ``LIST_RETURN_*`` value.
        ctx: the path to a nested list.
    """
    return op_dict(_OP_LIST_GET_BY_INDEX, bin, index=index, return_type=return_type, ctx=given(ctx))


def list_get_by_index_range(bin: str, index: int, return_type: int, count: Optional[int] = None,
                            inverted: bool = False, ctx: Ctx = None) -> Operation:
    """Selects ``count`` items from ``index`` on (``None``: to the end).

    Args:
        bin: the list bin.
        index: the first item's index.
        return_type: a ``LIST_RETURN_*`` value.
        count: how many items.
        inverted: select the other items.
        ctx: the path to a nested list.
    """
    return op_dict(_OP_LIST_GET_BY_INDEX_RANGE, bin, index=index, return_type=return_type, count=given(count),
                   inverted=given(inverted, False), ctx=given(ctx))


def list_get_by_rank(bin: str, rank: int, return_type: int, ctx: Ctx = None) -> Operation:
    """Selects the item of ``rank`` (0: the smallest; -1: the largest).

    Args:
        bin: the list bin.
        rank: the item's rank.
        return_type: a ``LIST_RETURN_*`` value.
        ctx: the path to a nested list.
    """
    return op_dict(_OP_LIST_GET_BY_RANK, bin, rank=rank, return_type=return_type,
                   ctx=given(ctx))


def list_get_by_rank_range(bin: str, rank: int, return_type: int, count: Optional[int] = None,
                           inverted: bool = False, ctx: Ctx = None) -> Operation:
    """Selects ``count`` items from ``rank`` up (``None``: to the largest).

    Args:
        bin: the list bin.
        rank: the first item's rank.
        return_type: a ``LIST_RETURN_*`` value.
        count: how many items.
        inverted: select the other items.
        ctx: the path to a nested list.
    """
    return op_dict(_OP_LIST_GET_BY_RANK_RANGE, bin, rank=rank, return_type=return_type, count=given(count),
                   inverted=given(inverted, False), ctx=given(ctx))


def list_get_by_value_list(bin: str, values: list[Any], return_type: int, inverted: bool = False,
                           ctx: Ctx = None) -> Operation:
    """Selects the items equal to any of ``values``.

    Args:
        bin: the list bin.
        values: the values, a list.
        return_type: a ``LIST_RETURN_*`` value.
        inverted: select the other items.
        ctx: the path to a nested list.
    """
    return op_dict(_OP_LIST_GET_BY_VALUE_LIST, bin, val=values, return_type=return_type,
                   inverted=given(inverted, False), ctx=given(ctx))


def list_get_by_value_range(bin: str, begin: Any, end: Any, return_type: int, inverted: bool = False,
                            ctx: Ctx = None) -> Operation:
    """Selects the items with ``begin <= value < end``.

    Args:
        bin: the list bin.
        begin: the lower bound (``None``: from the smallest).
        end: the upper bound, excluded (``None`` or ``CDTInfinite()``: no bound).
        return_type: a ``LIST_RETURN_*`` value.
        inverted: select the other items.
        ctx: the path to a nested list.
    """
    return op_dict(_OP_LIST_GET_BY_VALUE_RANGE, bin, val=begin, val_end=end, return_type=return_type,
                   inverted=given(inverted, False), ctx=given(ctx))


def list_remove_by_value(bin: str, val: Any, return_type: int, inverted: bool = False, ctx: Ctx = None) -> Operation:
    """Removes the items equal to ``val``.

    Args:
        bin: the list bin.
        val: the value.
        return_type: a ``LIST_RETURN_*`` value: what the result holds of the removed items.
        inverted: remove the other items.
        ctx: the path to a nested list.
    """
    return op_dict(_OP_LIST_REMOVE_BY_VALUE, bin, val=val, return_type=return_type,
                   inverted=given(inverted, False), ctx=given(ctx))


def list_remove_by_value_list(bin: str, values: list[Any], return_type: int, inverted: bool = False,
                              ctx: Ctx = None) -> Operation:
    """Removes the items equal to any of ``values``.

    Args:
        bin: the list bin.
        values: the values, a list.
        return_type: a ``LIST_RETURN_*`` value.
        inverted: remove the other items.
        ctx: the path to a nested list.
    """
    return op_dict(_OP_LIST_REMOVE_BY_VALUE_LIST, bin, val=values, return_type=return_type,
                   inverted=given(inverted, False), ctx=given(ctx))


def list_remove_by_value_range(bin: str, begin: Any, end: Any, return_type: int, inverted: bool = False,
                               ctx: Ctx = None) -> Operation:
    """Removes the items with ``begin <= value < end``.

    Args:
        bin: the list bin.
        begin: the lower bound (``None``: from the smallest).
        end: the upper bound, excluded (``None``: no bound).
        return_type: a ``LIST_RETURN_*`` value.
        inverted: remove the other items.
        ctx: the path to a nested list.
    """
    return op_dict(_OP_LIST_REMOVE_BY_VALUE_RANGE, bin, val=begin, val_end=end, return_type=return_type,
                   inverted=given(inverted, False), ctx=given(ctx))


def list_remove_by_index(bin: str, index: int, return_type: int, ctx: Ctx = None) -> Operation:
    """Removes the item at ``index``.

    Args:
        bin: the list bin.
        index: the item's index.
        return_type: a ``LIST_RETURN_*`` value.
        ctx: the path to a nested list.
    """
    return op_dict(_OP_LIST_REMOVE_BY_INDEX, bin, index=index, return_type=return_type, ctx=given(ctx))


def list_remove_by_index_range(bin: str, index: int, return_type: int, count: Optional[int] = None,
                               inverted: bool = False, ctx: Ctx = None) -> Operation:
    """Removes ``count`` items from ``index`` on (``None``: to the end).

    Args:
        bin: the list bin.
        index: the first item's index.
        return_type: a ``LIST_RETURN_*`` value.
        count: how many items.
        inverted: remove the other items.
        ctx: the path to a nested list.
    """
    return op_dict(_OP_LIST_REMOVE_BY_INDEX_RANGE, bin, index=index, return_type=return_type, count=given(count),
                   inverted=given(inverted, False), ctx=given(ctx))


def list_remove_by_rank(bin: str, rank: int, return_type: int, ctx: Ctx = None) -> Operation:
    """Removes the item of ``rank``.

    Args:
        bin: the list bin.
        rank: the item's rank.
        return_type: a ``LIST_RETURN_*`` value.
        ctx: the path to a nested list.
    """
    return op_dict(_OP_LIST_REMOVE_BY_RANK, bin, rank=rank, return_type=return_type, ctx=given(ctx))


def list_remove_by_rank_range(bin: str, rank: int, return_type: int, count: Optional[int] = None,
                              inverted: bool = False, ctx: Ctx = None) -> Operation:
    """Removes ``count`` items from ``rank`` up (``None``: to the largest).

    Args:
        bin: the list bin.
        rank: the first item's rank.
        return_type: a ``LIST_RETURN_*`` value.
        count: how many items.
        inverted: remove the other items.
        ctx: the path to a nested list.
    """
    return op_dict(_OP_LIST_REMOVE_BY_RANK_RANGE, bin, rank=rank, return_type=return_type, count=given(count),
                   inverted=given(inverted, False), ctx=given(ctx))


def list_increment(bin: str, index: int, val: int, policy: Optional[ListPolicy] = None, ctx: Ctx = None) -> Operation:
    """Adds ``val`` (an int or float) to the number at ``index``. Result: the new number.

    Args:
        bin: the list bin.
        index: the item's index.
        val: the amount (``None``: 1).
        policy: the order of a created list and write flags.
        ctx: the path to a nested list.
    """
    return op_dict(_OP_LIST_INCREMENT, bin, index=index, val=val, list_policy=given(policy), ctx=given(ctx))


def list_sort(bin: str, sort_flags: int = 0, ctx: Ctx = None) -> Operation:
    """Sorts a list.

    Args:
        bin: the list bin.
        sort_flags: ``LIST_SORT_DEFAULT``, or ``LIST_SORT_DROP_DUPLICATES`` (OR 1 for descending).
        ctx: the path to a nested list.
    """
    return op_dict(_OP_LIST_SORT, bin, val=sort_flags, ctx=given(ctx))


def list_set_order(bin: str, list_order: int = 0, ctx: Ctx = None) -> Operation:
    """Sets the order of a list (``LIST_ORDERED`` sorts it and keeps it sorted).

    Args:
        bin: the list bin.
        list_order: ``LIST_UNORDERED`` or ``LIST_ORDERED``.
        ctx: the path to a nested list.
    """
    return op_dict(_OP_LIST_SET_ORDER, bin, val=list_order, ctx=given(ctx))


def list_create(bin: str, list_order: int = 0, pad: bool = False, persist_index: bool = False,
                ctx: Ctx = None) -> Operation:
    """Creates a list at the bin, or at the nested level ``ctx`` leads to, unless one is there.

    Args:
        bin: the bin.
        list_order: ``LIST_UNORDERED`` or ``LIST_ORDERED``.
        pad: for a nested unordered list past the end of its parent list: pad with nils.
        persist_index: keep an index of a top-level ordered list on the server.
        ctx: the path to the nested level.
    """
    return op_dict(_OP_LIST_CREATE, bin, list_order=list_order, pad=given(pad, False),
                   persist_index=given(persist_index, False), ctx=given(ctx))


def list_get_by_value_rank_range_relative(bin: str, value: Any, offset: int, return_type: int,
                                          count: Optional[int] = None, inverted: bool = False,
                                          ctx: Ctx = None) -> Operation:
    """Selects ``count`` items from the rank of ``value`` plus ``offset`` up (``None``: all).

    ``value`` need not be in the list: its rank is where it would be. For ``[0, 4, 5, 9, 11,
    15]``, ``(5, 0, None)`` selects ``[5, 9, 11, 15]``, ``(5, -1, 3)`` ``[4, 5, 9]`` and
    ``(3, 3, None)`` ``[11, 15]``.

    Args:
        bin: the list bin.
        value: the reference value.
        offset: the rank of the first item, relative to the reference.
        return_type: a ``LIST_RETURN_*`` value.
        count: how many items.
        inverted: select the other items.
        ctx: the path to a nested list.
    """
    return op_dict(_OP_LIST_GET_BY_VALUE_RANK_RANGE_REL, bin, val=value, rank=offset, return_type=return_type,
                   count=given(count), inverted=given(inverted, False), ctx=given(ctx))


def list_remove_by_value_rank_range_relative(bin: str, value: Any, offset: int, return_type: int,
                                             count: Optional[int] = None, inverted: bool = False,
                                             ctx: Ctx = None) -> Operation:
    """Removes ``count`` items from the rank of ``value`` plus ``offset`` up (``None``: all).

    Args:
        bin: the list bin.
        value: the reference value (see :func:`list_get_by_value_rank_range_relative`).
        offset: the rank of the first item, relative to the reference.
        return_type: a ``LIST_RETURN_*`` value.
        count: how many items.
        inverted: remove the other items.
        ctx: the path to a nested list.
    """
    return op_dict(_OP_LIST_REMOVE_BY_VALUE_RANK_RANGE_REL, bin, val=value, rank=offset, return_type=return_type,
                   count=given(count), inverted=given(inverted, False), ctx=given(ctx))
