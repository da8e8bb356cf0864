"""Operation metrics as aerospike-py 0.14.4 exposes them: ``get_metrics()`` gives OpenMetrics
text with the ``db_client_operation_duration_seconds`` histogram (per operation, namespace,
set and error type) and the ``db_client_internal_stage_seconds`` histogram, and a small HTTP
server serves it on ``/metrics``.

libaero counts and times every data command (see aero.h "Metrics"); this module only names
the operations libaero cannot tell apart (``select`` is a ``get`` to it) and formats the
snapshot. With metrics off nothing is added to a command. The internal stages (the parts of a
``batch_read`` spent in Python) are timed here, only while that profiling is on.
"""

import contextlib
import logging
import os
import threading
import time
from decimal import Decimal
from http.server import BaseHTTPRequestHandler, HTTPServer
from typing import Any, Iterator, Optional

import msgpack

from ._ffi import check, lib, thread_result, thread_state

logger = logging.getLogger("aerospike_py")

_OP_METRIC = "db_client_operation_duration_seconds"
_STAGE_METRIC = "db_client_internal_stage_seconds"
_OP_HELP = "Duration of database client operations."
_STAGE_HELP = ("Internal stage durations within a database operation (key_parse, limiter_wait, io, "
               "into_pyobject, to_dict, to_numpy, merge_to_dict, \u2026).")
_OP_BOUNDS = (0.001, 0.005, 0.01, 0.05, 0.1, 0.5, 1.0, 5.0, 10.0)
_STAGE_BOUNDS = (0.000001, 0.000005, 0.00001, 0.00005, 0.0001, 0.0005, 0.001, 0.002, 0.005, 0.01, 0.02,
                 0.05, 0.1, 0.5, 1.0)

# aerospike-py labels a failure with its core's error kind: the server result code's name, or
# the kind of a client-side failure.
_SERVER_ERROR_TYPES = {
    1: "ServerError", 2: "KeyNotFoundError", 3: "GenerationError", 4: "ParameterError", 5: "KeyExistsError",
    6: "BinExistsError", 7: "ClusterKeyMismatch", 8: "ServerMemError", 9: "Timeout", 10: "AlwaysForbidden",
    11: "PartitionUnavailable", 12: "BinTypeError", 13: "RecordTooBig", 14: "KeyBusy", 15: "ScanAbort",
    16: "UnsupportedFeature", 17: "BinNotFound", 18: "DeviceOverload", 19: "KeyMismatch", 20: "InvalidNamespace",
    21: "BinNameTooLong", 22: "FailForbidden", 23: "ElementNotFound", 24: "ElementExists", 25: "EnterpriseOnly",
    26: "OpNotApplicable", 27: "FilteredOut", 28: "LostConflict", 32: "XDRKeyBusy", 50: "QueryEnd",
    51: "SecurityNotSupported", 52: "SecurityNotEnabled", 53: "SecuritySchemeNotSupported", 54: "InvalidCommand",
    55: "InvalidField", 56: "IllegalState", 60: "InvalidUser", 61: "UserAlreadyExists", 62: "InvalidPassword",
    63: "ExpiredPassword", 64: "ForbiddenPassword", 65: "InvalidCredential", 66: "ExpiredSession", 70: "InvalidRole",
    71: "RoleAlreadyExists", 72: "InvalidPrivilege", 73: "InvalidAllowlist", 74: "QuotasNotEnabled",
    75: "InvalidQuota", 80: "NotAuthenticated", 81: "RoleViolation", 82: "NotAllowlisted", 83: "QuotaExceeded",
    100: "UdfBadResponse", 150: "BatchDisabled", 151: "BatchMaxRequestsExceeded", 152: "BatchQueuesFull",
    160: "InvalidGeojson", 200: "IndexFound", 201: "IndexNotFound", 202: "IndexOom", 203: "IndexNotReadable",
    204: "IndexGeneric", 205: "IndexNameMaxLen", 206: "IndexMaxCount", 210: "QueryAborted", 211: "QueryQueueFull",
    212: "QueryTimeout", 213: "QueryGeneric", 214: "QueryNetioErr", 215: "QueryDuplicate",
}
_CLIENT_ERROR_TYPES = {-2: "InvalidArgument", -7: "NoMoreConnections", -8: "InvalidNode", -10: "Connection"}

_enabled = True  # mirrors libaero's switch, so plans skip the labels when metrics are off


def error_type(code: int) -> str:
    """The ``error_type`` label of a result code: ``""`` for success.

    Args:
        code: the status code.

    Returns:
        aerospike-py's label for it (``"KeyNotFoundError"``, ``"Timeout"``, ``"Connection"``...).
    """
    if code == 0:
        return ""
    if code > 0:
        return _SERVER_ERROR_TYPES.get(code, f"Unknown({code})")
    return _CLIENT_ERROR_TYPES.get(code, "Unknown")


def _number(value: float) -> str:
    """A float as aerospike-py's encoder writes it: the shortest digits that read back the
    same, in plain notation down to 1e-6 and in scientific notation below; OpenMetrics'
    ``+Inf``, ``-Inf`` and ``NaN`` for the others."""
    sign, digits, exponent = Decimal(repr(float(value))).normalize().as_tuple()
    if not isinstance(exponent, int):  # "F" (infinite), "n" or "N" (NaN)
        return "NaN" if exponent != "F" else "-Inf" if sign else "+Inf"
    text = "".join(map(str, digits))
    point = len(digits) + exponent  # where the decimal point falls among the digits
    if exponent >= 0 and point <= 16:
        out = text + "0" * exponent + ".0"
    elif 0 < point <= 16:
        out = text[:point] + "." + text[point:]
    elif -6 < point <= 0:
        out = "0." + "0" * -point + text
    else:
        out = text[0] + ("." + text[1:] if len(text) > 1 else "") + f"e{point - 1}"
    return ("-" if sign else "") + out


def _escape(value: str) -> str:
    return value.replace("\\", "\\\\").replace('"', '\\"').replace("\n", "\\n")


def _histogram(out: list[str], name: str, labels: str, count: int, total: float, buckets: list[int],
               bounds: tuple) -> None:
    out.append(f"{name}_sum{{{labels}}} {_number(total)}")
    out.append(f"{name}_count{{{labels}}} {count}")
    running = 0
    for bound, n in zip(bounds, buckets):
        running += n
        out.append(f'{name}_bucket{{le="{_number(bound)}",{labels}}} {running}')
    out.append(f'{name}_bucket{{le="+Inf",{labels}}} {count}')


def get_metrics() -> str:
    """The collected metrics as OpenMetrics text (ending ``# EOF``), as aerospike-py gives them.

    Returns:
        The text of ``db_client_operation_duration_seconds`` (labels ``db_system_name``,
        ``db_namespace``, ``db_collection_name``, ``db_operation_name``, ``error_type``) and
        ``db_client_internal_stage_seconds`` (``stage``, ``db_operation_name``).
    """
    err, buf = thread_state()
    check(lib.aero_metrics_snapshot(buf, err), err)
    lines = [f"# HELP {_OP_METRIC} {_OP_HELP}", f"# TYPE {_OP_METRIC} histogram"]
    for op, ns, set_name, code, count, total, buckets in msgpack.unpackb(bytes(thread_result())):
        labels = (f'db_system_name="aerospike",db_namespace="{_escape(ns)}",db_collection_name="{_escape(set_name)}",'
                  f'db_operation_name="{_escape(op)}",error_type="{error_type(code)}"')
        _histogram(lines, _OP_METRIC, labels, count, total, buckets, _OP_BOUNDS)
    lines += [f"# HELP {_STAGE_METRIC} {_STAGE_HELP}", f"# TYPE {_STAGE_METRIC} histogram"]
    with _stages_lock:
        stages = [(key, list(value)) for key, value in _stages.items()]
    for (stage, op), (count, total, buckets) in stages:
        labels = f'stage="{_escape(stage)}",db_operation_name="{_escape(op)}"'
        _histogram(lines, _STAGE_METRIC, labels, count, total, buckets, _STAGE_BOUNDS)
    lines.append("# EOF")
    return "\n".join(lines) + "\n"


def set_metrics_enabled(enabled: bool) -> None:
    """Turns operation metrics on (the default) or off; off, commands record nothing.

    Args:
        enabled: ``True`` to record.
    """
    global _enabled
    _enabled = bool(enabled)
    lib.aero_metrics_set_enabled(1 if _enabled else 0)


def is_metrics_enabled() -> bool:
    """Whether operation metrics are on.

    Returns:
        ``True`` while commands record (the default).
    """
    return bool(lib.aero_metrics_enabled())


def labelled(packed: Optional[bytes], op: str) -> Optional[bytes]:
    """A packed ABI policy map with ``metrics_op`` set to ``op`` (while metrics are on).

    Args:
        packed: the policy map, or ``None``.
        op: aerospike-py's operation name.

    Returns:
        The map with the entry added, or ``packed`` unchanged with metrics off.
    """
    if not _enabled:
        return packed
    entry = _OP_ENTRIES.get(op)
    if entry is None:
        entry = _OP_ENTRIES[op] = msgpack.packb("metrics_op") + msgpack.packb(op)
    if packed is None:
        return b"\x81" + entry
    head = packed[0]
    if 0x80 <= head < 0x8F:  # a fixmap with room for one more key
        return bytes((head + 1,)) + packed[1:] + entry
    return msgpack.packb({**msgpack.unpackb(packed), "metrics_op": op})


_OP_ENTRIES: dict[str, bytes] = {}

# Internal stages: {(stage, op): [count, sum, buckets]}, filled while profiling is on.
_stages: dict[tuple[str, str], list] = {}
_stages_lock = threading.Lock()
_stage_profiling = os.environ.get("AEROSPIKE_PY_INTERNAL_METRICS", "").strip().lower() in ("1", "true", "yes", "on")


def set_internal_stage_metrics_enabled(enabled: bool) -> None:
    """Turns internal stage profiling on or off (off by default; the environment variable
    ``AEROSPIKE_PY_INTERNAL_METRICS=1`` turns it on at start). It times the parts of
    ``batch_read`` spent in the Python layer, as ``db_client_internal_stage_seconds``:
    ``key_parse`` (checking and packing the keys), ``to_dict`` (building the result from the
    decoded reply) and ``to_numpy`` (``LazyBatchRecords.to_numpy``); the time in libaero is
    the operation histogram's.

    Args:
        enabled: ``True`` to profile.
    """
    global _stage_profiling
    _stage_profiling = bool(enabled)


def is_internal_stage_metrics_enabled() -> bool:
    """Whether internal stage profiling is on.

    Returns:
        ``True`` while stages are timed.
    """
    return _stage_profiling


@contextlib.contextmanager
def internal_stage_profiling() -> Iterator[None]:
    """Turns internal stage profiling on for a block, then back to what it was."""
    previous = _stage_profiling
    set_internal_stage_metrics_enabled(True)
    try:
        yield
    finally:
        set_internal_stage_metrics_enabled(previous)


def stage_started() -> Optional[int]:
    """A start time for :func:`stage_done`, or ``None`` while profiling is off."""
    return time.perf_counter_ns() if _stage_profiling else None


def stage_done(stage: str, op: str, started: Optional[int]) -> Optional[int]:
    """Records the stage begun at ``started`` (nothing when ``None``).

    Returns:
        The time now, to start the next stage from (``None`` while profiling is off).
    """
    if started is None:
        return None
    now = time.perf_counter_ns()
    seconds = (now - started) / 1e9
    with _stages_lock:
        entry = _stages.get((stage, op))
        if entry is None:
            entry = _stages[stage, op] = [0, 0.0, [0] * len(_STAGE_BOUNDS)]
        entry[0] += 1
        entry[1] += seconds
        for i, bound in enumerate(_STAGE_BOUNDS):
            if seconds <= bound:
                entry[2][i] += 1
                break
    return now


class _MetricsHandler(BaseHTTPRequestHandler):
    """Serves ``/metrics``; 404 elsewhere."""

    def do_GET(self) -> None:  # noqa: N802 (http.server's name)
        if self.path.split("?", 1)[0] != "/metrics":
            self.send_response(404)
            self.end_headers()
            return
        body = get_metrics().encode("utf-8")
        self.send_response(200)
        self.send_header("Content-Type", "text/plain; version=0.0.4; charset=utf-8")
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        self.wfile.write(body)

    def log_message(self, format: str, *args: Any) -> None:  # noqa: A002 (http.server's signature)
        logger.debug(format, *args)


_server: Optional[HTTPServer] = None
_server_thread: Optional[threading.Thread] = None
_server_lock = threading.Lock()


def start_metrics_server(port: int = 9464) -> None:
    """Serves ``get_metrics()`` at ``http://<host>:<port>/metrics`` from a daemon thread; a
    server already running is replaced (after the new one is bound).

    Args:
        port: the TCP port (0 picks a free one; see :func:`metrics_server_port`).

    Raises:
        OSError: the port cannot be bound (a running server is then kept).
    """
    global _server, _server_thread
    with _server_lock:
        old, old_thread = _server, _server_thread
        if old is not None and port != 0 and old.server_address[1] == port:
            _stop(old, old_thread)
            old = old_thread = None
            _server = _server_thread = None
        server = HTTPServer(("", port), _MetricsHandler)
        thread = threading.Thread(target=server.serve_forever, name="aerospike-py-metrics", daemon=True)
        thread.start()
        if old is not None:
            _stop(old, old_thread)
        _server, _server_thread = server, thread


def metrics_server_port() -> Optional[int]:
    """The port the metrics server listens on, or ``None`` when none runs."""
    server = _server
    return server.server_address[1] if server is not None else None


def stop_metrics_server() -> None:
    """Stops the metrics server (a no-op when none runs)."""
    global _server, _server_thread
    with _server_lock:
        if _server is not None:
            _stop(_server, _server_thread)
        _server = _server_thread = None


def _stop(server: HTTPServer, thread: Optional[threading.Thread]) -> None:
    server.shutdown()
    server.server_close()
    if thread is not None:
        thread.join(timeout=5)
