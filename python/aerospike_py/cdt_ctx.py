"""Contexts: paths into nested lists and maps, for the ``ctx`` argument of list and map operations.

A context is a list of steps, outermost first; each step selects one element of the list or
map reached so far, and the operation then applies to the element the last step selects. The
function names and argument orders are the official Python client's
(``aerospike_helpers.cdt_ctx``)::

    from aerospike_py import cdt_ctx, list_operations as lo

    # users[1]["ratings"].append(5)
    ctx = [cdt_ctx.cdt_ctx_list_index(1), cdt_ctx.cdt_ctx_map_key("ratings")]
    client.operate(key, [lo.list_append("users", 5, ctx=ctx)])

The ``*_create`` steps create the list or map they look into when it is missing (in write
operations). Steps are checked when the operation is sent, not when they are built.
"""

from typing import Any, NamedTuple

__all__ = [
    "CdtContext",
    "CDT_CTX_LIST_INDEX",
    "CDT_CTX_LIST_RANK",
    "CDT_CTX_LIST_VALUE",
    "CDT_CTX_MAP_INDEX",
    "CDT_CTX_MAP_RANK",
    "CDT_CTX_MAP_KEY",
    "CDT_CTX_MAP_VALUE",
    "cdt_ctx_list_index",
    "cdt_ctx_list_rank",
    "cdt_ctx_list_value",
    "cdt_ctx_list_index_create",
    "cdt_ctx_map_index",
    "cdt_ctx_map_rank",
    "cdt_ctx_map_key",
    "cdt_ctx_map_value",
    "cdt_ctx_map_key_create",
]

# The server's context selectors (as_cdt_ctx_type), the values of the official client's names.
CDT_CTX_LIST_INDEX = 0x10
CDT_CTX_LIST_RANK = 0x11
CDT_CTX_LIST_VALUE = 0x13
CDT_CTX_MAP_INDEX = 0x20
CDT_CTX_MAP_RANK = 0x21
CDT_CTX_MAP_KEY = 0x22
CDT_CTX_MAP_VALUE = 0x23


class CdtContext(NamedTuple):
    """One step of a context, as the ``cdt_ctx_*`` functions build it.

    Attributes:
        id: the selector, a ``CDT_CTX_*`` value.
        value: the index, rank, key or value it selects by.
        create: whether a missing list or map is created (the ``*_create`` steps).
        order: the order of the created list (``LIST_*``) or map (``MAP_*``).
        pad: whether a created list is padded with nils up to the index.
    """

    id: int
    value: Any
    create: bool = False
    order: int = 0
    pad: bool = False


def cdt_ctx_list_index(index: int) -> CdtContext:
    """Selects the list element at ``index`` (negative: from the end).

    Args:
        index: the element's index.

    Returns:
        The context step.
    """
    return CdtContext(CDT_CTX_LIST_INDEX, index)


def cdt_ctx_list_rank(rank: int) -> CdtContext:
    """Selects the list element of ``rank`` in value order (negative: from the largest).

    Args:
        rank: the element's rank.

    Returns:
        The context step.
    """
    return CdtContext(CDT_CTX_LIST_RANK, rank)


def cdt_ctx_list_value(value: Any) -> CdtContext:
    """Selects the first list element equal to ``value``.

    Args:
        value: the value to look for.

    Returns:
        The context step.
    """
    return CdtContext(CDT_CTX_LIST_VALUE, value)


def cdt_ctx_list_index_create(index: int, order: int = 0, pad: bool = False) -> CdtContext:
    """Selects the list element at ``index``, creating the list when it is missing.

    Args:
        index: the element's index.
        order: ``LIST_UNORDERED`` or ``LIST_ORDERED``, the order of a created list.
        pad: whether an unordered list is padded with nils when ``index`` is past its end.

    Returns:
        The context step.
    """
    return CdtContext(CDT_CTX_LIST_INDEX, index, True, order, pad)


def cdt_ctx_map_index(index: int) -> CdtContext:
    """Selects the map entry at ``index`` in key order (negative: from the end).

    Args:
        index: the entry's index.

    Returns:
        The context step.
    """
    return CdtContext(CDT_CTX_MAP_INDEX, index)


def cdt_ctx_map_rank(rank: int) -> CdtContext:
    """Selects the map entry of ``rank`` in value order (negative: from the largest).

    Args:
        rank: the entry's rank.

    Returns:
        The context step.
    """
    return CdtContext(CDT_CTX_MAP_RANK, rank)


def cdt_ctx_map_key(key: Any) -> CdtContext:
    """Selects the map entry of ``key``.

    Args:
        key: the entry's key.

    Returns:
        The context step.
    """
    return CdtContext(CDT_CTX_MAP_KEY, key)


def cdt_ctx_map_value(value: Any) -> CdtContext:
    """Selects the first map entry whose value equals ``value``.

    Args:
        value: the value to look for.

    Returns:
        The context step.
    """
    return CdtContext(CDT_CTX_MAP_VALUE, value)


def cdt_ctx_map_key_create(key: Any, order: int = 0) -> CdtContext:
    """Selects the map entry of ``key``, creating the map when it is missing.

    Args:
        key: the entry's key.
        order: ``MAP_UNORDERED``, ``MAP_KEY_ORDERED`` or ``MAP_KEY_VALUE_ORDERED``, the order
            of a created map.

    Returns:
        The context step.
    """
    return CdtContext(CDT_CTX_MAP_KEY, key, True, order)
