"""Predicates and the query statement, without a server: aerospike-py's tuples, the spec each
predicate becomes, and the errors ``where()`` and the policy give before anything is sent."""

import msgpack
import pytest

import aerospike_py as A
from aerospike_py import cdt_ctx, predicates as p
from aerospike_py._query import Query, _where

GEO = '{"type":"Polygon","coordinates":[[[0,0],[1,0],[1,1],[0,1],[0,0]]]}'


class _Offline:
    """A client stand-in: queries build their spec without one."""

    def _native(self):
        raise A.ClientError("not connected")


def test_tuples_equal_aerospike_py():
    assert p.equals("a", 1) == ("equals", "a", 1)
    assert p.between("a", 1, 9) == ("between", "a", 1, 9)
    assert p.contains("a", A.INDEX_TYPE_LIST, "x") == ("contains", "a", 1, "x")
    assert p.geo_within_geojson_region("g", GEO) == ("geo_within_geojson_region", "g", GEO)
    assert p.geo_within_radius("g", 1.5, 2.5, 100) == ("geo_within_radius", "g", 1.5, 2.5, 100)
    assert p.geo_contains_geojson_point("g", GEO) == ("geo_contains_geojson_point", "g", GEO)
    assert p.__all__ == ["equals", "between", "contains", "geo_within_geojson_region", "geo_within_radius",
                         "geo_contains_geojson_point"]


def test_specs():
    assert _where(p.equals("a", "x")) == {"bin": "a", "begin": "x"}
    assert _where(p.equals("a", b"\x01")) == {"bin": "a", "begin": b"\x01"}
    assert _where(p.between("a", -5, 5)) == {"bin": "a", "begin": -5, "end": 5}
    assert _where(p.contains("m", A.INDEX_TYPE_MAPVALUES, 3)) == {"bin": "m", "collection": 3, "begin": 3}
    region = _where(p.geo_within_geojson_region("g", GEO))
    assert region["begin"] == msgpack.ExtType(2, GEO.encode())
    circle = _where(p.geo_within_radius("g", 48.5, 2.25, 1000))["begin"]
    assert circle.data == b'{"type":"AeroCircle","coordinates":[[2.25,48.5],1000.0]}'
    nested = _where(p.equals("m", 1, ctx=[cdt_ctx.cdt_ctx_map_key("k")]))
    assert nested["ctx"] == [[0x22, "k"]]
    listed = _where(p.geo_within_geojson_region("g", GEO, index_type=A.INDEX_TYPE_LIST))
    assert listed["collection"] == 1


@pytest.mark.parametrize("predicate", [
    p.equals("a", 1.5), p.equals("a", True), p.equals("a", None), p.equals("a", [1]),
    p.between("a", 1, "z"), p.between("a", 9, 1), p.between("a", 1.0, 2),
    p.contains("a", 7, 1), p.contains("a", True, 1), p.contains("a", A.INDEX_TYPE_LIST, 2.5),
    p.geo_within_geojson_region("g", 5), p.geo_within_radius("g", "x", 1, 1),
    ("nearby", "a", 1), ("equals", "a"), "equals", None,
])
def test_bad_predicates_raise_invalid_arg(predicate):
    with pytest.raises(A.InvalidArgError):
        Query(_Offline(), "test", "s").where(predicate)


def test_bad_bin_name():
    with pytest.raises((TypeError, ValueError)):
        Query(_Offline(), "test", "s").where(p.equals("a-bin-name-too-long", 1))


def test_spec_from_policy():
    q = Query(_Offline(), "test", "s")
    q.select("a", "b")
    q.where(p.equals("a", 1))
    spec, policy = q._spec({"max_records": 10, "records_per_second": 3, "record_queue_size": 5,
                            "include_bin_data": False, "total_timeout": 100,
                            "partition_filter": A.partition_filter_by_range(10, 20)})
    spec = msgpack.unpackb(spec)
    assert spec == {"ns": "test", "set": "s", "bins": ["a", "b"], "where": {"bin": "a", "begin": 1},
                    "max_records": 10, "records_per_second": 3, "record_queue_size": 5, "no_bins": True,
                    "partitions": [10, 20]}
    assert msgpack.unpackb(policy) == {"total_timeout": 100}
    spec, policy = Query(_Offline(), "test", None)._spec(None)
    assert msgpack.unpackb(spec) == {"ns": "test"} and policy is None


def test_partition_filter_repr_and_reuse():
    f = A.partition_filter_by_range(5, 10)
    assert repr(f) == "PartitionFilter(begin=5, count=10)"
    assert (f.begin, f.count) == (5, 10)
    assert A.partition_filter_all().count == 4096


def test_geojson_is_text_and_packs_as_geojson():
    from aerospike_py._commands import unpack
    from aerospike_py._values import pack_bins

    point = A.GeoJSON({"type": "Point", "coordinates": [1, 2]})
    assert isinstance(point, str) and point == '{"type":"Point","coordinates":[1,2]}'
    assert point.text == point.dumps() == str(point)
    assert repr(point) == "GeoJSON('{\"type\":\"Point\",\"coordinates\":[1,2]}')"
    with pytest.raises(TypeError):
        A.GeoJSON(5)
    packed = msgpack.unpackb(pack_bins({"g": point, "l": [point, "plain"], "s": "text"}))
    assert packed["g"] == msgpack.ExtType(2, point.encode())
    assert packed["l"] == [msgpack.ExtType(2, point.encode()), "plain"] and packed["s"] == "text"
    # Without a GeoJSON inside, strings stay strings (and the next packing is not strict).
    assert msgpack.unpackb(pack_bins({"s": "x"})) == {"s": "x"}
    back = unpack(msgpack.packb({"g": msgpack.ExtType(2, b'{"a":1}')}))
    assert type(back["g"]) is A.GeoJSON and back["g"] == '{"a":1}'
