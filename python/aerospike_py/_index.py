"""Secondary-index management for ``Client`` and ``AsyncClient``: aerospike-py's
``index_*_create`` / ``index_remove`` and the official client's collection, CDT-context and
blob index calls, all over ``aero_client_index_create`` (which waits until every node has built
the index)."""

from typing import Any, Callable, Optional

import msgpack

from . import _cdt, _policy
from . import _constants as C
from ._commands import policy_args
from ._ffi import check, lib, thread_state
from ._values import check_bin_name, check_name
from .exception import invalid_argument

_TYPES = {C.INDEX_NUMERIC: "numeric", C.INDEX_STRING: "string", C.INDEX_BLOB: "blob",
          C.INDEX_GEO2DSPHERE: "geo2dsphere"}
_COLLECTIONS = (C.INDEX_TYPE_DEFAULT, C.INDEX_TYPE_LIST, C.INDEX_TYPE_MAPKEYS, C.INDEX_TYPE_MAPVALUES)


def create(handle: Any, namespace: Any, set_name: Any, bin_name: Any, index_name: Any, datatype: Any,
           policy: Optional[dict], collection: Any = C.INDEX_TYPE_DEFAULT, ctx: Optional[list] = None) -> None:
    """Creates an index and waits until it is built on every node.

    Raises:
        TypeError, ValueError: a bad name.
        InvalidArgError: an unknown index or collection type, or a bad ctx.
        IndexFoundError: an index of that name exists with another definition.
    """
    spec: dict[str, Any] = {"ns": check_name("namespace", namespace), "name": check_name("index_name", index_name)}
    if set_name is not None and set_name != "":
        spec["set"] = check_name("set_name", set_name)
    check_bin_name(bin_name)
    spec["bin"] = bin_name
    if isinstance(datatype, bool) or datatype not in _TYPES:
        raise invalid_argument(f"index datatype must be an INDEX_NUMERIC/STRING/BLOB/GEO2DSPHERE constant, got {datatype!r}")
    spec["type"] = _TYPES[datatype]
    if isinstance(collection, bool) or collection not in _COLLECTIONS:
        raise invalid_argument(f"index type must be an INDEX_TYPE_* constant, got {collection!r}")
    if collection:
        spec["collection"] = collection
    steps = _cdt._context({"ctx": ctx}, "index ctx")
    if steps is not None:
        spec["ctx"] = steps
    packed = msgpack.packb(spec, use_bin_type=True)
    err, _ = thread_state()
    check(lib.aero_client_index_create(handle, packed, len(packed), *policy_args(_policy.admin_policy(policy)), err), err)


def remove(handle: Any, namespace: Any, index_name: Any, policy: Optional[dict]) -> None:
    """Drops an index (a missing one is not an error)."""
    ns = check_name("namespace", namespace).encode()
    name = check_name("index_name", index_name).encode()
    err, _ = thread_state()
    check(lib.aero_client_index_remove(handle, ns, name, *policy_args(_policy.admin_policy(policy)), err), err)


class IndexMethods:
    """The index methods of ``Client`` (a mixin over its ``_native()``)."""

    _native: Callable[[], Any]  # Client's

    def index_integer_create(self, namespace: str, set_name: Optional[str], bin_name: str, index_name: str,
                             policy: Optional[dict[str, Any]] = None) -> None:
        """Creates a numeric index on a bin and waits until every node has built it.

        Args:
            namespace: the namespace.
            set_name: the set, or ``None`` for the whole namespace.
            bin_name: the indexed bin.
            index_name: the index's name.
            policy: an ``AdminPolicy`` dict.

        Raises:
            IndexFoundError: the name is taken by an index with another definition
                (creating the same index again succeeds).
        """
        create(self._native(), namespace, set_name, bin_name, index_name, C.INDEX_NUMERIC, policy)

    def index_string_create(self, namespace: str, set_name: Optional[str], bin_name: str, index_name: str,
                            policy: Optional[dict[str, Any]] = None) -> None:
        """Creates a string index (see :meth:`index_integer_create`)."""
        create(self._native(), namespace, set_name, bin_name, index_name, C.INDEX_STRING, policy)

    def index_blob_create(self, namespace: str, set_name: Optional[str], bin_name: str, index_name: str,
                          policy: Optional[dict[str, Any]] = None) -> None:
        """Creates a bytes (blob) index (see :meth:`index_integer_create`)."""
        create(self._native(), namespace, set_name, bin_name, index_name, C.INDEX_BLOB, policy)

    def index_geo2dsphere_create(self, namespace: str, set_name: Optional[str], bin_name: str, index_name: str,
                                 policy: Optional[dict[str, Any]] = None) -> None:
        """Creates a GeoJSON index for geo predicates (see :meth:`index_integer_create`)."""
        create(self._native(), namespace, set_name, bin_name, index_name, C.INDEX_GEO2DSPHERE, policy)

    def index_single_value_create(self, namespace: str, set_name: Optional[str], bin_name: str,
                                  index_datatype: int, index_name: str,
                                  policy: Optional[dict[str, Any]] = None) -> None:
        """Creates an index on a scalar bin of ``index_datatype`` (the official client's newer
        name for the integer, string, blob and geo calls; see :meth:`index_list_create`)."""
        create(self._native(), namespace, set_name, bin_name, index_name, index_datatype, policy)

    def index_list_create(self, namespace: str, set_name: Optional[str], bin_name: str, index_datatype: int,
                          index_name: str, policy: Optional[dict[str, Any]] = None) -> None:
        """Creates an index over the elements of a list bin (the official client's call).

        Args:
            index_datatype: ``INDEX_NUMERIC``, ``INDEX_STRING``, ``INDEX_BLOB`` or
                ``INDEX_GEO2DSPHERE``.
        """
        create(self._native(), namespace, set_name, bin_name, index_name, index_datatype, policy, C.INDEX_TYPE_LIST)

    def index_map_keys_create(self, namespace: str, set_name: Optional[str], bin_name: str, index_datatype: int,
                              index_name: str, policy: Optional[dict[str, Any]] = None) -> None:
        """Creates an index over the keys of a map bin (see :meth:`index_list_create`)."""
        create(self._native(), namespace, set_name, bin_name, index_name, index_datatype, policy,
               C.INDEX_TYPE_MAPKEYS)

    def index_map_values_create(self, namespace: str, set_name: Optional[str], bin_name: str, index_datatype: int,
                                index_name: str, policy: Optional[dict[str, Any]] = None) -> None:
        """Creates an index over the values of a map bin (see :meth:`index_list_create`)."""
        create(self._native(), namespace, set_name, bin_name, index_name, index_datatype, policy,
               C.INDEX_TYPE_MAPVALUES)

    def index_cdt_create(self, namespace: str, set_name: Optional[str], bin_name: str, index_type: int,
                         index_datatype: int, index_name: str, ctx: list,
                         policy: Optional[dict[str, Any]] = None) -> None:
        """Creates an index on a nested element that ``ctx`` (``cdt_ctx`` items) selects.

        Args:
            index_type: ``INDEX_TYPE_DEFAULT``, ``_LIST``, ``_MAPKEYS`` or ``_MAPVALUES``.
            index_datatype: as for :meth:`index_list_create`.
            ctx: the path to the element.
        """
        create(self._native(), namespace, set_name, bin_name, index_name, index_datatype, policy, index_type, ctx)

    def index_remove(self, namespace: str, index_name: str, policy: Optional[dict[str, Any]] = None) -> None:
        """Drops an index; dropping one that does not exist succeeds, as on the server.

        Args:
            namespace: the namespace.
            index_name: the index's name.
            policy: an ``AdminPolicy`` dict.
        """
        remove(self._native(), namespace, index_name, policy)
