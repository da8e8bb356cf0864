"""The same expressions built with this client's ``exp`` and with the official client's
``aerospike_helpers.expressions`` select the same records and compute the same values, on
records either client wrote, GeoJSON bins included."""

import json
import uuid

import pytest

import aerospike_py as A
from aerospike_py import exp
from aerospike_py import exp_operations as eo

official = pytest.importorskip("aerospike", reason="the official aerospike client is not installed")
from aerospike_helpers import expressions as oexp  # noqa: E402
from aerospike_helpers.operations import expression_operations as oeo  # noqa: E402

# The official CmpRegex is deprecated for the string expressions of servers newer than 8.1.
pytestmark = pytest.mark.filterwarnings("ignore:CmpRegex:DeprecationWarning")

SQUARE = '{"type":"Polygon","coordinates":[[[0,0],[2,0],[2,2],[0,2],[0,0]]]}'
BINS = {"i": 7, "s": "Hello", "l": [3, 1, 2], "m": {"a": 1, "b": 2}, "y": b"\x0f\xf0", "f": 1.5}

#: (ours, theirs): the same tree, built by each client.
FILTERS = [
    (exp.eq(exp.int_bin("i"), exp.int_val(7)), oexp.Eq(oexp.IntBin("i"), 7)),
    (exp.gt(exp.num_add(exp.int_bin("i"), exp.int_val(1)), exp.int_val(7)), oexp.GT(oexp.Add(oexp.IntBin("i"), 1), 7)),
    (exp.regex_compare("^hel", A.REGEX_ICASE, exp.string_bin("s")),
     oexp.CmpRegex(official.REGEX_ICASE, "^hel", oexp.StrBin("s"))),
    (exp.eq(exp.list_size(None, "l"), exp.int_val(3)), oexp.Eq(oexp.ListSize(None, "l"), 3)),
    (exp.eq(exp.list_get_by_rank(None, A.LIST_RETURN_VALUE, exp.EXP_TYPE_INT, 0, "l"), exp.int_val(1)),
     oexp.Eq(oexp.ListGetByRank(None, official.LIST_RETURN_VALUE, oexp.ResultType.INTEGER, 0, "l"), 1)),
    (exp.eq(exp.map_get_by_key(None, A.MAP_RETURN_VALUE, exp.EXP_TYPE_INT, "b", "m"), exp.int_val(2)),
     oexp.Eq(oexp.MapGetByKey(None, official.MAP_RETURN_VALUE, oexp.ResultType.INTEGER, "b", "m"), 2)),
    (exp.eq(exp.bit_count(0, 16, "y"), exp.int_val(8)), oexp.Eq(oexp.BitCount(0, 16, "y"), 8)),
    (exp.let_(exp.def_("x", exp.int_bin("i")), exp.and_(exp.gt(exp.var("x"), exp.int_val(1)), exp.lt(exp.var("x"), exp.int_val(9)))),
     oexp.Let(oexp.Def("x", oexp.IntBin("i")), oexp.And(oexp.GT(oexp.Var("x"), 1), oexp.LT(oexp.Var("x"), 9)))),
    (exp.eq(exp.to_int(exp.float_bin("f")), exp.int_val(1)), oexp.Eq(oexp.ToInt(oexp.FloatBin("f")), 1)),
    (exp.geo_compare(exp.geo_bin("g"), exp.geo_val(SQUARE)), oexp.CmpGeo(oexp.GeoBin("g"), official.GeoJSON(json.loads(SQUARE)))),
    (exp.eq(exp.int_bin("i"), exp.int_val(8)), oexp.Eq(oexp.IntBin("i"), 8)),
]


@pytest.fixture
def key(client):
    made = ("test", "compat-exp", uuid.uuid4().hex)
    yield made
    try:
        client.remove(made)
    except A.RecordNotFound:
        pass


def _passes(call):
    try:
        call()
        return True
    except (A.FilteredOut, official.exception.FilteredOut):
        return False


@pytest.mark.parametrize("writer", ["official", "ours"])
def test_both_clients_filter_alike(client, official_client, key, writer):
    if writer == "official":
        official_client.put(key, {**BINS, "g": official.GeoJSON({"type": "Point", "coordinates": [1, 1]})})
    else:
        official_client.put(key, {"g": official.GeoJSON({"type": "Point", "coordinates": [1, 1]})})
        client.put(key, BINS)
    answers = []
    for ours, theirs in FILTERS:
        mine = _passes(lambda: client.get(key, policy={"filter_expression": ours}))
        their = _passes(lambda: official_client.get(key, policy={"expressions": theirs.compile()}))
        answers.append((mine, their))
    assert all(m == t for m, t in answers), answers
    assert [m for m, _ in answers] == [True] * (len(FILTERS) - 1) + [False]


def test_both_clients_compute_alike(client, official_client, key):
    client.put(key, BINS)
    ours = client.operate(key, [eo.exp_read("r", exp.list_append(None, None, 9, "l")),
                                eo.exp_write("w", exp.num_mul(exp.int_bin("i"), exp.int_val(3)))])
    _, _, theirs = official_client.operate(key, [
        oeo.expression_read("r", oexp.ListAppend(None, None, 9, "l").compile()),
        oeo.expression_write("w2", oexp.Mul(oexp.IntBin("i"), 3).compile())])
    assert ours.bins["r"] == theirs["r"] == [3, 1, 2, 9]
    record = client.get(key).bins
    assert record["w"] == record["w2"] == 21
