"""Bit operations on bytes bins: each function returns an operation dict for ``operate``.

The functions, arguments and dicts are aerospike-py 0.14.4's (codes 4001-4013 write,
4050-4054 read). Bit offsets count from the first bit of the first byte (negative: from the
end); integers are big-endian and at most 64 bits. A ``policy`` is the ``BIT_WRITE_*`` flags
(OR-ed), or the official client's ``{"bit_write_flags": ...}``. Every flag combination the
server takes is accepted, ``BIT_RESIZE_FROM_FRONT | BIT_RESIZE_GROW_ONLY`` included.
Arguments are checked when the operation is sent.
"""

from typing import Optional, Union

from ._cdt import given, op_dict
from .types import Operation

__all__ = [
    "Operation",
    "bit_resize",
    "bit_insert",
    "bit_remove",
    "bit_set",
    "bit_or",
    "bit_xor",
    "bit_and",
    "bit_not",
    "bit_lshift",
    "bit_rshift",
    "bit_add",
    "bit_subtract",
    "bit_set_int",
    "bit_get",
    "bit_count",
    "bit_lscan",
    "bit_rscan",
    "bit_get_int",
]

BitPolicy = Optional[Union[int, dict]]
Bytes = Union[bytes, bytearray]

_OP_BIT_RESIZE = 4001
_OP_BIT_INSERT = 4002
_OP_BIT_REMOVE = 4003
_OP_BIT_SET = 4004
_OP_BIT_OR = 4005
_OP_BIT_XOR = 4006
_OP_BIT_AND = 4007
_OP_BIT_NOT = 4008
_OP_BIT_LSHIFT = 4009
_OP_BIT_RSHIFT = 4010
_OP_BIT_ADD = 4011
_OP_BIT_SUBTRACT = 4012
_OP_BIT_SET_INT = 4013
_OP_BIT_GET = 4050
_OP_BIT_COUNT = 4051
_OP_BIT_LSCAN = 4052
_OP_BIT_RSCAN = 4053
_OP_BIT_GET_INT = 4054


def bit_resize(bin: str, byte_size: int, resize_flags: int = 0, policy: BitPolicy = None) -> Operation:
    """Resizes the blob to ``byte_size`` bytes (created when missing), at the end by default.

    Args:
        bin: the bytes bin.
        byte_size: the new size.
        resize_flags: ``BIT_RESIZE_*`` flags, OR-ed: ``FROM_FRONT`` grows or shrinks at the
            start, ``GROW_ONLY`` / ``SHRINK_ONLY`` refuse the other direction.
        policy: bit write flags.
    """
    return op_dict(_OP_BIT_RESIZE, bin, byte_size=byte_size, resize_flags=given(resize_flags, 0),
                   bit_policy=given(policy))


def bit_insert(bin: str, byte_offset: int, value: Bytes, policy: BitPolicy = None) -> Operation:
    """Inserts ``value`` at ``byte_offset``.

    Args:
        bin: the bytes bin.
        byte_offset: where to insert.
        value: the bytes.
        policy: bit write flags.
    """
    return op_dict(_OP_BIT_INSERT, bin, byte_offset=byte_offset, val=value, bit_policy=given(policy))


def bit_remove(bin: str, byte_offset: int, byte_size: int, policy: BitPolicy = None) -> Operation:
    """Removes ``byte_size`` bytes from ``byte_offset`` on.

    Args:
        bin: the bytes bin.
        byte_offset: the first byte removed.
        byte_size: how many bytes.
        policy: bit write flags.
    """
    return op_dict(_OP_BIT_REMOVE, bin, byte_offset=byte_offset, byte_size=byte_size, bit_policy=given(policy))


def bit_set(bin: str, bit_offset: int, bit_size: int, value: Bytes, policy: BitPolicy = None) -> Operation:
    """Overwrites ``bit_size`` bits from ``bit_offset`` on with the first bits of ``value``.

    Args:
        bin: the bytes bin.
        bit_offset: the first bit.
        bit_size: how many bits.
        value: the bits, left-aligned.
        policy: bit write flags.
    """
    return op_dict(_OP_BIT_SET, bin, bit_offset=bit_offset, bit_size=bit_size, val=value, bit_policy=given(policy))


def bit_or(bin: str, bit_offset: int, bit_size: int, value: Bytes, policy: BitPolicy = None) -> Operation:
    """ORs ``bit_size`` bits from ``bit_offset`` on with the first bits of ``value``.

    Args:
        bin: the bytes bin.
        bit_offset: the first bit.
        bit_size: how many bits.
        value: the bits, left-aligned.
        policy: bit write flags.
    """
    return op_dict(_OP_BIT_OR, bin, bit_offset=bit_offset, bit_size=bit_size, val=value, bit_policy=given(policy))


def bit_xor(bin: str, bit_offset: int, bit_size: int, value: Bytes, policy: BitPolicy = None) -> Operation:
    """XORs ``bit_size`` bits from ``bit_offset`` on with the first bits of ``value``.

    Args:
        bin: the bytes bin.
        bit_offset: the first bit.
        bit_size: how many bits.
        value: the bits, left-aligned.
        policy: bit write flags.
    """
    return op_dict(_OP_BIT_XOR, bin, bit_offset=bit_offset, bit_size=bit_size, val=value, bit_policy=given(policy))


def bit_and(bin: str, bit_offset: int, bit_size: int, value: Bytes, policy: BitPolicy = None) -> Operation:
    """ANDs ``bit_size`` bits from ``bit_offset`` on with the first bits of ``value``.

    Args:
        bin: the bytes bin.
        bit_offset: the first bit.
        bit_size: how many bits.
        value: the bits, left-aligned.
        policy: bit write flags.
    """
    return op_dict(_OP_BIT_AND, bin, bit_offset=bit_offset, bit_size=bit_size, val=value, bit_policy=given(policy))


def bit_not(bin: str, bit_offset: int, bit_size: int, policy: BitPolicy = None) -> Operation:
    """Inverts ``bit_size`` bits from ``bit_offset`` on.

    Args:
        bin: the bytes bin.
        bit_offset: the first bit.
        bit_size: how many bits.
        policy: bit write flags.
    """
    return op_dict(_OP_BIT_NOT, bin, bit_offset=bit_offset, bit_size=bit_size, bit_policy=given(policy))


def bit_lshift(bin: str, bit_offset: int, bit_size: int, shift: int, policy: BitPolicy = None) -> Operation:
    """Shifts the ``bit_size`` bits from ``bit_offset`` on left by ``shift``, filling with 0.

    Args:
        bin: the bytes bin.
        bit_offset: the first bit of the region.
        bit_size: the region's size in bits.
        shift: how many bits.
        policy: bit write flags.
    """
    return op_dict(_OP_BIT_LSHIFT, bin, bit_offset=bit_offset, bit_size=bit_size, shift=shift,
                   bit_policy=given(policy))


def bit_rshift(bin: str, bit_offset: int, bit_size: int, shift: int, policy: BitPolicy = None) -> Operation:
    """Shifts the ``bit_size`` bits from ``bit_offset`` on right by ``shift``, filling with 0.

    Args:
        bin: the bytes bin.
        bit_offset: the first bit of the region.
        bit_size: the region's size in bits.
        shift: how many bits.
        policy: bit write flags.
    """
    return op_dict(_OP_BIT_RSHIFT, bin, bit_offset=bit_offset, bit_size=bit_size, shift=shift,
                   bit_policy=given(policy))


def bit_add(bin: str, bit_offset: int, bit_size: int, value: int, signed: bool = False, action: int = 0,
            policy: BitPolicy = None) -> Operation:
    """Adds ``value`` to the ``bit_size``-bit integer (at most 64) at ``bit_offset``.

    Args:
        bin: the bytes bin.
        bit_offset: the integer's first bit.
        bit_size: its size in bits.
        value: the amount.
        signed: whether the integer is signed.
        action: on overflow: ``BIT_OVERFLOW_FAIL``, ``BIT_OVERFLOW_SATURATE`` or ``BIT_OVERFLOW_WRAP``.
        policy: bit write flags.
    """
    return op_dict(_OP_BIT_ADD, bin, bit_offset=bit_offset, bit_size=bit_size, val=value, signed=signed,
                   action=action, bit_policy=given(policy))


def bit_subtract(bin: str, bit_offset: int, bit_size: int, value: int, signed: bool = False, action: int = 0,
                 policy: BitPolicy = None) -> Operation:
    """Subtracts ``value`` from the ``bit_size``-bit integer (at most 64) at ``bit_offset``.

    Args:
        bin: the bytes bin.
        bit_offset: the integer's first bit.
        bit_size: its size in bits.
        value: the amount.
        signed: whether the integer is signed.
        action: on overflow: ``BIT_OVERFLOW_FAIL``, ``BIT_OVERFLOW_SATURATE`` or ``BIT_OVERFLOW_WRAP``.
        policy: bit write flags.
    """
    return op_dict(_OP_BIT_SUBTRACT, bin, bit_offset=bit_offset, bit_size=bit_size, val=value, signed=signed,
                   action=action, bit_policy=given(policy))


def bit_set_int(bin: str, bit_offset: int, bit_size: int, value: int, policy: BitPolicy = None) -> Operation:
    """Writes ``value`` as the ``bit_size``-bit integer (at most 64) at ``bit_offset``.

    Args:
        bin: the bytes bin.
        bit_offset: the integer's first bit.
        bit_size: its size in bits.
        value: the integer.
        policy: bit write flags.
    """
    return op_dict(_OP_BIT_SET_INT, bin, bit_offset=bit_offset, bit_size=bit_size, val=value,
                   bit_policy=given(policy))


def bit_get(bin: str, bit_offset: int, bit_size: int) -> Operation:
    """Reads ``bit_size`` bits from ``bit_offset`` on, as bytes (left-aligned).

    Args:
        bin: the bytes bin.
        bit_offset: the first bit.
        bit_size: how many bits.
    """
    return op_dict(_OP_BIT_GET, bin, bit_offset=bit_offset, bit_size=bit_size)


def bit_count(bin: str, bit_offset: int, bit_size: int) -> Operation:
    """Counts the bits set among ``bit_size`` bits from ``bit_offset`` on.

    Args:
        bin: the bytes bin.
        bit_offset: the first bit.
        bit_size: how many bits.
    """
    return op_dict(_OP_BIT_COUNT, bin, bit_offset=bit_offset, bit_size=bit_size)


def bit_lscan(bin: str, bit_offset: int, bit_size: int, value: bool) -> Operation:
    """Finds the first bit equal to ``value`` in the region, from the left. Result: its
    position in the region, or -1.

    Args:
        bin: the bytes bin.
        bit_offset: the region's first bit.
        bit_size: its size in bits.
        value: the bit to look for.
    """
    return op_dict(_OP_BIT_LSCAN, bin, bit_offset=bit_offset, bit_size=bit_size, val=value)


def bit_rscan(bin: str, bit_offset: int, bit_size: int, value: bool) -> Operation:
    """Finds the last bit equal to ``value`` in the region. Result: its position in the
    region, or -1.

    Args:
        bin: the bytes bin.
        bit_offset: the region's first bit.
        bit_size: its size in bits.
        value: the bit to look for.
    """
    return op_dict(_OP_BIT_RSCAN, bin, bit_offset=bit_offset, bit_size=bit_size, val=value)


def bit_get_int(bin: str, bit_offset: int, bit_size: int, signed: bool = False) -> Operation:
    """Reads the ``bit_size``-bit integer (at most 64) at ``bit_offset``.

    Args:
        bin: the bytes bin.
        bit_offset: the integer's first bit.
        bit_size: its size in bits.
        signed: whether the integer is signed.
    """
    return op_dict(_OP_BIT_GET_INT, bin, bit_offset=bit_offset, bit_size=bit_size, signed=signed)
