"""aerospike-py client config dicts to libaero's string-keyed configuration.

The Python layer accepts what aerospike-py accepts. It passes on the keys libaero knows (listed
below, each checked against the library's property table by a unit test), ignores
``auth_mode`` = ``AUTH_INTERNAL`` and ``conn_pools_per_node`` = 1 (aerospike-py's defaults, with
nothing to configure here), and warns once per process about any other key, which it ignores, so
code written for the official client keeps running.

Keys passed on:

- ``hosts``: ``[(host, port), (host, port, tls_name), (host,), "host:port", "host:tls_name:port",
  "host", ...]``, port 3000 by default;
- ``cluster_name``, ``user``, ``password`` (str);
- ``timeout`` (connect, ms; 0 is no limit of its own: ``connect`` waits as long as the
  seeds take, and later tends wait at most ``tend_interval``), ``idle_timeout`` (s),
  ``max_conns_per_node``, ``min_conns_per_node``, ``tend_interval`` (ms),
  ``max_concurrent_operations``, ``operation_queue_timeout_ms`` (int, never ``bool``; libaero
  checks their ranges, and ``connect`` raises ``InvalidArgError`` for a value it refuses,
  such as ``max_conns_per_node`` = 0 or ``min_conns_per_node`` above ``max_conns_per_node``);
- ``use_services_alternate``, ``rack_aware`` (bool);
- ``rack_id`` (int) or ``rack_ids`` (list of int, in order of preference; wins over ``rack_id``):
  the client's racks, for ``POLICY_REPLICA_PREFER_RACK`` reads of a ``rack_aware`` client;
- ``policies``: ``{"read": {...}, "write": {...}}`` with ``socket_timeout``, ``total_timeout``,
  ``max_retries``, ``sleep_between_retries`` (client-wide defaults);
- ``tls``: the official client's ``{"enable": bool, "cafile": str, "certfile": str, "keyfile": str,
  "tls_name" (or "name"): str}`` (libaero's ``tls.*`` keys); its other keys are ignored with a warning.
"""

import ipaddress
import threading
import warnings
from typing import Any, Iterator, Optional

from ._policy import FILTER_KEYS
from ._values import check_no_nul
from .exception import invalid_argument

DEFAULT_PORT = 3000

STRING_KEYS = ("cluster_name", "user", "password")
INT_KEYS = (
    "timeout",
    "idle_timeout",
    "max_conns_per_node",
    "min_conns_per_node",
    "tend_interval",
    "max_concurrent_operations",
    "operation_queue_timeout_ms",
)
BOOL_KEYS = ("use_services_alternate", "rack_aware")
POLICY_GROUPS = ("read", "write")
POLICY_KEYS = ("socket_timeout", "total_timeout", "max_retries", "sleep_between_retries")
#: The ``tls`` dict's keys and the libaero keys they become.
TLS_KEYS = {
    "enable": "tls.enable",
    "cafile": "tls.cafile",
    "certfile": "tls.certfile",
    "keyfile": "tls.keyfile",
    "tls_name": "tls.name",
    "name": "tls.name",
}

#: aerospike-py keys accepted silently when they hold their only supported value.
_DEFAULT_ONLY = {"auth_mode": 0, "conn_pools_per_node": 1}

_warned: set[str] = set()
_warned_lock = threading.Lock()


def _warn_ignored(key: str) -> None:
    """Warns, once per process and key, that a config key is ignored."""
    with _warned_lock:
        if key in _warned:
            return
        _warned.add(key)
    warnings.warn(f"aerospike_py: config key '{key}' is not supported and is ignored", UserWarning, stacklevel=5)


def _is_ipv6(text: str) -> bool:
    try:
        ipaddress.IPv6Address(text)
    except ValueError:
        return False
    return True


def _host_text(host: Any) -> str:
    """One hosts entry as "host:port" or "host:tls_name:port" ("[addr]:..." for IPv6)."""
    if isinstance(host, tuple):
        if not 1 <= len(host) <= 3 or not isinstance(host[0], str):
            raise TypeError(f"Host tuple must be (host, port) or (host, port, tls_name), got {host!r}")
        name = host[0]
        check_no_nul("Host name", name)
        port = host[1] if len(host) >= 2 else DEFAULT_PORT
        if not isinstance(port, int) or isinstance(port, bool):
            raise TypeError(f"Host port must be an int, got {type(port).__name__}")
        if not 0 < port <= 0xFFFF:
            raise ValueError(f"Invalid port for host '{name}': {port}")
        tls_name = host[2] if len(host) == 3 else None
        if tls_name is not None and (not isinstance(tls_name, str) or not tls_name or ":" in tls_name):
            raise TypeError(f"Host TLS name must be a non-empty str without ':', got {tls_name!r}")
        if tls_name is not None:
            check_no_nul("Host TLS name", tls_name)
        address = f"[{name}]" if ":" in name else name
        return f"{address}:{tls_name}:{port}" if tls_name else f"{address}:{port}"
    if isinstance(host, str):
        check_no_nul("Host", host)
        if _is_ipv6(host):
            return f"[{host}]"  # a bare IPv6 address; "host:tls_name:port" has colons too
        after_address = host.rsplit("]", 1)[-1] if host.startswith("[") else host
        if ":" in after_address:
            port = after_address.rsplit(":", 1)[1]
            if not port.isdigit() or not 0 < int(port) <= 0xFFFF:
                raise ValueError(f"Invalid port in host string '{host}': '{port}' is not a valid port number")
        return host
    raise TypeError("Host must be a (host, port) tuple or a string")


def hosts_text(config: dict) -> str:
    """Returns the ``hosts`` setting as libaero's "host:port,host:port" text.

    Args:
        config: the client config dict.

    Returns:
        The hosts text.

    Raises:
        ValueError: no ``hosts`` key, an empty list, a bad port, or a NUL character.
        TypeError: ``hosts`` is not a list, or an entry is neither a tuple nor a string.
    """
    hosts = config.get("hosts")
    if hosts is None:
        raise ValueError("Config must contain 'hosts' key")
    if not isinstance(hosts, (list, tuple)):
        raise TypeError(f"hosts must be a list of (host, port) tuples or strings, got {type(hosts).__name__}")
    if not hosts:
        raise ValueError("hosts list must not be empty")
    return ",".join(_host_text(host) for host in hosts)


def _scalar_text(key: str, value: Any) -> str:
    """A scalar setting as text, after checking its type."""
    if key in BOOL_KEYS:
        if not isinstance(value, bool):
            raise TypeError(f"config '{key}' must be a bool, got {type(value).__name__}")
        return "true" if value else "false"
    if key in STRING_KEYS:
        if not isinstance(value, str):
            raise TypeError(f"config '{key}' must be a str, got {type(value).__name__}")
        # libaero takes the text as a C string, which a NUL would cut short (a password!).
        check_no_nul(f"config '{key}'", value)
        return value
    if not isinstance(value, int) or isinstance(value, bool):
        raise TypeError(f"config '{key}' must be an int, got {type(value).__name__}")
    return str(value)


def _refuse_default_filter(key: str, value: Any) -> None:
    """A filter as a client default is refused rather than ignored: give it per command."""
    if value is not None:
        raise invalid_argument(f"config '{key}': a filter expression cannot be a client default; "
                               "give it in each command's policy")


def _policy_items(policies: Any) -> Iterator[tuple[str, str]]:
    """The ``policies`` setting as ("policies.<group>.<name>", text) pairs."""
    if not isinstance(policies, dict):
        raise TypeError(f"config 'policies' must be a dict, got {type(policies).__name__}")
    for group, values in policies.items():
        if group not in POLICY_GROUPS:
            _warn_ignored(f"policies.{group}")
            continue
        if not isinstance(values, dict):
            raise TypeError(f"config 'policies.{group}' must be a dict, got {type(values).__name__}")
        for name, value in values.items():
            key = f"policies.{group}.{name}"
            if name in POLICY_KEYS:
                yield key, _scalar_text(key, value)
            elif name in FILTER_KEYS:
                _refuse_default_filter(key, value)
            else:
                _warn_ignored(key)


def _tls_items(tls: Any) -> Iterator[tuple[str, str]]:
    """The ``tls`` setting as ("tls.<name>", text) pairs."""
    if not isinstance(tls, dict):
        raise TypeError(f"config 'tls' must be a dict, got {type(tls).__name__}")
    for name, value in tls.items():
        key = TLS_KEYS.get(name)
        if key is None:
            _warn_ignored(f"tls.{name}")
        elif name == "enable":
            if not isinstance(value, bool):
                raise TypeError(f"config 'tls.enable' must be a bool, got {type(value).__name__}")
            yield key, "true" if value else "false"
        elif not isinstance(value, str):
            raise TypeError(f"config 'tls.{name}' must be a str, got {type(value).__name__}")
        else:
            check_no_nul(f"config 'tls.{name}'", value)
            yield key, value


def _rack_ids_text(config: dict) -> str:
    """``rack_ids`` (or else ``rack_id``) as libaero's "1,2,3" text."""
    ids = config["rack_ids"] if "rack_ids" in config else [config["rack_id"]]
    if not isinstance(ids, (list, tuple)):
        raise TypeError(f"config 'rack_ids' must be a list of int, got {type(ids).__name__}")
    for rack in ids:
        if not isinstance(rack, int) or isinstance(rack, bool):
            raise TypeError(f"config rack ids must be int, got {type(rack).__name__}")
        if rack < 0:
            raise ValueError(f"config rack ids must be 0 or more, got {rack}")
    return ",".join(str(rack) for rack in ids)


def config_items(config: Any, username: Optional[str] = None, password: Optional[str] = None) -> list[tuple[str, str]]:
    """Translates a config dict (and ``connect``'s credentials) into libaero settings.

    Args:
        config: the aerospike-py config dict.
        username: overrides ``config["user"]`` when given.
        password: overrides ``config["password"]`` when ``username`` is given.

    Returns:
        ``(key, text)`` pairs for ``aero_config_set``, ``hosts`` first.

    Raises:
        TypeError: ``config`` is not a dict, or a value has the wrong type (a ``bool`` is not
            an int here).
        ValueError: a bad ``hosts`` setting (see :func:`hosts_text`), or a NUL character in
            a string setting.
    """
    if not isinstance(config, dict):
        raise TypeError(f"config must be a dict, got {type(config).__name__}")
    items = [("hosts", hosts_text(config))]
    for key, value in config.items():
        if key == "hosts":
            continue
        if key in STRING_KEYS or key in INT_KEYS or key in BOOL_KEYS:
            items.append((key, _scalar_text(key, value)))
        elif key == "policies":
            items.extend(_policy_items(value))
        elif key == "tls":
            items.extend(_tls_items(value))
        elif key in ("rack_id", "rack_ids"):
            continue  # below, once: rack_ids wins over rack_id
        elif _DEFAULT_ONLY.get(key, object()) != value:
            _warn_ignored(key)
    if "rack_id" in config or "rack_ids" in config:
        items.append(("rack_ids", _rack_ids_text(config)))
    if username is not None:
        items.append(("user", _scalar_text("user", username)))
        items.append(("password", _scalar_text("password", password)))
    return items
