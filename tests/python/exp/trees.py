"""Seeded random expression trees over seeded random records, and the answers of a server to
them, in the JSON form of ``tests/python/cdt/sequences.py``.

A case is a record (bins of every type, some missing or of an unexpected type, the user key
stored or not) and four commands on it: a read filtered by a random boolean tree, an
expression read of a random tree of a random type, a write guarded by a random filter (and
the record after it), and an expression write (and the record after it). Trees are typed
so that most evaluate, and now and then pick a bin of the wrong type, a missing bin, a
division by zero or an overflow, which is where servers differ. Time-dependent metadata is
compared only against bounds every run meets.
"""

import json
import random
from pathlib import Path
from typing import Any, Callable

import aerospike_py
from aerospike_py import cdt_ctx, exp
from aerospike_py import exp_operations as eo
from aerospike_py import hll_operations as ho

from cdt.sequences import encode, outcome

GOLDENS = Path(__file__).resolve().parent / "goldens"
SET = "exp-diff"
TYPES = ("bool", "int", "float", "str", "list", "map", "blob")
INT_BINS, FLOAT_BINS, STR_BINS = ("i1", "i2"), ("f1",), ("s1", "s2")
LIST_BINS, MAP_BINS, BLOB_BINS, BOOL_BINS = ("l1",), ("m1", "n1"), ("y1",), ("t1",)
ALL_BINS = INT_BINS + FLOAT_BINS + STR_BINS + LIST_BINS + MAP_BINS + BLOB_BINS + BOOL_BINS + ("g1", "h1", "gone")
#: Points and regions: the geo bin holds one, geo literals are drawn from them too.
GEOS = (
    '{"type":"Point","coordinates":[0.5,0.5]}',
    '{"type":"Point","coordinates":[10,10]}',
    '{"type":"Point","coordinates":[-179.9,0]}',
    '{"type":"Polygon","coordinates":[[[0,0],[1,0],[1,1],[0,1],[0,0]]]}',
    '{"type":"AeroCircle","coordinates":[[10,10],200000]}',
    '{"type":"MultiPolygon","coordinates":[[[[9,9],[11,9],[11,11],[9,11],[9,9]]],[[[-1,-1],[-0.5,-1],[-0.5,-0.5],[-1,-0.5],[-1,-1]]]]}',
)
MAX_DEPTH = 4


def record(rng: random.Random) -> dict:
    """A record's bins: each bin usually of its own type, sometimes missing or of another."""
    values: dict[str, Callable[[], Any]] = {
        "i1": lambda: rng.choice([0, 1, -7, 42, 2**62, -(2**63), 2**63 - 1]),
        "i2": lambda: rng.randint(-5, 5),
        "f1": lambda: rng.choice([0.0, 1.5, -2.25, 1e300]),
        "s1": lambda: rng.choice(["", "abc", "Hello world", "a.b*c", "hello\nworld"]),
        "s2": lambda: rng.choice(["x", "abc", "ABC"]),
        "l1": lambda: [rng.randint(-3, 9) for _ in range(rng.randint(0, 5))],
        "m1": lambda: {rng.choice(["a", "b", "c", "d"]): rng.randint(0, 9) for _ in range(rng.randint(0, 4))},
        "y1": lambda: bytes(rng.randint(0, 255) for _ in range(rng.randint(1, 4))),
        "t1": lambda: rng.choice([True, False]),
        "n1": lambda: {"a": [rng.randint(0, 5) for _ in range(rng.randint(0, 3))], "b": {"c": rng.randint(0, 3)}},
        "g1": lambda: aerospike_py.GeoJSON(rng.choice(GEOS)),
    }
    bins = {}
    for name, draw in values.items():
        roll = rng.random()
        if roll < 0.1:
            continue
        bins[name] = values[rng.choice(list(values))]() if roll < 0.17 else draw()
    return bins


class Trees:
    """A generator of typed trees for one case."""

    def __init__(self, rng: random.Random, key_type: Any) -> None:
        self.rng = rng
        self.key_type = key_type  # EXP_TYPE_* of the stored user key, or None

    def pick(self, *choices: Callable[[], Any]) -> Any:
        return self.rng.choice(choices)()

    def bin_name(self, names: tuple) -> str:
        # A bin of the wrong type or a missing one now and then.
        return self.rng.choice(ALL_BINS) if self.rng.random() < 0.12 else self.rng.choice(names)

    def of(self, t: str, depth: int = 0) -> Any:
        """A tree of type ``t`` (usually)."""
        leaf = depth >= MAX_DEPTH or self.rng.random() < 0.3
        return getattr(self, f"_{t}")(depth + 1, leaf)

    def _bool(self, d: int, leaf: bool) -> Any:
        r = self.rng
        leaves = [lambda: exp.bool_val(r.random() < 0.5), lambda: exp.bin_exists(r.choice(ALL_BINS)),
                  lambda: exp.key_exists(), lambda: exp.is_tombstone(),
                  lambda: exp.bool_bin(self.bin_name(BOOL_BINS))]
        if leaf:
            return self.pick(*leaves)
        t = r.choice(TYPES)
        return self.pick(
            *leaves,
            lambda: r.choice([exp.eq, exp.ne, exp.gt, exp.ge, exp.lt, exp.le])(self.of(t, d), self.of(t, d)),
            lambda: r.choice([exp.eq, exp.ne, exp.lt, exp.ge])(self.of("int", d), self.of("int", d)),
            lambda: r.choice([exp.and_, exp.or_, exp.xor_])(*(self.of("bool", d) for _ in range(r.randint(1, 3)))),
            lambda: exp.not_(self.of("bool", d)),
            lambda: exp.regex_compare(r.choice(["^a", "b.c", "^$", "o$", "[A-Z]", "l+"]),
                                      r.choice([0, 0, 1, 2, 3, 8]), self.of("str", d)),
            lambda: exp.in_list(self.of("int", d), self.of("list", d)),
            lambda: self._cond("bool", d),
            lambda: self._let("bool", d),
            lambda: exp.geo_compare(r.choice([exp.geo_bin("g1"), exp.geo_val(r.choice(GEOS))]),
                                    exp.geo_val(r.choice(GEOS))),
            lambda: exp.gt(exp.last_update(), exp.int_val(1_600_000_000 * 10**9)),
            lambda: exp.lt(exp.since_update(), exp.int_val(3_600_000)),
        )

    def _int(self, d: int, leaf: bool) -> Any:
        r = self.rng
        leaves = [lambda: exp.int_val(r.choice([0, 1, 2, 3, -1, 7, 64, 2**63 - 1, -(2**63)])),
                  lambda: exp.int_bin(self.bin_name(INT_BINS)), lambda: exp.digest_modulo(r.choice([1, 3, 7])),
                  lambda: exp.ttl(), lambda: exp.void_time(), lambda: exp.bin_type(r.choice(ALL_BINS))]
        if self.key_type == exp.EXP_TYPE_INT:
            leaves.append(lambda: exp.key(exp.EXP_TYPE_INT))
        if leaf:
            return self.pick(*leaves)
        ints = lambda n: [self.of("int", d) for _ in range(n)]  # noqa: E731
        return self.pick(
            *leaves,
            lambda: r.choice([exp.num_add, exp.num_sub, exp.num_mul, exp.num_div, exp.min_, exp.max_,
                              exp.int_and, exp.int_or, exp.int_xor])(*ints(r.randint(1, 3))),
            lambda: r.choice([exp.num_mod, exp.int_lshift, exp.int_rshift, exp.int_arshift])(*ints(2)),
            lambda: r.choice([exp.num_abs, exp.int_not, exp.int_count])(*ints(1)),
            lambda: r.choice([exp.int_lscan, exp.int_rscan])(self.of("int", d), self.of("bool", d)),
            lambda: exp.to_int(self.of("float", d)),
            lambda: exp.list_size(None, self._list_source(d)),
            lambda: exp.map_size(None, self._map_source(d)),
            lambda: exp.list_get_by_index(None, aerospike_py.LIST_RETURN_VALUE, exp.EXP_TYPE_INT,
                                          r.choice([0, 1, -1, 9]), self._list_source(d)),
            lambda: exp.list_get_by_value(None, aerospike_py.LIST_RETURN_COUNT, r.randint(-3, 9), self._list_source(d)),
            lambda: exp.map_get_by_key(None, aerospike_py.MAP_RETURN_VALUE, exp.EXP_TYPE_INT, r.choice("abcz"),
                                       self._map_source(d)),
            lambda: exp.bit_count(0, r.choice([1, 8, 16, 40]), self._blob_source(d)),
            lambda: r.choice([exp.bit_left_scan, exp.bit_right_scan])(0, r.choice([8, 16]), r.random() < 0.5,
                                                                     self._blob_source(d)),
            lambda: exp.hll_get_count("h1"),
            lambda: r.choice([exp.record_size, exp.device_size, exp.memory_size])(),
            lambda: exp.list_size([cdt_ctx.cdt_ctx_map_key("a")], "n1"),
            lambda: exp.map_get_by_key([cdt_ctx.cdt_ctx_map_key("b")], aerospike_py.MAP_RETURN_VALUE, exp.EXP_TYPE_INT,
                                       "c", r.choice(["n1", "m1"])),
            lambda: exp.map_get_by_rank(None, r.choice([aerospike_py.MAP_RETURN_VALUE, aerospike_py.MAP_RETURN_INDEX]),
                                        exp.EXP_TYPE_INT, r.choice([0, -1, 3]), self._map_source(d)),
            lambda: exp.list_get_by_value_rel_rank_range(None, aerospike_py.LIST_RETURN_COUNT, r.randint(0, 5),
                                                         r.choice([-1, 0, 1]), r.choice([1, 3]), self._list_source(d)),
            lambda: exp.bit_get_int(r.choice([0, 4]), r.choice([4, 8]), r.random() < 0.5, self._blob_source(d)),
            lambda: self._cond("int", d),
            lambda: self._let("int", d),
        )

    def _float(self, d: int, leaf: bool) -> Any:
        r = self.rng
        leaves = [lambda: exp.float_val(r.choice([0.0, 0.5, -1.25, 2.0, 1e308])),
                  lambda: exp.float_bin(self.bin_name(FLOAT_BINS))]
        if leaf:
            return self.pick(*leaves)
        return self.pick(
            *leaves,
            lambda: r.choice([exp.num_add, exp.num_sub, exp.num_mul, exp.num_div, exp.min_, exp.max_])(
                *(self.of("float", d) for _ in range(r.randint(1, 3)))),
            lambda: r.choice([exp.num_pow, exp.num_log])(self.of("float", d), self.of("float", d)),
            lambda: r.choice([exp.num_floor, exp.num_ceil, exp.num_abs])(self.of("float", d)),
            lambda: exp.to_float(self.of("int", d)),
            lambda: self._cond("float", d),
        )

    def _str(self, d: int, leaf: bool) -> Any:
        r = self.rng
        leaves = [lambda: exp.string_val(r.choice(["", "abc", "x", "ABC", "hello\nworld"])),
                  lambda: exp.string_bin(self.bin_name(STR_BINS)), lambda: exp.set_name()]
        if self.key_type == exp.EXP_TYPE_STRING:
            leaves.append(lambda: exp.key(exp.EXP_TYPE_STRING))
        if leaf:
            return self.pick(*leaves)
        return self.pick(*leaves, lambda: self._cond("str", d), lambda: self._let("str", d))

    def _list(self, d: int, leaf: bool) -> Any:
        r = self.rng
        leaves = [lambda: exp.list_val([r.randint(-2, 5) for _ in range(r.randint(0, 3))]),
                  lambda: exp.list_bin(self.bin_name(LIST_BINS))]
        if leaf:
            return self.pick(*leaves)
        return self.pick(
            *leaves,
            lambda: exp.list_get_by_value_range(None, aerospike_py.LIST_RETURN_VALUE, r.randint(-2, 3),
                                                r.choice([None, 4, 9]), self._list_source(d)),
            lambda: exp.list_get_by_index_range(None, r.choice([aerospike_py.LIST_RETURN_VALUE,
                                                                aerospike_py.LIST_RETURN_INDEX]),
                                                r.choice([0, 1, -2]), r.choice([1, 2, 5]), self._list_source(d)),
            lambda: exp.list_append(None, None, r.randint(0, 9), self._list_source(d)),
            lambda: exp.list_sort(None, r.choice([0, 1, 2, 3]), self._list_source(d)),
            lambda: exp.list_insert(None, None, r.choice([0, 1, -1, 7]), r.randint(0, 9), self._list_source(d)),
            lambda: exp.list_increment(None, r.choice([None, {"order": 1}]), r.choice([0, 2, 9]), r.randint(-3, 3),
                                       self._list_source(d)),
            lambda: exp.list_get_by_rank_range(None, aerospike_py.LIST_RETURN_VALUE, r.choice([0, -2]), r.choice([1, 9]),
                                               self._list_source(d), inverted=r.random() < 0.3),
            lambda: exp.list_append([cdt_ctx.cdt_ctx_map_key("a")], None, r.randint(0, 9), "n1"),
            lambda: exp.hll_describe("h1"),
            lambda: exp.list_remove_by_value(None, r.randint(-3, 9), self._list_source(d)),
            lambda: exp.map_get_keys(self.of("map", d)),
            lambda: exp.map_get_values(self.of("map", d)),
            lambda: self._cond("list", d),
        )

    def _map(self, d: int, leaf: bool) -> Any:
        r = self.rng
        leaves = [lambda: exp.map_val({r.choice("abc"): r.randint(0, 3) for _ in range(r.randint(0, 2))}),
                  lambda: exp.map_bin(self.bin_name(MAP_BINS))]
        if leaf:
            return self.pick(*leaves)
        return self.pick(
            *leaves,
            lambda: exp.map_put(None, None, r.choice("abz"), r.randint(0, 9), self._map_source(d)),
            lambda: exp.map_remove_by_key(None, r.choice("abz"), self._map_source(d)),
            lambda: exp.map_increment(None, None, r.choice("abz"), r.randint(-2, 2), self._map_source(d)),
            lambda: exp.map_put_items(None, {"order": r.choice([0, 1])}, {"y": 1, "a": 2}, self._map_source(d)),
            lambda: exp.map_put([cdt_ctx.cdt_ctx_map_key("b")], None, "z", r.randint(0, 9), "n1"),
            lambda: exp.map_get_by_key_range(None, aerospike_py.MAP_RETURN_KEY_VALUE, "a", r.choice([None, "c"]),
                                             self._map_source(d)),
            lambda: self._cond("map", d),
        )

    def _blob(self, d: int, leaf: bool) -> Any:
        r = self.rng
        leaves = [lambda: exp.blob_val(bytes([r.randint(0, 255)]) * r.randint(1, 3)),
                  lambda: exp.blob_bin(self.bin_name(BLOB_BINS))]
        if leaf:
            return self.pick(*leaves)
        return self.pick(
            *leaves,
            lambda: exp.bit_get(r.choice([0, 3]), r.choice([1, 8, 12]), self._blob_source(d)),
            lambda: exp.bit_not(None, 0, r.choice([1, 8]), self._blob_source(d)),
            lambda: exp.bit_set_int(None, 0, 8, r.randint(0, 255), self._blob_source(d)),
            lambda: self._cond("blob", d),
        )

    def _list_source(self, d: int) -> Any:
        return self.rng.choice(LIST_BINS) if self.rng.random() < 0.6 else self.of("list", d)

    def _map_source(self, d: int) -> Any:
        return self.rng.choice(MAP_BINS) if self.rng.random() < 0.6 else self.of("map", d)

    def _blob_source(self, d: int) -> Any:
        return self.rng.choice(BLOB_BINS) if self.rng.random() < 0.6 else self.of("blob", d)

    def _cond(self, t: str, d: int) -> Any:
        pairs = [x for _ in range(self.rng.randint(1, 2)) for x in (self.of("bool", d), self.of(t, d))]
        return exp.cond(*pairs, self.of(t, d))

    def _let(self, t: str, d: int) -> Any:
        value = self.of(t, d)
        use = exp.var("v") if self.rng.random() < 0.9 else exp.var("undefined")
        return exp.let_(exp.def_("v", value), self.rng.choice([use, exp.cond(self.of("bool", d), use, self.of(t, d))]))


def case(seed: int) -> dict:
    """The record, the stored key and the four commands' trees of case ``seed``."""
    rng = random.Random(seed)
    key_type = rng.choice([None, exp.EXP_TYPE_STRING, exp.EXP_TYPE_INT])
    trees = Trees(rng, key_type)
    return {
        "bins": record(rng),
        "key": {None: f"k{seed}", exp.EXP_TYPE_STRING: f"k{seed}", exp.EXP_TYPE_INT: seed}[key_type],
        "send_key": key_type is not None,
        "hll": [f"v{i}" for i in range(rng.randint(0, 6))],
        "read_filter": trees.of("bool"),
        "value": trees.of(rng.choice(TYPES)),
        "write_filter": trees.of("bool"),
        "write_value": trees.of(rng.choice(TYPES)),
        "write_flags": rng.choice([0, 0, aerospike_py.EXP_WRITE_ALLOW_DELETE, aerospike_py.EXP_WRITE_EVAL_NO_FAIL,
                                   aerospike_py.EXP_WRITE_UPDATE_ONLY, aerospike_py.EXP_WRITE_CREATE_ONLY]),
    }


def fingerprint(c: dict) -> str:
    """The case's trees in ABI form: a changed generator is noticed, not replayed wrongly."""
    from aerospike_py import _exp

    return "".join(_exp.pack(c[k]).hex() for k in ("read_filter", "value", "write_filter", "write_value"))


def run(client: Any, seed: int) -> list:
    """The answers of ``client``'s server to case ``seed``."""
    c = case(seed)
    key = ("test", SET, c["key"])
    try:
        client.remove(key)
    except aerospike_py.RecordNotFound:
        pass
    put_policy = {"key": aerospike_py.POLICY_KEY_SEND} if c["send_key"] else None
    client.put(key, c["bins"], policy=put_policy)
    if c["hll"]:
        client.operate(key, [ho.hll_add("h1", c["hll"], 8)])
    answers = [
        outcome(lambda: client.get(key, policy={"filter_expression": c["read_filter"]}).bins),
        outcome(lambda: client.operate(key, [eo.exp_read("r", c["value"])]).bins),
        outcome(lambda: client.put(key, {"w": seed}, policy={"filter_expression": c["write_filter"]})),
        outcome(lambda: client.get(key).bins),
        outcome(lambda: client.operate(key, [eo.exp_write("x", c["write_value"], c["write_flags"])])),
        outcome(lambda: client.get(key).bins),
    ]
    return answers


def record_goldens(client: Any, seeds: range) -> list:
    """The golden entries of ``seeds``."""
    return [{"seed": s, "trees": fingerprint(case(s)), "answers": run(client, s)} for s in seeds]


def load_goldens() -> list:
    """The committed golden entries ([] when none were recorded)."""
    path = GOLDENS / "cases.json"
    return json.loads(path.read_text()) if path.exists() else []


def first_difference(expected: list, got: list) -> "str | None":
    """A readable account of the first answer that differs, or None."""
    names = ("filtered get", "exp_read", "filtered put", "record after", "exp_write", "record after")
    for name, want, have in zip(names, expected, got):
        if want != have:
            return f"{name}:\n  expected {json.dumps(want)}\n  got      {json.dumps(have)}"
    return None


__all__ = ["case", "run", "record_goldens", "load_goldens", "first_difference", "fingerprint", "encode"]
