"""The package's stubs and annotations match what it has at run time: ``mypy.stubtest`` over
``aerospike_py``, with no allowlist.

stubtest type-checks the package first (any mypy error stops it), then compares every public
name of every module, the ``.pyi`` stubs' and the annotated modules', with the imported
package: names, ``__all__``, signatures, defaults, class bases. It takes some seconds.
"""

import os
import subprocess
import sys
from pathlib import Path

REPO = Path(__file__).resolve().parents[3]


def test_stubtest_passes_without_an_allowlist(tmp_path):
    # The source tree's package first; a scratch directory as the working directory, so that
    # nothing there shadows a module and no mypy cache lands in the repository.
    env = dict(os.environ, PYTHONPATH=os.pathsep.join(
        [str(REPO / "python"), *filter(None, [os.environ.get("PYTHONPATH")])]))
    env.pop("MYPYPATH", None)
    if env.get("AERO_LIBRARY"):  # a path relative to this process's directory
        env["AERO_LIBRARY"] = os.path.abspath(env["AERO_LIBRARY"])
    result = subprocess.run([sys.executable, "-m", "mypy.stubtest", "aerospike_py"], cwd=tmp_path, env=env,
                            capture_output=True, text=True, timeout=600)
    output = result.stdout + result.stderr
    assert result.returncode == 0, f"stubtest failed (mypy comes with requirements-dev.txt):\n{output}"
    assert "Success: no issues found" in output, output
