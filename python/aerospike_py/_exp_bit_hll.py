"""Bit and HyperLogLog expressions, as the official client's
``aerospike_helpers.expressions.bitwise`` and ``.hll`` build them (names in snake case,
arguments in the same order, ``bin`` last: a bin name or an expression). A read gives its
result; a modify gives the changed blob or HLL and leaves the bin as it is. ``policy`` is a
``BIT_WRITE_*`` int, a bit policy dict, an ``HLLPolicy`` dict or ``None``. Checks and
translation: ``aerospike_py._exp`` and ``_cdt``.
"""

from typing import Any, Optional

from . import _exp

def bit_resize(policy: Optional[dict], byte_size: Any, flags: int, bin: Any) -> dict:
    """Resizes the blob to ``byte_size`` bytes (``flags``: ``BIT_RESIZE_*``)."""
    return _exp.node("bit_resize", bit_policy=policy, byte_size=byte_size, resize_flags=flags, bin=bin)


def bit_insert(policy: Optional[dict], byte_offset: Any, value: Any, bin: Any) -> dict:
    """Inserts the bytes ``value`` at ``byte_offset``."""
    return _exp.node("bit_insert", bit_policy=policy, byte_offset=byte_offset, val=value, bin=bin)


def bit_remove(policy: Optional[dict], byte_offset: Any, byte_size: Any, bin: Any) -> dict:
    """Removes ``byte_size`` bytes at ``byte_offset``."""
    return _exp.node("bit_remove", bit_policy=policy, byte_offset=byte_offset, byte_size=byte_size, bin=bin)


def bit_set(policy: Optional[dict], bit_offset: Any, bit_size: Any, value: Any, bin: Any) -> dict:
    """Sets ``bit_size`` bits at ``bit_offset`` to the bytes ``value``."""
    return _exp.node("bit_set", bit_policy=policy, bit_offset=bit_offset, bit_size=bit_size, val=value, bin=bin)


def bit_or(policy: Optional[dict], bit_offset: Any, bit_size: Any, value: Any, bin: Any) -> dict:
    """ORs ``bit_size`` bits at ``bit_offset`` with ``value``."""
    return _exp.node("bit_or", bit_policy=policy, bit_offset=bit_offset, bit_size=bit_size, val=value, bin=bin)


def bit_xor(policy: Optional[dict], bit_offset: Any, bit_size: Any, value: Any, bin: Any) -> dict:
    """XORs ``bit_size`` bits at ``bit_offset`` with ``value``."""
    return _exp.node("bit_xor", bit_policy=policy, bit_offset=bit_offset, bit_size=bit_size, val=value, bin=bin)


def bit_and(policy: Optional[dict], bit_offset: Any, bit_size: Any, value: Any, bin: Any) -> dict:
    """ANDs ``bit_size`` bits at ``bit_offset`` with ``value``."""
    return _exp.node("bit_and", bit_policy=policy, bit_offset=bit_offset, bit_size=bit_size, val=value, bin=bin)


def bit_not(policy: Optional[dict], bit_offset: Any, bit_size: Any, bin: Any) -> dict:
    """Negates ``bit_size`` bits at ``bit_offset``."""
    return _exp.node("bit_not", bit_policy=policy, bit_offset=bit_offset, bit_size=bit_size, bin=bin)


def bit_left_shift(policy: Optional[dict], bit_offset: Any, bit_size: Any, shift: Any, bin: Any) -> dict:
    """Shifts ``bit_size`` bits at ``bit_offset`` left by ``shift``."""
    return _exp.node("bit_left_shift", bit_policy=policy, bit_offset=bit_offset, bit_size=bit_size, shift=shift, bin=bin)


def bit_right_shift(policy: Optional[dict], bit_offset: Any, bit_size: Any, shift: Any, bin: Any) -> dict:
    """Shifts ``bit_size`` bits at ``bit_offset`` right by ``shift``."""
    return _exp.node("bit_right_shift", bit_policy=policy, bit_offset=bit_offset, bit_size=bit_size, shift=shift, bin=bin)


def bit_add(policy: Optional[dict], bit_offset: Any, bit_size: Any, value: Any, action: int, bin: Any) -> dict:
    """Adds the int ``value`` to the ``bit_size``-bit number at ``bit_offset`` (``action``: ``BIT_OVERFLOW_*``)."""
    return _exp.node("bit_add", bit_policy=policy, bit_offset=bit_offset, bit_size=bit_size, val=value, action=action, bin=bin)


def bit_subtract(policy: Optional[dict], bit_offset: Any, bit_size: Any, value: Any, action: int, bin: Any) -> dict:
    """Subtracts ``value`` from the ``bit_size``-bit number at ``bit_offset``."""
    return _exp.node("bit_subtract", bit_policy=policy, bit_offset=bit_offset, bit_size=bit_size, val=value, action=action, bin=bin)


def bit_set_int(policy: Optional[dict], bit_offset: Any, bit_size: Any, value: Any, bin: Any) -> dict:
    """Sets the ``bit_size``-bit number at ``bit_offset`` to ``value``."""
    return _exp.node("bit_set_int", bit_policy=policy, bit_offset=bit_offset, bit_size=bit_size, val=value, bin=bin)


def bit_get(bit_offset: Any, bit_size: Any, bin: Any) -> dict:
    """The ``bit_size`` bits at ``bit_offset``, as bytes."""
    return _exp.node("bit_get", bit_offset=bit_offset, bit_size=bit_size, bin=bin)


def bit_count(bit_offset: Any, bit_size: Any, bin: Any) -> dict:
    """The number of set bits among ``bit_size`` bits at ``bit_offset``."""
    return _exp.node("bit_count", bit_offset=bit_offset, bit_size=bit_size, bin=bin)


def bit_left_scan(bit_offset: Any, bit_size: Any, value: Any, bin: Any) -> dict:
    """The position of the first bit equal to ``value`` (a bool) from the left, or -1."""
    return _exp.node("bit_left_scan", bit_offset=bit_offset, bit_size=bit_size, val=value, bin=bin)


def bit_right_scan(bit_offset: Any, bit_size: Any, value: Any, bin: Any) -> dict:
    """The position of the first bit equal to ``value`` from the right, or -1."""
    return _exp.node("bit_right_scan", bit_offset=bit_offset, bit_size=bit_size, val=value, bin=bin)


def bit_get_int(bit_offset: Any, bit_size: Any, sign: bool, bin: Any) -> dict:
    """The ``bit_size``-bit number at ``bit_offset`` (``sign``: two's complement)."""
    return _exp.node("bit_get_int", bit_offset=bit_offset, bit_size=bit_size, signed=sign, bin=bin)


def hll_init(policy: Optional[dict], index_bit_count: Optional[int], mh_bit_count: Optional[int], bin: Any) -> dict:
    """A new empty HLL with the given bit counts."""
    return _exp.node("hll_init", hll_policy=policy, index_bit_count=index_bit_count, minhash_bit_count=mh_bit_count, bin=bin)


def hll_add(policy: Optional[dict], list: Any, index_bit_count: Optional[int], mh_bit_count: Optional[int], bin: Any) -> dict:
    """Adds the values of ``list`` to the HLL."""
    return _exp.node("hll_add", hll_policy=policy, val=list, index_bit_count=index_bit_count, minhash_bit_count=mh_bit_count, bin=bin)


def hll_get_count(bin: Any) -> dict:
    """The estimated number of distinct values added."""
    return _exp.node("hll_get_count", bin=bin)


def hll_get_union(values: Any, bin: Any) -> dict:
    """The union of the HLL with the HLLs of ``values``."""
    return _exp.node("hll_get_union", val=values, bin=bin)


def hll_get_union_count(values: Any, bin: Any) -> dict:
    """The estimated count of that union."""
    return _exp.node("hll_get_union_count", val=values, bin=bin)


def hll_get_intersect_count(values: Any, bin: Any) -> dict:
    """The estimated count of the intersection with the HLLs of ``values``."""
    return _exp.node("hll_get_intersect_count", val=values, bin=bin)


def hll_get_similarity(values: Any, bin: Any) -> dict:
    """The estimated similarity with the HLLs of ``values`` (a float)."""
    return _exp.node("hll_get_similarity", val=values, bin=bin)


def hll_describe(bin: Any) -> dict:
    """``[index_bit_count, minhash_bit_count]``."""
    return _exp.node("hll_describe", bin=bin)


_exp.add_rules({
    "bit_resize": _exp.call("bit_resize", 4001, _exp.fixed(2), ('bit_policy', 'byte_size', 'resize_flags')),
    "bit_insert": _exp.call("bit_insert", 4002, _exp.fixed(2), ('bit_policy', 'byte_offset', 'val')),
    "bit_remove": _exp.call("bit_remove", 4003, _exp.fixed(2), ('bit_policy', 'byte_offset', 'byte_size')),
    "bit_set": _exp.call("bit_set", 4004, _exp.fixed(2), ('bit_policy', 'bit_offset', 'bit_size', 'val')),
    "bit_or": _exp.call("bit_or", 4005, _exp.fixed(2), ('bit_policy', 'bit_offset', 'bit_size', 'val')),
    "bit_xor": _exp.call("bit_xor", 4006, _exp.fixed(2), ('bit_policy', 'bit_offset', 'bit_size', 'val')),
    "bit_and": _exp.call("bit_and", 4007, _exp.fixed(2), ('bit_policy', 'bit_offset', 'bit_size', 'val')),
    "bit_not": _exp.call("bit_not", 4008, _exp.fixed(2), ('bit_policy', 'bit_offset', 'bit_size')),
    "bit_left_shift": _exp.call("bit_left_shift", 4009, _exp.fixed(2), ('bit_policy', 'bit_offset', 'bit_size', 'shift')),
    "bit_right_shift": _exp.call("bit_right_shift", 4010, _exp.fixed(2), ('bit_policy', 'bit_offset', 'bit_size', 'shift')),
    "bit_add": _exp.call("bit_add", 4011, _exp.fixed(2), ('bit_policy', 'bit_offset', 'bit_size', 'val', 'action')),
    "bit_subtract": _exp.call("bit_subtract", 4012, _exp.fixed(2), ('bit_policy', 'bit_offset', 'bit_size', 'val', 'action')),
    "bit_set_int": _exp.call("bit_set_int", 4013, _exp.fixed(2), ('bit_policy', 'bit_offset', 'bit_size', 'val')),
    "bit_get": _exp.call("bit_get", 4050, _exp.fixed(6), ('bit_offset', 'bit_size')),
    "bit_count": _exp.call("bit_count", 4051, _exp.fixed(2), ('bit_offset', 'bit_size')),
    "bit_left_scan": _exp.call("bit_left_scan", 4052, _exp.fixed(2), ('bit_offset', 'bit_size', 'val')),
    "bit_right_scan": _exp.call("bit_right_scan", 4053, _exp.fixed(2), ('bit_offset', 'bit_size', 'val')),
    "bit_get_int": _exp.call("bit_get_int", 4054, _exp.fixed(2), ('bit_offset', 'bit_size', 'signed')),
    "hll_init": _exp.call("hll_init", 3001, _exp.fixed(2), ('hll_policy', 'index_bit_count', 'minhash_bit_count')),
    "hll_add": _exp.call("hll_add", 3002, _exp.fixed(2), ('hll_policy', 'val', 'index_bit_count', 'minhash_bit_count')),
    "hll_get_count": _exp.call("hll_get_count", 3003, _exp.fixed(2), ()),
    "hll_get_union": _exp.call("hll_get_union", 3004, _exp.fixed(9), ('val',)),
    "hll_get_union_count": _exp.call("hll_get_union_count", 3005, _exp.fixed(2), ('val',)),
    "hll_get_intersect_count": _exp.call("hll_get_intersect_count", 3006, _exp.fixed(2), ('val',)),
    "hll_get_similarity": _exp.call("hll_get_similarity", 3007, _exp.fixed(7), ('val',)),
    "hll_describe": _exp.call("hll_describe", 3008, _exp.fixed(4), ()),
})

__all__ = ["bit_resize", "bit_insert", "bit_remove", "bit_set", "bit_or", "bit_xor", "bit_and", "bit_not", "bit_left_shift", "bit_right_shift", "bit_add", "bit_subtract", "bit_set_int", "bit_get", "bit_count", "bit_left_scan", "bit_right_scan", "bit_get_int", "hll_init", "hll_add", "hll_get_count", "hll_get_union", "hll_get_union_count", "hll_get_intersect_count", "hll_get_similarity", "hll_describe"]
