"""Config dicts to libaero settings: hosts, known keys, policies, unknown keys."""

import warnings

import pytest

import aerospike_py
from aerospike_py import _config
from aerospike_py._client import _new_native_client
from aerospike_py._config import config_items, hosts_text
from aerospike_py._ffi import ffi, lib


@pytest.mark.parametrize("hosts,text", [
    ([("127.0.0.1", 3000)], "127.0.0.1:3000"),
    ([("h1", 3000), ("h2", 3001)], "h1:3000,h2:3001"),
    ([("h1",)], "h1:3000"),
    (["h1:4000", "h2"], "h1:4000,h2"),
    ([("::1", 3000)], "[::1]:3000"),
    (["[::1]:3100", "[fe80::1]"], "[::1]:3100,[fe80::1]"),
    (["::1"], "[::1]"),
    ((("h", 1),), "h:1"),
    ([("127.0.0.1", 4333, "aero-test"), ("::1", 4334, "n")], "127.0.0.1:aero-test:4333,[::1]:n:4334"),
    (["h:aero-test:4333"], "h:aero-test:4333"),
])
def test_hosts(hosts, text):
    assert hosts_text({"hosts": hosts}) == text


@pytest.mark.parametrize("hosts,error", [
    ([], ValueError),
    (["h:notaport"], ValueError),
    (["h:70000"], ValueError),
    ([("h", 0)], ValueError),
    ([("h", "3000")], TypeError),
    ([("h", 1, 2)], TypeError),
    ([("h", 1, "a:b")], TypeError),
    ([("h", 1, "x", 2)], TypeError),
    ([3000], TypeError),
    ("h:3000", TypeError),
])
def test_bad_hosts(hosts, error):
    with pytest.raises(error):
        hosts_text({"hosts": hosts})


def test_missing_hosts():
    with pytest.raises(ValueError, match="hosts"):
        hosts_text({})


def test_empty_hosts_accepted_until_connect():
    client = aerospike_py.client({"hosts": []})
    assert not client.is_connected()
    with pytest.raises(ValueError, match="must not be empty"):
        client.connect()
    assert not client.is_connected()


def test_known_keys_translated():
    items = dict(config_items({
        "hosts": [("h", 1)],
        "cluster_name": "c",
        "user": "u",
        "password": "p",
        "timeout": 1500,
        "idle_timeout": 30,
        "max_conns_per_node": 100,
        "min_conns_per_node": 1,
        "tend_interval": 500,
        "use_services_alternate": True,
        "max_concurrent_operations": 64,
        "operation_queue_timeout_ms": 5000,
        "policies": {"read": {"total_timeout": 200, "max_retries": 2}, "write": {"socket_timeout": 300}},
    }))
    assert items == {
        "hosts": "h:1",
        "cluster_name": "c",
        "user": "u",
        "password": "p",
        "timeout": "1500",
        "idle_timeout": "30",
        "max_conns_per_node": "100",
        "min_conns_per_node": "1",
        "tend_interval": "500",
        "use_services_alternate": "true",
        "max_concurrent_operations": "64",
        "operation_queue_timeout_ms": "5000",
        "policies.read.total_timeout": "200",
        "policies.read.max_retries": "2",
        "policies.write.socket_timeout": "300",
    }


def test_connect_credentials_override_config():
    items = config_items({"hosts": ["h"], "user": "a", "password": "b"}, "admin", "secret")
    assert items[-2:] == [("user", "admin"), ("password", "secret")]


@pytest.mark.parametrize("key,value", [
    ("timeout", "1000"), ("timeout", True), ("cluster_name", 5), ("use_services_alternate", 1),
    ("policies", []), ("policies", {"read": 5}), ("policies", {"read": {"total_timeout": "x"}}),
])
def test_wrong_types(key, value):
    with pytest.raises(TypeError):
        config_items({"hosts": ["h"], key: value})


def test_config_must_be_a_dict():
    with pytest.raises(TypeError):
        config_items([("hosts", ["h"])])


def test_unknown_keys_warn_once_and_are_ignored(monkeypatch):
    monkeypatch.setattr(_config, "_warned", set())
    with pytest.warns(UserWarning) as record:
        items = config_items({"hosts": ["h"], "tls": {"crl_check": True}, "policies": {"batch": {}}})
    assert sorted(str(w.message) for w in record) == [
        "aerospike_py: config key 'policies.batch' is not supported and is ignored",
        "aerospike_py: config key 'tls.crl_check' is not supported and is ignored",
    ]
    assert [key for key, _ in items] == ["hosts"]
    with warnings.catch_warnings():
        warnings.simplefilter("error")
        config_items({"hosts": ["h"], "tls": {"crl_check": True}, "policies": {"batch": {}}})


def test_tls_dict_translated():
    items = config_items({"hosts": ["h"], "tls": {"enable": True, "cafile": "ca.pem", "certfile": "c.pem",
                                                  "keyfile": "k.pem", "tls_name": "aero-test"}})
    assert items[1:] == [("tls.enable", "true"), ("tls.cafile", "ca.pem"), ("tls.certfile", "c.pem"),
                         ("tls.keyfile", "k.pem"), ("tls.name", "aero-test")]
    with pytest.raises(TypeError, match="tls.enable"):
        config_items({"hosts": ["h"], "tls": {"enable": "yes"}})
    with pytest.raises(TypeError, match="'tls' must be a dict"):
        config_items({"hosts": ["h"], "tls": True})


def test_aerospike_py_defaults_are_silent(monkeypatch):
    monkeypatch.setattr(_config, "_warned", set())
    with warnings.catch_warnings():
        warnings.simplefilter("error")
        config_items({"hosts": ["h"], "auth_mode": aerospike_py.AUTH_INTERNAL, "conn_pools_per_node": 1,
                      "policies": {"read": {"filter_expression": None}}})
    with pytest.warns(UserWarning, match="auth_mode"):
        config_items({"hosts": ["h"], "auth_mode": aerospike_py.AUTH_EXTERNAL})


def _library_properties():
    return {ffi.string(lib.aero_config_property(i)).decode() for i in range(lib.aero_config_count())}


def test_every_key_passed_on_is_known_to_libaero():
    passed = set(_config.STRING_KEYS + _config.INT_KEYS + _config.BOOL_KEYS) | {"hosts"}
    passed |= {f"policies.{g}.{k}" for g in _config.POLICY_GROUPS for k in _config.POLICY_KEYS}
    passed |= set(_config.TLS_KEYS.values()) | {"rack_ids"}
    assert passed <= _library_properties()


def test_rack_settings():
    assert ("rack_aware", "true") in config_items({"hosts": ["h"], "rack_aware": True})
    assert ("rack_ids", "2") in config_items({"hosts": ["h"], "rack_id": 2})
    # rack_ids wins over rack_id, whichever comes first.
    items = config_items({"hosts": ["h"], "rack_ids": [3, 1], "rack_id": 2})
    assert [v for k, v in items if k == "rack_ids"] == ["3,1"]
    assert _new_native_client(items) is not None
    with pytest.raises(TypeError):
        config_items({"hosts": ["h"], "rack_id": "2"})
    with pytest.raises(TypeError):
        config_items({"hosts": ["h"], "rack_ids": 2})
    with pytest.raises(TypeError):
        config_items({"hosts": ["h"], "rack_aware": 1})
    with pytest.raises(ValueError):
        config_items({"hosts": ["h"], "rack_ids": [-1]})


def test_libaero_accepts_the_translation():
    items = config_items({"hosts": [("127.0.0.1", 3000), "[::1]:3001"], "cluster_name": "c", "timeout": 10,
                          "use_services_alternate": False, "policies": {"write": {"max_retries": 3}}})
    assert _new_native_client(items) is not None


def test_libaero_rejects_out_of_range_value_as_invalid_arg():
    with pytest.raises(aerospike_py.InvalidArgError, match="timeout"):
        _new_native_client(config_items({"hosts": ["h"], "timeout": 2**40}))


@pytest.mark.parametrize("value", [True, False])
def test_bool_is_not_an_int_in_any_int_key(value):
    for key in _config.INT_KEYS:
        with pytest.raises(TypeError, match=f"'{key}' must be an int, got bool"):
            config_items({"hosts": ["h"], key: value})
    for group in _config.POLICY_GROUPS:
        for name in _config.POLICY_KEYS:
            with pytest.raises(TypeError, match="must be an int, got bool"):
                config_items({"hosts": ["h"], "policies": {group: {name: value}}})
    with pytest.raises(TypeError):
        config_items({"hosts": ["h"], "rack_ids": [value]})


@pytest.mark.parametrize("config", [
    {"hosts": ["h\0x"]}, {"hosts": [("h\0x", 3000)]}, {"hosts": [("h", 3000, "t\0x")]},
    {"hosts": ["h"], "cluster_name": "c\0x"}, {"hosts": ["h"], "user": "u\0x"},
    {"hosts": ["h"], "password": "secret\0ignored"}, {"hosts": ["h"], "tls": {"cafile": "ca\0.pem"}},
])
def test_nul_in_config_text_is_refused(config):
    # libaero takes the text as a C string: "secret\0ignored" would log in as "secret".
    with pytest.raises(ValueError, match="NUL"):
        config_items(config)


@pytest.mark.parametrize("key,value", [
    ("max_conns_per_node", 0), ("tend_interval", 0), ("tend_interval", 9), ("idle_timeout", 0),
    ("idle_timeout", 86401), ("min_conns_per_node", -1), ("operation_queue_timeout_ms", -5),
])
def test_libaero_rejects_nonsensical_numbers_as_invalid_arg(key, value):
    with pytest.raises(aerospike_py.InvalidArgError, match=key):
        _new_native_client(config_items({"hosts": ["h"], key: value}))


def test_libaero_rejects_more_min_than_max_connections():
    with pytest.raises(aerospike_py.InvalidArgError, match="min_conns_per_node.*max_conns_per_node"):
        _new_native_client(config_items({"hosts": ["h"], "min_conns_per_node": 11, "max_conns_per_node": 10}))
    # Checked on the whole config, so the order of the keys does not matter.
    items = config_items({"hosts": ["h"], "min_conns_per_node": 300, "max_conns_per_node": 400})
    assert _new_native_client(items) is not None
    assert _new_native_client(config_items({"hosts": ["h"], "min_conns_per_node": 10,
                                            "max_conns_per_node": 10})) is not None


def test_connect_refuses_bad_pool_bounds_before_any_connection():
    for bad in ({"max_conns_per_node": 0}, {"min_conns_per_node": 2, "max_conns_per_node": 1}):
        client = aerospike_py.client({"hosts": [("127.0.0.1", 19999)], **bad})
        with pytest.raises(aerospike_py.InvalidArgError, match="max_conns_per_node"):
            client.connect()
        assert not client.is_connected()


def test_timeout_zero_is_accepted():
    assert _new_native_client(config_items({"hosts": ["h"], "timeout": 0})) is not None
