"""libaero's log lines in Python's ``logging``, under the ``aerospike_py`` logger.

libaero queues its lines (connects, nodes added and removed, partition maps applied, retries,
tend failures) and never calls into Python; a daemon thread of this package waits on the
queue's fd and hands each line to the logger with the time libaero wrote it.
"""

import logging
import select
import threading
from typing import Optional

import msgpack

from . import _constants as C
from ._ffi import WatchedBuffer, ffi, lib

logger = logging.getLogger("aerospike_py")
logging.addLevelName(5, "TRACE")

#: LOG_LEVEL_* to Python levels, as aerospike-py maps them.
PYTHON_LEVELS = {
    C.LOG_LEVEL_OFF: logging.CRITICAL + 1,
    C.LOG_LEVEL_ERROR: logging.ERROR,
    C.LOG_LEVEL_WARN: logging.WARNING,
    C.LOG_LEVEL_INFO: logging.INFO,
    C.LOG_LEVEL_DEBUG: logging.DEBUG,
    C.LOG_LEVEL_TRACE: 5,
}
_LIBAERO_LEVELS = {python: level for level, python in PYTHON_LEVELS.items()}
_DRAIN_MAX = 256

_thread: Optional[threading.Thread] = None
_thread_lock = threading.Lock()


def set_log_level(level: int) -> None:
    """Sets the level of the ``aerospike_py`` logger and of the lines libaero keeps.

    Args:
        level: a ``LOG_LEVEL_*`` constant (``LOG_LEVEL_OFF`` -1 to ``LOG_LEVEL_TRACE`` 4), or a
            standard ``logging`` level (``logging.INFO``...).

    Raises:
        ValueError: neither.
    """
    if isinstance(level, bool) or not isinstance(level, int):
        raise ValueError(f"Invalid log level: {level!r}. Expected one of the LOG_LEVEL_* constants.")
    if level in PYTHON_LEVELS:
        python_level, libaero_level = PYTHON_LEVELS[level], level
    elif level in _LIBAERO_LEVELS:
        python_level, libaero_level = level, _LIBAERO_LEVELS[level]
    else:
        raise ValueError(f"Invalid log level: {level!r}. Expected one of the LOG_LEVEL_* constants: "
                         "LOG_LEVEL_OFF (-1), LOG_LEVEL_ERROR (0), LOG_LEVEL_WARN (1), LOG_LEVEL_INFO (2), "
                         "LOG_LEVEL_DEBUG (3), LOG_LEVEL_TRACE (4).")
    logger.setLevel(python_level)
    lib.aero_log_set_level(libaero_level)
    if libaero_level != C.LOG_LEVEL_OFF:
        start_draining()


def dropped_log_count() -> int:
    """Log lines lost because libaero's queue was full (the drain thread fell behind).

    Returns:
        The count since the process started.
    """
    return int(lib.aero_log_dropped())


def start_draining() -> None:
    """Starts the thread that moves libaero's lines into ``logging`` (once per process)."""
    global _thread
    with _thread_lock:
        if _thread is not None and _thread.is_alive():
            return
        fd = lib.aero_log_fd()
        if fd < 0:
            return  # no fd: lines wait (and are dropped when the queue fills), nothing breaks
        _thread = threading.Thread(target=_drain_forever, args=(fd,), name="aerospike-py-log", daemon=True)
        _thread.start()


def drain() -> int:
    """Moves the lines waiting now into ``logging``, in the order libaero wrote them (one
    drainer at a time).

    Returns:
        How many lines were moved.
    """
    with _drain_lock:
        return _drain()


_drain_lock = threading.Lock()


def _drain() -> int:
    buf = WatchedBuffer()
    err = ffi.gc(lib.aero_error_new(), lib.aero_error_destroy)
    count = ffi.new("size_t *")
    moved = 0
    while True:
        if lib.aero_log_drain(buf.ptr, count, _DRAIN_MAX, err) != 0 or count[0] == 0:
            return moved
        for level, unix_ms, text in msgpack.unpackb(bytes(buf.view()), unicode_errors="replace"):
            python_level = PYTHON_LEVELS.get(level, logging.DEBUG)
            if logger.isEnabledFor(python_level):
                record = logger.makeRecord(logger.name, python_level, "libaero", 0, text, (), None)
                record.created = unix_ms / 1000
                record.msecs = unix_ms % 1000
                logger.handle(record)
        moved += count[0]


def _drain_forever(fd: int) -> None:
    while True:
        select.select([fd], [], [], 1.0)
        try:
            drain()
        except Exception:  # a handler that raises must not stop the lines that follow
            logger.exception("a log handler failed on a libaero line")
