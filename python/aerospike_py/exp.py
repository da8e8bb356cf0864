"""Expression builders, for filters (``policy={"filter_expression": ...}``) and expression
operations (:mod:`aerospike_py.exp_operations`).

aerospike-py 0.14.4's 72 functions, with its names, arguments and dicts: each returns a node
``{"__expr__": op, ...}``. Example::

    from aerospike_py import exp

    adult = exp.ge(exp.int_bin("age"), exp.int_val(21))
    client.get(key, policy={"filter_expression": adult})   # FilteredOut when under 21

Beyond aerospike-py, from the official client's ``aerospike_helpers.expressions``:

- ``unknown``, ``remove_result``, ``in_list``, ``map_get_keys``, ``map_get_values``,
  ``device_size`` and ``memory_size``;
- the list, map, bit and HyperLogLog expressions (``list_get_by_index``, ``map_size``,
  ``bit_count``, ``hll_get_count``, ...): the official classes' names in snake case, with their
  arguments in the same order (``ctx`` first for lists and maps, ``bin`` last, where ``bin``
  is a bin name or an expression of the collection).

A tree is checked when a command uses it (errors in ``aerospike_py._exp``) and packed once
while it is not changed.
"""

from typing import Any

from . import _exp
from ._exp_bit_hll import *  # noqa: F403 (their names are in __all__ below)
from ._exp_list_map import *  # noqa: F403

#: An expression node: the dict a builder returns.
Expr = dict[str, Any]

# Expression value types (the server's result types).
EXP_TYPE_NIL = 0
EXP_TYPE_BOOL = 1
EXP_TYPE_INT = 2
EXP_TYPE_STRING = 3
EXP_TYPE_LIST = 4
EXP_TYPE_MAP = 5
EXP_TYPE_BLOB = 6
EXP_TYPE_FLOAT = 7
EXP_TYPE_GEO = 8
EXP_TYPE_HLL = 9

#: aerospike-py's node names; :func:`_cmd` refuses others.
_VALID_OPS: frozenset[str] = frozenset({
    "int_val", "float_val", "string_val", "bool_val", "blob_val",
    "list_val", "map_val", "geo_val", "nil", "infinity", "wildcard",
    "int_bin", "float_bin", "string_bin", "bool_bin", "blob_bin",
    "list_bin", "map_bin", "geo_bin", "hll_bin", "bin_exists", "bin_type",
    "key", "key_exists", "set_name", "record_size", "last_update",
    "since_update", "void_time", "ttl", "is_tombstone", "digest_modulo",
    "eq", "ne", "gt", "ge", "lt", "le",
    "and", "or", "not", "xor",
    "num_add", "num_sub", "num_mul", "num_div", "num_mod", "num_pow",
    "num_log", "num_abs", "num_floor", "num_ceil", "to_int", "to_float",
    "min", "max",
    "int_and", "int_or", "int_xor", "int_not", "int_lshift", "int_rshift",
    "int_arshift", "int_count", "int_lscan", "int_rscan",
    "regex_compare", "geo_compare",
    "cond", "var", "def", "let",
})  # fmt: skip

_OFFICIAL_OPS = frozenset({"unknown", "remove_result", "in_list", "map_keys", "map_values", "device_size",
                           "memory_size"})


def _cmd(op: str, **kwargs: Any) -> Expr:
    if op not in _VALID_OPS and op not in _OFFICIAL_OPS:
        raise ValueError(
            f"Unknown expression op: '{op}'. "
            f"Use aerospike_py.exp builder functions instead of constructing dicts manually."
        )
    return _exp.node(op, **kwargs)


def int_val(val: int) -> Expr:
    """A constant: a 64-bit integer."""
    return _cmd("int_val", val=val)


def float_val(val: float) -> Expr:
    """A constant: a float."""
    return _cmd("float_val", val=val)


def string_val(val: str) -> Expr:
    """A constant: a string."""
    return _cmd("string_val", val=val)


def bool_val(val: bool) -> Expr:
    """A constant: a boolean."""
    return _cmd("bool_val", val=val)


def blob_val(val: bytes) -> Expr:
    """A constant: bytes."""
    return _cmd("blob_val", val=val)


def list_val(val: list[Any]) -> Expr:
    """A constant: a list."""
    return _cmd("list_val", val=val)


def map_val(val: dict[Any, Any]) -> Expr:
    """A constant: a map."""
    return _cmd("map_val", val=val)


def geo_val(val: str) -> Expr:
    """A constant: a GeoJSON value (its text)."""
    return _cmd("geo_val", val=val)


def nil() -> Expr:
    """The nil constant."""
    return _cmd("nil")


def infinity() -> Expr:
    """Infinity: greater than every value, as the end of a range."""
    return _cmd("infinity")


def wildcard() -> Expr:
    """The wildcard: equal to every value, inside a list or map value."""
    return _cmd("wildcard")


def int_bin(name: str) -> Expr:
    """The value of an integer bin (unknown when the bin is missing or of another type)."""
    return _cmd("int_bin", name=name)


def float_bin(name: str) -> Expr:
    """The value of a float bin (unknown when the bin is missing or of another type)."""
    return _cmd("float_bin", name=name)


def string_bin(name: str) -> Expr:
    """The value of a string bin (unknown when the bin is missing or of another type)."""
    return _cmd("string_bin", name=name)


def bool_bin(name: str) -> Expr:
    """The value of a boolean bin (unknown when the bin is missing or of another type)."""
    return _cmd("bool_bin", name=name)


def blob_bin(name: str) -> Expr:
    """The value of a bytes bin (unknown when the bin is missing or of another type)."""
    return _cmd("blob_bin", name=name)


def list_bin(name: str) -> Expr:
    """The value of a list bin (unknown when the bin is missing or of another type)."""
    return _cmd("list_bin", name=name)


def map_bin(name: str) -> Expr:
    """The value of a map bin (unknown when the bin is missing or of another type)."""
    return _cmd("map_bin", name=name)


def geo_bin(name: str) -> Expr:
    """The value of a GeoJSON bin (unknown when the bin is missing or of another type)."""
    return _cmd("geo_bin", name=name)


def hll_bin(name: str) -> Expr:
    """The value of a HyperLogLog bin (unknown when the bin is missing or of another type)."""
    return _cmd("hll_bin", name=name)


def bin_exists(name: str) -> Expr:
    """True when the record has the bin."""
    return _cmd("bin_exists", name=name)


def bin_type(name: str) -> Expr:
    """The bin's particle type (0 when it is missing)."""
    return _cmd("bin_type", name=name)


def key(exp_type: int) -> Expr:
    """The record's stored user key, of type ``exp_type`` (``EXP_TYPE_INT``, ``_STRING`` or ``_BLOB``); unknown without one."""
    return _cmd("key", exp_type=exp_type)


def key_exists() -> Expr:
    """True when the record stores its user key."""
    return _cmd("key_exists")


def set_name() -> Expr:
    """The record's set name."""
    return _cmd("set_name")


def record_size() -> Expr:
    """The record's size in bytes (server 7.0+)."""
    return _cmd("record_size")


def last_update() -> Expr:
    """When the record was last updated, in nanoseconds since the Unix epoch."""
    return _cmd("last_update")


def since_update() -> Expr:
    """Milliseconds since the record was last updated."""
    return _cmd("since_update")


def void_time() -> Expr:
    """When the record expires, in nanoseconds since the Unix epoch (-1 never)."""
    return _cmd("void_time")


def ttl() -> Expr:
    """The record's time to live in seconds (-1 never expires)."""
    return _cmd("ttl")


def is_tombstone() -> Expr:
    """True for a tombstone (a durably deleted record); only meaningful on some commands."""
    return _cmd("is_tombstone")


def digest_modulo(modulo: int) -> Expr:
    """The record's digest modulo ``modulo``: a cheap way to sample records."""
    return _cmd("digest_modulo", modulo=modulo)


def eq(left: Expr, right: Expr) -> Expr:
    """``left == right``: both sides of the same type."""
    return _cmd("eq", left=left, right=right)


def ne(left: Expr, right: Expr) -> Expr:
    """``left != right``: both sides of the same type."""
    return _cmd("ne", left=left, right=right)


def gt(left: Expr, right: Expr) -> Expr:
    """``left > right``: both sides of the same type."""
    return _cmd("gt", left=left, right=right)


def ge(left: Expr, right: Expr) -> Expr:
    """``left >= right``: both sides of the same type."""
    return _cmd("ge", left=left, right=right)


def lt(left: Expr, right: Expr) -> Expr:
    """``left < right``: both sides of the same type."""
    return _cmd("lt", left=left, right=right)


def le(left: Expr, right: Expr) -> Expr:
    """``left <= right``: both sides of the same type."""
    return _cmd("le", left=left, right=right)


def and_(*exprs: Expr) -> Expr:
    """True when every operand is true."""
    return _cmd("and", exprs=_exp.Operands(exprs))


def or_(*exprs: Expr) -> Expr:
    """True when any operand is true."""
    return _cmd("or", exprs=_exp.Operands(exprs))


def not_(expr: Expr) -> Expr:
    """True when the operand is false."""
    return _cmd("not", expr=expr)


def xor_(*exprs: Expr) -> Expr:
    """True when exactly one operand is true."""
    return _cmd("xor", exprs=_exp.Operands(exprs))


def num_add(*exprs: Expr) -> Expr:
    """The sum of the operands (all ints or all floats)."""
    return _cmd("num_add", exprs=_exp.Operands(exprs))


def num_sub(*exprs: Expr) -> Expr:
    """The first operand minus the others (one operand: its negation)."""
    return _cmd("num_sub", exprs=_exp.Operands(exprs))


def num_mul(*exprs: Expr) -> Expr:
    """The product of the operands."""
    return _cmd("num_mul", exprs=_exp.Operands(exprs))


def num_div(*exprs: Expr) -> Expr:
    """The first operand divided by the others (one operand: its inverse); integer division rounds toward zero."""
    return _cmd("num_div", exprs=_exp.Operands(exprs))


def num_mod(numerator: Expr, denominator: Expr) -> Expr:
    """The integer remainder of ``numerator / denominator``."""
    return _cmd("num_mod", exprs=_exp.Operands([numerator, denominator]))


def num_pow(base: Expr, exponent: Expr) -> Expr:
    """``base`` to the power ``exponent`` (floats)."""
    return _cmd("num_pow", exprs=_exp.Operands([base, exponent]))


def num_log(num: Expr, base: Expr) -> Expr:
    """The logarithm of ``num`` in ``base`` (floats)."""
    return _cmd("num_log", exprs=_exp.Operands([num, base]))


def num_abs(value: Expr) -> Expr:
    """The absolute value."""
    return _cmd("num_abs", exprs=_exp.Operands([value]))


def num_floor(num: Expr) -> Expr:
    """A float rounded down."""
    return _cmd("num_floor", exprs=_exp.Operands([num]))


def num_ceil(num: Expr) -> Expr:
    """A float rounded up."""
    return _cmd("num_ceil", exprs=_exp.Operands([num]))


def to_int(num: Expr) -> Expr:
    """A float converted to an int."""
    return _cmd("to_int", exprs=_exp.Operands([num]))


def to_float(num: Expr) -> Expr:
    """An int converted to a float."""
    return _cmd("to_float", exprs=_exp.Operands([num]))


def min_(*exprs: Expr) -> Expr:
    """The smallest operand."""
    return _cmd("min", exprs=_exp.Operands(exprs))


def max_(*exprs: Expr) -> Expr:
    """The largest operand."""
    return _cmd("max", exprs=_exp.Operands(exprs))


def int_and(*exprs: Expr) -> Expr:
    """The bitwise AND of the integer operands."""
    return _cmd("int_and", exprs=_exp.Operands(exprs))


def int_or(*exprs: Expr) -> Expr:
    """The bitwise OR of the integer operands."""
    return _cmd("int_or", exprs=_exp.Operands(exprs))


def int_xor(*exprs: Expr) -> Expr:
    """The bitwise XOR of the integer operands."""
    return _cmd("int_xor", exprs=_exp.Operands(exprs))


def int_not(expr: Expr) -> Expr:
    """The bitwise NOT of an integer."""
    return _cmd("int_not", exprs=_exp.Operands([expr]))


def int_lshift(value: Expr, shift: Expr) -> Expr:
    """``value`` shifted left by ``shift`` bits."""
    return _cmd("int_lshift", exprs=_exp.Operands([value, shift]))


def int_rshift(value: Expr, shift: Expr) -> Expr:
    """``value`` shifted right (logically) by ``shift`` bits."""
    return _cmd("int_rshift", exprs=_exp.Operands([value, shift]))


def int_arshift(value: Expr, shift: Expr) -> Expr:
    """``value`` shifted right (arithmetically, keeping the sign) by ``shift`` bits."""
    return _cmd("int_arshift", exprs=_exp.Operands([value, shift]))


def int_count(expr: Expr) -> Expr:
    """The number of bits set in an integer."""
    return _cmd("int_count", exprs=_exp.Operands([expr]))


def int_lscan(value: Expr, search: Expr) -> Expr:
    """The position of the first bit equal to ``search`` (a bool) from the left (-1 when none)."""
    return _cmd("int_lscan", exprs=_exp.Operands([value, search]))


def int_rscan(value: Expr, search: Expr) -> Expr:
    """The position of the first bit equal to ``search`` (a bool) from the right (-1 when none)."""
    return _cmd("int_rscan", exprs=_exp.Operands([value, search]))


def regex_compare(regex: str, flags: int, bin_expr: Expr) -> Expr:
    """True when the string ``bin_expr`` matches the POSIX regular expression ``regex``.

    ``flags`` is an OR of the package's ``REGEX_*`` constants (``REGEX_NONE``: basic syntax,
    case-sensitive)."""
    return _cmd("regex_compare", regex=regex, flags=flags, bin=bin_expr)


def geo_compare(left: Expr, right: Expr) -> Expr:
    """True when one GeoJSON value lies within, or contains, the other."""
    return _cmd("geo_compare", left=left, right=right)


def cond(*exprs: Expr) -> Expr:
    """``condition1, action1, condition2, action2, ..., default``: the action of the first true condition, else the default."""
    return _cmd("cond", exprs=_exp.Operands(exprs))


def var(name: str) -> Expr:
    """The value of a variable that ``let_`` defines."""
    return _cmd("var", name=name)


def def_(name: str, value: Expr) -> Expr:
    """Defines variable ``name`` as ``value``, inside ``let_``."""
    return _cmd("def", name=name, value=value)


def let_(*exprs: Expr) -> Expr:
    """``def_(...), ..., scope``: the scope expression, with the variables defined."""
    return _cmd("let", exprs=_exp.Operands(exprs))



# ── From the official client ───────────────────────────────────────


def unknown() -> Expr:
    """Unknown: makes the expression fail (a ``cond`` default that must not be reached), or,
    in an expression operation with ``EXP_*_EVAL_NO_FAIL``, makes it do nothing."""
    return _cmd("unknown")


def remove_result() -> Expr:
    """The official client's "remove the bin" result. Aerospike 8.1 does not evaluate it in
    an expression write (the write answers ``OP_NOT_APPLICABLE``); write ``nil()`` with
    ``EXP_WRITE_ALLOW_DELETE`` to delete a bin."""
    return _cmd("remove_result")


def in_list(value: Expr, bin: Any) -> Expr:
    """True when ``value`` is an element of the list ``bin`` (a list bin's name, or a list
    expression)."""
    return _cmd("in_list", value=value, list=list_bin(bin) if isinstance(bin, str) else bin)


def map_get_keys(map_value: Expr) -> Expr:
    """The keys of a map, as a list."""
    return _cmd("map_keys", map=map_value)


def map_get_values(map_value: Expr) -> Expr:
    """The values of a map, as a list."""
    return _cmd("map_values", map=map_value)


def device_size() -> Expr:
    """The record's size on the storage device (deprecated by the server for record_size)."""
    return _cmd("device_size")


def memory_size() -> Expr:
    """The record's size in memory (deprecated by the server for record_size)."""
    return _cmd("memory_size")


__all__ = [
    "Expr",
    "EXP_TYPE_NIL", "EXP_TYPE_BOOL", "EXP_TYPE_INT", "EXP_TYPE_STRING", "EXP_TYPE_LIST",
    "EXP_TYPE_MAP", "EXP_TYPE_BLOB", "EXP_TYPE_FLOAT", "EXP_TYPE_GEO", "EXP_TYPE_HLL",
    "int_val",
    "float_val",
    "string_val",
    "bool_val",
    "blob_val",
    "list_val",
    "map_val",
    "geo_val",
    "nil",
    "infinity",
    "wildcard",
    "int_bin",
    "float_bin",
    "string_bin",
    "bool_bin",
    "blob_bin",
    "list_bin",
    "map_bin",
    "geo_bin",
    "hll_bin",
    "bin_exists",
    "bin_type",
    "key",
    "key_exists",
    "set_name",
    "record_size",
    "last_update",
    "since_update",
    "void_time",
    "ttl",
    "is_tombstone",
    "digest_modulo",
    "eq",
    "ne",
    "gt",
    "ge",
    "lt",
    "le",
    "and_",
    "or_",
    "not_",
    "xor_",
    "num_add",
    "num_sub",
    "num_mul",
    "num_div",
    "num_mod",
    "num_pow",
    "num_log",
    "num_abs",
    "num_floor",
    "num_ceil",
    "to_int",
    "to_float",
    "min_",
    "max_",
    "int_and",
    "int_or",
    "int_xor",
    "int_not",
    "int_lshift",
    "int_rshift",
    "int_arshift",
    "int_count",
    "int_lscan",
    "int_rscan",
    "regex_compare",
    "geo_compare",
    "cond",
    "var",
    "def_",
    "let_",
    "unknown", "remove_result", "in_list", "map_get_keys", "map_get_values", "device_size",
    "memory_size",
    # The list and map expressions (_exp_list_map.__all__), then the bit and HLL ones
    # (_exp_bit_hll.__all__), spelled out: a type checker reads only literal names here.
    "list_append", "list_append_items", "list_insert", "list_insert_items", "list_increment",
    "list_set", "list_clear", "list_sort", "list_remove_by_value", "list_remove_by_value_list",
    "list_remove_by_value_range", "list_remove_by_value_rel_rank_to_end",
    "list_remove_by_value_rel_rank_range", "list_remove_by_index",
    "list_remove_by_index_range_to_end", "list_remove_by_index_range", "list_remove_by_rank",
    "list_remove_by_rank_range_to_end", "list_remove_by_rank_range", "list_size",
    "list_get_by_value", "list_get_by_value_range", "list_get_by_value_list",
    "list_get_by_value_rel_rank_range_to_end", "list_get_by_value_rel_rank_range",
    "list_get_by_index", "list_get_by_index_range_to_end", "list_get_by_index_range",
    "list_get_by_rank", "list_get_by_rank_range_to_end", "list_get_by_rank_range", "map_put",
    "map_put_items", "map_increment", "map_clear", "map_remove_by_key", "map_remove_by_key_list",
    "map_remove_by_key_range", "map_remove_by_key_rel_index_range_to_end",
    "map_remove_by_key_rel_index_range", "map_remove_by_value", "map_remove_by_value_list",
    "map_remove_by_value_range", "map_remove_by_value_rel_rank_range_to_end",
    "map_remove_by_value_rel_rank_range", "map_remove_by_index", "map_remove_by_index_range_to_end",
    "map_remove_by_index_range", "map_remove_by_rank", "map_remove_by_rank_range_to_end",
    "map_remove_by_rank_range", "map_size", "map_get_by_key", "map_get_by_key_range",
    "map_get_by_key_list", "map_get_by_key_rel_index_range_to_end",
    "map_get_by_key_rel_index_range", "map_get_by_value", "map_get_by_value_range",
    "map_get_by_value_list", "map_get_by_value_rel_rank_range_to_end",
    "map_get_by_value_rel_rank_range", "map_get_by_index", "map_get_by_index_range_to_end",
    "map_get_by_index_range", "map_get_by_rank", "map_get_by_rank_range_to_end",
    "map_get_by_rank_range",
    "bit_resize", "bit_insert", "bit_remove", "bit_set", "bit_or", "bit_xor", "bit_and", "bit_not",
    "bit_left_shift", "bit_right_shift", "bit_add", "bit_subtract", "bit_set_int", "bit_get",
    "bit_count", "bit_left_scan", "bit_right_scan", "bit_get_int", "hll_init", "hll_add",
    "hll_get_count", "hll_get_union", "hll_get_union_count", "hll_get_intersect_count",
    "hll_get_similarity", "hll_describe",
]
