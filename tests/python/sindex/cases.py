"""Seeded random index cases: a sequence of writes, collection operations, bin removals and
deletes on a pool of records, then index queries of every kind. A case's answers are the user
keys each query returns (sorted, repeats kept); the same seed gives the same case on any
server, so a real server's answers (the goldens) hold aero-server to its behaviour.

``expected`` recomputes each non-geo answer from a full scan filtered in Python, which checks
that the index agrees with the data it indexes.
"""

import hashlib
import json
import random
from pathlib import Path
from typing import Any

import aerospike_py as A
from aerospike_py import cdt_ctx, list_operations as lo, map_operations as mo, predicates as p

GOLDENS = Path(__file__).resolve().parent / "goldens"
SET = "sindex-diff"
KEYS = 30
STRINGS = ("a", "b", "ab", "", "zz")
CTX = [cdt_ctx.cdt_ctx_map_key("x")]
#: (index name, bin, datatype, collection, ctx)
INDEXES = (
    ("sdiff_n", "n", A.INDEX_NUMERIC, A.INDEX_TYPE_DEFAULT, None),
    ("sdiff_s", "s", A.INDEX_STRING, A.INDEX_TYPE_DEFAULT, None),
    ("sdiff_b", "b", A.INDEX_BLOB, A.INDEX_TYPE_DEFAULT, None),
    ("sdiff_l", "l", A.INDEX_NUMERIC, A.INDEX_TYPE_LIST, None),
    ("sdiff_mk", "m", A.INDEX_STRING, A.INDEX_TYPE_MAPKEYS, None),
    ("sdiff_mv", "mv", A.INDEX_NUMERIC, A.INDEX_TYPE_MAPVALUES, None),
    ("sdiff_c", "c", A.INDEX_NUMERIC, A.INDEX_TYPE_DEFAULT, CTX),
    ("sdiff_g", "g", A.INDEX_GEO2DSPHERE, A.INDEX_TYPE_DEFAULT, None),
)


def ensure_indexes(client: Any) -> None:
    """Creates the cases' indexes (creating an existing one again is not an error)."""
    for name, bin_name, datatype, collection, ctx in INDEXES:
        client.index_cdt_create("test", SET, bin_name, collection, datatype, name, ctx or [])


def _value(rng: random.Random) -> Any:
    """A bin value, often of the indexed type, sometimes not."""
    kind = rng.random()
    if kind < 0.5:
        return rng.randint(-5, 5)
    if kind < 0.7:
        return rng.choice(STRINGS)
    if kind < 0.8:
        return rng.choice((1.5, True, None, b"\x01"))
    if kind < 0.9:
        return [rng.randint(-3, 3) for _ in range(rng.randint(0, 3))]
    return {rng.choice(STRINGS): rng.randint(-3, 3)}


def _point(rng: random.Random) -> dict:
    return {"type": "Point", "coordinates": [rng.randint(0, 4) * 0.5, rng.randint(0, 4) * 0.5]}


def _bins(rng: random.Random) -> dict:
    bins: dict = {}
    for name in ("n", "s", "b", "l", "m", "mv", "c", "g"):
        if rng.random() < 0.6:
            if name == "l":
                bins[name] = [rng.randint(-5, 5) if rng.random() < 0.8 else rng.choice(STRINGS) for _ in range(rng.randint(0, 4))]
            elif name in ("m", "mv"):
                bins[name] = {rng.choice(STRINGS + (1, 2)): rng.randint(-5, 5) for _ in range(rng.randint(0, 3))}
            elif name == "c":
                bins[name] = {"x": _value(rng), "y": 1}
            elif name == "b":
                bins[name] = bytes([rng.randint(0, 3)]) if rng.random() < 0.8 else _value(rng)
            elif name == "g":
                bins[name] = A.GeoJSON(_point(rng)) if rng.random() < 0.8 else "not geo"
            else:
                bins[name] = _value(rng)
    return bins or {"other": 1}


def _op(rng: random.Random) -> list:
    k = rng.randrange(KEYS)
    r = rng.random()
    if r < 0.5:
        return ["put", k, _bins(rng)]
    if r < 0.6:
        return ["remove", k]
    if r < 0.7:
        return ["remove_bin", k, rng.choice(("n", "s", "l", "m", "mv", "c", "g", "b"))]
    if r < 0.8:
        return ["list_append", k, rng.randint(-5, 5)]
    if r < 0.9:
        return ["map_put", k, rng.choice(STRINGS), rng.randint(-5, 5)]
    return ["replace", k, _bins(rng)]


def _query(rng: random.Random) -> list:
    kind = rng.randrange(9)
    a, b = sorted((rng.randint(-6, 6), rng.randint(-6, 6)))
    if kind == 0:
        return ["between", "n", a, b]
    if kind == 1:
        return ["equals", "n", a]
    if kind == 2:
        return ["equals", "s", rng.choice(STRINGS)]
    if kind == 3:
        return ["equals", "b", bytes([rng.randint(0, 3)])]
    if kind == 4:
        return ["contains", "l", a]
    if kind == 5:
        return ["between_list", "l", a, b]
    if kind == 6:
        return ["mapkeys", "m", rng.choice(STRINGS)]
    if kind == 7:
        return ["mapvalues", "mv", a]
    if rng.random() < 0.5:
        return ["ctx", "c", a, b]
    x0, y0 = rng.randint(0, 3) * 0.5, rng.randint(0, 3) * 0.5
    x1, y1 = x0 + rng.randint(1, 2) * 0.5, y0 + rng.randint(1, 2) * 0.5
    ring = [[x0 - 0.1, y0 - 0.1], [x1 + 0.1, y0 - 0.1], [x1 + 0.1, y1 + 0.1], [x0 - 0.1, y1 + 0.1], [x0 - 0.1, y0 - 0.1]]
    return ["geo", "g", json.dumps({"type": "Polygon", "coordinates": [ring]})]


def case(seed: int) -> dict:
    """The ops and queries of one seed."""
    rng = random.Random(seed)
    return {"ops": [_op(rng) for _ in range(rng.randint(10, 60))], "queries": [_query(rng) for _ in range(12)]}


def _predicate(q: list) -> tuple:
    kind, bin_name = q[0], q[1]
    if kind == "between":
        return p.between(bin_name, q[2], q[3])
    if kind in ("equals",):
        return p.equals(bin_name, q[2])
    if kind == "contains":
        return p.contains(bin_name, A.INDEX_TYPE_LIST, q[2])
    if kind == "between_list":
        return p.between(bin_name, q[2], q[3], index_type=A.INDEX_TYPE_LIST)
    if kind == "mapkeys":
        return p.contains(bin_name, A.INDEX_TYPE_MAPKEYS, q[2])
    if kind == "mapvalues":
        return p.contains(bin_name, A.INDEX_TYPE_MAPVALUES, q[2])
    if kind == "ctx":
        return p.between(bin_name, q[2], q[3], ctx=CTX)
    return p.geo_within_geojson_region(bin_name, q[2])


def _apply(client: Any, op: list) -> None:
    kind, key = op[0], ("test", SET, op[1])
    try:
        if kind == "put":
            client.put(key, op[2], policy={"key": A.POLICY_KEY_SEND})
        elif kind == "replace":
            client.put(key, op[2], policy={"key": A.POLICY_KEY_SEND, "exists": A.POLICY_EXISTS_REPLACE})
        elif kind == "remove":
            client.remove(key)
        elif kind == "remove_bin":
            client.remove_bin(key, [op[2]])
        elif kind == "list_append":
            client.operate(key, [lo.list_append("l", op[2])], policy={"key": A.POLICY_KEY_SEND})
        elif kind == "map_put":
            client.operate(key, [mo.map_put("m", op[2], op[3])], policy={"key": A.POLICY_KEY_SEND})
    except A.AerospikeError:
        pass  # a missing record or a bin of another type: the same on both servers


def run(client: Any, seed: int) -> list:
    """Runs a case; returns each query's sorted user keys."""
    for k in range(KEYS):
        try:
            client.remove(("test", SET, k))
        except A.RecordNotFound:
            pass
    c = case(seed)
    for op in c["ops"]:
        _apply(client, op)
    answers = []
    for q in c["queries"]:
        query = client.query("test", SET)
        query.where(_predicate(q))
        answers.append(sorted(r.key.user_key for r in query.results()))
    return answers


def _matches(q: list, bins: dict) -> bool:
    kind, v = q[0], bins.get(q[1])

    def is_int(x):
        return isinstance(x, int) and not isinstance(x, bool)

    if kind == "between":
        return is_int(v) and q[2] <= v <= q[3]
    if kind == "equals":
        return type(v) is type(q[2]) and v == q[2]
    if kind in ("contains", "between_list"):
        lo_, hi = (q[2], q[2]) if kind == "contains" else (q[2], q[3])
        return isinstance(v, list) and any(is_int(x) and lo_ <= x <= hi for x in v)
    if kind == "mapkeys":
        return isinstance(v, dict) and q[2] in v
    if kind == "mapvalues":
        return isinstance(v, dict) and any(is_int(x) and x == q[2] for x in v.values())
    if kind == "ctx":
        x = v.get("x") if isinstance(v, dict) else None
        return is_int(x) and q[2] <= x <= q[3]
    raise ValueError(kind)


def expected(client: Any, seed: int) -> list:
    """Each non-geo query's answer from a full scan filtered in Python (None for geo)."""
    records = client.query("test", SET).results()
    return [None if q[0] == "geo" else sorted(r.key.user_key for r in records if _matches(q, r.bins))
            for q in case(seed)["queries"]]


def fingerprint(c: dict) -> str:
    """A stable digest of a case, to tell that the generator still makes the recorded one."""
    return hashlib.sha256(json.dumps(c, default=repr).encode()).hexdigest()[:16]


def record_goldens(client: Any, seeds: range) -> list:
    """The real server's answers for `seeds`, each with its case's fingerprint."""
    ensure_indexes(client)
    return [{"seed": s, "case": fingerprint(case(s)), "answers": run(client, s)} for s in seeds]


def load_goldens() -> list:
    path = GOLDENS / "cases.json"
    return json.loads(path.read_text()) if path.exists() else []
