"""Predicates for secondary-index queries, as aerospike-py builds them.

Each function returns a tuple that ``Query.where()`` takes; the tuples equal aerospike-py's.
Unlike aerospike-py, the geo predicates run: they find points within a GeoJSON region or a
radius, or regions that contain a point, on a ``geo2dsphere`` index.

Beyond aerospike-py, every predicate takes an optional ``ctx`` (a list of ``cdt_ctx`` items)
for an index on a nested element, and ``between`` and the geo predicates an ``index_type`` for
an index over the elements of a list or map; they are appended to the tuple only when given.

Example:
    ```python
    from aerospike_py import predicates as p

    query = client.query("test", "demo")
    query.where(p.between("age", 18, 65))
    ```
"""

from typing import Any, Optional

__all__ = [
    "equals",
    "between",
    "contains",
    "geo_within_geojson_region",
    "geo_within_radius",
    "geo_contains_geojson_point",
]


def _with(predicate: tuple, ctx: Optional[list], index_type: Optional[int] = None) -> tuple:
    options: dict[str, Any] = {}
    if ctx is not None:
        options["ctx"] = ctx
    if index_type is not None:
        options["index_type"] = index_type
    return predicate + (options,) if options else predicate


def equals(bin_name: str, val: Any, *, ctx: Optional[list] = None) -> tuple:
    """Records whose bin equals ``val``.

    Args:
        bin_name: the indexed bin.
        val: an int, a str or bytes (other types raise ``InvalidArgError`` at ``where()``).
        ctx: the nested element the index is on (``cdt_ctx`` items), if any.

    Returns:
        ``("equals", bin_name, val)``.
    """
    return _with(("equals", bin_name, val), ctx)


def between(bin_name: str, min_val: Any, max_val: Any, *, index_type: Optional[int] = None,
            ctx: Optional[list] = None) -> tuple:
    """Records whose integer bin lies in ``min_val..max_val`` (both included).

    Args:
        bin_name: the bin of a numeric index.
        min_val: the lowest value, an int.
        max_val: the highest value, an int.
        index_type: for an index over list elements or map keys/values (a record then comes
            once per element in the range).
        ctx: the nested element the index is on, if any.

    Returns:
        ``("between", bin_name, min_val, max_val)``.
    """
    return _with(("between", bin_name, min_val, max_val), ctx, index_type)


def contains(bin_name: str, index_type: int, val: Any, *, ctx: Optional[list] = None) -> tuple:
    """Records whose list elements, map keys or map values (per ``index_type``) hold ``val``.

    Args:
        bin_name: the indexed bin.
        index_type: ``INDEX_TYPE_DEFAULT``, ``INDEX_TYPE_LIST``, ``INDEX_TYPE_MAPKEYS`` or
            ``INDEX_TYPE_MAPVALUES`` (others raise ``InvalidArgError`` at ``where()``).
        val: an int, a str or bytes.
        ctx: the nested element the index is on, if any.

    Returns:
        ``("contains", bin_name, index_type, val)``.
    """
    return _with(("contains", bin_name, index_type, val), ctx)


def geo_within_geojson_region(bin_name: str, geojson: str, *, index_type: Optional[int] = None,
                              ctx: Optional[list] = None) -> tuple:
    """Records whose GeoJSON point lies within the region ``geojson`` (a Polygon, say).

    Args:
        bin_name: the bin of a ``geo2dsphere`` index.
        geojson: the region as GeoJSON text.
        index_type: for an index over list elements or map keys/values.
        ctx: the nested element the index is on, if any.

    Returns:
        ``("geo_within_geojson_region", bin_name, geojson)``.
    """
    return _with(("geo_within_geojson_region", bin_name, geojson), ctx, index_type)


def geo_within_radius(bin_name: str, lat: float, lng: float, radius: float, *,
                      index_type: Optional[int] = None, ctx: Optional[list] = None) -> tuple:
    """Records whose GeoJSON point lies within ``radius`` metres of (``lat``, ``lng``).

    Args:
        bin_name: the bin of a ``geo2dsphere`` index.
        lat: latitude of the centre, in degrees.
        lng: longitude of the centre, in degrees.
        radius: in metres.
        index_type: for an index over list elements or map keys/values.
        ctx: the nested element the index is on, if any.

    Returns:
        ``("geo_within_radius", bin_name, lat, lng, radius)``.
    """
    return _with(("geo_within_radius", bin_name, lat, lng, radius), ctx, index_type)


def geo_contains_geojson_point(bin_name: str, geojson: str, *, index_type: Optional[int] = None,
                               ctx: Optional[list] = None) -> tuple:
    """Records whose GeoJSON region contains the point ``geojson``.

    Args:
        bin_name: the bin of a ``geo2dsphere`` index.
        geojson: the point as GeoJSON text.
        index_type: for an index over list elements or map keys/values.
        ctx: the nested element the index is on, if any.

    Returns:
        ``("geo_contains_geojson_point", bin_name, geojson)``.
    """
    return _with(("geo_contains_geojson_point", bin_name, geojson), ctx, index_type)
