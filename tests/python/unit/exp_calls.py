"""One call of each of aerospike-py 0.14.4's 72 ``exp`` builders, shared by the unit tests
and tools/record_apy_exp_dicts.py (which records what aerospike-py itself returns)."""

from typing import Any, Callable

_I = lambda e: e.int_bin("a")  # noqa: E731
_J = lambda e: e.int_val(2)  # noqa: E731

#: name -> a call of the builder of that name on a given ``exp`` module.
CALLS: dict[str, Callable[[Any], Any]] = {
    "int_val": lambda e: e.int_val(-5),
    "float_val": lambda e: e.float_val(1.5),
    "string_val": lambda e: e.string_val("s"),
    "bool_val": lambda e: e.bool_val(True),
    "blob_val": lambda e: e.blob_val(b"\x00\x01"),
    "list_val": lambda e: e.list_val([1, "a", [2]]),
    "map_val": lambda e: e.map_val({"k": 1}),
    "geo_val": lambda e: e.geo_val('{"type":"Point","coordinates":[1,2]}'),
    "nil": lambda e: e.nil(),
    "infinity": lambda e: e.infinity(),
    "wildcard": lambda e: e.wildcard(),
    **{f"{t}_bin": (lambda t: lambda e: getattr(e, f"{t}_bin")("b"))(t)
       for t in ("int", "float", "string", "bool", "blob", "list", "map", "geo", "hll")},
    "bin_exists": lambda e: e.bin_exists("b"),
    "bin_type": lambda e: e.bin_type("b"),
    "key": lambda e: e.key(e.EXP_TYPE_STRING),
    **{m: (lambda m: lambda e: getattr(e, m)())(m)
       for m in ("key_exists", "set_name", "record_size", "last_update", "since_update", "void_time", "ttl",
                 "is_tombstone")},
    "digest_modulo": lambda e: e.digest_modulo(3),
    **{c: (lambda c: lambda e: getattr(e, c)(_I(e), _J(e)))(c) for c in ("eq", "ne", "gt", "ge", "lt", "le")},
    "and_": lambda e: e.and_(e.bool_bin("x"), e.bool_val(False)),
    "or_": lambda e: e.or_(e.bool_bin("x"), e.bool_val(False), e.bool_val(True)),
    "not_": lambda e: e.not_(e.bool_bin("x")),
    "xor_": lambda e: e.xor_(e.bool_bin("x"), e.bool_val(True)),
    **{n: (lambda n: lambda e: getattr(e, n)(_I(e), _J(e), e.int_val(3)))(n)
       for n in ("num_add", "num_sub", "num_mul", "num_div", "min_", "max_", "int_and", "int_or", "int_xor")},
    **{n: (lambda n: lambda e: getattr(e, n)(_I(e), _J(e)))(n)
       for n in ("num_mod", "num_pow", "num_log", "int_lshift", "int_rshift", "int_arshift", "int_lscan",
                 "int_rscan")},
    **{n: (lambda n: lambda e: getattr(e, n)(_I(e)))(n)
       for n in ("num_abs", "num_floor", "num_ceil", "to_int", "to_float", "int_not", "int_count")},
    "regex_compare": lambda e: e.regex_compare("^a.*", 2, e.string_bin("s")),
    "geo_compare": lambda e: e.geo_compare(e.geo_bin("g"), e.geo_val('{"type":"Point","coordinates":[1,2]}')),
    "cond": lambda e: e.cond(e.bool_bin("x"), _I(e), _J(e)),
    "var": lambda e: e.var("v"),
    "def_": lambda e: e.def_("v", _I(e)),
    "let_": lambda e: e.let_(e.def_("v", _I(e)), e.gt(e.var("v"), _J(e))),
}


def encode(value: Any) -> Any:
    """A JSON form of a builder's dict (bytes as hex, tuples as lists)."""
    if isinstance(value, dict):
        return {k: encode(v) for k, v in value.items()}
    if isinstance(value, (list, tuple)):
        return [encode(v) for v in value]
    if isinstance(value, bytes):
        return {"bytes": value.hex()}
    return value
