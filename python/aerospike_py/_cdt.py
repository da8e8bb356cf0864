"""Collection operation dicts (list, map, bit, HLL) to the C ABI's ops, with all the checking.

The helper modules build aerospike-py's dicts, ``{"op": code, "bin": name, ...}`` with its codes
(list 1001-1031, map 2001-2027, HLL 3001-3010, bit 4001-4013 and 4050-4054; the official
client's extra list and map operations continue at 1032 and 2028). :func:`wire_op` turns one
into the ABI's form (``aero.h``, "Collection operations"): ``[3, bin, [code, arg, ...], ctx]``
for lists and maps (no ``ctx`` for the bin itself), ``[13, bin, [code, ...]]`` for bits and
``[16, bin, [code, ...]]`` for HLLs, with the server's op codes and argument order, encoded
as the official clients encode them.

Everything is checked before anything is sent:

- ``ValueError``: a key the operation needs is missing (as in aerospike-py), a bad bin name, an
  integer outside the signed 64-bit range, a non-dict ``map_put_items`` value or a non-int bit
  value (aerospike-py's errors);
- ``TypeError``: a value of the wrong type (a ``bool`` is not an int here), or an expression
  (in a collection expression) where the field takes a constant: a return type, a flag, a count of bits;
- ``InvalidArgError``: an unknown policy key, return type, order, flag bit or overflow action, a
  negative count, or a ``ctx`` on a bit or HLL operation;
- ``ServerError`` with code 4 (what the server answers): ``index_bit_count`` outside 4..16.
"""

from typing import Any, Callable, Optional, Union

import msgpack

from . import _constants as C
from ._values import _INT64_MAX, _INT64_MIN, MAX_NESTING_DEPTH, check_bin_name, check_value
from .cdt_ctx import (
    CDT_CTX_LIST_INDEX,
    CDT_CTX_LIST_RANK,
    CDT_CTX_LIST_VALUE,
    CDT_CTX_MAP_INDEX,
    CDT_CTX_MAP_KEY,
    CDT_CTX_MAP_RANK,
    CDT_CTX_MAP_VALUE,
    CdtContext,
)
from .exception import AerospikeError, invalid_argument, make_error
from .types import CDTInfinite, CDTWildcard

#: The ABI's op kinds (AERO_OP_CDT, AERO_OP_BIT, AERO_OP_HLL).
KIND_CDT = 3
KIND_BIT = 13
KIND_HLL = 16

UNSET: Any = object()
"""Marks an optional argument the caller left out: :func:`op_dict` drops the key."""

_WILDCARD = msgpack.ExtType(1, b"\x00")  # AERO_EXT_WILDCARD
_INFINITY = msgpack.ExtType(1, b"\x01")  # AERO_EXT_INFINITY
_INVERTED = 0x10000  # AERO_RETURN_INVERTED
_PERSIST_INDEX = 0x10  # order attribute bit: keep an index of a top-level ordered list or map

_LIST_RETURNS = frozenset({0, 1, 2, 3, 4, 5, 7, 13})
_MAP_RETURNS = _LIST_RETURNS | {6, 8, 16, 17}  # + KEY, KEY_VALUE, UNORDERED_MAP, ORDERED_MAP
_LIST_ORDERS = (C.LIST_UNORDERED, C.LIST_ORDERED)
_MAP_ORDERS = (C.MAP_UNORDERED, C.MAP_KEY_ORDERED, C.MAP_KEY_VALUE_ORDERED)
_MAP_MODES = (C.MAP_UPDATE, C.MAP_CREATE_ONLY, C.MAP_UPDATE_ONLY)
_OVERFLOW_ACTIONS = (C.BIT_OVERFLOW_FAIL, C.BIT_OVERFLOW_SATURATE, C.BIT_OVERFLOW_WRAP)
_WRITE_FLAGS = 0xF  # every LIST_WRITE_*, MAP_WRITE_FLAGS_*, BIT_WRITE_* and HLL_WRITE_* bit
_SORT_FLAGS = 0x3  # descending, drop duplicates
_RESIZE_FLAGS = 0x7  # from front, grow only, shrink only
_HLL_INDEX_BITS = range(4, 17)

# The create flags of a context step (AERO_CTX_CREATE_*), and of list_create / map_create.
_MAP_CREATE_FLAGS = {C.MAP_UNORDERED: 0x40, C.MAP_KEY_ORDERED: 0x80, C.MAP_KEY_VALUE_ORDERED: 0xC0}
_INT_SELECTORS = frozenset({CDT_CTX_LIST_INDEX, CDT_CTX_LIST_RANK, CDT_CTX_MAP_INDEX, CDT_CTX_MAP_RANK})
_VALUE_SELECTORS = frozenset({CDT_CTX_LIST_VALUE, CDT_CTX_MAP_KEY, CDT_CTX_MAP_VALUE})

# Policy keys: aerospike-py's and the official client's names for the same fields.
_LIST_POLICY_KEYS = {"order": "order", "list_order": "order", "flags": "flags", "write_flags": "flags"}
_MAP_POLICY_KEYS = {
    "order": "order", "map_order": "order", "write_mode": "mode", "map_write_mode": "mode",
    "map_write_flags": "flags", "persist_index": "persist_index",
}
_HLL_POLICY_KEYS = {"flags": "flags"}
_BIT_POLICY_KEYS = {"bit_write_flags": "flags"}

class Argument:
    """An argument given as an expression, in the operation dict of a collection expression
    (``_exp``): the checks pass it on, and the server evaluates it before the operation runs."""

    __slots__ = ("expr",)

    def __init__(self, expr: Any) -> None:
        self.expr = expr


Reader = Callable[[dict, str], list]
"""Reads some arguments of the server call from an op dict (the op's name is for messages)."""
Build = Callable[[dict, str, Optional[list]], list]
"""Builds the server call ``[code, arg, ...]`` of an op dict; may set create flags on the ctx."""


#: Field values that cannot change behind an op dict's back, so its translation can be kept.
_FROZEN_TYPES = frozenset({int, float, str, bytes, bool, type(None)})


class OpDict(dict):
    """An operation dict as the helper modules build it: a plain ``dict`` to its users, which
    also keeps its ABI form once translated, so that an op list built once and sent many
    times is checked and translated once. The form is kept only while nothing in the dict can
    change: every change to the dict drops it, and a dict holding a list, a dict or a ``ctx``
    (which could change in place) never keeps it.
    """

    __slots__ = ("wire",)

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.wire: Optional[list] = None

    def keep(self, wire: list) -> None:
        """Keeps ``wire`` as this dict's ABI form when no field value can change in place."""
        if all(type(value) in _FROZEN_TYPES for value in self.values()):
            self.wire = wire

    def _changed(self) -> None:
        self.wire = None

    def __setitem__(self, key: Any, value: Any) -> None:
        self._changed()
        super().__setitem__(key, value)

    def __delitem__(self, key: Any) -> None:
        self._changed()
        super().__delitem__(key)

    def __or__(self, other: Any) -> dict:
        """``dict | other``: a plain dict, as ``dict``'s (stated here because the type checker
        cannot match an ``__ior__`` override against ``dict``'s overloaded ``__or__``)."""
        return super().__or__(other)

    def __ior__(self, other: Any) -> "OpDict":
        self._changed()
        return super().__ior__(other)

    def update(self, *args: Any, **kwargs: Any) -> None:
        """``dict.update``, dropping the kept translation."""
        self._changed()
        super().update(*args, **kwargs)

    def pop(self, *args: Any) -> Any:
        """``dict.pop``, dropping the kept translation."""
        self._changed()
        return super().pop(*args)

    def popitem(self) -> tuple:
        """``dict.popitem``, dropping the kept translation."""
        self._changed()
        return super().popitem()

    def clear(self) -> None:
        """``dict.clear``, dropping the kept translation."""
        self._changed()
        super().clear()

    def setdefault(self, key: Any, default: Any = None) -> Any:
        """``dict.setdefault``, dropping the kept translation."""
        self._changed()
        return super().setdefault(key, default)


def op_dict(code: int, bin: str, /, **fields: Any) -> OpDict:
    """Builds an operation dict in aerospike-py's shape: the fields that are not ``UNSET``.

    Args:
        code: the operation code.
        bin: the bin name.
        **fields: the operation's keys.

    Returns:
        ``{"op": code, "bin": bin, **fields}`` without the ``UNSET`` fields, as an
        :class:`OpDict`.
    """
    op = OpDict(op=code, bin=bin)
    dict.update(op, ((key, value) for key, value in fields.items() if value is not UNSET))
    return op


def given(value: Any, default: Any = None) -> Any:
    """Returns ``UNSET`` when an optional argument still has its default, else the argument.

    Args:
        value: the argument.
        default: its default (``None``, ``False``, ``0``); a value of another type is kept,
            so that the translation can refuse it.

    Returns:
        ``UNSET`` or ``value``.
    """
    return UNSET if type(value) is type(default) and value == default else value


# ---------------------------------------------------------------------------------------------
# Scalars, values and policies


def _invalid(name: str, text: str) -> AerospikeError:
    return invalid_argument(f"{name}: {text}")


def _need(op: dict, key: str, name: str) -> Any:
    if key not in op:
        raise ValueError(f"{name} operation requires '{key}'")
    return op[key]


def _int(name: str, key: str, value: Any) -> int:
    if type(value) is Argument:
        raise TypeError(f"{name}: '{key}' must be an int, not an expression")
    if isinstance(value, bool) or not isinstance(value, int):
        raise TypeError(f"{name}: '{key}' must be an int, got {type(value).__name__}")
    if not _INT64_MIN <= value <= _INT64_MAX:
        raise ValueError(f"{name}: '{key}' {value} is outside the signed 64-bit range")
    return value


def _int_or_expr(name: str, key: str, value: Any) -> Union[int, Argument]:
    """An int, or an expression (passed on for the server to evaluate)."""
    if type(value) is Argument:
        return value
    return _int(name, key, value)


def _bool(name: str, key: str, value: Any) -> bool:
    if not isinstance(value, bool):
        raise TypeError(f"{name}: '{key}' must be a bool, got {type(value).__name__}")
    return value


def _choice(name: str, key: str, value: Any, allowed: tuple) -> int:
    number = _int(name, key, value)
    if number not in allowed:
        raise _invalid(name, f"unknown {key} {number} (expected one of {', '.join(map(str, allowed))})")
    return number


def _flags(name: str, key: str, value: Any, mask: int) -> int:
    number = _int(name, key, value)
    if number < 0 or number & ~mask:
        raise _invalid(name, f"unknown {key} bits in {number:#x} (known: {mask:#x})")
    return number


def _operand(value: Any, depth: int = 0) -> Any:
    """A selection value: any storable value, with ``CDTWildcard``/``CDTInfinite`` anywhere in it."""
    if type(value) is Argument:
        return value
    if isinstance(value, CDTWildcard):
        return _WILDCARD
    if isinstance(value, CDTInfinite):
        return _INFINITY
    if depth < MAX_NESTING_DEPTH:
        if isinstance(value, list):
            return [_operand(item, depth + 1) for item in value]
        if isinstance(value, dict):
            return {_operand(k, depth + 1): _operand(v, depth + 1) for k, v in value.items()}
    check_value(value, depth)
    return value


def _stored(value: Any) -> Any:
    """A value the operation writes: markers are not storable."""
    if type(value) is Argument:
        return value
    check_value(value)
    return value


def _policy_fields(name: str, key: str, policy: Any, names: dict[str, str]) -> dict[str, Any]:
    """A policy dict's fields under their canonical names (``None`` values are left out)."""
    if not isinstance(policy, dict):
        raise TypeError(f"{name}: '{key}' must be a dict, got {type(policy).__name__}")
    fields: dict[str, Any] = {}
    for field, value in policy.items():
        canonical = names.get(field)
        if canonical is None:
            raise _invalid(name, f"unknown {key} key {field!r} (known: {', '.join(names)})")
        if value is None:
            continue
        if canonical in fields:
            raise _invalid(name, f"{key} sets {canonical!r} twice (under two names)")
        fields[canonical] = value
    return fields


def _list_policy(op: dict, name: str) -> Optional[tuple[int, int]]:
    """``(order, flags)`` of the op's ``list_policy``, or ``None`` without one."""
    policy = op.get("list_policy")
    if policy is None:
        return None
    fields = _policy_fields(name, "list_policy", policy, _LIST_POLICY_KEYS)
    return (_choice(name, "list order", fields.get("order", 0), _LIST_ORDERS),
            _flags(name, "list write flags", fields.get("flags", 0), _WRITE_FLAGS))


def _map_policy(op: dict, name: str) -> tuple[int, int, int]:
    """``(order attribute, write flags, write mode)`` of the op's ``map_policy``."""
    policy = op.get("map_policy")
    if policy is None:
        return 0, 0, C.MAP_UPDATE
    fields = _policy_fields(name, "map_policy", policy, _MAP_POLICY_KEYS)
    order = _choice(name, "map order", fields.get("order", 0), _MAP_ORDERS)
    flags = _flags(name, "map write flags", fields.get("flags", 0), _WRITE_FLAGS)
    mode = _choice(name, "map write mode", fields.get("mode", C.MAP_UPDATE), _MAP_MODES)
    if flags and mode != C.MAP_UPDATE:
        raise _invalid(name, "map_policy takes write flags or a write mode, not both")
    persist = _bool(name, "persist_index", fields.get("persist_index", False))
    return order | (_PERSIST_INDEX if persist else 0), flags, mode


def _hll_flags(op: dict, name: str) -> int:
    policy = op.get("hll_policy")
    if policy is None:
        return 0
    fields = _policy_fields(name, "hll_policy", policy, _HLL_POLICY_KEYS)
    return _flags(name, "HLL write flags", fields.get("flags", 0), _WRITE_FLAGS)


def _bit_flags(op: dict, name: str) -> int:
    """aerospike-py's ``bit_policy`` is the flags; the official client's is a dict."""
    policy = op.get("bit_policy")
    if policy is None:
        return 0
    if isinstance(policy, dict):
        policy = _policy_fields(name, "bit_policy", policy, _BIT_POLICY_KEYS).get("flags", 0)
    return _flags(name, "bit write flags", policy, _WRITE_FLAGS)


def _list_create_flag(order: int, pad: bool) -> int:
    if order == C.LIST_ORDERED:
        return 0xC0
    return 0x80 if pad else 0x40


def _step(name: str, step: Any) -> list:
    """One context step as ``[AERO_CTX_* type, value]``."""
    if not isinstance(step, CdtContext):
        raise TypeError(f"{name}: ctx items must be built by aerospike_py.cdt_ctx, got {type(step).__name__}")
    if step.id in _INT_SELECTORS:
        value = _int(name, "ctx index", step.value)
    elif step.id in _VALUE_SELECTORS:
        value = _stored(step.value)
    else:
        raise _invalid(name, f"unknown ctx selector {step.id!r}")
    kind = step.id
    if _bool(name, "ctx create", step.create):
        if kind == CDT_CTX_LIST_INDEX:
            kind |= _list_create_flag(_choice(name, "ctx list order", step.order, _LIST_ORDERS),
                                      _bool(name, "ctx pad", step.pad))
        elif kind == CDT_CTX_MAP_KEY:
            kind |= _MAP_CREATE_FLAGS[_choice(name, "ctx map order", step.order, _MAP_ORDERS)]
        else:
            raise _invalid(name, "only list index and map key ctx steps can create")
    return [kind, value]


def _context(op: dict, name: str) -> Optional[list]:
    steps = op.get("ctx")
    if steps is None:
        return None
    if not isinstance(steps, (list, tuple)):
        raise TypeError(f"{name}: 'ctx' must be a list of cdt_ctx items, got {type(steps).__name__}")
    return [_step(name, step) for step in steps] or None


# ---------------------------------------------------------------------------------------------
# Argument readers: each returns the arguments it contributes to the server call.


def _int_arg(key: str, fallback: Optional[str] = None) -> Reader:
    """A required int; ``rank`` falls back to ``index`` as in aerospike-py."""

    def read(op: dict, name: str) -> list:
        if fallback is not None and key not in op and fallback in op:
            return [_int_or_expr(name, fallback, op[fallback])]
        return [_int_or_expr(name, key, _need(op, key, name))]

    return read


def _count(default: Any = UNSET) -> Reader:
    """A count: without one, ``default`` is sent, or nothing (to the end)."""

    def read(op: dict, name: str) -> list:
        count = op.get("count")
        if count is None:
            return [] if default is UNSET else [default]
        if type(count) is not Argument and _int(name, "count", count) < 0:
            raise _invalid(name, f"count must not be negative, got {count}")
        return [count]

    return read


def _value(key: str = "val", selects: bool = False) -> Reader:
    """A required value: one the operation writes, or (``selects``) one it compares with."""

    def read(op: dict, name: str) -> list:
        value = _need(op, key, name)
        return [_operand(value) if selects else _stored(value)]

    return read


def _values(selects: bool = False) -> Reader:
    """A required list of values (``val``)."""

    def read(op: dict, name: str) -> list:
        values = _need(op, "val", name)
        if type(values) is Argument:
            return [values]
        if not isinstance(values, list):
            raise TypeError(f"{name}: 'val' must be a list, got {type(values).__name__}")
        return [_operand(values) if selects else _stored(values)]

    return read


def _range_end(op: dict, name: str) -> list:
    """``val_end``: left out (infinity) when missing or ``None``."""
    end = op.get("val_end")
    return [] if end is None else [_operand(end)]


def _return_type(valid: frozenset) -> Reader:
    def read(op: dict, name: str) -> list:
        return_type = _int(name, "return_type", _need(op, "return_type", name))
        if (return_type & ~_INVERTED) not in valid:
            raise _invalid(name, f"unknown return type {return_type}")
        if _bool(name, "inverted", op.get("inverted", False)):
            return_type |= _INVERTED
        return [return_type]

    return read


def _delta(op: dict, name: str) -> list:
    """An increment: an int or float; missing or ``None`` is 1, as in aerospike-py."""
    delta = op.get("val")
    if delta is None:
        return [1]
    if type(delta) is Argument:
        return [delta]
    if isinstance(delta, bool) or not isinstance(delta, (int, float)):
        raise TypeError(f"{name}: 'val' must be an int or float, got {type(delta).__name__}")
    check_value(delta)
    return [delta]


def _list_order_flags(op: dict, name: str) -> list:
    policy = _list_policy(op, name)
    return [] if policy is None else list(policy)


def _list_flags(op: dict, name: str) -> list:
    policy = _list_policy(op, name)
    return [] if policy is None else [policy[1]]


def _val_choice(allowed: tuple) -> Reader:
    """An order in ``val`` (aerospike-py's list_set_order, map_set_order); default 0."""

    def read(op: dict, name: str) -> list:
        value = op.get("val")
        return [0 if value is None else _choice(name, "order", value, allowed)]

    return read


def _val_flags(mask: int) -> Reader:
    """Flags in ``val`` (aerospike-py's list_sort); default 0."""

    def read(op: dict, name: str) -> list:
        value = op.get("val")
        return [0 if value is None else _flags(name, "sort flags", value, mask)]

    return read


def _bytes(op: dict, name: str) -> list:
    value = _need(op, "val", name)
    if type(value) is Argument:
        return [value]
    if not isinstance(value, (bytes, bytearray)):
        raise TypeError(f"{name}: 'val' must be bytes, got {type(value).__name__}")
    return [bytes(value)]


def _bit_int(op: dict, name: str) -> list:
    value = op.get("val")
    if value is None:
        raise ValueError(f"{name}: bit operation requires a 'val' parameter")
    if type(value) is Argument:
        return [value]
    if isinstance(value, bool) or not isinstance(value, int):
        raise ValueError(f"{name}: bit operation requires an integer value, got {type(value).__name__}")
    return [_int(name, "val", value)]


def _bit_policy(op: dict, name: str) -> list:
    return [_bit_flags(op, name)]


def _overflow(op: dict, name: str) -> list:
    """The action flags: the overflow action, with 1 for a signed number."""
    action = _choice(name, "overflow action", op.get("action", C.BIT_OVERFLOW_FAIL), _OVERFLOW_ACTIONS)
    return [action | (1 if _bool(name, "signed", op.get("signed", False)) else 0)]


def _resize_flags(op: dict, name: str) -> list:
    flags = op.get("resize_flags")
    return [] if flags is None else [_flags(name, "resize flags", flags, _RESIZE_FLAGS)]


def _signed(op: dict, name: str) -> list:
    return [1] if _bool(name, "signed", op.get("signed", False)) else []


def _scan_bit(op: dict, name: str) -> list:
    return [_bool(name, "val", _need(op, "val", name))]


def _index_bits(optional: bool) -> Reader:
    """``index_bit_count``: 4..16, or the server's -1 (keep the bin's); optional ones default to -1."""

    def read(op: dict, name: str) -> list:
        bits = op.get("index_bit_count")
        if bits is None and optional:
            return [-1]
        bits = _int(name, "index_bit_count", _need(op, "index_bit_count", name))
        if bits not in _HLL_INDEX_BITS and bits != -1:
            raise make_error(C.AEROSPIKE_ERR_PARAM, f"{name}: index_bit_count must be 4..16, got {bits}")
        return [bits]

    return read


def _minhash_bits(op: dict, name: str) -> list:
    bits = op.get("minhash_bit_count")
    return [-1 if bits is None else _int(name, "minhash_bit_count", bits)]


def _hlls(op: dict, name: str) -> list:
    """A list of HLL bin values (bytes)."""
    hlls = _need(op, "val", name)
    if type(hlls) is Argument:
        return [hlls]
    if not isinstance(hlls, list) or not all(isinstance(h, (bytes, bytearray)) for h in hlls):
        raise TypeError(f"{name}: 'val' must be a list of HLL values (bytes)")
    return [[bytes(h) for h in hlls]]


def _hll_policy(op: dict, name: str) -> list:
    return [_hll_flags(op, name)]


# ---------------------------------------------------------------------------------------------
# Calls


def _call(code: int, *readers: Reader) -> Build:
    """A call with a fixed code whose arguments the readers give, in order."""

    def build(op: dict, name: str, ctx: Optional[list]) -> list:
        call = [code]
        for read in readers:
            call += read(op, name)
        return call

    return build


def _map_items(op: dict, name: str) -> list:
    items = _need(op, "val", name)
    if type(items) is Argument:
        return [items]
    if not isinstance(items, dict):
        raise ValueError(f"{name} requires a dict value, got {type(items).__name__}")
    return [_stored(items)]


_PUT_KEY = _value("map_key")


def _map_write(items: bool) -> Build:
    """map_put / map_put_items: the policy picks the call, as the official clients do.

    Write flags go with PUT (67); the legacy ``MAP_UPDATE_ONLY`` is REPLACE (69), which takes
    no order, and ``MAP_CREATE_ONLY`` is ADD (65). Each ``_ITEMS`` call is one code higher.
    """
    contents = (_map_items,) if items else (_PUT_KEY, _value())
    plural = 1 if items else 0

    def build(op: dict, name: str, ctx: Optional[list]) -> list:
        args = [arg for read in contents for arg in read(op, name)]
        attr, flags, mode = _map_policy(op, name)
        if flags:
            return [67 + plural, *args, attr, flags]
        if mode == C.MAP_UPDATE_ONLY:
            return [69 + plural, *args]
        return [(65 if mode == C.MAP_CREATE_ONLY else 67) + plural, *args, attr]

    return build


def _map_increment(code: int) -> Build:
    """map_increment / map_decrement: ``[key, delta, order]`` (no order for ``MAP_UPDATE_ONLY``)."""

    def build(op: dict, name: str, ctx: Optional[list]) -> list:
        attr, _, mode = _map_policy(op, name)
        call = [code, *_PUT_KEY(op, name), *_delta(op, name)]
        return call if mode == C.MAP_UPDATE_ONLY else call + [attr]

    return build


def _list_create(op: dict, name: str, ctx: Optional[list]) -> list:
    """SET_TYPE on the bin, or on a nested level it creates (the flag goes on the last step)."""
    order = _choice(name, "list_order", op.get("list_order", 0), _LIST_ORDERS)
    pad = _bool(name, "pad", op.get("pad", False))
    persist = _bool(name, "persist_index", op.get("persist_index", False))
    if ctx is None:
        return [0, order | (_PERSIST_INDEX if persist else 0)]
    ctx[-1][0] |= _list_create_flag(order, pad)
    return [0, order]


def _map_create(op: dict, name: str, ctx: Optional[list]) -> list:
    order = _choice(name, "map_order", op.get("map_order", 0), _MAP_ORDERS)
    persist = _bool(name, "persist_index", op.get("persist_index", False))
    if ctx is None:
        return [64, order | (_PERSIST_INDEX if persist else 0)]
    ctx[-1][0] |= _MAP_CREATE_FLAGS[order]
    return [64, order]


def _map_set_policy(op: dict, name: str, ctx: Optional[list]) -> list:
    attr = _map_policy(op, name)[0]
    # A nested map keeps no index: the official clients drop the flag there.
    return [64, attr & ~_PERSIST_INDEX if ctx else attr]


_LIST_RT = _return_type(_LIST_RETURNS)
_MAP_RT = _return_type(_MAP_RETURNS)
_INDEX = _int_arg("index")
_RANK = _int_arg("rank", fallback="index")
_SELECT = _value(selects=True)
_SELECT_LIST = _values(selects=True)
_KEY = _value("map_key", selects=True)

#: aerospike-py code -> (name, server call). Server codes: as_cdt_optype (proto.h).
_LIST_CALLS: dict[int, tuple[str, Build]] = {
    1001: ("list_append", _call(1, _value(), _list_order_flags)),
    1002: ("list_append_items", _call(2, _values(), _list_order_flags)),
    1003: ("list_insert", _call(3, _INDEX, _value(), _list_flags)),
    1004: ("list_insert_items", _call(4, _INDEX, _values(), _list_flags)),
    1005: ("list_pop", _call(5, _INDEX)),
    1006: ("list_pop_range", _call(6, _INDEX, _count(1))),
    1007: ("list_remove", _call(7, _INDEX)),
    1008: ("list_remove_range", _call(8, _INDEX, _count(1))),
    1009: ("list_set", _call(9, _INDEX, _value(), _list_flags)),
    1010: ("list_trim", _call(10, _INDEX, _count(0))),
    1011: ("list_clear", _call(11)),
    1012: ("list_size", _call(16)),
    1013: ("list_get", _call(17, _INDEX)),
    1014: ("list_get_range", _call(18, _INDEX, _count(1))),
    1015: ("list_get_by_value", _call(22, _LIST_RT, _SELECT)),
    1016: ("list_get_by_index", _call(19, _LIST_RT, _INDEX)),
    1017: ("list_get_by_index_range", _call(24, _LIST_RT, _INDEX, _count())),
    1018: ("list_get_by_rank", _call(21, _LIST_RT, _RANK)),
    1019: ("list_get_by_rank_range", _call(26, _LIST_RT, _RANK, _count())),
    1020: ("list_get_by_value_list", _call(23, _LIST_RT, _SELECT_LIST)),
    1021: ("list_get_by_value_range", _call(25, _LIST_RT, _SELECT, _range_end)),
    1022: ("list_remove_by_value", _call(35, _LIST_RT, _SELECT)),
    1023: ("list_remove_by_value_list", _call(36, _LIST_RT, _SELECT_LIST)),
    1024: ("list_remove_by_value_range", _call(38, _LIST_RT, _SELECT, _range_end)),
    1025: ("list_remove_by_index", _call(32, _LIST_RT, _INDEX)),
    1026: ("list_remove_by_index_range", _call(37, _LIST_RT, _INDEX, _count())),
    1027: ("list_remove_by_rank", _call(34, _LIST_RT, _RANK)),
    1028: ("list_remove_by_rank_range", _call(39, _LIST_RT, _RANK, _count())),
    1029: ("list_increment", _call(12, _INDEX, _delta, _list_order_flags)),
    1030: ("list_sort", _call(13, _val_flags(_SORT_FLAGS))),
    1031: ("list_set_order", _call(0, _val_choice(_LIST_ORDERS))),
    1032: ("list_create", _list_create),
    1033: ("list_get_by_value_rank_range_relative", _call(27, _LIST_RT, _SELECT, _RANK, _count())),
    1034: ("list_remove_by_value_rank_range_relative", _call(40, _LIST_RT, _SELECT, _RANK, _count())),
}

_MAP_CALLS: dict[int, tuple[str, Build]] = {
    2001: ("map_set_order", _call(64, _val_choice(_MAP_ORDERS))),
    2002: ("map_put", _map_write(items=False)),
    2003: ("map_put_items", _map_write(items=True)),
    2004: ("map_increment", _map_increment(73)),
    2005: ("map_decrement", _map_increment(74)),
    2006: ("map_clear", _call(75)),
    2007: ("map_remove_by_key", _call(76, _MAP_RT, _KEY)),
    2008: ("map_remove_by_key_list", _call(81, _MAP_RT, _SELECT_LIST)),
    2009: ("map_remove_by_key_range", _call(84, _MAP_RT, _SELECT, _range_end)),
    2010: ("map_remove_by_value", _call(82, _MAP_RT, _SELECT)),
    2011: ("map_remove_by_value_list", _call(83, _MAP_RT, _SELECT_LIST)),
    2012: ("map_remove_by_value_range", _call(86, _MAP_RT, _SELECT, _range_end)),
    2013: ("map_remove_by_index", _call(77, _MAP_RT, _INDEX)),
    2014: ("map_remove_by_index_range", _call(85, _MAP_RT, _INDEX, _count())),
    2015: ("map_remove_by_rank", _call(79, _MAP_RT, _RANK)),
    2016: ("map_remove_by_rank_range", _call(87, _MAP_RT, _RANK, _count())),
    2017: ("map_size", _call(96)),
    2018: ("map_get_by_key", _call(97, _MAP_RT, _KEY)),
    2019: ("map_get_by_key_range", _call(103, _MAP_RT, _SELECT, _range_end)),
    2020: ("map_get_by_value", _call(102, _MAP_RT, _SELECT)),
    2021: ("map_get_by_value_range", _call(105, _MAP_RT, _SELECT, _range_end)),
    2022: ("map_get_by_index", _call(98, _MAP_RT, _INDEX)),
    2023: ("map_get_by_index_range", _call(104, _MAP_RT, _INDEX, _count())),
    2024: ("map_get_by_rank", _call(100, _MAP_RT, _RANK)),
    2025: ("map_get_by_rank_range", _call(106, _MAP_RT, _RANK, _count())),
    2026: ("map_get_by_key_list", _call(107, _MAP_RT, _SELECT_LIST)),
    2027: ("map_get_by_value_list", _call(108, _MAP_RT, _SELECT_LIST)),
    2028: ("map_create", _map_create),
    2029: ("map_set_policy", _map_set_policy),
    2030: ("map_get_by_key_index_range_relative", _call(109, _MAP_RT, _KEY, _INDEX, _count())),
    2031: ("map_remove_by_key_index_range_relative", _call(88, _MAP_RT, _KEY, _INDEX, _count())),
    2032: ("map_get_by_value_rank_range_relative", _call(110, _MAP_RT, _SELECT, _RANK, _count())),
    2033: ("map_remove_by_value_rank_range_relative", _call(89, _MAP_RT, _SELECT, _RANK, _count())),
}

_BIT_OFFSET = _int_arg("bit_offset")
_BIT_SIZE = _int_arg("bit_size")
_BYTE_OFFSET = _int_arg("byte_offset")
_BYTE_SIZE = _int_arg("byte_size")
_SHIFT = _int_arg("shift")

#: Server codes: as_bits_op_type / as_hll_op_type (bits.h, hll.h).
_BIT_CALLS: dict[int, tuple[str, Build]] = {
    4001: ("bit_resize", _call(0, _BYTE_SIZE, _bit_policy, _resize_flags)),
    4002: ("bit_insert", _call(1, _BYTE_OFFSET, _bytes, _bit_policy)),
    4003: ("bit_remove", _call(2, _BYTE_OFFSET, _BYTE_SIZE, _bit_policy)),
    4004: ("bit_set", _call(3, _BIT_OFFSET, _BIT_SIZE, _bytes, _bit_policy)),
    4005: ("bit_or", _call(4, _BIT_OFFSET, _BIT_SIZE, _bytes, _bit_policy)),
    4006: ("bit_xor", _call(5, _BIT_OFFSET, _BIT_SIZE, _bytes, _bit_policy)),
    4007: ("bit_and", _call(6, _BIT_OFFSET, _BIT_SIZE, _bytes, _bit_policy)),
    4008: ("bit_not", _call(7, _BIT_OFFSET, _BIT_SIZE, _bit_policy)),
    4009: ("bit_lshift", _call(8, _BIT_OFFSET, _BIT_SIZE, _SHIFT, _bit_policy)),
    4010: ("bit_rshift", _call(9, _BIT_OFFSET, _BIT_SIZE, _SHIFT, _bit_policy)),
    4011: ("bit_add", _call(10, _BIT_OFFSET, _BIT_SIZE, _bit_int, _bit_policy, _overflow)),
    4012: ("bit_subtract", _call(11, _BIT_OFFSET, _BIT_SIZE, _bit_int, _bit_policy, _overflow)),
    4013: ("bit_set_int", _call(12, _BIT_OFFSET, _BIT_SIZE, _bit_int, _bit_policy)),
    4050: ("bit_get", _call(50, _BIT_OFFSET, _BIT_SIZE)),
    4051: ("bit_count", _call(51, _BIT_OFFSET, _BIT_SIZE)),
    4052: ("bit_lscan", _call(52, _BIT_OFFSET, _BIT_SIZE, _scan_bit)),
    4053: ("bit_rscan", _call(53, _BIT_OFFSET, _BIT_SIZE, _scan_bit)),
    4054: ("bit_get_int", _call(54, _BIT_OFFSET, _BIT_SIZE, _signed)),
}

_HLL_CALLS: dict[int, tuple[str, Build]] = {
    3001: ("hll_init", _call(0, _index_bits(optional=False), _minhash_bits, _hll_policy)),
    3002: ("hll_add", _call(1, _values(), _index_bits(optional=True), _minhash_bits, _hll_policy)),
    3003: ("hll_get_count", _call(50)),
    3004: ("hll_get_union", _call(51, _hlls)),
    3005: ("hll_get_union_count", _call(52, _hlls)),
    3006: ("hll_get_intersect_count", _call(53, _hlls)),
    3007: ("hll_get_similarity", _call(54, _hlls)),
    3008: ("hll_describe", _call(55)),
    3009: ("hll_fold", _call(4, _index_bits(optional=False))),
    3010: ("hll_set_union", _call(2, _hlls, _hll_policy)),
}

#: aerospike-py code -> (name, ABI op kind, call builder).
_SPECS: dict[int, tuple[str, int, Build]] = {
    code: (name, kind, build)
    for kind, calls in ((KIND_CDT, _LIST_CALLS), (KIND_CDT, _MAP_CALLS), (KIND_BIT, _BIT_CALLS),
                        (KIND_HLL, _HLL_CALLS))
    for code, (name, build) in calls.items()
}


def is_collection_code(code: int) -> bool:
    """Tells whether ``code`` is a list, map, bit or HLL operation code.

    Args:
        code: an operation dict's ``op``.

    Returns:
        ``True`` for the codes :func:`wire_op` translates.
    """
    return code in _SPECS


def wire_op(op: dict, code: int) -> list:
    """Checks one collection operation dict and returns its ABI form.

    Args:
        op: the operation dict, as the helper modules build it.
        code: its ``op``, one :func:`is_collection_code` accepts.

    Returns:
        ``[3, bin, [code, arg, ...], ctx]`` for a list or map operation (without ``ctx`` on
        the bin itself), ``[13, bin, [code, arg, ...]]`` for a bit one, ``[16, bin, [...]]``
        for an HLL one.

    Raises:
        TypeError, ValueError, InvalidArgError, ServerError: see the module docstring.
    """
    kept = op.wire if type(op) is OpDict else None
    if kept is not None:
        return kept
    wire = _translate(op, code)
    if type(op) is OpDict:
        op.keep(wire)
    return wire


def _translate(op: dict, code: int) -> list:
    bin_name = op.get("bin")
    if bin_name is None:
        raise ValueError(f"{_SPECS[code][0]} operation requires 'bin'")
    check_bin_name(bin_name)
    kind, call, ctx = call_of(op, code)
    return [kind, bin_name, call] if ctx is None else [kind, bin_name, call, ctx]


def call_of(op: dict, code: int) -> tuple[int, list, Optional[list]]:
    """Checks an operation dict but for its bin, and gives its parts.

    Args:
        op: the operation dict.
        code: its ``op``, one :func:`is_collection_code` accepts.

    Returns:
        ``(ABI op kind, [server code, arg, ...], ctx or None)``.

    Raises:
        TypeError, ValueError, InvalidArgError, ServerError: see the module docstring.
    """
    name, kind, build = _SPECS[code]
    if kind == KIND_CDT:
        ctx = _context(op, name)
        return kind, build(op, name, ctx), ctx
    if op.get("ctx") is not None:
        raise _invalid(name, "only list and map operations take a ctx")
    return kind, build(op, name, None), None


def answers_key_values(op: dict) -> bool:
    """Whether a (valid) operation dict is a map selection returning ``MAP_RETURN_KEY_VALUE``."""
    code, rt = op.get("op"), op.get("return_type")
    return (isinstance(code, int) and 2000 < code < 3000 and isinstance(rt, int)
            and rt & ~_INVERTED == C.MAP_RETURN_KEY_VALUE)
