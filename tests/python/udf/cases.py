"""UDF cases run through the official ``aerospike`` client: table-driven record UDF calls
on a fresh record each, plus seeded random argument values echoed and passed through the
list/map helpers. A case's answer is the call's outcome (the SUCCESS value, or the error code
and the FAILURE message) and the record as it is afterwards; the real server's answers (the
goldens, recorded by ``tools/record_udf_goldens.py``) hold aero-server to its behaviour.
"""

import json
import random
import re
import time
from pathlib import Path
from typing import Any

LUA = Path(__file__).resolve().parent / "lua"
GOLDENS = Path(__file__).resolve().parent / "goldens"
MODULE = "t_diff"
SET = "t_udf_diff"

#: (function, args, bins before (None: no record), apply policy)
TABLE: list = [
    ("echo", [1], {"a": 1}, {}),
    ("echo", [None], {"a": 1}, {}),
    ("echo", [[1, "a", 2.5]], {"a": 1}, {}),
    ("echo", [{"k": [1, {"n": None}]}], {"a": 1}, {}),
    ("echo", [b"\x00\x01"], {"a": 1}, {}),
    ("echo", ["with\x00nul"], {"a": 1}, {}),
    ("echo", [1], None, {}),
    ("get_bin", ["a"], {"a": 1, "b": "x"}, {}),
    ("get_bin", ["b"], {"a": 1, "b": "x"}, {}),
    ("get_bin", ["missing"], {"a": 1}, {}),
    ("get_bin", ["l"], {"l": [1, [2, "x"]], "m": {"a": 1}}, {}),
    ("get_bin", ["m"], {"l": [1, [2, "x"]], "m": {"a": 1, 2: [3]}}, {}),
    ("get_bin", ["f"], {"f": 1.25}, {}),
    ("get_bin", ["by"], {"by": b"\x01\x02"}, {}),
    ("get_bin", ["a"], None, {}),
    ("set_bin", ["a", 5], {"a": 1}, {}),
    ("set_bin", ["n", "new"], {"a": 1}, {}),
    ("set_bin", ["a", 5], None, {}),
    ("set_bin", ["l", [1, 2, {"x": 1}]], None, {}),
    ("set_bin", ["a", None], {"a": 1, "b": 2}, {}),
    ("set_bin", ["a", None], {"a": 1}, {}),
    ("set_bin", ["a", 5], {"a": 1}, {"durable_delete": True}),
    ("set_no_update", ["a", 5], {"a": 1}, {}),
    ("set_no_update", ["a", 5], None, {}),
    ("create_only", ["a", 1], None, {}),
    ("create_only", ["a", 1], {"b": 1}, {}),
    ("update_only", ["a", 2], None, {}),
    ("update_only", ["a", 2], {"b": 1}, {}),
    ("remove_rec", [], {"a": 1}, {}),
    ("remove_rec", [], None, {}),
    ("remove_rec", [], {"a": 1}, {"durable_delete": True}),
    ("exists", [], {"a": 1}, {}),
    ("exists", [], None, {}),
    ("meta", [], {"a": 1, "b": 2}, {}),
    ("meta", [], {"a": 1}, {"key": 1}),
    ("meta", [], None, {}),
    ("incr", ["c", 2], {"c": 40}, {}),
    ("incr", ["c", 2], {"a": 1}, {}),
    ("delete_bin", ["a"], {"a": 1, "b": 2}, {}),
    ("delete_bin", ["a"], {"a": 1}, {}),
    ("delete_bin", ["zz"], {"a": 1}, {}),
    ("set_ttl", [100], {"a": 1}, {}),
    ("set_ttl", [-1], {"a": 1}, {}),
    ("fail_after_write", [], {"a": 1}, {}),
    ("fail_after_write", [], None, {}),
    ("fail_plain", ["plain message"], {"a": 1}, {}),
    ("fail_table", [], {"a": 1}, {}),
    ("bad_bin_type", [], {"a": 1}, {}),
    ("long_bin", [], {"a": 1}, {}),
    ("list_ops", [[1, 2, 3, "x"]], {"a": 1}, {}),
    ("list_ops", [[]], {"a": 1}, {}),
    ("map_ops", [{"a": 1, "b": 2}], {"a": 1}, {}),
    ("bytes_ops", [], {"a": 1}, {}),
    ("types", [], {"a": 1}, {}),
    ("ret_nil", [], {"a": 1}, {}),
    ("ret_table", [], {"a": 1}, {}),
    ("ret_float", [], {"a": 1}, {}),
    ("ret_bool", [], {"a": 1}, {}),
    ("ret_int", [], {"a": 1}, {}),
    ("ret_neg", [], {"a": 1}, {}),
    ("ret_str", [], {"a": 1}, {}),
    ("ret_bytes", [], {"a": 1}, {}),
    ("ret_geo", [], {"a": 1}, {}),
    ("ret_nested", [], {"a": 1}, {}),
    ("ret_function", [], {"a": 1}, {}),
    ("read_types", [], {"i": 1, "s": "x", "f": 1.5, "l": [1], "m": {"a": 1}, "b": b"x"}, {}),
    ("lua_env", [], {"a": 1}, {}),
    ("log_all", [], {"a": 1}, {}),
    ("no_such_function", [], {"a": 1}, {}),
    ("sizes", [], {"a": 1}, {}),
    ("sizes", [], {"s": "x" * 100, "l": [1, 2, 3], "m": {"k": "v"}, "f": 1.5}, {}),
    ("sizes", [], {"a": 1}, {"key": 1}),
    ("sizes", [], None, {}),
    ("drop_key", [], {"a": 1}, {"key": 1}),
    ("meta", [], {"a": 1}, {}),
    ("set_bin", ["a", 9], {"a": 1}, "filter a == 2"),
    ("set_bin", ["a", 9], {"a": 2}, "filter a == 2"),
    ("set_bin", ["a", 9], None, "filter a == 2"),
    ("set_bin", ["a", 9], {"a": 1}, {"key": 1, "durable_delete": False}),
]


def _policy(policy: Any) -> Any:
    """The apply policy of a table row ("filter a == 2" is a filter expression on bin a)."""
    if policy == "filter a == 2":
        from aerospike_helpers import expressions as exp

        return {"expressions": exp.Eq(exp.IntBin("a"), 2).compile()}
    return policy or None


def _random_value(rng: random.Random, depth: int = 0) -> Any:
    kind = rng.random()
    if depth < 2 and kind < 0.15:
        return [_random_value(rng, depth + 1) for _ in range(rng.randint(0, 4))]
    if depth < 2 and kind < 0.25:
        return {rng.choice("abcde"): _random_value(rng, depth + 1) for _ in range(rng.randint(0, 3))}
    if kind < 0.5:
        return rng.randint(-(2**40), 2**40)
    if kind < 0.6:
        return rng.choice([0.5, -3.25, 1e10])
    if kind < 0.8:
        return "".join(rng.choice("xyz é") for _ in range(rng.randint(0, 6)))
    if kind < 0.9:
        return bytes(rng.randint(0, 255) for _ in range(rng.randint(0, 4)))
    return rng.choice([True, False])


def calls(seeds: range) -> list:
    """The table's calls, then one echo, one list_ops and one set_bin per seed."""
    out = [list(row) for row in TABLE]
    for seed in seeds:
        rng = random.Random(seed)
        out.append(["echo", [_random_value(rng)], {"a": 1}, {}])
        out.append(["list_ops", [[_random_value(rng) for _ in range(rng.randint(0, 5))]], {"a": 1}, {}])
        out.append(["set_bin", ["v", _random_value(rng)], {"a": 1}, {}])
    return out


def plain(v: Any) -> Any:
    """A JSON form of a value the official client returns, types kept apart."""
    if isinstance(v, (bytes, bytearray)):
        return {"bytes": bytes(v).hex()}
    if isinstance(v, float):
        return {"float": repr(v)}
    if isinstance(v, bool) or v is None or isinstance(v, (int, str)):
        return v
    if isinstance(v, (list, tuple)):
        return [plain(x) for x in v]
    if isinstance(v, dict):
        return {"map": sorted(([plain(k), plain(x)] for k, x in v.items()), key=json.dumps)}
    return {type(v).__name__: str(v)}


def normalise(message: str) -> str:
    """An error message without the node's address and the UDF directory's path."""
    message = re.sub(r"^\S+:\d+ ", "", message)
    return re.sub(r"\S*/(t_\w+\.lua:)", r"\1", message)


def register(client: Any) -> None:
    """Registers the cases' module and waits until the server has it."""
    client.udf_put(str(LUA / f"{MODULE}.lua"))
    for _ in range(50):
        if f"filename={MODULE}.lua" in client.info_random_node("udf-list"):
            return
        time.sleep(0.1)


def run(client: Any, seeds: range) -> list:
    """Every call's answer: [outcome, record after]."""
    from aerospike import exception as ex

    answers = []
    for i, (fn, args, bins, policy) in enumerate(calls(seeds)):
        key = ("test", SET, f"case-{i}")
        try:
            client.remove(key)
        except ex.RecordNotFound:
            pass
        if bins is not None:
            client.put(key, bins)
        try:
            outcome = ["ok", plain(client.apply(key, MODULE, fn, args, _policy(policy)))]
        except ex.AerospikeError as e:
            outcome = ["error", e.code, normalise(str(e.msg))]
        try:
            _, meta, rec = client.get(key)
            after = [plain(rec), meta["gen"], meta["ttl"] > 0 and meta["ttl"] < 2**32 - 1]
        except ex.RecordNotFound:
            after = None
        answers.append([fn, outcome, after])
    return answers


def load_goldens() -> list:
    path = GOLDENS / "record_udf.json"
    return json.loads(path.read_text()) if path.exists() else []
