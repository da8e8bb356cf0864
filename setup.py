"""Builds the aerospike_py wheel: libaero and aero-server with CMake, the cffi module from aero.h.

``pip install .`` runs ``cmake -S . -B build-pip`` and builds the ``aero`` and ``aero-server``
targets, then ships ``libaero.so`` and ``aero-server`` inside the package as
``aerospike_py/_lib/``, where ``aerospike_py._ffi`` and ``aerospike_py.testing`` look first.
cffi's ``cffi_modules`` generates ``aerospike_py/_cdef.py`` (out-of-line ABI mode) from
``include/aero.h``, so importing the package needs no compiler and parses no C.
The version comes from ``include/aero.h``, the same lines CMake reads for the library's version
and soname; the rest of the metadata lives in pyproject.toml. ``CMAKE_BUILD_PARALLEL_LEVEL``
sets the build's parallelism.
"""

import os
import re
import shutil
import subprocess
from pathlib import Path

from setuptools import Distribution, setup
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


class BuildPyWithNative(build_py):
    """build_py that also builds libaero and aero-server and copies them into the package."""

    def run(self) -> None:
        super().run()
        self._build_native()

    def _build_native(self) -> None:
        # RelWithDebInfo is the configuration the test suites run against (and GCC 12 at -O3 raises
        # a false -Werror=restrict in core/net).
        subprocess.check_call(["cmake", "-S", str(ROOT), "-B", str(NATIVE_BUILD_DIR),
                               "-DCMAKE_BUILD_TYPE=RelWithDebInfo", "-DAERO_TESTS=OFF"])
        env = dict(os.environ)
        env.setdefault("CMAKE_BUILD_PARALLEL_LEVEL", "2")
        subprocess.check_call(["cmake", "--build", str(NATIVE_BUILD_DIR), "--target", *NATIVE_TARGETS], env=env)
        lib_dir = Path(self.build_lib) / "aerospike_py" / "_lib"
        lib_dir.mkdir(parents=True, exist_ok=True)
        # One real file: wheels cannot hold the soname symlinks, and dlopen by path needs none.
        shutil.copyfile((NATIVE_BUILD_DIR / "libaero.so").resolve(), lib_dir / "libaero.so")
        server = lib_dir / "aero-server"
        shutil.copyfile(NATIVE_BUILD_DIR / "aero-server", server)
        server.chmod(0o755)


class BinaryDistribution(Distribution):
    """Marks the wheel as platform-specific: it carries a native library and executable."""

    def has_ext_modules(self) -> bool:
        return True


setup(
    version=read_version(),
    distclass=BinaryDistribution,
    cmdclass={"build_py": BuildPyWithNative},
    cffi_modules=["python/aerospike_py/_ffi_build.py:ffibuilder"],
)
