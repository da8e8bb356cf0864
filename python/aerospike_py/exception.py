"""The aerospike-py exception tree, with the error's details as attributes.

Every class lives here and is re-exported at the top level of ``aerospike_py``. Beyond
aerospike-py, whose exceptions carry only a message, each exception has:

- ``code``: the Aerospike status (positive: server result code; negative: client side, numbered
  as the official C client numbers them), or ``None`` when raised by user code without one;
  ``result_code`` is the same value under aerospike-py's name;
- ``msg``: the library's text without the ``"AEROSPIKE_ERR (<code>): "`` prefix;
- ``in_doubt``: ``True`` when a failed write may nevertheless have been applied;
- ``node``: the name of the node that answered or failed, ``""`` when none was involved.

``str(exc)`` reads ``"AEROSPIKE_ERR (<code>): <text>"`` with ``" [in_doubt]"`` appended when the
write is in doubt, as in aerospike-py.

Status codes map to classes as in aerospike-py, with two deliberate differences: a server-side
timeout (code 9) raises :class:`AerospikeTimeoutError` rather than :class:`ServerError`, and
``AEROSPIKE_ERR_MAX_RETRIES_EXCEEDED`` (-12, the retries ran out on retryable failures such as
timeouts) raises :class:`AerospikeTimeoutError` too, because for the caller it means "the
command did not complete in the time and attempts allowed".
"""

import warnings
from typing import Optional, cast


class AerospikeError(Exception):
    """Base class of every error raised by the client.

    Args:
        *args: the message (as for any exception).
        code: the Aerospike status code, if known.
        msg: the message without the code prefix; defaults to the first argument.
        in_doubt: whether a failed write may have been applied.
        node: the node involved, or ``""``.
    """

    def __init__(
        self,
        *args: object,
        code: Optional[int] = None,
        msg: Optional[str] = None,
        in_doubt: bool = False,
        node: str = "",
    ) -> None:
        super().__init__(*args)
        self.code = code
        self.msg = msg if msg is not None else (str(args[0]) if args else "")
        self.in_doubt = in_doubt
        self.node = node

    @property
    def result_code(self) -> Optional[int]:
        """The status code, under aerospike-py's name (the same value as ``code``)."""
        return self.code


class ClientError(AerospikeError):
    """An error inside the client: not connected, closed, a local failure."""


class BackpressureError(ClientError):
    """A command waited longer than ``operation_queue_timeout_ms`` for a slot under
    ``max_concurrent_operations``."""


class RustPanicError(ClientError):
    """Kept for compatibility with aerospike-py, where it reports a panic in its Rust core;
    this client never raises it."""


class ClusterError(AerospikeError):
    """No usable node: seed hosts unreachable or unresolvable, connection failures, a
    partition without a node, a full connection pool."""


class InvalidArgError(AerospikeError):
    """An argument the library rejected (for example a TTL out of range)."""


class AerospikeTimeoutError(AerospikeError):
    """The command timed out (client or server side) or ran out of retries."""


class RecordError(AerospikeError):
    """Base class of record-level errors."""


class RecordNotFound(RecordError):
    """The record does not exist."""


class RecordExistsError(RecordError):
    """The record exists although the policy required it not to (create-only)."""


class RecordGenerationError(RecordError):
    """The record's generation does not match the expected one."""


class RecordTooBig(RecordError):
    """The record is larger than the namespace allows."""


class BinNameError(RecordError):
    """A bin name the server rejected (too long, or too many bin names)."""


class BinExistsError(RecordError):
    """The bin exists although the operation required it not to."""


class BinNotFound(RecordError):
    """The bin does not exist."""


class BinTypeError(RecordError):
    """The operation does not apply to the bin's type (for example incrementing a string)."""


class FilteredOut(RecordError):
    """The record was skipped by the command's filter expression."""


class ServerError(AerospikeError):
    """An error reported by the server that no more specific class describes."""


class AerospikeIndexError(ServerError):
    """Base class of secondary-index errors."""


class IndexNotFound(AerospikeIndexError):
    """The secondary index does not exist."""


class IndexFoundError(AerospikeIndexError):
    """The secondary index already exists."""


class QueryError(ServerError):
    """Base class of query and scan errors."""


class QueryAbortedError(QueryError):
    """The query or scan was aborted."""


class AdminError(ServerError):
    """A security or user-administration error."""


class UDFError(ServerError):
    """A user-defined function failed."""


_CLASS_BY_CODE: dict[int, type[AerospikeError]] = {
    2: RecordNotFound,
    3: RecordGenerationError,
    5: RecordExistsError,
    6: BinExistsError,
    9: AerospikeTimeoutError,
    12: BinTypeError,
    13: RecordTooBig,
    15: QueryAbortedError,
    17: BinNotFound,
    21: BinNameError,
    23: RecordError,
    24: RecordError,
    27: FilteredOut,
    # The security codes (51-56 protocol, 60-66 users and passwords, 70-75 roles, 80-83
    # login, roles, allow-list and quotas): aerospike-py raises AdminError for every one its
    # admin methods meet (61 user exists, 70 invalid role, 73 invalid allow-list, ...).
    **{code: AdminError for code in (*range(51, 57), *range(60, 67), *range(70, 76), *range(80, 84))},
    100: UDFError,
    200: IndexFoundError,
    201: IndexNotFound,
    210: QueryAbortedError,
    -1: ClientError,
    -2: InvalidArgError,
    -4: ClusterError,
    -7: ClusterError,
    -8: ClusterError,
    -10: ClusterError,
    -11: ClusterError,
    -12: AerospikeTimeoutError,
    -30: ClientError,
    -31: ClientError,
    -32: BackpressureError,
    -33: ClientError,
}


def error_class(code: int) -> type[AerospikeError]:
    """Returns the exception class for a status code.

    Args:
        code: an Aerospike status code (not 0).

    Returns:
        The mapped class; :class:`ServerError` for other positive codes, :class:`ClientError`
        for other negative ones.
    """
    cls = _CLASS_BY_CODE.get(code)
    if cls is not None:
        return cls
    return ServerError if code > 0 else ClientError


def make_error(code: int, text: str, in_doubt: bool = False, node: str = "") -> AerospikeError:
    """Builds the exception for a failed command, with aerospike-py's message format.

    Args:
        code: the status code.
        text: the library's message.
        in_doubt: whether a failed write may have been applied.
        node: the node involved, or ``""``.

    Returns:
        An instance of :func:`error_class` ``(code)``, ready to raise.
    """
    message = f"AEROSPIKE_ERR ({code}): {text}"
    if in_doubt:
        message += " [in_doubt]"
    return error_class(code)(message, code=code, msg=text, in_doubt=in_doubt, node=node)


#: AERO_ERR_PARAM: the library's code for an argument it refuses.
_ERR_PARAM = -2


def invalid_argument(text: str) -> InvalidArgError:
    """The ``InvalidArgError`` of an argument refused before anything is sent, with the
    library's parameter code (``AERO_ERR_PARAM``, -2), ready to raise."""
    return cast(InvalidArgError, make_error(_ERR_PARAM, text))


_DEPRECATED_ALIASES: dict[str, tuple[type, str]] = {
    "TimeoutError": (AerospikeTimeoutError, "AerospikeTimeoutError"),
    "IndexError": (AerospikeIndexError, "AerospikeIndexError"),
}


def __getattr__(name: str) -> type:
    """Resolves the deprecated aliases ``TimeoutError`` and ``IndexError``.

    Args:
        name: the attribute looked up.

    Returns:
        The class the alias names (the same object), after a ``DeprecationWarning``.

    Raises:
        AttributeError: for any other name.
    """
    if name in _DEPRECATED_ALIASES:
        cls, replacement = _DEPRECATED_ALIASES[name]
        warnings.warn(
            f"aerospike_py.exception.{name} is deprecated, use {replacement} instead",
            DeprecationWarning,
            stacklevel=2,
        )
        return cls
    raise AttributeError(f"module 'aerospike_py.exception' has no attribute {name!r}")


__all__ = [
    "AerospikeError",
    "ClientError",
    "BackpressureError",
    "RustPanicError",
    "ClusterError",
    "InvalidArgError",
    "AerospikeTimeoutError",
    "RecordError",
    "RecordNotFound",
    "RecordExistsError",
    "RecordGenerationError",
    "RecordTooBig",
    "BinNameError",
    "BinExistsError",
    "BinNotFound",
    "BinTypeError",
    "FilteredOut",
    "ServerError",
    "AerospikeIndexError",
    "IndexNotFound",
    "IndexFoundError",
    "QueryError",
    "QueryAbortedError",
    "AdminError",
    "UDFError",
]
