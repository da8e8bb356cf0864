"""OpenTelemetry spans, one per command, as aerospike-py 0.14.4 makes them (an optional extra:
``pip install aero-py[otel]``).

``init_tracing()`` turns spans on: it uses the application's tracer provider when one is set,
else makes one from the standard ``OTEL_*`` variables with an OTLP exporter
(``OTEL_SDK_DISABLED=true`` or ``OTEL_TRACES_EXPORTER=none`` keep tracing off). Each command's
span is a child of the caller's current context (captured when an async command is
submitted) and carries ``db.system.name``, ``db.namespace``, ``db.collection.name``,
``db.operation.name``, ``server.address``, ``server.port`` and ``db.aerospike.cluster_name``;
a failure sets the error status, ``error.type`` and (for server errors)
``db.response.status_code``. Without OpenTelemetry installed both calls do nothing.
"""

import importlib
import logging
import os
import threading
from typing import Any, Optional

from ._metrics import error_type

logger = logging.getLogger("aerospike_py")

_active = False  # read on every command: spans are made only while it is set
_tracer: Any = None
_owned: Any = None  # the provider init_tracing made (shut down by shutdown_tracing)
_lock = threading.Lock()


def init_tracing() -> None:
    """Turns per-command spans on (idempotent, thread-safe).

    Reads ``OTEL_SDK_DISABLED``, ``OTEL_TRACES_EXPORTER``, ``OTEL_SERVICE_NAME`` (default
    ``aerospike-py``) and the OTLP exporter's ``OTEL_EXPORTER_OTLP_*`` variables.
    """
    global _active, _tracer, _owned
    with _lock:
        if _active:
            return
        if os.environ.get("OTEL_SDK_DISABLED", "").lower() == "true":
            logger.info("tracing stays off: OTEL_SDK_DISABLED=true")
            return
        if os.environ.get("OTEL_TRACES_EXPORTER", "").lower() == "none":
            logger.info("tracing stays off: OTEL_TRACES_EXPORTER=none")
            return
        try:
            from opentelemetry import trace
        except ImportError:
            logger.info("tracing stays off: OpenTelemetry is not installed (pip install aero-py[otel])")
            return
        provider = trace.get_tracer_provider()
        if isinstance(provider, (trace.ProxyTracerProvider, trace.NoOpTracerProvider)):
            provider = _make_provider()
            if provider is None:
                return
            _owned = provider
            trace.set_tracer_provider(provider)  # refused (with a warning) if one was set since
        _tracer = provider.get_tracer("aerospike-py")
        _active = True
        logger.info("tracing on")


def _make_provider() -> Any:
    try:
        # Imported by name: the OTLP exporter (with its gRPC stack) is in the otel extra but
        # not among the test dependencies, so the type checker may not find it.
        exporter = importlib.import_module("opentelemetry.exporter.otlp.proto.grpc.trace_exporter")
        from opentelemetry.sdk.resources import Resource
        from opentelemetry.sdk.trace import TracerProvider
        from opentelemetry.sdk.trace.export import BatchSpanProcessor
    except ImportError as e:
        logger.warning("tracing stays off: %s (pip install aero-py[otel])", e)
        return None
    resource = Resource.create({"service.name": os.environ.get("OTEL_SERVICE_NAME", "aerospike-py")})
    provider = TracerProvider(resource=resource)
    provider.add_span_processor(BatchSpanProcessor(exporter.OTLPSpanExporter()))
    return provider


def shutdown_tracing() -> None:
    """Turns spans off and, when ``init_tracing`` made the provider, flushes and shuts it down
    (call before the process exits so that every span is exported)."""
    global _active, _tracer, _owned
    with _lock:
        _active = False
        _tracer = None
        owned, _owned = _owned, None
    if owned is not None:
        owned.shutdown()


def connection_info(config: dict) -> tuple[str, int, str]:
    """The first seed's address and port and the cluster name, as aerospike-py reports them."""
    hosts = config.get("hosts") or [("", 0)]
    first = hosts[0]
    address, port = (first[0], first[1]) if isinstance(first, (tuple, list)) and len(first) >= 2 else (str(first), 3000)
    return str(address), int(port), str(config.get("cluster_name") or "")


def start(op: str, namespace: str, set_name: str, connection: tuple[str, int, str], context: Any = None) -> Any:
    """Starts a command's span (a child of ``context``, or of the current context).

    Returns:
        The span, or ``None`` while tracing is off.
    """
    tracer = _tracer
    if tracer is None:
        return None
    from opentelemetry.trace import SpanKind

    name = op.upper()
    address, port, cluster = connection
    return tracer.start_span(f"{name} {namespace}.{set_name}", context=context, kind=SpanKind.CLIENT, attributes={
        "db.system.name": "aerospike", "db.namespace": namespace, "db.collection.name": set_name,
        "db.operation.name": name, "server.address": address, "server.port": port,
        "db.aerospike.cluster_name": cluster,
    })


def end(span: Any, error: Optional[BaseException] = None) -> None:
    """Ends a span from :func:`start`, recording ``error`` when the command failed."""
    if span is None:
        return
    if error is not None:
        from opentelemetry.trace import Status, StatusCode

        code = getattr(error, "code", None)
        span.set_attribute("error.type", error_type(code) if isinstance(code, int) else type(error).__name__)
        if isinstance(code, int) and code > 0:
            span.set_attribute("db.response.status_code", error_type(code))
        span.set_status(Status(StatusCode.ERROR, str(error)))
    span.end()


def current_context() -> Any:
    """The caller's OpenTelemetry context (for an async command's span), or ``None``."""
    if not _active:
        return None
    from opentelemetry import context

    return context.get_current()
