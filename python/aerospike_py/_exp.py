"""Expression dicts (what :mod:`aerospike_py.exp` builds) to the C ABI's expression tree.

A node is aerospike-py's dict, ``{"__expr__": op, ...fields}``. :func:`pack` checks a whole
tree and packs its ABI form (``aero.h``, "Expressions"): Aerospike's expression codes with
values in standard msgpack. The core puts the values in the server's dialect.

Errors are aerospike-py 0.14.4's, raised before anything is sent:

- ``TypeError``: a node that is not a dict, a field of the wrong type;
- ``ValueError``: a node without ``__expr__``, an unknown op, a missing field, an integer
  outside the signed 64-bit range (aerospike-py: ``OverflowError``), a tree deeper than 64
  levels, a wrong operand count of a unary or binary op, an unknown ``key`` type;
- ``InvalidArgError``: a variadic op without operands, a ``cond`` that is not
  ``condition, action, ..., default``, a ``let_`` without a definition and a scope, an empty
  bin name, and (beyond aerospike-py) a ``def_`` outside ``let_`` or a collection expression's
  bad argument.

A tree built by the :mod:`aerospike_py.exp` functions is packed once: it keeps its packed form
until any expression node or operand list is changed, and a tree holding a value that can
change in place (a list, a dict, a bytearray) is packed each time.
"""

from typing import Any, Callable, Optional

import msgpack

from . import _cdt
from ._values import _INT64_MAX, _INT64_MIN, check_bin_name, check_value, packb
from .exception import invalid_argument

MAX_DEPTH = 64

# Expression codes (the server's op table, as/src/base/exp.c).
_QUOTE, _CALL, _BIN, _BIN_TYPE, _VAR, _LET, _COND = 126, 127, 81, 82, 124, 125, 123
_TYPE_LIST, _TYPE_MAP, _TYPE_BLOB, _TYPE_HLL = 4, 5, 6, 9

_WILDCARD = msgpack.ExtType(1, b"\x00")  # AERO_EXT_WILDCARD
_INFINITY = msgpack.ExtType(1, b"\x01")  # AERO_EXT_INFINITY
_EXT_GEOJSON = 2  # AERO_EXT_GEOJSON

# Every change to a node or operand list made by the builders moves this on, which makes
# every kept packing stale: changes are rare, and a stale filter must never be sent.
_epoch = [0]


def _changed() -> None:
    _epoch[0] += 1


class _Tracked:
    """Mixin of the containers the builders make: any change drops every kept packing."""

    __slots__ = ()

    def __setitem__(self, *args: Any) -> None:
        _changed()
        super().__setitem__(*args)  # type: ignore[misc]

    def __delitem__(self, key: Any) -> None:
        _changed()
        super().__delitem__(key)  # type: ignore[misc]

    def __iadd__(self, other: Any) -> Any:
        _changed()
        return super().__iadd__(other)  # type: ignore[misc]

    def __ior__(self, other: Any) -> Any:
        _changed()
        return super().__ior__(other)  # type: ignore[misc]


def _tracking(name: str) -> Callable:
    def method(self: Any, *args: Any, **kwargs: Any) -> Any:
        _changed()
        return getattr(super(type(self), self), name)(*args, **kwargs)

    method.__name__ = name
    method.__doc__ = f"``{name}``, dropping every kept packing."
    return method


class Node(_Tracked, dict):
    """An expression node: a plain ``dict`` to its users, which keeps its packed form."""

    __slots__ = ("packed", "entry", "epoch")

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.packed: Optional[bytes] = None
        self.entry: Optional[bytes] = None  # see policy_entry()
        self.epoch = -1

    update = _tracking("update")
    pop = _tracking("pop")
    popitem = _tracking("popitem")
    clear = _tracking("clear")
    setdefault = _tracking("setdefault")


class Operands(_Tracked, list):
    """The operand list of a variadic node: a plain ``list`` whose changes are tracked."""

    __slots__ = ()

    append = _tracking("append")
    extend = _tracking("extend")
    insert = _tracking("insert")
    pop = _tracking("pop")
    remove = _tracking("remove")
    clear = _tracking("clear")
    sort = _tracking("sort")
    reverse = _tracking("reverse")


def node(op: str, **fields: Any) -> Node:
    """Builds a node ``{"__expr__": op, **fields}``."""
    result = Node(__expr__=op)
    dict.update(result, fields)
    return result


def is_expr(value: Any) -> bool:
    """Whether ``value`` is an expression node (a dict with ``__expr__``)."""
    return isinstance(value, dict) and "__expr__" in value


def pack(expr: Any) -> bytes:
    """Checks an expression tree and packs its ABI form.

    Args:
        expr: the root node.

    Returns:
        The msgpack bytes of the tree (what a policy's ``filter_expression`` carries).

    Raises:
        TypeError, ValueError, InvalidArgError: see the module docstring.
    """
    kept = type(expr) is Node and expr.epoch == _epoch[0]
    if kept and expr.packed is not None:
        return expr.packed
    state = _State()
    packed = packb(compile_node(expr, 0, state))
    if type(expr) is Node and state.frozen:
        expr.packed, expr.entry, expr.epoch = packed, None, _epoch[0]
    return packed


_FILTER_KEY = msgpack.packb("filter_expression")


def policy_entry(expr: Any) -> bytes:
    """The packed ``"filter_expression": <bin holding the packed tree>`` entry of an ABI
    policy map, kept with the tree as :func:`pack` keeps the tree's packing.

    Raises:
        TypeError, ValueError, InvalidArgError: see the module docstring.
    """
    if type(expr) is Node and expr.epoch == _epoch[0] and expr.entry is not None:
        return expr.entry
    packed = pack(expr)
    n = len(packed)
    header = (b"\xc4" + bytes((n,))) if n < 0x100 else (
        (b"\xc5" + n.to_bytes(2, "big")) if n < 0x10000 else (b"\xc6" + n.to_bytes(4, "big")))
    entry = _FILTER_KEY + header + packed
    if type(expr) is Node and expr.packed is packed:
        expr.entry = entry
    return entry


class _State:
    """What one packing learned: whether the tree can be kept packed."""

    __slots__ = ("frozen",)

    def __init__(self) -> None:
        self.frozen = True


def compile_node(expr: Any, depth: int, state: _State) -> Any:
    """The ABI form of one node and what it holds.

    Args:
        expr: the node.
        depth: its nesting level (the root is 0).
        state: what the packing learns.

    Returns:
        The ABI tree (a list) or a value.
    """
    if depth > MAX_DEPTH:
        raise ValueError(f"Expression nesting exceeds maximum depth of {MAX_DEPTH}")
    if not isinstance(expr, dict):
        raise TypeError("Expression must be a dict with '__expr__' key (use aerospike_py.exp builder functions)")
    if type(expr) is not Node:
        state.frozen = False
    op = expr.get("__expr__")
    if op is None:
        raise ValueError("Expression dict missing '__expr__' key. Use aerospike_py.exp builder functions.")
    if not isinstance(op, str):
        raise TypeError(f"'__expr__' must be a str, got {type(op).__name__}")
    rule = _RULES.get(op)
    if rule is None:
        raise ValueError(f"Unknown expression type: '{op}'. Use aerospike_py.exp builder functions.")
    return rule(expr, depth, state)


# ---------------------------------------------------------------------------------------------
# Fields


def _need(expr: dict, key: str) -> Any:
    if key not in expr:
        raise ValueError(f"Expression missing required field: '{key}'")
    return expr[key]


def _typed(expr: dict, key: str, types: tuple, what: str) -> Any:
    value = _need(expr, key)
    if isinstance(value, bool) and bool not in types or not isinstance(value, types):
        raise TypeError(f"Expression field '{key}' must be {what}, got {type(value).__name__}")
    return value


def _int64(expr: dict, key: str) -> int:
    value = _typed(expr, key, (int,), "an int")
    if not _INT64_MIN <= value <= _INT64_MAX:
        raise ValueError(f"Expression field '{key}' {value} is outside the signed 64-bit range")
    return value


def _sub(expr: dict, key: str, depth: int, state: _State) -> Any:
    return compile_node(_need(expr, key), depth + 1, state)


def _subs(expr: dict, depth: int, state: _State) -> list:
    items = _need(expr, "exprs")
    if not isinstance(items, list):
        raise TypeError("'exprs' must be a list of expressions")
    if type(items) is not Operands:
        state.frozen = False
    return [compile_node(item, depth + 1, state) for item in items]


def _bin_name(expr: dict) -> str:
    name = _typed(expr, "name", (str,), "a str")
    if not name:
        raise invalid_argument("Bin name must not be empty")
    check_bin_name(name)
    return name


def _mutable_value(value: Any, state: _State) -> None:
    if isinstance(value, (list, dict, bytearray)):
        state.frozen = False


# ---------------------------------------------------------------------------------------------
# Rules: op name -> the function that gives its ABI form

Rule = Callable[[dict, int, _State], Any]


def _int_val(expr: dict, depth: int, state: _State) -> Any:
    return _int64(expr, "val")


def _float_val(expr: dict, depth: int, state: _State) -> Any:
    return float(_typed(expr, "val", (int, float), "a float"))


def _string_val(expr: dict, depth: int, state: _State) -> Any:
    return _typed(expr, "val", (str,), "a str")


def _bool_val(expr: dict, depth: int, state: _State) -> Any:
    return _typed(expr, "val", (bool,), "a bool")


def _blob_val(expr: dict, depth: int, state: _State) -> Any:
    value = _typed(expr, "val", (bytes, bytearray), "bytes")
    _mutable_value(value, state)
    return bytes(value)


def _list_val(expr: dict, depth: int, state: _State) -> Any:
    value = _typed(expr, "val", (list,), "a list")
    check_value(value)
    state.frozen = False
    return [_QUOTE, value]


def _map_val(expr: dict, depth: int, state: _State) -> Any:
    value = _typed(expr, "val", (dict,), "a dict")
    check_value(value)
    state.frozen = False
    return value


def _geo_val(expr: dict, depth: int, state: _State) -> Any:
    return msgpack.ExtType(_EXT_GEOJSON, _typed(expr, "val", (str,), "a str").encode())


def _constant(value: Any) -> Rule:
    return lambda expr, depth, state: value


def _bin(exp_type: int) -> Rule:
    return lambda expr, depth, state: [_BIN, exp_type, _bin_name(expr)]


def _bin_exists(expr: dict, depth: int, state: _State) -> Any:
    return [2, [_BIN_TYPE, _bin_name(expr)], 0]  # bin_type != NIL


def _bin_type(expr: dict, depth: int, state: _State) -> Any:
    return [_BIN_TYPE, _bin_name(expr)]


def _key(expr: dict, depth: int, state: _State) -> Any:
    exp_type = _typed(expr, "exp_type", (int,), "an int")
    if not 0 <= exp_type <= 9:
        raise ValueError(f"Invalid ExpType value: {exp_type}. Expected 0-9.")
    return [80, exp_type]


def _digest_modulo(expr: dict, depth: int, state: _State) -> Any:
    return [64, _int64(expr, "modulo")]


def _pair(code: int, left: str = "left", right: str = "right") -> Rule:
    return lambda expr, depth, state: [code, _sub(expr, left, depth, state), _sub(expr, right, depth, state)]


def _one(code: int, key: str) -> Rule:
    return lambda expr, depth, state: [code, _sub(expr, key, depth, state)]


def _variadic(code: int, op: str) -> Rule:
    def rule(expr: dict, depth: int, state: _State) -> Any:
        operands = _subs(expr, depth, state)
        if not operands:
            raise invalid_argument(f"Expression '{op}' requires at least one operand, got an empty 'exprs' list")
        return [code, *operands]

    return rule


def _unary(code: int, op: str) -> Rule:
    def rule(expr: dict, depth: int, state: _State) -> Any:
        operands = _subs(expr, depth, state)
        if not operands:
            raise ValueError(f"{op} requires at least 1 expression in 'exprs'")
        return [code, operands[0]]

    return rule


def _binary(code: int, op: str) -> Rule:
    def rule(expr: dict, depth: int, state: _State) -> Any:
        operands = _subs(expr, depth, state)
        if len(operands) != 2:
            raise ValueError(f"{op} requires exactly 2 expressions, got {len(operands)}")
        return [code, *operands]

    return rule


def _regex(expr: dict, depth: int, state: _State) -> Any:
    regex = _typed(expr, "regex", (str,), "a str")
    flags = _typed(expr, "flags", (int,), "an int")
    return [7, flags, regex, _sub(expr, "bin", depth, state)]


def _cond(expr: dict, depth: int, state: _State) -> Any:
    operands = _subs(expr, depth, state)
    if not operands:
        raise invalid_argument("Expression 'cond' requires at least one operand, got an empty 'exprs' list")
    if len(operands) < 3 or len(operands) % 2 == 0:
        raise invalid_argument(
            "Expression 'cond' requires an odd number of operands (>= 3): pairs of (condition, action) "
            f"followed by a default action, got {len(operands)} operand(s)")
    return [_COND, *operands]


def _var(expr: dict, depth: int, state: _State) -> Any:
    return [_VAR, _typed(expr, "name", (str,), "a str")]


def _def(expr: dict, depth: int, state: _State) -> Any:
    raise invalid_argument("def_ defines a variable of let_, and is only valid among let_'s definitions")


def _let(expr: dict, depth: int, state: _State) -> Any:
    items = _need(expr, "exprs")
    if not isinstance(items, list):
        raise TypeError("'exprs' must be a list of expressions")
    if not items:
        raise invalid_argument("Expression 'let' requires at least one operand, got an empty 'exprs' list")
    if len(items) < 2:
        raise invalid_argument(
            "Expression 'let' requires at least 2 operands: one or more variable definitions followed by a "
            f"scope expression, got {len(items)} operand(s)")
    if type(items) is not Operands:
        state.frozen = False
    tree: list = [_LET]
    for item in items[:-1]:
        if not (isinstance(item, dict) and item.get("__expr__") == "def"):
            raise invalid_argument("let_ takes def_ definitions followed by one scope expression")
        if type(item) is not Node:
            state.frozen = False
        tree += [_typed(item, "name", (str,), "a str"), _sub(item, "value", depth + 1, state)]
    tree.append(compile_node(items[-1], depth + 1, state))
    return tree


_RULES: dict[str, Rule] = {
    "int_val": _int_val, "float_val": _float_val, "string_val": _string_val, "bool_val": _bool_val,
    "blob_val": _blob_val, "list_val": _list_val, "map_val": _map_val, "geo_val": _geo_val,
    "nil": _constant(None), "infinity": _constant(_INFINITY), "wildcard": _constant(_WILDCARD),
    "bool_bin": _bin(1), "int_bin": _bin(2), "string_bin": _bin(3), "list_bin": _bin(4), "map_bin": _bin(5),
    "blob_bin": _bin(6), "float_bin": _bin(7), "geo_bin": _bin(8), "hll_bin": _bin(9),
    "bin_exists": _bin_exists, "bin_type": _bin_type,
    "key": _key, "digest_modulo": _digest_modulo,
    "device_size": _constant([65]), "last_update": _constant([66]), "since_update": _constant([67]),
    "void_time": _constant([68]), "ttl": _constant([69]), "set_name": _constant([70]),
    "key_exists": _constant([71]), "is_tombstone": _constant([72]), "memory_size": _constant([73]),
    "record_size": _constant([74]), "unknown": _constant([0]), "remove_result": _constant([100]),
    "eq": _pair(1), "ne": _pair(2), "gt": _pair(3), "ge": _pair(4), "lt": _pair(5), "le": _pair(6),
    "regex_compare": _regex, "geo_compare": _pair(8), "in_list": _pair(9, "value", "list"),
    "and": _variadic(16, "and"), "or": _variadic(17, "or"), "not": _one(18, "expr"),
    "xor": _variadic(19, "xor"),
    "num_add": _variadic(20, "num_add"), "num_sub": _variadic(21, "num_sub"),
    "num_mul": _variadic(22, "num_mul"), "num_div": _variadic(23, "num_div"),
    "num_pow": _binary(24, "num_pow"), "num_log": _binary(25, "num_log"), "num_mod": _binary(26, "num_mod"),
    "num_abs": _unary(27, "num_abs"), "num_floor": _unary(28, "num_floor"), "num_ceil": _unary(29, "num_ceil"),
    "to_int": _unary(30, "to_int"), "to_float": _unary(31, "to_float"),
    "int_and": _variadic(32, "int_and"), "int_or": _variadic(33, "int_or"), "int_xor": _variadic(34, "int_xor"),
    "int_not": _unary(35, "int_not"), "int_lshift": _binary(36, "int_lshift"),
    "int_rshift": _binary(37, "int_rshift"), "int_arshift": _binary(38, "int_arshift"),
    "int_count": _unary(39, "int_count"), "int_lscan": _binary(40, "int_lscan"),
    "int_rscan": _binary(41, "int_rscan"),
    "min": _variadic(50, "min"), "max": _variadic(51, "max"),
    "map_keys": _one(101, "map"), "map_values": _one(102, "map"),
    "cond": _cond, "var": _var, "def": _def, "let": _let,
}


# ---------------------------------------------------------------------------------------------
# Collection expressions: a list, map, bit or HLL operation run on a value


#: The ABI op kind -> (CALL's system, the type of a bin the operation works on).
_SYSTEMS = {_cdt.KIND_CDT: (0, _TYPE_LIST), _cdt.KIND_BIT: (1, _TYPE_BLOB), _cdt.KIND_HLL: (2, _TYPE_HLL)}
_MODIFY_LOCAL = 0x40


def _modifies(kind: int, code: int) -> bool:
    if kind == _cdt.KIND_CDT:
        return not (16 <= code < 32 or code >= 96)
    return code < 50


def _call_arg(value: Any, depth: int, state: _State) -> Any:
    """An argument of the server call: an expression, a quoted list, or a value."""
    if type(value) is _cdt.Argument:
        return compile_node(value.expr, depth + 1, state)
    if isinstance(value, list):
        state.frozen = False
        return [_QUOTE, value]
    _mutable_value(value, state)
    return value


def call(op: str, code: int, rtype: Callable[[dict], int], fields: tuple[str, ...]) -> Rule:
    """The rule of a collection expression.

    Args:
        op: the expression's name (for messages).
        code: the operation dict code (``_cdt``'s table) of the operation it runs.
        rtype: gives the expression's result type (``EXP_TYPE_*``) from the node.
        fields: the node's fields that are the operation dict's fields, passed on as given
            (an expression among them as an :class:`Argument`).

    Returns:
        The rule: ``[127, result type, system, [code, arg, ...], bin(, ctx)]``.
    """

    def rule(expr: dict, depth: int, state: _State) -> Any:
        operation: dict = {"op": code}
        for field in fields:
            if field in expr:
                value = expr[field]
                operation[field] = _cdt.Argument(value) if is_expr(value) else value
        if expr.get("ctx") is not None:
            state.frozen = False
            operation["ctx"] = expr["ctx"]
        kind, server_call, ctx = _cdt.call_of(operation, code)
        system, bin_type = _SYSTEMS[kind]
        if kind == _cdt.KIND_CDT:
            bin_type = _top_type(code, ctx)
        modifies = _modifies(kind, server_call[0])
        if modifies:
            system |= _MODIFY_LOCAL
        # A modify gives the changed collection back; a read what its return type says.
        result_type = bin_type if modifies else rtype(expr)
        source = _need(expr, "bin")
        if isinstance(source, str):
            check_bin_name(source)
            source = [_BIN, bin_type, source]
        else:
            source = compile_node(source, depth + 1, state)
        tree = [_CALL, result_type, system, [server_call[0], *(_call_arg(a, depth, state) for a in server_call[1:])],
                source]
        return tree if ctx is None else tree + [ctx]

    rule.__name__ = op
    return rule


def fixed(result_type: int) -> Callable[[dict], int]:
    """A collection expression's result type that does not depend on its arguments."""
    return lambda expr: result_type


def _result(multi: bool, by_return: dict[int, Optional[int]]) -> Callable[[dict], int]:
    """The result type from ``return_type`` (and, for one value, ``value_type``), as the
    official clients derive it (``as_exp_get_list_type``, ``as_exp_get_map_type``)."""

    def result_type(expr: dict) -> int:
        return_type = _typed(expr, "return_type", (int,), "an int") & ~0x10000  # AERO_RETURN_INVERTED
        if return_type not in by_return:
            raise invalid_argument(f"{expr['__expr__']}: return type {return_type} gives no value to an expression")
        found = by_return[return_type]
        if found is not None:
            return found
        if multi:
            return _TYPE_LIST
        value_type = _typed(expr, "value_type", (int,), "an int")
        if not 0 <= value_type <= 9:
            raise ValueError(f"Invalid ExpType value: {value_type}. Expected 0-9.")
        return value_type

    return result_type


def list_result(multi: bool) -> Callable[[dict], int]:
    """The result type of a list read (``multi``: one that selects several items)."""
    many = _TYPE_LIST if multi else 2
    return _result(multi, {1: many, 2: many, 3: many, 4: many, 5: 2, 7: None, 13: 1})


def map_result(multi: bool) -> Callable[[dict], int]:
    """The result type of a map read (``multi``: one that selects several items)."""
    many = _TYPE_LIST if multi else 2
    return _result(multi, {1: many, 2: many, 3: many, 4: many, 5: 2, 6: None, 7: None, 8: _TYPE_MAP,
                           16: _TYPE_MAP, 17: _TYPE_MAP, 13: 1})


def _top_type(code: int, ctx: Optional[list]) -> int:
    """The type of the bin a list or map operation starts from: the first ctx step's, or the op's."""
    if ctx:
        return _TYPE_LIST if ctx[0][0] & 0x10 else _TYPE_MAP
    return _TYPE_LIST if code < 2000 else _TYPE_MAP


def add_rules(rules: dict[str, Rule]) -> None:
    """Registers the collection expressions' rules (``exp`` defines them with its builders)."""
    _RULES.update(rules)

