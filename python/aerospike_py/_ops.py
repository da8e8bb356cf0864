"""aerospike-py operation dicts to the ABI's ``ops`` array, and operate results back.

A basic operation is ``{"op": OPERATOR_*, "bin": name, "val": value}``; it crosses as
``[op, bin, value]``. List, map, bit and HLL operations (the dicts the ``*_operations`` modules
build) are translated by ``_cdt``.

One deliberate departure from aerospike-py 0.14.4: an operator that takes a value (write,
incr, append, prepend) without a ``"val"`` key raises ``ValueError`` instead of sending nil,
because a nil write deletes the bin; deleting a bin takes an explicit ``"val": None``.
"""

from typing import Any

from . import _cdt
from . import _constants as C
from . import _exp
from ._values import check_bin_name, check_value, packb
from .exception import invalid_argument
from .types import BinTuple


def _check_number(value: Any) -> None:
    """Checks an increment amount: an ``int`` (64-bit) or ``float``."""
    if isinstance(value, bool) or not isinstance(value, (int, float)):
        raise TypeError(f"increment value must be an int or float, got {type(value).__name__}")
    check_value(value)


#: Operators that carry a value, and how the value is checked.
_VALUE_CHECKS = {
    C.OPERATOR_WRITE: check_value,
    C.OPERATOR_INCR: _check_number,
    C.OPERATOR_APPEND: check_value,
    C.OPERATOR_PREPEND: check_value,
}
#: Operators on the whole record: no bin, no value.
_RECORD_OPS = frozenset({C.OPERATOR_TOUCH, C.OPERATOR_DELETE})
_SUPPORTED = frozenset({C.OPERATOR_READ, *_VALUE_CHECKS, *_RECORD_OPS})


#: Expression operations (exp_operations) -> the ABI's op (AERO_OP_EXP_READ, _EXP_MODIFY).
_EXPRESSION_OPS = {C.OP_EXPR_READ: 7, C.OP_EXPR_WRITE: 8}
_EXP_FLAGS = {C.OP_EXPR_READ: C.EXP_READ_EVAL_NO_FAIL, C.OP_EXPR_WRITE: 0x1F}


def _expression_op(op: dict, code: int) -> list:
    """``[7 or 8, bin, packed expression, flags]``."""
    name = op.get("bin")
    check_bin_name(name)
    if "expr" not in op:
        raise ValueError(f"expression operation on bin {name!r} needs an 'expr'")
    expr = op["expr"]
    if not _exp.is_expr(expr):
        raise TypeError(f"expression operation 'expr' must be an expression built by aerospike_py.exp, got "
                        f"{type(expr).__name__}")
    flags = op.get("expr_flags", 0)
    if isinstance(flags, bool) or not isinstance(flags, int):
        raise TypeError(f"expression operation 'expr_flags' must be an int, got {type(flags).__name__}")
    if flags & ~_EXP_FLAGS[code] or flags < 0:
        raise invalid_argument(f"expression operation flags {flags:#x} has unknown bits (known: {_EXP_FLAGS[code]:#x})")
    return [_EXPRESSION_OPS[code], name, _exp.pack(expr), flags]


def wire_op(op: Any) -> list:
    """Validates one operation dict and returns its ABI form.

    Args:
        op: ``{"op": code, "bin": name, "val": value}``; a read without ``bin`` reads all bins.
            A list, map, bit or HLL operation dict goes to :func:`_cdt.wire_op`.

    Returns:
        ``[op, bin, value]``, or a collection operation's form (see ``_cdt``).

    Raises:
        TypeError: ``op`` is not a dict, its code is not an int, or a bad bin name/value type.
        ValueError: an unknown operation code, a missing bin, a missing ``val`` on an operator
            that takes one (write, incr, append, prepend), or a bad bin name/value.
        InvalidArgError, ServerError: a collection operation's argument (see ``_cdt``).
    """
    if not isinstance(op, dict):
        raise TypeError(f"operation must be a dict, got {type(op).__name__}")
    code = op.get("op")
    if not isinstance(code, int) or isinstance(code, bool):
        raise TypeError(f"operation 'op' must be an OPERATOR_* int, got {type(code).__name__}")
    if code not in _SUPPORTED:
        if _cdt.is_collection_code(code):
            return _cdt.wire_op(op, code)
        if code in _EXPRESSION_OPS:
            return _expression_op(op, code)
        raise ValueError(f"unsupported operation code {code}")
    if code in _RECORD_OPS:
        return [code, None, None]
    name = op.get("bin")
    if name is not None:
        check_bin_name(name)
    elif code != C.OPERATOR_READ:
        raise ValueError(f"operation {code} needs a 'bin'")
    check = _VALUE_CHECKS.get(code)
    if check is None:
        return [code, name, None]
    if "val" not in op:
        # aerospike-py sends a missing value as nil, which makes a write delete the bin: a
        # typo ("value" for "val") would destroy data. Deleting takes an explicit None.
        raise ValueError(f"operation {code} on bin {name!r} needs a 'val' (use None to delete the bin)")
    value = op["val"]
    check(value)
    return [code, name, value]


def pack_ops(ops: Any) -> bytes:
    """Validates a list of operation dicts and packs the ABI's ``ops`` array.

    Args:
        ops: a list of operation dicts (see :func:`wire_op`).

    Returns:
        The msgpack bytes.

    Raises:
        TypeError, ValueError: see :func:`wire_op`; ``TypeError`` when ``ops`` is not a list.
    """
    if not isinstance(ops, list):
        raise TypeError(f"ops must be a list of operation dicts, got {type(ops).__name__}")
    return packb([wire_op(op) for op in ops])


def _key_value_answer(ops: list, pairs: list, i: int) -> bool:
    """Whether answer ``i`` (a dict) answers a map op with ``MAP_RETURN_KEY_VALUE``.

    A collection operation makes the server answer every operation once, so the n-th answer
    for a bin is the n-th operation on that bin.
    """
    name = pairs[i][0]
    n = sum(1 for earlier, _ in pairs[:i] if earlier == name)
    on_bin = [op for op in ops if isinstance(op, dict) and op.get("bin") == name]
    return n < len(on_bin) and _cdt.answers_key_values(on_bin[n])


def _answers(pairs: list, ops: "list | None") -> list:
    """The (name, value) answers without nils, key-value answers as ``(key, value)`` lists.

    aerospike-py returns a ``MAP_RETURN_KEY_VALUE`` result as a list of ``(key, value)``
    tuples and leaves nil results out: with a collection operation the server answers every
    operation, a write without a result with nil (basic operations alone never get one).
    """
    out = []
    for i, (name, value) in enumerate(pairs):
        if value is None:
            continue
        if type(value) is dict and ops is not None and _key_value_answer(ops, pairs, i):
            value = list(value.items())
        out.append((name, value))
    return out


def bins_dict(pairs: list, ops: "list | None" = None) -> dict[str, Any]:
    """Folds operate's ``[name, value]`` pairs into a bins dict.

    A name that appears more than once (several reads of one bin) maps to the list of its
    values in operation order, as the Java and Rust clients do; nil results are left out and
    key-value results become ``(key, value)`` lists, as in aerospike-py.

    Args:
        pairs: the pairs in operation order.
        ops: the operation dicts that were sent (to tell key-value results apart).

    Returns:
        ``{name: value}`` or ``{name: [value, ...]}`` for repeated names.
    """
    bins: dict[str, Any] = {}
    repeated: set[str] = set()
    for name, value in _answers(pairs, ops):
        if name not in bins:
            bins[name] = value
        elif name in repeated:
            bins[name].append(value)
        else:
            bins[name] = [bins[name], value]
            repeated.add(name)
    return bins


def bin_tuples(pairs: list, ops: "list | None" = None) -> list[BinTuple]:
    """Returns operate's ``[name, value]`` pairs as ``BinTuple`` objects, in order.

    Nil results are left out and key-value results converted, as in :func:`bins_dict`.

    Args:
        pairs: the pairs in operation order.
        ops: the operation dicts that were sent.

    Returns:
        The list of ``BinTuple(name, value)``.
    """
    return [BinTuple(name, value) for name, value in _answers(pairs, ops)]
