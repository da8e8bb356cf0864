"""Seeded random sequences of list and map operations, and their answers in a JSON form.

A sequence starts from a random bin value and applies random operations one ``operate`` at a
time (sometimes two or three ops in one call), with arguments drawn to hit the edges: negative
indexes, ranges past the end, counts of zero, values of every type, ordered and unordered
collections, write flags and inverted selections. Each step's answer is what ``operate``
returned (or the error code) and the record after it, so two servers can be compared answer
by answer, and a real server's answers kept as goldens.
"""

import json
import random
from pathlib import Path
from typing import Any, Callable

import aerospike_py
from aerospike_py import cdt_ctx
from aerospike_py import list_operations as lo
from aerospike_py import map_operations as mo

BIN = "c"
FAMILIES = ("list", "map", "nested")
GOLDENS = Path(__file__).resolve().parent / "goldens"
LIST_RETURNS = [0, 1, 2, 3, 4, 5, 7, 13]
MAP_RETURNS = [0, 1, 2, 3, 4, 5, 6, 7, 8, 13]
INVERTED = 0x10000


def _scalar(rng: random.Random) -> Any:
    """A value of a type drawn so that cross-type ordering is exercised now and then."""
    roll = rng.random()
    if roll < 0.55:
        return rng.randint(-3, 12)
    if roll < 0.75:
        return rng.choice(["a", "b", "c", "bb", ""])
    if roll < 0.82:
        return rng.choice([1.5, -2.0, 0.25])
    if roll < 0.87:
        return rng.choice([b"x", b"\x00\x01"])
    if roll < 0.90:
        return rng.choice([True, False])
    if roll < 0.92:
        return None
    if roll < 0.97:
        return [rng.randint(0, 3) for _ in range(rng.randint(0, 2))]
    return {rng.choice(["k", "j"]): rng.randint(0, 3)}


def _key(rng: random.Random) -> Any:
    """A map key: mostly small ints and short strings, sometimes bytes."""
    roll = rng.random()
    if roll < 0.5:
        return rng.randint(-2, 9)
    if roll < 0.9:
        return rng.choice(["a", "b", "c", "d", "aa"])
    return b"k"


def _index(rng: random.Random) -> int:
    return rng.choice([0, 0, 1, 2, 3, -1, -2, -4, 5, 8, -9])


def _count(rng: random.Random) -> Any:
    return rng.choice([None, 0, 1, 2, 3, 10])


def _return_type(rng: random.Random, choices: list) -> int:
    rt = rng.choice(choices)
    return rt | INVERTED if rt not in (0, 13) and rng.random() < 0.2 else rt


def _list_policy(rng: random.Random) -> Any:
    if rng.random() < 0.6:
        return None
    return {"order": rng.choice([0, 1]), "flags": rng.choice([0, 0, 1, 2, 4, 5, 6, 8, 13])}


def _map_policy(rng: random.Random) -> Any:
    if rng.random() < 0.6:
        return None
    return {"order": rng.choice([0, 1, 3]), "write_mode": rng.choice([0, 1, 2])}


def _selection_values(rng: random.Random, draw: Callable[[random.Random], Any], rt: int) -> list:
    """The values of a by-value-list or by-key-list selection. The real 8.1.2 server crashes
    (SIGSEGV in packed_map_get_remove_all) on an empty list with an inverted selection, so
    inverted selections always name at least one value."""
    low = 1 if rt & INVERTED else 0
    return [draw(rng) for _ in range(rng.randint(low, 3))]


def _range_pair(rng: random.Random, draw: Callable[[random.Random], Any]) -> tuple:
    begin = draw(rng)
    end = None if rng.random() < 0.25 else draw(rng)
    return begin, end


def list_op(rng: random.Random, ctx: Any = None) -> dict:
    """One random list operation (on ``BIN``, inside ``ctx`` when given)."""
    kw = {"ctx": ctx} if ctx else {}
    rt = _return_type(rng, LIST_RETURNS)
    values = [_scalar(rng) for _ in range(rng.randint(0, 3))]
    selection = _selection_values(rng, _scalar, rt)
    b, e = _range_pair(rng, _scalar)
    makers = [
        lambda: lo.list_append(BIN, _scalar(rng), _list_policy(rng), **kw),
        lambda: lo.list_append_items(BIN, values, _list_policy(rng), **kw),
        lambda: lo.list_insert(BIN, _index(rng), _scalar(rng), _list_policy(rng), **kw),
        lambda: lo.list_insert_items(BIN, _index(rng), values, _list_policy(rng), **kw),
        lambda: lo.list_pop(BIN, _index(rng), **kw),
        lambda: lo.list_pop_range(BIN, _index(rng), rng.choice([0, 1, 2, 5]), **kw),
        lambda: lo.list_remove(BIN, _index(rng), **kw),
        lambda: lo.list_remove_range(BIN, _index(rng), rng.choice([0, 1, 2, 5]), **kw),
        lambda: lo.list_set(BIN, _index(rng), _scalar(rng), **kw),
        lambda: lo.list_trim(BIN, _index(rng), rng.choice([0, 1, 2, 5]), **kw),
        lambda: lo.list_clear(BIN, **kw),
        lambda: lo.list_size(BIN, **kw),
        lambda: lo.list_get(BIN, _index(rng), **kw),
        lambda: lo.list_get_range(BIN, _index(rng), rng.choice([0, 1, 2, 5]), **kw),
        lambda: lo.list_get_by_value(BIN, _scalar(rng), rt, **kw),
        lambda: lo.list_get_by_index(BIN, _index(rng), rt, **kw),
        lambda: lo.list_get_by_index_range(BIN, _index(rng), rt, _count(rng), **kw),
        lambda: lo.list_get_by_rank(BIN, _index(rng), rt, **kw),
        lambda: lo.list_get_by_rank_range(BIN, _index(rng), rt, _count(rng), **kw),
        lambda: lo.list_get_by_value_list(BIN, selection, rt, **kw),
        lambda: lo.list_get_by_value_range(BIN, b, e, rt, **kw),
        lambda: lo.list_remove_by_value(BIN, _scalar(rng), rt, **kw),
        lambda: lo.list_remove_by_value_list(BIN, selection, rt, **kw),
        lambda: lo.list_remove_by_value_range(BIN, b, e, rt, **kw),
        lambda: lo.list_remove_by_index(BIN, _index(rng), rt, **kw),
        lambda: lo.list_remove_by_index_range(BIN, _index(rng), rt, _count(rng), **kw),
        lambda: lo.list_remove_by_rank(BIN, _index(rng), rt, **kw),
        lambda: lo.list_remove_by_rank_range(BIN, _index(rng), rt, _count(rng), **kw),
        lambda: lo.list_increment(BIN, _index(rng), rng.choice([1, -2, 3, 0.5]), _list_policy(rng), **kw),
        lambda: lo.list_sort(BIN, rng.choice([0, 1, 2, 3]), **kw),
        lambda: lo.list_set_order(BIN, rng.choice([0, 1]), **kw),
        lambda: lo.list_get_by_value_rank_range_relative(BIN, _scalar(rng), _index(rng), rt, _count(rng), **kw),
        lambda: lo.list_remove_by_value_rank_range_relative(BIN, _scalar(rng), _index(rng), rt, _count(rng), **kw),
    ]
    return rng.choice(makers)()


def map_op(rng: random.Random, ctx: Any = None) -> dict:
    """One random map operation (on ``BIN``, inside ``ctx`` when given)."""
    kw = {"ctx": ctx} if ctx else {}
    rt = _return_type(rng, MAP_RETURNS)
    keys = _selection_values(rng, _key, rt)
    values = _selection_values(rng, _scalar, rt)
    items = {_key(rng): _scalar(rng) for _ in range(rng.randint(0, 3))}
    kb, ke = _range_pair(rng, _key)
    vb, ve = _range_pair(rng, _scalar)
    makers = [
        lambda: mo.map_set_order(BIN, rng.choice([0, 1, 3]), **kw),
        lambda: mo.map_put(BIN, _key(rng), _scalar(rng), _map_policy(rng), **kw),
        lambda: mo.map_put(BIN, _key(rng), _scalar(rng), _map_policy(rng), **kw),
        lambda: mo.map_put_items(BIN, items, _map_policy(rng), **kw),
        lambda: mo.map_increment(BIN, _key(rng), rng.choice([1, -1, 2.5]), _map_policy(rng), **kw),
        lambda: mo.map_decrement(BIN, _key(rng), rng.choice([1, 3]), _map_policy(rng), **kw),
        lambda: mo.map_clear(BIN, **kw),
        lambda: mo.map_remove_by_key(BIN, _key(rng), rt, **kw),
        lambda: mo.map_remove_by_key_list(BIN, keys, rt, **kw),
        lambda: mo.map_remove_by_key_range(BIN, kb, ke, rt, **kw),
        lambda: mo.map_remove_by_value(BIN, _scalar(rng), rt, **kw),
        lambda: mo.map_remove_by_value_list(BIN, values, rt, **kw),
        lambda: mo.map_remove_by_value_range(BIN, vb, ve, rt, **kw),
        lambda: mo.map_remove_by_index(BIN, _index(rng), rt, **kw),
        lambda: mo.map_remove_by_index_range(BIN, _index(rng), rt, _count(rng), **kw),
        lambda: mo.map_remove_by_rank(BIN, _index(rng), rt, **kw),
        lambda: mo.map_remove_by_rank_range(BIN, _index(rng), rt, _count(rng), **kw),
        lambda: mo.map_size(BIN, **kw),
        lambda: mo.map_get_by_key(BIN, _key(rng), rt, **kw),
        lambda: mo.map_get_by_key_range(BIN, kb, ke, rt, **kw),
        lambda: mo.map_get_by_value(BIN, _scalar(rng), rt, **kw),
        lambda: mo.map_get_by_value_range(BIN, vb, ve, rt, **kw),
        lambda: mo.map_get_by_index(BIN, _index(rng), rt, **kw),
        lambda: mo.map_get_by_index_range(BIN, _index(rng), rt, _count(rng), **kw),
        lambda: mo.map_get_by_rank(BIN, _index(rng), rt, **kw),
        lambda: mo.map_get_by_rank_range(BIN, _index(rng), rt, _count(rng), **kw),
        lambda: mo.map_get_by_key_list(BIN, keys, rt, **kw),
        lambda: mo.map_get_by_value_list(BIN, values, rt, **kw),
        lambda: mo.map_get_by_key_index_range_relative(BIN, _key(rng), _index(rng), rt, _count(rng), **kw),
        lambda: mo.map_get_by_value_rank_range_relative(BIN, _scalar(rng), _index(rng), rt, _count(rng), **kw),
        lambda: mo.map_remove_by_key_index_range_relative(BIN, _key(rng), _index(rng), rt, _count(rng), **kw),
        lambda: mo.map_remove_by_value_rank_range_relative(BIN, _scalar(rng), _index(rng), rt, _count(rng), **kw),
    ]
    return rng.choice(makers)()


def _initial(rng: random.Random, family: str) -> Any:
    if family == "list":
        return [_scalar(rng) for _ in range(rng.randint(0, 6))]
    if family == "map":
        return {_key(rng): _scalar(rng) for _ in range(rng.randint(0, 6))}
    # nested: a map of lists of maps, three levels.
    return {
        "x": [{"a": rng.randint(0, 5), "b": [1, 2]}, {"a": 7}],
        "y": [[rng.randint(0, 5) for _ in range(3)], []],
    }


def _nested_op(rng: random.Random) -> dict:
    """A list or map op three levels down in the nested family's value (or creating levels)."""
    choices = [
        ([cdt_ctx.cdt_ctx_map_key("x"), cdt_ctx.cdt_ctx_list_index(rng.choice([0, 1, -1]))], map_op),
        ([cdt_ctx.cdt_ctx_map_key("x"), cdt_ctx.cdt_ctx_list_index(0), cdt_ctx.cdt_ctx_map_key("b")], list_op),
        ([cdt_ctx.cdt_ctx_map_key("y"), cdt_ctx.cdt_ctx_list_index(rng.choice([0, 1, 2]))], list_op),
        ([cdt_ctx.cdt_ctx_map_key("y"), cdt_ctx.cdt_ctx_list_rank(0)], list_op),
        ([cdt_ctx.cdt_ctx_map_index(rng.choice([0, 1, -1]))], list_op),
        ([cdt_ctx.cdt_ctx_map_key_create("z", rng.choice([0, 1, 3])), cdt_ctx.cdt_ctx_map_key("q")], list_op),
        ([cdt_ctx.cdt_ctx_map_key_create("z", 0), cdt_ctx.cdt_ctx_list_index_create(1, 0, rng.choice([True, False]))],
         map_op),
        ([cdt_ctx.cdt_ctx_map_value([1, 2])], list_op),
    ]
    ctx, maker = rng.choice(choices)
    return maker(rng, ctx)


def sequence(seed: int, family: str, steps: int = 12) -> tuple:
    """The initial bin value and the list of steps (each a list of op dicts) for a seed."""
    rng = random.Random(f"{family}-{seed}")
    initial = _initial(rng, family)
    draw = {"list": list_op, "map": map_op, "nested": lambda r: _nested_op(r)}[family]
    plan = []
    for _ in range(steps):
        n = 1 if rng.random() < 0.8 else rng.randint(2, 3)
        plan.append([draw(rng) for _ in range(n)])
    return initial, plan


def run(client: Any, key: tuple, initial: Any, plan: list) -> list:
    """Writes ``initial`` to the bin, runs each step, and returns the answers."""
    try:
        client.remove(key)
    except aerospike_py.RecordNotFound:
        pass
    answers: list = [outcome(lambda: client.put(key, {BIN: initial, "o": 1}))]
    for ops in plan:
        step = outcome(lambda ops=ops: client.operate(key, ops).bins)
        after = outcome(lambda: client.get(key).bins)
        answers.append({"result": step, "after": after})
    return answers


def outcome(call: Callable[[], Any]) -> Any:
    """What ``call`` returned, or ``{"error": code}`` for a server or argument error."""
    try:
        return {"ok": encode(call())}
    except aerospike_py.AerospikeError as e:
        return {"error": getattr(e, "code", type(e).__name__)}


def encode(v: Any) -> Any:
    """A JSON form that keeps what JSON would lose: bytes, map key types and order, tuples."""
    if isinstance(v, dict):
        return {"map": [[encode(k), encode(x)] for k, x in v.items()]}
    if isinstance(v, (list, tuple)):
        return [encode(x) for x in v]
    if isinstance(v, (bytes, bytearray)):
        return {"bytes": bytes(v).hex()}
    if isinstance(v, float):
        return {"float": repr(v)}
    if v is None or isinstance(v, (bool, int, str)):
        return v
    return {"repr": repr(v)}


def decode(v: Any) -> Any:
    """The inverse of :func:`encode` (maps come back as dicts, tuples as lists)."""
    if isinstance(v, list):
        return [decode(x) for x in v]
    if isinstance(v, dict):
        if "map" in v:
            return {_hashable(decode(k)): decode(x) for k, x in v["map"]}
        if "bytes" in v:
            return bytes.fromhex(v["bytes"])
        if "float" in v:
            return float(v["float"])
        return {k: decode(x) for k, x in v.items()}
    return v


def _hashable(k: Any) -> Any:
    return tuple(k) if isinstance(k, list) else k


def record(client: Any, key: tuple, family: str, seeds: range) -> list:
    """The golden entries of ``seeds``: each seed's plan (for review) and answers."""
    entries = []
    for seed in seeds:
        initial, plan = sequence(seed, family)
        entries.append({"seed": seed, "initial": encode(initial), "plan": encode(plan),
                        "answers": run(client, key, initial, plan)})
    return entries


def load_goldens(family: str) -> list:
    """The committed golden entries of a family ([] when none were recorded)."""
    path = GOLDENS / f"{family}.json"
    return json.loads(path.read_text()) if path.exists() else []


def first_difference(expected: list, got: list, plan: list) -> "str | None":
    """A readable account of the first step whose answer differs, or None."""
    for i, (want, have) in enumerate(zip(expected, got)):
        if want != have:
            ops = "initial put" if i == 0 else json.dumps(encode(plan[i - 1]))
            return f"step {i} ({ops}):\n  expected {json.dumps(want)}\n  got      {json.dumps(have)}"
    if len(expected) != len(got):
        return f"{len(expected)} answers expected, {len(got)} given"
    return None
