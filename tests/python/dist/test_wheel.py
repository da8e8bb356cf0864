"""The release wheel (``make wheel``): its tags and contents, and a clean install on a bare machine.

The wheel is ``$AERO_WHEEL`` (``make test`` sets it) or the one wheel in ``<repo>/dist/``; these
tests skip when neither exists. The bare-machine test installs it into a fresh virtual
environment and runs the quick start against the wheel's own ``aero-server``, inside a mount
namespace where the build machine's shared libraries of every dependency (libuv, OpenSSL,
libxcrypt, Lua, jansson, S2, Abseil) are gone: an overlay over the system library directory
whites them out. Its dependencies (cffi, msgpack) come from ``dist/wheelhouse``, which
``make wheel`` fills, so nothing is downloaded. It needs root (``unshare``, ``mount``).
"""

import os
import re
import shutil
import subprocess
import sys
import sysconfig
import textwrap
import zipfile
from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parents[3]
DIST = REPO / "dist"

#: Shared libraries of the build machine that the wheel must not need (globs in the library dir).
HIDDEN_LIBRARIES = ("libuv.so*", "libssl.so*", "libcrypto.so*", "libcrypt.so*", "liblua5.4*.so*",
                    "libjansson.so*", "libs2.so*", "libabsl_*.so*")
#: Sonames the build links against; loading any of them inside the namespace must fail.
HIDDEN_SONAMES = ("libuv.so.1", "libssl.so.3", "libcrypto.so.3", "libcrypt.so.1", "liblua5.4.so.0",
                  "libjansson.so.4", "libs2.so.0")

#: Runs inside the namespace, in the fresh venv, with a clean environment.
DRIVER = textwrap.dedent("""
    import ctypes, os, subprocess, sys
    for name in {sonames!r}:
        try:
            ctypes.CDLL(name)
        except OSError:
            continue
        sys.exit(f"{{name}} is still loadable: the namespace hides nothing")
    import aerospike_py
    from aerospike_py import _ffi
    from aerospike_py.testing import EmbeddedServer, find_server_binary
    for path in (_ffi.library_path, find_server_binary()):
        if not os.path.realpath(path).startswith(os.path.realpath(sys.prefix)):
            sys.exit(f"{{path}} is not the installed wheel's")
    if aerospike_py.__version__ != _ffi.libaero_version:
        sys.exit(f"package {{aerospike_py.__version__}} != libaero {{_ffi.libaero_version}}")
    with EmbeddedServer() as server:
        env = dict(os.environ, AEROSPIKE_HOST=server.host, AEROSPIKE_PORT=str(server.port))
        subprocess.run([sys.executable, {quickstart!r}], env=env, check=True, timeout=60)
""")


def _wheel() -> Path:
    """Returns the wheel under test, or skips when none was built."""
    env = os.environ.get("AERO_WHEEL")
    if env:
        path = Path(env)
        assert path.is_file(), f"AERO_WHEEL={env} does not exist"
        return path
    wheels = sorted(DIST.glob("aero_py-*.whl"))
    if not wheels:
        pytest.skip("no wheel in dist/ and AERO_WHEEL unset: build one with `make wheel`")
    assert len(wheels) == 1, f"several wheels in {DIST}: {wheels}"
    return wheels[0]


def _version() -> str:
    """Returns "MAJOR.MINOR.PATCH" from include/aero.h, the project's one version source."""
    header = (REPO / "include" / "aero.h").read_text(encoding="utf-8")
    return ".".join(re.search(rf"^#define AERO_VERSION_{part} +(\d+)", header, re.MULTILINE).group(1)
                    for part in ("MAJOR", "MINOR", "PATCH"))


def test_wheel_is_one_for_every_python_and_manylinux():
    wheel = _wheel()
    match = re.fullmatch(r"aero_py-(?P<version>[^-]+)-py3-none-(?P<platform>[\w.]+)\.whl", wheel.name)
    assert match, wheel.name
    assert match["version"] == _version()
    assert all(tag.startswith("manylinux_") and tag.endswith("_x86_64") for tag in match["platform"].split("."))


#: What the binaries may take from the system: glibc, and the GCC runtimes every system has.
SYSTEM_LIBRARIES = {"libc.so.6", "libm.so.6", "libstdc++.so.6", "libgcc_s.so.1", "ld-linux-x86-64.so.2"}


def test_wheel_binaries_are_stripped_small_and_need_only_glibc_or_vendored_libraries(tmp_path):
    wheel = _wheel()
    assert wheel.stat().st_size < 6 * 1024 * 1024, f"{wheel.name} is {wheel.stat().st_size} bytes"
    with zipfile.ZipFile(wheel) as archive:
        names = archive.namelist()
        vendored = {Path(name).name for name in names if name.startswith("aero_py.libs/")}
        for member in ("aerospike_py/_lib/libaero.so", "aerospike_py/_lib/aero-server", "aerospike_py/_cdef.py"):
            assert member in names
        for member in ("aerospike_py/_lib/libaero.so", "aerospike_py/_lib/aero-server"):
            target = tmp_path / Path(member).name
            target.write_bytes(archive.read(member))
            sections = subprocess.run(["readelf", "-S", "-W", str(target)], check=True,
                                      capture_output=True, text=True).stdout
            assert ".debug_info" not in sections, f"{member} carries debug info"
            dynamic = subprocess.run(["readelf", "-d", "-W", str(target)], check=True,
                                     capture_output=True, text=True).stdout
            needed = set(re.findall(r"\(NEEDED\)\s+Shared library: \[([^\]]+)\]", dynamic))
            assert needed - vendored <= SYSTEM_LIBRARIES, (member, sorted(needed - vendored))
            if member.endswith("libaero.so"):
                # libstdc++ is linked in: the wheel needs no newer one than the target system's.
                assert "libstdc++.so.6" not in needed, sorted(needed)


def _bare_machine_unavailable() -> "str | None":
    """Returns why the bare-machine test cannot run here, or None when it can."""
    if sys.platform != "linux":
        return "needs Linux mount namespaces"
    if os.geteuid() != 0:
        return "needs root to make a mount namespace (unshare -m) and an overlay over the library directory"
    for tool in ("unshare", "mount", "mknod"):
        if shutil.which(tool) is None:
            return f"needs {tool} (util-linux, coreutils)"
    probe = subprocess.run(["unshare", "--mount", "true"], capture_output=True, text=True)
    if probe.returncode != 0:  # root without CAP_SYS_ADMIN, as in an unprivileged container
        return f"cannot make a mount namespace here: {probe.stderr.strip()}"
    return None


def test_wheel_installs_and_runs_the_quick_start_without_the_build_machines_libraries(tmp_path):
    wheel = _wheel()
    reason = _bare_machine_unavailable()
    if reason:
        pytest.skip(reason)
    wheelhouse = DIST / "wheelhouse"
    assert any(wheelhouse.glob("cffi-*.whl")) and any(wheelhouse.glob("msgpack-*.whl")), \
        f"{wheelhouse} lacks the dependencies' wheels: `make wheel` downloads them"
    libdir = Path("/usr/lib") / (sysconfig.get_config_var("MULTIARCH") or "x86_64-linux-gnu")
    driver = tmp_path / "driver.py"
    driver.write_text(DRIVER.format(sonames=HIDDEN_SONAMES, quickstart=str(REPO / "examples" / "quickstart.py")))
    # The base interpreter, not this venv's: the fresh venv must see nothing of the test's.
    python = getattr(sys, "_base_executable", sys.executable)
    script = tmp_path / "bare.sh"
    script.write_text(textwrap.dedent(f"""\
        set -eu
        mkdir {tmp_path}/overlay
        mount -t tmpfs tmpfs {tmp_path}/overlay
        mkdir {tmp_path}/overlay/upper {tmp_path}/overlay/work
        cd {libdir}
        for f in {' '.join(HIDDEN_LIBRARIES)}; do
          [ -e "$f" ] || [ -L "$f" ] || continue
          mknod "{tmp_path}/overlay/upper/$f" c 0 0   # an overlay whiteout: the file is gone
        done
        mount -t overlay overlay -o lowerdir={libdir},upperdir={tmp_path}/overlay/upper,workdir={tmp_path}/overlay/work {libdir}
        cd {tmp_path}
        {python} -m venv {tmp_path}/venv
        {tmp_path}/venv/bin/python -m pip install -q --no-index --find-links {wheelhouse} {wheel}
        exec {tmp_path}/venv/bin/python -I {driver}
    """))
    env = {"PATH": "/usr/sbin:/usr/bin:/sbin:/bin", "HOME": str(tmp_path), "LANG": "C.UTF-8",
           "PIP_DISABLE_PIP_VERSION_CHECK": "1"}
    result = subprocess.run(["unshare", "--mount", "--propagation", "private", "bash", str(script)],
                            env=env, capture_output=True, text=True, timeout=150)
    print(result.stdout)  # the quick start's output, shown with -rA
    assert result.returncode == 0, f"stdout:\n{result.stdout}\nstderr:\n{result.stderr}"
    assert "get: {'name': 'Alice'" in result.stdout, result.stdout
    assert "create-only refused: RecordExistsError" in result.stdout, result.stdout
    assert "exists after remove:" in result.stdout, result.stdout
