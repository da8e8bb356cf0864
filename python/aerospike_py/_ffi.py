"""The binding to libaero: the only module that imports cffi.

It loads the declarations (the generated ``_cdef`` module, or the header itself when running
from a source tree), opens the library, checks its ABI major against the header's, and offers
the per-thread error and result buffer the commands reuse.

Library search order (each miss is reported in the final ``OSError``):

1. the path in the environment variable ``AERO_LIBRARY``;
2. the copy shipped inside the package, ``aerospike_py/_lib/libaero.so*``;
3. the system's, through ``ctypes.util.find_library("aero")``.

``ffi`` and ``lib`` are private and untyped; the rest of the package wraps them.
"""

import ctypes.util
import importlib
import os
import threading
from pathlib import Path
from typing import Any, Callable

from .exception import AerospikeError, make_error

# ``_cdef`` is generated when the package is built (``_ffi_build.py``), so it is imported by
# name: a source tree has none.
try:
    _generated_ffi = importlib.import_module(f"{__package__}._cdef").ffi
except ImportError:  # running from a source tree: parse the header now (in-line ABI mode)
    _generated_ffi = None

ffi: Any
if _generated_ffi is not None:
    ffi = _generated_ffi
else:
    import cffi

    from ._ffi_build import read_cdef

    ffi = cffi.FFI()
    ffi.cdef(read_cdef())

_PACKAGE_LIB_DIR = Path(__file__).resolve().parent / "_lib"


def _candidates() -> list[str]:
    """Returns the library paths to try, in search order."""
    paths = []
    env = os.environ.get("AERO_LIBRARY")
    if env:
        paths.append(env)
    # Shortest name first: libaero.so, libaero.so.<abi>, libaero.so.<full version>.
    paths.extend(str(p) for p in sorted(_PACKAGE_LIB_DIR.glob("libaero.so*"), key=lambda p: len(p.name)))
    system = ctypes.util.find_library("aero")
    if system:
        paths.append(system)
    return paths


def _open_library() -> tuple[Any, str]:
    """Opens the first loadable libaero.

    Returns:
        The cffi library object and the path it was loaded from.

    Raises:
        OSError: no candidate could be loaded; the message lists each one and why.
    """
    misses = []
    for path in _candidates():
        try:
            return ffi.dlopen(path), path
        except OSError as exc:
            misses.append(f"  {path}: {exc}")
    if not misses:
        misses.append("  (no candidate: AERO_LIBRARY is unset, aerospike_py/_lib/ holds no libaero.so*, "
                      "and find_library('aero') found nothing)")
    raise OSError("cannot load libaero; tried:\n" + "\n".join(misses)
                  + "\nSet AERO_LIBRARY to the path of libaero.so, or install the package with pip.")


lib: Any
lib, library_path = _open_library()


def _check_abi() -> None:
    """Raises ImportError when the loaded library's ABI major differs from the header's."""
    loaded = lib.aero_abi_version()
    if loaded != lib.AERO_ABI_VERSION:
        raise ImportError(
            f"libaero at {library_path} has ABI version {loaded}, but aerospike_py was built for "
            f"ABI version {lib.AERO_ABI_VERSION}; install a matching libaero or point AERO_LIBRARY at one"
        )


_check_abi()

#: The linked library's version, "MAJOR.MINOR.PATCH".
libaero_version: str = ffi.string(lib.aero_version_str()).decode()

_local = threading.local()


class WatchedBuffer:
    """An ``aero_buf`` whose content's address and size libaero stores in two slots of ours
    after every call that writes it (``aero_buf_watch``), so reading a result takes no call:
    each call into libaero releases and retakes the GIL, which costs most when threads wait
    for it.

    The address slot is read as an integer, and the view of a content is sliced from a
    ``memoryview`` kept while the content stays at one address and within the size it had
    when the view was made: a slice costs a third of a new ``ffi.buffer``, and ``msgpack``
    decodes from it faster (``benchmarks/profiles.md``, "Many threads: the view of a reply").
    A slice only ever spans the current content, so the bytes it reads are the buffer's.

    Attributes:
        ptr: the ``aero_buf *`` to hand to libaero.

    Raises:
        MemoryError: the library could not allocate the buffer.
    """

    __slots__ = ("ptr", "_address", "_size", "_base", "_span", "_whole")

    def __init__(self) -> None:
        ptr = lib.aero_buf_new()
        if ptr == ffi.NULL:
            raise MemoryError("libaero could not allocate a buffer") from None
        self.ptr = ffi.gc(ptr, lib.aero_buf_destroy)
        self._address = ffi.new("uintptr_t *")
        self._size = ffi.new("size_t *")
        self._base = 0  # the address and size _whole was made for
        self._span = -1
        self._whole: Any = memoryview(b"")
        lib.aero_buf_watch(self.ptr, ffi.cast("const uint8_t **", self._address), self._size)

    def view(self) -> Any:
        """A zero-copy view of the content, valid until the next call that writes the buffer."""
        address, size = self._address[0], self._size[0]
        if address != self._base or size > self._span:
            self._base, self._span = address, size
            self._whole = memoryview(ffi.buffer(ffi.cast("const uint8_t *", address), size))
        return self._whole[:size]


def thread_state() -> tuple[Any, Any]:
    """Returns this thread's reusable ``aero_error`` and ``aero_buf``, made on first use.

    An error and a buffer belong to one call at a time (aero.h), so each thread keeps its own
    pair and no lock is needed around calls. The buffer is watched: :func:`thread_result`
    reads what the last call wrote into it.

    Returns:
        ``(err, buf)`` cdata pointers, freed when the thread's state is collected.

    Raises:
        MemoryError: the library could not allocate them.
    """
    try:
        return _local.state
    except AttributeError:
        err = lib.aero_error_new()
        if err == ffi.NULL:
            raise MemoryError("libaero could not allocate an error object") from None
        watched = WatchedBuffer()
        _local.watched = watched
        _local.state = (ffi.gc(err, lib.aero_error_destroy), watched.ptr)
        return _local.state


def thread_io() -> tuple[Any, Any, Callable[[], Any]]:
    """:func:`thread_state`'s pair and the ``view`` of its buffer (:func:`thread_result` as
    a bound method), in one lookup: for the single-record calls that run most often.

    Raises:
        MemoryError: the library could not allocate them.
    """
    try:
        return _local.io
    except AttributeError:
        err, buf = thread_state()
        _local.io = (err, buf, _local.watched.view)
        return _local.io


def thread_result() -> Any:
    """A zero-copy view of what the last call wrote into this thread's buffer (the one
    :func:`thread_state` gave), read without a call."""
    return _local.watched.view()


def error_from(err: Any) -> AerospikeError:
    """Builds the exception for the failure recorded in ``err``.

    Args:
        err: an ``aero_error *`` after a call that returned a non-zero status.

    Returns:
        The exception to raise (class chosen by status code).
    """
    return make_error(
        lib.aero_error_code(err),
        ffi.string(lib.aero_error_message(err)).decode("utf-8", "replace"),
        bool(lib.aero_error_in_doubt(err)),
        ffi.string(lib.aero_error_node(err)).decode("utf-8", "replace"),
    )


def check(rc: int, err: Any) -> None:
    """Raises the mapped exception when ``rc`` is not ``AERO_OK``.

    Args:
        rc: the status a libaero call returned.
        err: the ``aero_error *`` given to that call.

    Raises:
        AerospikeError: the subclass for the status, with code, message, in_doubt and node.
    """
    if rc:
        raise error_from(err)
