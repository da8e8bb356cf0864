"""Builds the aerospike_py wheel: libaero and aero-server with CMake, the cffi module from aero.h.

``pip install .`` (or ``python -m build``, which builds the sdist and then the wheel from it) runs
``cmake -S . -B build-pip`` and builds the ``aero`` and ``aero-server`` targets with
``AERO_STATIC_DEPS=ON``: libxcrypt and libstdc++ (and jansson, for aero-server) are linked into
them; OpenSSL, libuv, Lua, and aero-server's S2 and Abseil are vendored by ``auditwheel repair``,
which ``make wheel`` runs (CMakeLists.txt gives the reasons). Both are then stripped and shipped
inside the package as ``aerospike_py/_lib/``, where ``aerospike_py._ffi`` and
``aerospike_py.testing`` look first. Their debug info is kept aside, in ``$AERO_DEBUG_DIR``
(default ``build-pip/debug``), laid out by build ID (``.build-id/NN/REST.debug``) as gdb's
``debug-file-directory`` expects.

cffi's ``cffi_modules`` generates ``aerospike_py/_cdef.py`` (out-of-line ABI mode) from
``include/aero.h``, so importing the package needs no compiler and parses no C. Nothing in the
wheel depends on the CPython version, so it is tagged ``py3-none-<platform>``. The version comes
from ``include/aero.h``, the same lines CMake reads for the library's version and soname. The
rest of the metadata lives in pyproject.toml. ``CMAKE_BUILD_PARALLEL_LEVEL`` sets the build's
parallelism.
"""

import os
import re
import shutil
import subprocess
from pathlib import Path

from setuptools import Distribution, setup
from setuptools.command.bdist_wheel import bdist_wheel
from setuptools.command.build_py import build_py

ROOT = Path(__file__).resolve().parent
HEADER = ROOT / "include" / "aero.h"
NATIVE_BUILD_DIR = ROOT / "build-pip"
NATIVE_TARGETS = ("aero", "aero-server")


def read_version(header: Path = HEADER) -> str:
    """Returns "MAJOR.MINOR.PATCH" from the ``AERO_VERSION_*`` defines of ``aero.h``.

    Raises:
        RuntimeError: a define is missing.
    """
    text = header.read_text(encoding="utf-8")
    parts = []
    for name in ("MAJOR", "MINOR", "PATCH"):
        match = re.search(rf"^#define AERO_VERSION_{name} +(\d+) *$", text, re.MULTILINE)
        if match is None:
            raise RuntimeError(f"{header} defines no AERO_VERSION_{name}")
        parts.append(match.group(1))
    return ".".join(parts)


def build_id(path: Path) -> str:
    """Returns the hex GNU build ID of an ELF file, read with ``readelf -n``.

    Raises:
        RuntimeError: the file has no build ID (the linker ran without ``--build-id``).
    """
    notes = subprocess.run(["readelf", "-n", str(path)], check=True, capture_output=True, text=True).stdout
    match = re.search(r"Build ID: ([0-9a-f]+)", notes)
    if match is None:
        raise RuntimeError(f"{path} has no GNU build ID")
    return match.group(1)


def install_stripped(source: Path, target: Path, debug_dir: Path) -> None:
    """Copies an ELF file to ``target`` without its debug info, which goes to ``debug_dir``.

    The debug info lands in ``debug_dir/.build-id/NN/REST.debug`` (NN: the build ID's first two
    hex digits), where gdb finds it with ``set debug-file-directory debug_dir``; the stripped copy
    keeps its build ID and a ``.gnu_debuglink`` naming that file.
    """
    ident = build_id(source)
    debug_file = debug_dir / ".build-id" / ident[:2] / f"{ident[2:]}.debug"
    debug_file.parent.mkdir(parents=True, exist_ok=True)
    subprocess.check_call(["objcopy", "--only-keep-debug", str(source), str(debug_file)])
    target.parent.mkdir(parents=True, exist_ok=True)
    subprocess.check_call(["objcopy", "--strip-debug", "--strip-unneeded",
                           f"--add-gnu-debuglink={debug_file}", str(source), str(target)])
    with open(debug_dir / "BUILD-IDS", "a", encoding="utf-8") as index:
        index.write(f"{ident} {target.name}\n")


class BuildPyWithNative(build_py):
    """build_py that also builds libaero and aero-server and copies them, stripped, into the package."""

    def run(self) -> None:
        super().run()
        self._build_native()

    def _build_native(self) -> None:
        # RelWithDebInfo (-O2 -g) is the configuration the test suites run against (and GCC 12 at
        # -O3 raises a false -Werror=restrict in core/net); the -g part is split off below.
        subprocess.check_call(["cmake", "-S", str(ROOT), "-B", str(NATIVE_BUILD_DIR),
                               "-DCMAKE_BUILD_TYPE=RelWithDebInfo", "-DAERO_TESTS=OFF",
                               "-DAERO_BENCHMARKS=OFF", "-DAERO_STATIC_DEPS=ON"])
        env = dict(os.environ)
        env.setdefault("CMAKE_BUILD_PARALLEL_LEVEL", "2")
        subprocess.check_call(["cmake", "--build", str(NATIVE_BUILD_DIR), "--target", *NATIVE_TARGETS], env=env)
        debug_dir = Path(os.environ.get("AERO_DEBUG_DIR") or NATIVE_BUILD_DIR / "debug")
        shutil.rmtree(debug_dir, ignore_errors=True)
        lib_dir = Path(self.build_lib) / "aerospike_py" / "_lib"
        # One real file: wheels cannot hold the soname symlinks, and dlopen by path needs none.
        install_stripped((NATIVE_BUILD_DIR / "libaero.so").resolve(), lib_dir / "libaero.so", debug_dir)
        server = lib_dir / "aero-server"
        install_stripped(NATIVE_BUILD_DIR / "aero-server", server, debug_dir)
        server.chmod(0o755)


class BinaryDistribution(Distribution):
    """Marks the wheel as platform-specific: it carries a native library and executable."""

    def has_ext_modules(self) -> bool:
        return True


class BdistWheelAnyPython(bdist_wheel):
    """bdist_wheel that tags the wheel ``py3-none-<platform>``.

    The native parts are loaded with cffi in ABI mode (dlopen), so no byte of the wheel depends
    on the CPython version or its ABI; only the platform tag is kept.
    """

    def get_tag(self) -> tuple[str, str, str]:
        _, _, platform = super().get_tag()
        return "py3", "none", platform


setup(
    version=read_version(),
    distclass=BinaryDistribution,
    cmdclass={"build_py": BuildPyWithNative, "bdist_wheel": BdistWheelAnyPython},
    cffi_modules=["python/aerospike_py/_ffi_build.py:make_ffibuilder"],
)
