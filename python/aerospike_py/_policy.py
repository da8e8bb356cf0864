"""aerospike-py policy and meta dicts to the ABI's policy msgpack map.

What aerospike-py does, this does:

- unknown keys are ignored silently;
- ``filter_expression`` (or its alias ``expressions``, seed 001's name) takes an expression
  built by :mod:`aerospike_py.exp`, or ``None``; any other value raises ``TypeError`` (where
  aerospike-py ignores it: a filter that is not applied would make a conditional write apply
  unconditionally), and a tree the server could not run raises as ``_exp`` says;
- a value of the wrong type raises ``TypeError`` (a ``bool`` is not an int here);
- an enum value out of range (``exists``, ``gen``, ``commit_level``, ``replica``,
  ``read_mode_ap``) falls back to the default; ``key`` other than ``POLICY_KEY_SEND`` means digest;
- ``ttl`` must be -2, -1, 0 or 1..4294967295 and ``read_touch_ttl_percent`` -1..100, else
  ``InvalidArgError`` (``TTL_CLIENT_DEFAULT``, -3, is rejected as in aerospike-py);
- ``meta`` is applied first (``{"gen": n}`` sets the expected generation *and*
  ``POLICY_GEN_EQ``; ``{"ttl": t}`` sets the TTL), then the policy dict overrides it.

Timeouts and retry counts must fit an unsigned 32-bit integer, else ``InvalidArgError``.
No policy (or an empty one) crosses as NULL, so the client's defaults apply without packing.
"""

from typing import Any, Callable, Optional

import msgpack

from . import _constants as C
from . import _exp
from .exception import invalid_argument

_U32_MAX = 0xFFFFFFFF

_packb = msgpack.packb

Converter = Callable[[str, Any], Any]

#: The policy keys that carry a filter expression (``expressions`` is seed 001's name).
FILTER_KEYS = frozenset({"filter_expression", "expressions"})


def pack_map(out: dict[str, Any]) -> Optional[bytes]:
    """Packs an ABI policy map (``None`` when empty). The filter entry comes packed already
    (``_exp.policy_entry``) and is appended as it is."""
    entry = out.pop("filter_expression", None)
    if entry is None:
        return _packb(out) if out else None
    if not out:
        return b"\x81" + entry
    body = _packb(out)
    if len(out) < 15:  # a fixmap: one more entry is one more in its first byte
        return bytes((body[0] + 1,)) + body[1:] + entry
    header = b"\xde" + (len(out) + 1).to_bytes(2, "big")
    return header + body[3 if body[0] == 0xDE else 1:] + entry


def add_filter(name: str, value: Any, out: dict[str, Any]) -> None:
    """Adds a filter expression, packed, to an ABI policy map (``None`` adds nothing).

    Raises:
        TypeError: ``value`` is not an expression.
        InvalidArgError: both ``filter_expression`` and ``expressions`` are given.
        ValueError: a malformed expression (see ``_exp``).
    """
    if value is None:
        return
    if type(value) is not _exp.Node and not _exp.is_expr(value):
        raise TypeError(f"policy '{name}' must be an expression built by aerospike_py.exp, got "
                        f"{type(value).__name__}")
    if "filter_expression" in out:
        raise invalid_argument("policy gives both 'filter_expression' and 'expressions'")
    out["filter_expression"] = _exp.policy_entry(value)


def _int(name: str, value: Any) -> int:
    # bool is an int subclass, but ``ttl=True`` or ``total_timeout=True`` is a mistake, not 1.
    if not isinstance(value, int) or isinstance(value, bool):
        raise TypeError(f"policy '{name}' must be an int, got {type(value).__name__}")
    return int(value)


def _u32(name: str, value: Any) -> int:
    number = _int(name, value)
    if not 0 <= number <= _U32_MAX:
        raise invalid_argument(f"policy '{name}' must be between 0 and {_U32_MAX}, got {number}")
    return number


def _bool(name: str, value: Any) -> bool:
    if not isinstance(value, bool):
        raise TypeError(f"policy '{name}' must be a bool, got {type(value).__name__}")
    return value


def _enum(count: int, default: int) -> Converter:
    """A converter for values 0..count-1, falling back to ``default`` outside that range."""

    def convert(name: str, value: Any) -> int:
        number = _int(name, value)
        return number if 0 <= number < count else default

    return convert


def _send_key(name: str, value: Any) -> int:
    return C.POLICY_KEY_SEND if _int(name, value) == C.POLICY_KEY_SEND else C.POLICY_KEY_DIGEST


def _ttl(name: str, value: Any) -> int:
    number = _int(name, value)
    if not C.TTL_DONT_UPDATE <= number <= _U32_MAX:
        raise invalid_argument(
            f"{name} must be -2 (don't update), -1 (never expire), 0 (namespace default) "
            f"or 1..{_U32_MAX} seconds, got {number}"
        )
    return number


def _touch_percent(name: str, value: Any) -> int:
    number = _int(name, value)
    if not C.READ_TOUCH_TTL_PERCENT_DONT_RESET <= number <= 100:
        raise invalid_argument(f"policy '{name}' must be -1 (don't reset), 0 (server default) or 1..100, got {number}")
    return number


def _multiplier(name: str, value: Any) -> float:
    if isinstance(value, bool) or not isinstance(value, (int, float)):
        raise TypeError(f"policy '{name}' must be a number, got {type(value).__name__}")
    if not 1 <= value <= 100:
        raise invalid_argument(f"policy '{name}' must be from 1 to 100, got {value}")
    return float(value)


_BASE_FIELDS: dict[str, Converter] = {
    # Retry backoff, beyond aerospike-py: the pause grows by backoff_multiplier per retry, up to
    # max_sleep_between_retries, and with jitter is a random time up to that.
    "backoff_multiplier": _multiplier,
    "max_sleep_between_retries": _u32,
    "jitter": _bool,
    "socket_timeout": _u32,
    "total_timeout": _u32,
    "max_retries": _u32,
    "sleep_between_retries": _u32,
    # After a reply times out, its connection is drained for up to this many ms and pooled
    # again rather than closed (get_stats() counts it as recovered or aborted).
    "timeout_delay": _u32,
    "read_mode_ap": _enum(2, C.POLICY_READ_MODE_AP_ONE),
    "read_mode_sc": _enum(4, C.POLICY_READ_MODE_SC_SESSION),
    "read_touch_ttl_percent": _touch_percent,
}

READ_FIELDS: dict[str, Converter] = {
    **_BASE_FIELDS,
    "replica": _enum(3, C.POLICY_REPLICA_SEQUENCE),
}

WRITE_FIELDS: dict[str, Converter] = {
    **_BASE_FIELDS,
    "durable_delete": _bool,
    "key": _send_key,
    "exists": _enum(5, C.POLICY_EXISTS_IGNORE),
    "gen": _enum(3, C.POLICY_GEN_IGNORE),
    "commit_level": _enum(2, C.POLICY_COMMIT_LEVEL_ALL),
    "ttl": _ttl,
}

ADMIN_FIELDS: dict[str, Converter] = {"timeout": _u32}

# A batch policy holds the read settings and the defaults of its write rows.
BATCH_FIELDS: dict[str, Converter] = {
    **READ_FIELDS,
    **WRITE_FIELDS,
    "allow_inline": _bool,
    "allow_inline_ssd": _bool,
    "respond_all_keys": _bool,
    "concurrency": _enum(2, C.BATCH_CONCURRENCY_PARALLEL),
}

# What a batch row's own meta may set (aerospike-py's WriteMeta / BatchDeleteMeta).
_ROW_META_FIELDS: dict[str, Converter] = {
    name: WRITE_FIELDS[name] for name in ("ttl", "key", "exists", "commit_level", "durable_delete")
}


def translate(fields: dict[str, Converter], policy: Any, out: dict[str, Any]) -> dict[str, Any]:
    """Adds the known keys of an aerospike-py policy dict to an ABI policy map.

    Args:
        fields: the converters of the keys this kind of policy knows.
        policy: the user's policy dict.
        out: the ABI map being built (modified and returned).

    Returns:
        ``out``.

    Raises:
        TypeError: ``policy`` is not a dict, or a value has the wrong type.
        InvalidArgError: a value out of its allowed range.
    """
    if not isinstance(policy, dict):
        raise TypeError(f"policy must be a dict, got {type(policy).__name__}")
    for name, value in policy.items():
        convert = fields.get(name)
        if convert is not None:
            out[name] = convert(name, value)
        elif name in FILTER_KEYS:
            add_filter(name, value, out)
    return out


def _packed(fields: dict[str, Converter], policy: Any) -> Optional[bytes]:
    if policy is None:
        return None
    out = translate(fields, policy, {})
    return pack_map(out)


def read_policy(policy: Any) -> Optional[bytes]:
    """Packs a read policy.

    Args:
        policy: a ``ReadPolicy`` dict or ``None``.

    Returns:
        The msgpack map, or ``None`` for the client's defaults.

    Raises:
        TypeError, InvalidArgError: see :func:`translate`.
    """
    return _packed(READ_FIELDS, policy)


def _refuse_filter(policy: Any) -> None:
    if isinstance(policy, dict) and any(policy.get(name) is not None for name in FILTER_KEYS):
        raise invalid_argument("an admin command (info, truncate) takes no filter expression")


def admin_policy(policy: Any) -> Optional[bytes]:
    """Packs an admin policy (info, truncate).

    Args:
        policy: an ``AdminPolicy`` dict or ``None``.

    Returns:
        The msgpack map, or ``None`` for the client's defaults.

    Raises:
        TypeError, InvalidArgError: see :func:`translate`; a filter expression, which an
            admin command cannot apply.
    """
    _refuse_filter(policy)
    return _packed(ADMIN_FIELDS, policy)


def info_policy(policy: Any) -> Optional[bytes]:
    """Packs the policy of ``info_all`` / ``info_random_node``: an admin policy whose node
    ``ERROR:...`` answers come back as text (aerospike-py returns them rather than raising).

    Raises:
        TypeError, InvalidArgError: see :func:`admin_policy`.
    """
    _refuse_filter(policy)
    out = translate(ADMIN_FIELDS, policy, {}) if policy is not None else {}
    out["raw_errors"] = True
    return pack_map(out)


def batch_policy(policy: Any) -> Optional[bytes]:
    """Packs a batch policy (``BatchPolicy`` with the ``BatchReadPolicy`` fields).

    Args:
        policy: the dict or ``None``.

    Returns:
        The msgpack map, or ``None`` for the client's defaults.

    Raises:
        TypeError, InvalidArgError: see :func:`translate`.
    """
    return _packed(BATCH_FIELDS, policy)


def _generation(meta: dict, out: dict[str, Any]) -> None:
    """``meta["gen"]`` sets the expected generation and turns on the equality check."""
    generation = meta.get("gen")
    if generation is not None:
        out["generation"] = _u32("gen", generation)
        out["gen"] = C.POLICY_GEN_EQ


def row_meta(meta: Any) -> Optional[bytes]:
    """The packed policy map of one batch row from its meta (which overrides the batch policy).

    Args:
        meta: a ``WriteMeta``/``BatchDeleteMeta`` dict or ``None``.

    Returns:
        The msgpack map, or ``None`` when the row keeps the batch's settings.

    Raises:
        TypeError: ``meta`` is not a dict, or a value has the wrong type.
        InvalidArgError: a value out of its allowed range.
    """
    if meta is None:
        return None
    if not isinstance(meta, dict):
        raise TypeError(f"meta must be a dict, got {type(meta).__name__}")
    out: dict[str, Any] = {}
    _generation(meta, out)
    for name in FILTER_KEYS:
        add_filter(name, meta.get(name), out)
    for name, convert in _ROW_META_FIELDS.items():
        value = meta.get(name)
        if value is not None:
            out[name] = convert(name, value)
    return pack_map(out)


def write_policy(meta: Any, policy: Any, ttl: Optional[int] = None) -> Optional[bytes]:
    """Packs a write policy from ``meta``, then ``policy``, then an explicit ``ttl``.

    Args:
        meta: a ``WriteMeta`` dict or ``None``; only ``gen`` and ``ttl`` apply to
            single-record commands.
        policy: a ``WritePolicy`` dict or ``None``.
        ttl: a TTL that overrides both (``touch``'s ``val``), or ``None``.

    Returns:
        The msgpack map, or ``None`` for the client's defaults.

    Raises:
        TypeError: ``meta`` or ``policy`` is not a dict, or a value has the wrong type.
        InvalidArgError: a value out of its allowed range.
    """
    out: dict[str, Any] = {}
    if meta is not None:
        if not isinstance(meta, dict):
            raise TypeError(f"meta must be a dict, got {type(meta).__name__}")
        _generation(meta, out)
        meta_ttl = meta.get("ttl")
        if meta_ttl is not None:
            out["ttl"] = _ttl("ttl", meta_ttl)
    if policy is not None:
        translate(WRITE_FIELDS, policy, out)
    if ttl is not None:
        out["ttl"] = _ttl("ttl", ttl)
    return pack_map(out)
