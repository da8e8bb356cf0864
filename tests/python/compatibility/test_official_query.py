"""Queries cross between this client and the official one: on records and indexes either client
made, the same predicates (ranges, equality, list contents, geo regions) and scans find the
same records, and GeoJSON bins either client wrote read back as GeoJSON in both."""

import uuid

import pytest

import aerospike_py as A
from aerospike_py import predicates as p

official = pytest.importorskip("aerospike", reason="the official aerospike client is not installed")
from aerospike import predicates as op  # noqa: E402

N = 60
SQUARE = '{"type":"Polygon","coordinates":[[[-0.1,-0.1],[1.05,-0.1],[1.05,1.05],[-0.1,1.05],[-0.1,-0.1]]]}'


@pytest.fixture(scope="module")
def shared(client, official_client):
    set_name = f"cq-{uuid.uuid4().hex[:8]}"
    tag = set_name.replace("-", "_")
    for i in range(N):
        bins = {"n": i, "s": f"s{i % 4}", "l": [i % 5, 100 + i]}
        point = {"type": "Point", "coordinates": [(i % 10) * 0.25, (i // 10) * 0.25]}
        if i % 2:
            official_client.put(("test", set_name, i), {**bins, "g": official.GeoJSON(point)})
        else:
            client.put(("test", set_name, i), {**bins, "g": A.GeoJSON(point)})
    official_client.index_single_value_create("test", set_name, "n", official.INDEX_NUMERIC, f"{tag}_n")
    official_client.index_single_value_create("test", set_name, "s", official.INDEX_STRING, f"{tag}_s")
    client.index_list_create("test", set_name, "l", A.INDEX_NUMERIC, f"{tag}_l")
    client.index_geo2dsphere_create("test", set_name, "g", f"{tag}_g")
    yield set_name
    for name in ("n", "s", "l", "g"):
        client.index_remove("test", f"{tag}_{name}")
    client.truncate("test", set_name)


def ours(client, set_name, predicate):
    query = client.query("test", set_name)
    query.where(predicate)
    return sorted(r.bins["n"] for r in query.results())


def theirs(official_client, set_name, predicate):
    query = official_client.query("test", set_name)
    query.where(predicate)
    return sorted(bins["n"] for _, _, bins in query.results())


@pytest.mark.parametrize("mine, official_predicate", [
    (p.between("n", 10, 20), op.between("n", 10, 20)),
    (p.equals("s", "s2"), op.equals("s", "s2")),
    (p.contains("l", A.INDEX_TYPE_LIST, 3), op.contains("l", official.INDEX_TYPE_LIST, 3)),
    (p.geo_within_geojson_region("g", SQUARE), op.geo_within_geojson_region("g", SQUARE)),
    (p.geo_within_radius("g", 0.0, 0.0, 30000), op.geo_within_radius("g", 0.0, 0.0, 30000)),
])
def test_same_records_for_the_same_predicate(client, official_client, shared, mine, official_predicate):
    found = ours(client, shared, mine)
    assert found == theirs(official_client, shared, official_predicate)
    assert found, "the predicate should find records"


def test_scans_agree_and_geojson_crosses(client, official_client, shared):
    mine = {r.bins["n"]: r.bins for r in client.query("test", shared).results()}
    their = {bins["n"]: bins for _, _, bins in official_client.scan("test", shared).results()}
    assert sorted(mine) == sorted(their) == list(range(N))
    for n in range(N):
        assert isinstance(mine[n]["g"], A.GeoJSON) and isinstance(mine[n]["g"], str)
        assert isinstance(their[n]["g"], official.GeoJSON)
        assert their[n]["g"].dumps().replace(" ", "") == mine[n]["g"].replace(" ", "")
