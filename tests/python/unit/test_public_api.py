"""The package's public surface: __all__, versions, signatures, docstrings."""

import inspect
import types as pytypes

import pytest

import aerospike_py
from aerospike_py import Client


def test_everything_in_all_exists():
    assert [name for name in aerospike_py.__all__ if not hasattr(aerospike_py, name)] == []


def test_all_is_complete():
    public = {
        name
        for name in dir(aerospike_py)
        if not name.startswith("_") and not isinstance(getattr(aerospike_py, name), pytypes.ModuleType)
    }
    assert public - {"logger"} - set(aerospike_py.__all__) == set()


def test_no_cffi_objects_leak():
    assert not hasattr(aerospike_py, "ffi") and not hasattr(aerospike_py, "lib")


def test_versions():
    assert isinstance(aerospike_py.__version__, str)
    major, minor, patch = aerospike_py.__libaero_version__.split(".")
    assert all(part.isdigit() for part in (major, minor, patch))


def test_logger_has_null_handler():
    import logging

    assert any(isinstance(h, logging.NullHandler) for h in aerospike_py.logger.handlers)


def test_set_log_level_maps_constants():
    import logging

    before = aerospike_py.logger.level
    try:
        aerospike_py.set_log_level(aerospike_py.LOG_LEVEL_DEBUG)
        assert aerospike_py.logger.level == logging.DEBUG
        aerospike_py.set_log_level(aerospike_py.LOG_LEVEL_OFF)
        assert aerospike_py.logger.level > logging.CRITICAL
    finally:
        aerospike_py.logger.setLevel(before)


def test_client_factory():
    assert isinstance(aerospike_py.client({"hosts": []}), Client)


SIGNATURES = {
    "connect": "(self, username=None, password=None)",
    "is_connected": "(self)",
    "ping": "(self)",
    "close": "(self)",
    "get_node_names": "(self)",
    "info_all": "(self, command, policy=None)",
    "info_random_node": "(self, command, policy=None)",
    "put": "(self, key, bins, meta=None, policy=None)",
    "get": "(self, key, policy=None)",
    "select": "(self, key, bins, policy=None)",
    "exists": "(self, key, policy=None)",
    "remove": "(self, key, meta=None, policy=None)",
    "touch": "(self, key, val=0, meta=None, policy=None)",
    "append": "(self, key, bin, val, meta=None, policy=None)",
    "prepend": "(self, key, bin, val, meta=None, policy=None)",
    "increment": "(self, key, bin, offset, meta=None, policy=None)",
    "remove_bin": "(self, key, bin_names, meta=None, policy=None)",
    "operate": "(self, key, ops, meta=None, policy=None)",
    "operate_ordered": "(self, key, ops, meta=None, policy=None)",
    "truncate": "(self, namespace, set_name, nanos=0, policy=None)",
}


def _bare(signature: inspect.Signature) -> str:
    params = [p.replace(annotation=inspect.Parameter.empty) for p in signature.parameters.values()]
    return str(signature.replace(parameters=params, return_annotation=inspect.Signature.empty))


@pytest.mark.parametrize("method,expected", SIGNATURES.items())
def test_client_signature_as_aerospike_py(method, expected):
    assert _bare(inspect.signature(getattr(Client, method))) == expected


def _public_objects():
    for name in aerospike_py.__all__:
        obj = getattr(aerospike_py, name)
        if inspect.isclass(obj) or inspect.isfunction(obj):
            yield name, obj
    for name, member in vars(Client).items():
        if inspect.isfunction(member) and (not name.startswith("_") or name in ("__enter__", "__exit__")):
            yield f"Client.{name}", member


@pytest.mark.parametrize("name,obj", list(_public_objects()), ids=lambda v: v if isinstance(v, str) else "")
def test_public_names_have_docstrings(name, obj):
    assert inspect.getdoc(obj), f"{name} has no docstring"


@pytest.mark.parametrize("method", [m for m in SIGNATURES if m not in ("is_connected", "close")])
def test_client_methods_document_args_returns_or_raises(method):
    doc = inspect.getdoc(getattr(Client, method))
    assert "Raises:" in doc or "Returns:" in doc


def test_async_client_mirrors_the_sync_client():
    import inspect

    from aerospike_py import AsyncClient, Client

    def params(f):
        return [(p.name, p.default, p.kind) for p in inspect.signature(f).parameters.values()]

    # Plain methods, as in aerospike-py, and the introspection calls (no I/O).
    plain = {"is_connected", "get_node_names", "query", "scan", "get_stats", "get_cluster_view", "on_topology_change"}
    methods = {name: v for cls in reversed(Client.__mro__[:-1]) for name, v in vars(cls).items()}
    public = [n for n, v in methods.items() if callable(v) and not n.startswith("_")]
    assert public, "Client has public methods"
    for name in public:
        sync_method = getattr(Client, name)
        async_method = getattr(AsyncClient, name, None)
        assert async_method is not None, f"AsyncClient lacks {name}"
        assert params(async_method) == params(sync_method), name
        assert inspect.iscoroutinefunction(async_method) == (name not in plain), name
