"""Keys, bins and values to the ABI's msgpack shapes, validated as aerospike-py validates them.

Validation raises Python's own ``TypeError``/``ValueError`` before anything crosses the ABI, so
bad arguments fail the same way whether or not the client is connected.
"""

import threading
from typing import Any

import msgpack

from .types import GeoJSON

#: The server's limit on bin names, in UTF-8 bytes.
MAX_BIN_NAME_BYTES = 15
#: Nesting levels allowed in a value (a bin's value is level 0), as in aerospike-py.
MAX_NESTING_DEPTH = 64
#: Length of a key digest (RIPEMD-160), in bytes.
DIGEST_BYTES = 20

_INT64_MIN = -(1 << 63)
_INT64_MAX = (1 << 63) - 1

_EXT_GEOJSON = 2  # AERO_EXT_GEOJSON


# Set by check_value() when the value it checked holds a GeoJSON; the next packb() on this
# thread then packs strictly. A GeoJSON is a str subclass, which msgpack's fast path would
# write as a plain string.
_geo = threading.local()


# The value types, most derived first (bool before int): _strict makes a subclass's value one of these.
_VALUE_TYPES: tuple[type, ...] = (bool, int, float, str, bytes, list, dict)


def _strict(value: Any) -> Any:
    """The ABI form of what strict packing does not take as is: a GeoJSON, and subclasses
    of the value types (IntEnum, str subclasses, OrderedDict...)."""
    if type(value) is GeoJSON:
        return msgpack.ExtType(_EXT_GEOJSON, value.encode("utf-8", "surrogateescape"))
    for base in _VALUE_TYPES:
        if isinstance(value, base):
            return base(value)
    raise TypeError(f"Unsupported type for Aerospike value: {type(value).__name__}")


_packb = msgpack.packb
# One packer for plain values only: exact ``str`` and ``int`` user keys (pack_key's fast path)
# and exact dicts of ``str``, ``int``, ``float``, ``bytes`` and ``None`` values (pack_bins').
# Packing them runs no Python code, so the GIL is held throughout and threads cannot interleave
# in its buffer; ``packb`` would build a packer per call, which costs more than the packing.
_pack_plain = msgpack.Packer().pack


def packb(value: Any) -> bytes:
    """Packs a value for the ABI.

    A ``str`` holding lone surrogates (a string read back from a bin that is not valid UTF-8,
    decoded with ``surrogateescape``) is written back as the very bytes it was read from, so
    every stored value survives a read-modify-write. Only such a value takes the second
    pass: msgpack's error handler slows the packing of every string, so it is not the default.
    A value holding a ``GeoJSON`` (which :func:`check_value` saw) is packed strictly.
    """
    if getattr(_geo, "seen", False):
        _geo.seen = False
        return _packb(value, unicode_errors="surrogateescape", strict_types=True, default=_strict)
    try:
        return _packb(value)
    except UnicodeEncodeError:
        return _packb(value, unicode_errors="surrogateescape")


def check_value(value: Any, depth: int = 0) -> None:
    """Checks that ``value`` can be stored in a bin.

    Accepted: ``None``, ``bool``, ``int`` (signed 64-bit), ``float``, ``str``, ``bytes``,
    ``types.GeoJSON``, and ``list``/``dict`` of those nested at most :data:`MAX_NESTING_DEPTH`
    levels.

    Args:
        value: the value to check.
        depth: the nesting level of ``value``.

    Raises:
        TypeError: an unsupported type (tuple, set, bytearray, ...).
        ValueError: an integer outside the signed 64-bit range, or nesting too deep.
    """
    if depth > MAX_NESTING_DEPTH:
        raise ValueError(f"Value nesting exceeds maximum depth of {MAX_NESTING_DEPTH}")
    if value is None or isinstance(value, (str, bytes, float)):
        if type(value) is GeoJSON:
            _geo.seen = True
        return
    if isinstance(value, int):
        if not _INT64_MIN <= value <= _INT64_MAX:
            raise ValueError(f"integer {value} is outside the signed 64-bit range of an Aerospike integer")
        return
    if isinstance(value, list):
        for item in value:
            check_value(item, depth + 1)
        return
    if isinstance(value, dict):
        for map_key, item in value.items():
            check_value(map_key, depth + 1)
            check_value(item, depth + 1)
        return
    raise TypeError(f"Unsupported type for Aerospike value: {type(value).__name__}")


def check_no_nul(what: str, text: str) -> None:
    """Checks that a name holds no NUL character.

    The server keeps namespace, set and bin names as C strings, and text handed to libaero as
    ``char *`` ends at the first NUL, so a NUL would silently name something else.

    Args:
        what: what the text is, for the message ("Bin name", "Key set", ...).
        text: the text to check.

    Raises:
        ValueError: ``text`` contains ``"\\0"``.
    """
    if "\0" in text:
        raise ValueError(f"{what} must not contain NUL characters, got {text!r}")


def check_name(what: str, value: Any) -> str:
    """Checks a name sent as text (a namespace, an index, a UDF module): a non-empty str
    without NUL.

    Returns:
        ``value``.

    Raises:
        TypeError: not a str.
        ValueError: empty, or with a NUL.
    """
    if not isinstance(value, str):
        raise TypeError(f"{what} must be a str, got {type(value).__name__}")
    if not value:
        raise ValueError(f"{what} must not be empty")
    check_no_nul(what, value)
    return value


def check_bin_name(name: Any) -> None:
    """Checks a bin name: a non-empty ``str`` of at most 15 UTF-8 bytes, without NUL.

    Args:
        name: the bin name.

    Raises:
        TypeError: not a ``str``.
        ValueError: empty, too long, or containing a NUL character.
    """
    if not isinstance(name, str):
        raise TypeError(f"bin name must be a str, got {type(name).__name__}")
    length = len(name)
    if length == 0:
        raise ValueError("Bin name must not be empty")
    check_no_nul("Bin name", name)
    # Up to 3 characters always fit (at most 4 UTF-8 bytes each); only longer names are encoded.
    if length > 3:
        size = len(name.encode("utf-8", "surrogateescape"))
        if size > MAX_BIN_NAME_BYTES:
            raise ValueError(f"Bin name '{name}' exceeds the {MAX_BIN_NAME_BYTES}-byte limit ({size} bytes)")


def pack_bins(bins: Any) -> bytes:
    """Validates a bins dict and packs it as the ABI's ``bins`` map.

    Args:
        bins: ``{name: value}``; a ``None`` value deletes the bin.

    Returns:
        The msgpack bytes.

    Raises:
        TypeError: ``bins`` is not a dict, or a name or value has an unsupported type.
        ValueError: a bad bin name or value (see :func:`check_bin_name`, :func:`check_value`).
    """
    if not isinstance(bins, dict):
        raise TypeError(f"bins argument must be a dict, got {type(bins).__name__}")
    plain = type(bins) is dict
    for name, value in bins.items():
        if name not in _checked_names:
            check_bin_name(name)
            if len(_checked_names) < _MAX_CACHED:
                _checked_names.add(name)
        # The common scalars inline; everything else (and a GeoJSON, a str subclass) checked.
        kind = type(value)
        if kind is str or kind is float or kind is bytes or value is None:
            continue
        if kind is int and _INT64_MIN <= value <= _INT64_MAX:
            continue
        plain = False
        check_value(value)
    if plain:
        try:
            return _pack_plain(bins)
        except UnicodeEncodeError:  # lone surrogates: packb's second pass
            pass
    return packb(bins)


def pack_bin_names(names: Any) -> bytes:
    """Validates a list of bin names and packs it as the ABI's ``names`` array.

    Args:
        names: a list (or tuple) of bin names.

    Returns:
        The msgpack bytes.

    Raises:
        TypeError: ``names`` is not a list or tuple, or a name is not a ``str``.
        ValueError: a name is empty, too long, or contains a NUL character.
    """
    if not isinstance(names, (list, tuple)):
        raise TypeError(f"bin names must be a list of str, got {type(names).__name__}")
    for name in names:
        check_bin_name(name)
    return packb(names)


def _check_user_key(user_key: Any, has_digest: bool) -> None:
    """Checks a user key: ``str``, ``bytes`` or signed 64-bit ``int``; ``None`` with a digest."""
    if isinstance(user_key, (str, bytes)):
        return
    if isinstance(user_key, int) and not isinstance(user_key, bool):
        if not _INT64_MIN <= user_key <= _INT64_MAX:
            raise ValueError(f"Invalid key: integer user key {user_key} is outside the signed 64-bit range")
        return
    if user_key is None and has_digest:
        return
    raise ValueError(f"Invalid key: user key must be str, int or bytes, got {type(user_key).__name__}")


def split_key(key: Any) -> tuple[str, str, Any, Any]:
    """Validates a key tuple and returns its parts.

    Args:
        key: ``(namespace, set, user_key)`` or ``(namespace, set, user_key, digest)``.

    Returns:
        ``(namespace, set_name, user_key, digest)``; ``digest`` is ``None`` unless a 20-byte
        digest was given (a digest of another length is ignored, as in aerospike-py).

    Raises:
        TypeError: ``key`` is not a tuple, namespace or set is not a ``str``, or the digest is
            not bytes.
        ValueError: fewer than 3 or more than 4 elements, a NUL character in the namespace or
            set, or an invalid user key.
    """
    if not isinstance(key, tuple):
        raise TypeError(f"key must be a tuple (namespace, set, user_key), got {type(key).__name__}")
    if not 3 <= len(key) <= 4:
        raise ValueError(f"Key tuple must have 3 or 4 elements: (namespace, set, key[, digest]), got {len(key)}")
    namespace, set_name, user_key = key[0], key[1], key[2]
    if not isinstance(namespace, str):
        raise TypeError(f"key namespace must be a str, got {type(namespace).__name__}")
    if not isinstance(set_name, str):
        raise TypeError(f"key set must be a str, got {type(set_name).__name__}")
    check_no_nul("Key namespace", namespace)
    check_no_nul("Key set", set_name)
    digest = key[3] if len(key) > 3 else None
    if digest is not None:
        if not isinstance(digest, (bytes, bytearray)):
            raise TypeError(f"key digest must be bytes, got {type(digest).__name__}")
        digest = bytes(digest) if len(digest) == DIGEST_BYTES else None
    _check_user_key(user_key, digest is not None)
    return namespace, set_name, user_key, digest


def pack_key(key: Any) -> tuple[bytes, tuple[str, str, Any, Any]]:
    """Validates a key tuple and packs it as the ABI's ``key`` array.

    A ``(namespace, set, user_key)`` key whose namespace and set were checked before, with a
    ``str`` or 64-bit ``int`` user key, takes a fast path: the packed head of its pair is
    cached, and only the user key is packed.

    Args:
        key: see :func:`split_key`.

    Returns:
        The msgpack bytes, and the key's parts as :func:`split_key` returns them (used to build
        the ``AerospikeKey`` of the result).

    Raises:
        TypeError, ValueError: see :func:`split_key`.
    """
    if type(key) is tuple and len(key) == 3:
        namespace, set_name, user_key = key
        if type(namespace) is str and type(set_name) is str:
            sets = _key_heads.get(namespace)
            head = sets.get(set_name) if sets is not None else None
            kind = type(user_key)
            if head is not None and (kind is str or (kind is int and _INT64_MIN <= user_key <= _INT64_MAX)):
                try:
                    return head + _pack_plain(user_key), (namespace, set_name, user_key, None)
                except UnicodeEncodeError:  # lone surrogates: packb's second pass
                    pass
    return _pack_checked_key(key)


def pack_key_rows(keys: Any, tail: bytes) -> tuple[list[bytes], list[tuple[str, str, Any, Any]]]:
    """Packs a batch's keys as its rows ``[key, ...]``, each row's packed rest after the key
    being ``tail``.

    Consecutive keys of one namespace and set with a ``str`` or 64-bit ``int`` user key (the
    fast path of :func:`pack_key`) share one row, whose key holds their user keys as an array:
    libaero reads ``[namespace, set, [user_key, ...]]`` as one row per user key, so the user
    keys of a run are packed in one call, and the row's head is looked up once. Every other key
    goes through :func:`pack_key`.

    Args:
        keys: the key tuples.
        tail: the row's packed elements after the key.

    Returns:
        The rows' bytes (fewer rows than keys when keys share one), and each key's parts (see
        :func:`pack_key`), in order.

    Raises:
        TypeError, ValueError: the first bad key, as :func:`pack_key` raises.
    """
    rows: list[bytes] = []
    parts: list[tuple[str, str, Any, Any]] = []
    add_parts = parts.append
    # The current run's namespace, set and row head; a run is only ever added with a head.
    last_namespace: Any = None
    last_set: Any = None
    head: Any = None
    run: list[Any] = []
    add_to_run = run.append
    for key in keys:
        if type(key) is tuple and len(key) == 3:
            namespace, set_name, user_key = key
            if namespace is not last_namespace or set_name is not last_set:
                if run:
                    _add_run(rows, head, run, tail, last_namespace, last_set)
                last_namespace, last_set, head = namespace, set_name, None
                if type(namespace) is str and type(set_name) is str:
                    head = _key_heads.get(namespace, {}).get(set_name)
            kind = type(user_key)
            if head is not None and (kind is str or (kind is int and _INT64_MIN <= user_key <= _INT64_MAX)):
                add_to_run(user_key)
                add_parts((namespace, set_name, user_key, None))
                continue
        if run:
            _add_run(rows, head, run, tail, last_namespace, last_set)
        key_bytes, key_parts = pack_key(key)
        rows.append(b"\x93" + key_bytes + tail)
        add_parts(key_parts)
        last_namespace = None  # pack_key may have cached the pair's head meanwhile
    if run:
        _add_run(rows, head, run, tail, last_namespace, last_set)
    return rows, parts


def _add_run(rows: list[bytes], head: bytes, run: list[Any], tail: bytes, namespace: str, set_name: str) -> None:
    """Adds the row of a run of user keys of one namespace and set, whose key head is ``head``
    (see :func:`pack_key_rows`; a run of one key is a plain row), and empties the run."""
    try:
        rows.append(b"\x93" + head + _pack_plain(run if len(run) > 1 else run[0]) + tail)
    except UnicodeEncodeError:  # a lone surrogate: one row per key, through pack_key's second pass
        rows.extend(b"\x93" + pack_key((namespace, set_name, user_key))[0] + tail for user_key in run)
    run.clear()


# namespace -> set -> the packed head (array header, namespace, set) of a key array, for the
# pairs split_key() accepted; bounded, as a program names few namespaces and sets.
_key_heads: dict[str, dict[str, bytes]] = {}
# Bin names check_bin_name() accepted, bounded the same way.
_checked_names: set[str] = set()
_MAX_CACHED = 4096


def _pack_checked_key(key: Any) -> tuple[bytes, tuple[str, str, Any, Any]]:
    parts = split_key(key)
    namespace, set_name, user_key, digest = parts
    if isinstance(user_key, bytes):
        # aerospike-py and the official Python client digest and store a bytes key as a
        # string particle (a bytearray would be a blob); a msgpack str carries the raw bytes
        # unchecked, so the same bytes reach the same record from every Python client.
        head = b"\x94" if digest is not None else b"\x93"
        tail = packb(digest) if digest is not None else b""
        return head + packb(namespace) + packb(set_name) + _packb(user_key, use_bin_type=False) + tail, parts
    if digest is not None:
        return packb([namespace, set_name, user_key, digest]), parts
    if type(namespace) is str and type(set_name) is str and len(_key_heads) < _MAX_CACHED:
        sets = _key_heads.setdefault(namespace, {})
        if len(sets) < _MAX_CACHED:
            sets[set_name] = b"\x93" + packb(namespace) + packb(set_name)
    return packb([namespace, set_name, user_key]), parts
