"""HyperLogLog operations: each function returns an operation dict for ``operate``.

The functions, arguments and dicts are aerospike-py 0.14.4's (codes 3001-3010). An HLL bin
estimates how many distinct values were added to it; ``index_bit_count`` (4..16) sets its
precision and ``minhash_bit_count`` (0 or 4..51, at most 64 together) enables similarity and
intersection estimates. HLL values (read from an HLL bin) are bytes. A ``policy`` is an
:class:`~aerospike_py.HLLPolicy`, ``{"flags": HLL_WRITE_*}``. Arguments are checked when the
operation is sent; an ``index_bit_count`` outside 4..16 raises ``ServerError`` (code 4), as the
server would.
"""

from typing import Any, Optional

from ._cdt import given, op_dict
from .types import HLLPolicy, Operation

__all__ = [
    "Operation",
    "hll_init",
    "hll_add",
    "hll_get_count",
    "hll_get_union",
    "hll_get_union_count",
    "hll_get_intersect_count",
    "hll_get_similarity",
    "hll_describe",
    "hll_fold",
    "hll_set_union",
]

_OP_HLL_INIT = 3001
_OP_HLL_ADD = 3002
_OP_HLL_GET_COUNT = 3003
_OP_HLL_GET_UNION = 3004
_OP_HLL_GET_UNION_COUNT = 3005
_OP_HLL_GET_INTERSECT_COUNT = 3006
_OP_HLL_GET_SIMILARITY = 3007
_OP_HLL_DESCRIBE = 3008
_OP_HLL_FOLD = 3009
_OP_HLL_SET_UNION = 3010


def hll_init(bin: str, index_bit_count: int, minhash_bit_count: Optional[int] = None, *,
             policy: Optional[HLLPolicy] = None) -> Operation:
    """Creates an empty HLL bin, or clears an existing one.

    Args:
        bin: the HLL bin.
        index_bit_count: 4..16 (-1 keeps an existing bin's).
        minhash_bit_count: 0 or 4..51 (``None``: 0 for a new bin, an existing bin's own).
        policy: HLL write flags.
    """
    return op_dict(_OP_HLL_INIT, bin, index_bit_count=index_bit_count, minhash_bit_count=given(minhash_bit_count),
                   hll_policy=given(policy))


def hll_add(bin: str, values: list[Any], index_bit_count: Optional[int] = None,
            minhash_bit_count: Optional[int] = None, *, policy: Optional[HLLPolicy] = None) -> Operation:
    """Adds values to an HLL bin. Result: how many of them changed it.

    Args:
        bin: the HLL bin.
        values: the values, a list.
        index_bit_count: for a bin that does not exist yet: its index bits.
        minhash_bit_count: for a bin that does not exist yet: its minhash bits.
        policy: HLL write flags.
    """
    return op_dict(_OP_HLL_ADD, bin, val=values, index_bit_count=given(index_bit_count),
                   minhash_bit_count=given(minhash_bit_count), hll_policy=given(policy))


def hll_get_count(bin: str) -> Operation:
    """Reads the estimated number of distinct values added.

    Args:
        bin: the HLL bin.
    """
    return op_dict(_OP_HLL_GET_COUNT, bin)


def hll_get_union(bin: str, values: list[Any]) -> Operation:
    """Reads the union of the bin with other HLL values, as an HLL value.

    Args:
        bin: the HLL bin.
        values: the other HLL values (bytes), a list.
    """
    return op_dict(_OP_HLL_GET_UNION, bin, val=values)


def hll_get_union_count(bin: str, values: list[Any]) -> Operation:
    """Reads the estimated number of distinct values in the union of the bin with others.

    Args:
        bin: the HLL bin.
        values: the other HLL values (bytes), a list.
    """
    return op_dict(_OP_HLL_GET_UNION_COUNT, bin, val=values)


def hll_get_intersect_count(bin: str, values: list[Any]) -> Operation:
    """Reads the estimated number of distinct values in the intersection of the bin with others.

    Args:
        bin: the HLL bin.
        values: the other HLL values (bytes), a list.
    """
    return op_dict(_OP_HLL_GET_INTERSECT_COUNT, bin, val=values)


def hll_get_similarity(bin: str, values: list[Any]) -> Operation:
    """Reads the estimated similarity (Jaccard index) of the bin and other HLL values.

    Args:
        bin: the HLL bin.
        values: the other HLL values (bytes), a list.
    """
    return op_dict(_OP_HLL_GET_SIMILARITY, bin, val=values)


def hll_describe(bin: str) -> Operation:
    """Reads ``[index_bit_count, minhash_bit_count]`` of the HLL bin.

    Args:
        bin: the HLL bin.
    """
    return op_dict(_OP_HLL_DESCRIBE, bin)


def hll_fold(bin: str, index_bit_count: int) -> Operation:
    """Lowers the index bits of an HLL bin without minhash bits.

    Args:
        bin: the HLL bin.
        index_bit_count: the new index bits, 4 up to the current ones.
    """
    return op_dict(_OP_HLL_FOLD, bin, index_bit_count=index_bit_count)


def hll_set_union(bin: str, values: list[Any], *, policy: Optional[HLLPolicy] = None) -> Operation:
    """Sets the bin to its union with other HLL values.

    Args:
        bin: the HLL bin.
        values: the other HLL values (bytes), a list.
        policy: HLL write flags (``HLL_WRITE_ALLOW_FOLD`` folds to the smallest index bits).
    """
    return op_dict(_OP_HLL_SET_UNION, bin, val=values, hll_policy=given(policy))
