"""The binding: cdef generated from aero.h, library loading, handshake, per-thread state."""

import os
import re
import subprocess
import sys
import threading
from pathlib import Path

import pytest

from aerospike_py import _ffi, _ffi_build
from aerospike_py._ffi import ffi, lib

REPO = Path(__file__).resolve().parents[3]
HEADER = (REPO / "include" / "aero.h").read_text()


def test_cdef_strips_header_noise():
    cdef = _ffi_build.cdef_from_header(HEADER)
    assert "/*" not in cdef and "//" not in cdef
    assert "AERO_EXTERN" not in cdef and 'extern "C"' not in cdef
    assert all(line.startswith("#define ") for line in cdef.splitlines() if line.startswith("#"))
    assert "#define AERO_ERR_CLIENT -1" in cdef


def test_cdef_declares_every_header_function():
    cdef = _ffi_build.cdef_from_header(HEADER)
    functions = set(re.findall(r"AERO_EXTERN[^;(]*?\b(aero_\w+)\s*\(", HEADER))
    assert functions
    assert functions == set(re.findall(r"\b(aero_\w+)\s*\(", cdef))
    cffi = pytest.importorskip("cffi")
    cffi.FFI().cdef(cdef)  # parses


def test_loaded_declarations_resolve_in_the_library():
    declared = re.findall(r"\b(aero_\w+)\s*\(", _ffi_build.read_cdef())
    missing = [name for name in declared if not hasattr(lib, name)]
    assert missing == [], f"{_ffi.library_path} was built from another aero.h"


def test_cdef_keeps_every_integer_define():
    for name, value in re.findall(r"^#define (AERO_\w+) (-?\d+)\s*$", HEADER, re.M):
        assert getattr(lib, name) == int(value), name


def test_cdef_helper_on_a_tiny_header():
    text = '/* doc */\n#ifndef X\n#define X\n#define N 3 // three\n#ifdef __cplusplus\nextern "C" {\n#endif\n' \
           'AERO_EXTERN int f(void); /** f */\n#ifdef __cplusplus\n}\n#endif\n#endif\n'
    assert _ffi_build.cdef_from_header(text) == "#define N 3\nint f(void);\n"


def test_abi_handshake_and_version():
    assert lib.aero_abi_version() == lib.AERO_ABI_VERSION
    assert _ffi.libaero_version == ffi.string(lib.aero_version_str()).decode()


def test_version_has_one_source_the_header():
    # aero_version(), aero_version_str() and the soname all come from aero.h's version lines (the
    # wheel's test checks the package version against them too).
    major, minor, patch = (lib.AERO_VERSION_MAJOR, lib.AERO_VERSION_MINOR, lib.AERO_VERSION_PATCH)
    assert lib.AERO_VERSION_NUMBER == major * 10000 + minor * 100 + patch
    assert lib.aero_version() == lib.AERO_VERSION_NUMBER
    assert _ffi.libaero_version == f"{major}.{minor}.{patch}"
    dynamic = subprocess.run(["readelf", "-d", "-W", _ffi.library_path], check=True,
                             capture_output=True, text=True).stdout
    assert f"Library soname: [libaero.so.{lib.AERO_ABI_VERSION}]" in dynamic


def test_library_search_reports_every_miss():
    code = "import aerospike_py"
    env = dict(os.environ, AERO_LIBRARY="/nonexistent/libaero.so", PYTHONPATH=str(REPO / "python"))
    result = subprocess.run([sys.executable, "-c", code], env=env, capture_output=True, text=True)
    if result.returncode == 0:
        pytest.skip("a packaged or system libaero was found after the AERO_LIBRARY miss")
    assert "OSError" in result.stderr
    assert "/nonexistent/libaero.so" in result.stderr


def test_thread_state_is_per_thread_and_reused():
    mine = _ffi.thread_state()
    assert _ffi.thread_state() is mine
    other = []
    thread = threading.Thread(target=lambda: other.append(_ffi.thread_state()))
    thread.start()
    thread.join()
    assert other[0][0] != mine[0] and other[0][1] != mine[1]


def test_watched_buffer_view_follows_the_content():
    """The view is the current content whether it grew (and moved), shrank, or grew again
    within the size of an earlier one; an empty buffer's view is empty."""
    err = ffi.gc(lib.aero_error_new(), lib.aero_error_destroy)
    out = ffi.new("aero_config **")
    _ffi.check(lib.aero_config_new(out, err), err)
    config = ffi.gc(out[0], lib.aero_config_destroy)
    buf = _ffi.WatchedBuffer()
    assert bytes(buf.view()) == b""
    for name in ("a" * 10, "b" * 5000, "c" * 3, "d" * 4000, "e" * 70000, "f"):
        _ffi.check(lib.aero_config_set(config, b"cluster_name", name.encode(), err), err)
        _ffi.check(lib.aero_config_get(buf.ptr, config, b"cluster_name", err), err)
        assert bytes(buf.view()) == name.encode()
    # Content that moved without growing (as a call that swaps the vector in would publish).
    moved = ffi.new("uint8_t[]", b"xyz")
    buf._address[0] = int(ffi.cast("uintptr_t", moved))
    buf._size[0] = 3
    assert bytes(buf.view()) == b"xyz"


def test_check_raises_mapped_exception():
    import aerospike_py

    err, _ = _ffi.thread_state()
    rc = lib.aero_config_set(ffi.NULL, b"hosts", b"h", err)
    with pytest.raises(aerospike_py.InvalidArgError) as info:
        _ffi.check(rc, err)
    assert info.value.code == lib.AERO_ERR_PARAM
    _ffi.check(0, err)


def _digest(key):
    from aerospike_py import _values

    err, _ = _ffi.thread_state()
    out = ffi.new("uint8_t[20]")
    packed, _parts = _values.pack_key(tuple(key))
    _ffi.check(lib.aero_key_digest(out, packed, len(packed), err), err)
    return bytes(out)


def test_bytes_key_digest_matches_the_official_clients():
    # aerospike-py and the official Python client digest a bytes user key with the string
    # particle type, so records written by either are found by the other.
    expected = bytes.fromhex("9a341064e99cdf4732c5fc538a47846b59870f70")
    assert _digest(["test", "compat_edge", b"\xde\xad\xbe\xef"]) == expected


def test_setup_cffi_modules_gives_the_cdef_builder(monkeypatch):
    # What pip install runs: cffi loads setup.py's cffi_modules entry (the build file, run as
    # "__cffi__") and takes an FFI with set_source applied, or calls the named function for one.
    setuptools = pytest.importorskip("setuptools")
    from cffi.setuptools_ext import add_cffi_module

    (spec,) = re.findall(r'cffi_modules=\["([^"]+)"\]', (REPO / "setup.py").read_text())
    monkeypatch.chdir(REPO)
    dist = setuptools.Distribution()
    add_cffi_module(dist, spec)  # raises DistutilsSetupError when the entry is wrong
    assert "build_py" in dist.cmdclass
